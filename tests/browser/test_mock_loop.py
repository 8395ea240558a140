import re

import pytest
from playwright.sync_api import Page, expect

from playbook.models import Category
from tests.factories import UserFactory
from tests.practice.test_mock_loops import make_loop

pytestmark = [pytest.mark.browser, pytest.mark.services]

ANSWER = ("I would chunk the documents, embed the chunks into a vector index and retrieve the most similar ones for "
          "each query, then ground the model's answer in them with citations and measure faithfulness.")


def answer_current_question(page: Page, text: str) -> None:
    page.get_by_label("Your answer").fill(text)
    page.get_by_role("button", name="Submit answer").click()
    expect(page.get_by_test_id("overall-score")).to_be_visible(timeout=30_000)


def test_senior_mock_loop_with_a_follow_up_ends_in_a_summary(live_server, page: Page, content, worker_process):
    UserFactory(username="mock-candidate")
    make_loop([[Category.objects.get(key="llm-rag")], [Category.objects.get(key="system-design")]], key="two-rounds")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("mock-candidate")
    page.get_by_label("Password").fill("a-strong-passphrase")
    page.get_by_role("button", name="Log in").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))  # logged in before the next page is opened

    page.goto(f"{live_server.url}/practice/mock/")
    page.get_by_label("Loop").select_option("two-rounds")
    page.get_by_label("Level").select_option("senior")
    page.get_by_role("button", name="Start the loop").click()

    # Round 1: answer a question, then the interviewer's follow-up.
    page.get_by_role("link", name=re.compile(r"Start round 1")).click()
    expect(page.locator("time[data-countdown-seconds]")).to_have_text(re.compile(r"^\d+:\d\d$"))
    page.locator(".round-questions a").first.click()
    answer_current_question(page, ANSWER)
    expect(page.get_by_test_id("follow-up")).to_be_visible(timeout=30_000)
    page.get_by_role("link", name="Answer the follow-up").click()
    expect(page.get_by_role("heading", name=re.compile("^Follow-up"))).to_be_visible()
    answer_current_question(page, "Smaller chunks raise precision but lose context, so I would test sizes on an "
                                  "evaluation set and watch latency and cost as retrieval depth grows.")
    page.get_by_role("link", name=re.compile("Back to round 1")).click()
    page.get_by_role("button", name="Finish this round").click()
    # One of the round's two questions is unanswered: the page asks first (htmx swaps the warning in).
    expect(page.get_by_test_id("finish-warning")).to_contain_text("1 question in this round has no answer yet")
    page.get_by_role("button", name="Finish anyway").click()

    # Round 2.
    page.get_by_role("link", name=re.compile(r"Start round 2")).click()
    page.locator(".round-questions a").first.click()
    answer_current_question(page, ANSWER)
    page.get_by_role("link", name=re.compile("Back to round 2")).click()
    page.get_by_role("button", name="Finish this round").click()
    page.get_by_role("button", name="Finish anyway").click()

    expect(page.get_by_test_id("round-mean-1")).to_be_visible()
    expect(page.get_by_test_id("round-mean-2")).to_be_visible()
    expect(page.get_by_test_id("mock-overall")).to_be_visible()
    expect(page.get_by_test_id("round-1")).to_contain_text("1 follow-up")
    # Finishing the last round completed the loop: nothing is left to continue or end.
    expect(page.get_by_test_id("mock-complete")).to_be_visible()
    expect(page.get_by_test_id("mock-status")).to_have_text("Complete:")
    expect(page.get_by_test_id("end-loop")).to_have_count(0)
