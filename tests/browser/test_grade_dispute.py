"""A candidate disputes a grade from a phone; staff resolve it; the grader-quality page's agreement moves."""

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.factories import QuestionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.services]

PASSWORD = "a-strong-passphrase"
PHONE = {"width": 375, "height": 740}
ANSWER = "It keeps the attention K and V tensors of earlier tokens so each new token only computes its own."
REASON = "I said it keeps the K and V tensors of earlier tokens, which is what the rubric asks."


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def fits_the_screen(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_disputed_grade_resolved_by_staff_becomes_a_human_grade(live_server, browser: Browser, worker_process):
    question = QuestionFactory(key="kv-cache")
    UserFactory(username="candidate")
    UserFactory(username="staff", is_staff=True)
    base = live_server.url

    phone = browser.new_context(viewport=PHONE).new_page()
    log_in(phone, base, "candidate")
    phone.goto(f"{base}/practice/questions/{question.key}/")
    phone.get_by_role("button", name="Start this question").click()
    phone.get_by_label("Your answer").fill(ANSWER)
    phone.get_by_role("button", name="Submit answer").click()
    expect(phone.get_by_test_id("overall-score")).to_be_visible(timeout=30_000)
    graded = float(phone.get_by_test_id("overall-score").inner_text())
    question_url = phone.url

    phone.get_by_test_id("grader-accuracy-link").click()
    expect(phone.get_by_test_id("this-grader")).to_contain_text("offline grader")
    expect(phone.get_by_test_id("measured-saf_dev")).to_contain_text("python manage.py eval_grader --dataset")
    expect(phone.get_by_test_id("live-agreement-none")).to_be_visible()
    assert fits_the_screen(phone)
    phone.get_by_role("link", name="Back to your answer and its grade").click()

    phone.evaluate("window.stillTheSamePage = true")
    reason = phone.get_by_label("Why you disagree, in one sentence")
    reason.fill(" ")
    reason.evaluate("element => element.removeAttribute('required')")  # let the server's own message show
    phone.get_by_role("button", name="Send to staff").click()
    expect(phone.get_by_test_id("dispute-error")).to_have_text(re.compile("Say in one sentence why"))
    phone.get_by_label("Why you disagree, in one sentence").fill(REASON)
    phone.get_by_role("button", name="Send to staff").click()
    expect(phone.get_by_test_id("dispute-open")).to_contain_text(REASON)
    assert phone.evaluate("window.stillTheSamePage") is True, "the dispute is sent without a page load"
    assert fits_the_screen(phone)

    staff = browser.new_context().new_page()
    log_in(staff, base, "staff")
    staff.goto(f"{base}/practice/staff/grading/")
    expect(staff.get_by_text("No human grades yet.")).to_be_visible()
    expect(staff.get_by_test_id("open-disputes-count")).to_contain_text("1 waiting")
    staff.get_by_role("link", name="Disputed grades").click()
    staff.get_by_role("link", name="Review").click()
    expect(staff.get_by_test_id("dispute-reason")).to_contain_text(REASON)
    expect(staff.locator(".answer-text")).to_contain_text(ANSWER)
    staff.get_by_label("Your score (0-5, half points)").fill("5")
    staff.get_by_label("Short note to the candidate").fill("Right: the cache holds K and V of earlier tokens.")
    staff.get_by_role("button", name="Resolve the dispute").click()
    expect(staff.get_by_text("No disputes are waiting.")).to_be_visible()

    staff.goto(f"{base}/practice/staff/grading/")
    agreement = staff.get_by_test_id("agreement")
    expect(agreement.locator("tbody tr")).to_have_count(1)
    cells = agreement.locator("tbody tr td")
    expect(cells.nth(0)).to_have_text("offline")
    expect(cells.nth(2)).to_have_text("1")  # one human grade
    expect(cells.nth(5)).to_have_text(str(round(abs(5 - graded), 3)))  # its mean absolute difference

    phone.goto(question_url)
    outcome = phone.get_by_test_id("dispute-outcome")
    expect(outcome).to_contain_text("5.0")
    expect(outcome).to_contain_text("Right: the cache holds K and V of earlier tokens.")
    phone.get_by_test_id("grader-accuracy-link").click()
    live = phone.get_by_test_id("live-agreement")
    expect(live.locator("tbody tr td").nth(2)).to_have_text("1")
    assert fits_the_screen(phone)
