import re

import pytest
from playwright.sync_api import Page, expect

from tests.banks.conftest import make_instructor
from tests.factories import CategoryFactory, LevelFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.services]

PASSWORD = "a-strong-passphrase"
ANSWER = ("I would evaluate retrieval separately from generation: build a golden set of questions with the "
          "passages that answer them, measure recall at k for retrieval, then judge faithfulness of the answers. "
          "Human review is accurate but slow, so I would calibrate an LLM judge against it.")


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_an_instructor_publishes_a_question_in_a_bank_and_a_candidate_practises_it(live_server, page: Page,
                                                                                  worker_process):
    CategoryFactory(), LevelFactory()
    make_instructor(username="teacher")
    UserFactory(username="learner")
    base = live_server.url

    log_in(page, base, "teacher")
    page.get_by_role("link", name="Banks", exact=True).click()
    page.get_by_label("Title").fill("Week 1: RAG")
    page.get_by_label("Visibility").select_option("link")
    page.get_by_role("button", name="Create bank").click()
    expect(page.get_by_role("heading", name="Week 1: RAG")).to_be_visible()

    page.get_by_role("link", name="Write a new question").click()
    page.get_by_label("Title").fill("Evaluate a retrieval pipeline")
    page.get_by_label("Question (Markdown)").fill("How would you **evaluate** the retrieval step of a RAG system?\n\n"
                                                  "- recall\n- precision")
    expect(page.locator("#preview strong")).to_have_text("evaluate")  # the live preview, no reload
    # a list looks as it will on the candidate's page: a bullet per item, one under the other
    items = page.locator("#preview li")
    expect(items).to_have_count(2)
    assert items.first.evaluate("li => getComputedStyle(li).listStyleType") == "disc"
    assert items.nth(1).bounding_box()["y"] > items.first.bounding_box()["y"]
    page.get_by_label("Category").select_option("llm-rag")
    page.get_by_label("Senior").check()
    page.get_by_label("Key points").fill("Builds a golden set of questions with their answering passages\n"
                                         "Measures recall at k for retrieval")
    page.get_by_label("Trade-offs").fill("Human review is accurate but slower than an LLM judge")
    page.get_by_label("Failure modes").fill("Judging only the final answer hides retrieval misses")
    page.get_by_label("Guidance to the grader").fill("Accept any named retrieval metric.")
    page.get_by_role("button", name="Save and publish").click()

    expect(page.get_by_text("Question published")).to_be_visible()
    row = page.get_by_test_id("bank-question")
    expect(row).to_contain_text("Evaluate a retrieval pipeline")
    expect(row).to_contain_text("Published")
    share_url = page.get_by_test_id("share-url").get_attribute("href")
    page.get_by_role("button", name="Log out").click()

    log_in(page, base, "learner")
    page.goto(share_url)
    expect(page.get_by_role("heading", name="Week 1: RAG")).to_be_visible()
    page.get_by_role("button", name="Practise this bank").click()
    expect(page).to_have_url(re.compile(r"/practice/sessions/\d+/questions/1/$"))
    expect(page.get_by_role("heading", name="Evaluate a retrieval pipeline")).to_be_visible()
    expect(page.locator(".prompt strong")).to_have_text("evaluate")
    page.get_by_label("Your answer").fill(ANSWER)
    page.get_by_role("button", name="Submit answer").click()
    expect(page.get_by_test_id("overall-score")).to_be_visible(timeout=30_000)
    expect(page.locator(".verdicts li")).to_have_count(4)
