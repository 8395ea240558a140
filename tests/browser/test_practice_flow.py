import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.services]

ANSWERS = [
    "Retrieval augmented generation embeds the documents into chunks, stores the vectors in an index, retrieves the "
    "most similar chunks for each query and passes them to the model as grounding context with citations. The "
    "trade-off is latency and cost against answer quality, and it fails when retrieval returns irrelevant chunks.",
    "I would start by measuring the problem with an evaluation set, then change one thing at a time.",
    "Chunk size trades recall against precision: small chunks lose context, large chunks dilute the embedding.",
]


def test_new_candidate_completes_a_session_and_sees_feedback_without_reload(live_server, page: Page, content,
                                                                           worker_process):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill("new-candidate")
    page.locator("#id_email").fill("candidate@example.com")
    page.locator("#id_password1").fill("Interview-ready-2026")
    page.locator("#id_password2").fill("Interview-ready-2026")
    page.get_by_role("button", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/practice/$"))

    page.get_by_label("Category").select_option("llm-rag")
    page.get_by_label("Level").select_option("mid")
    page.get_by_label("Questions").select_option("3")
    page.get_by_role("button", name="Start").click()

    for number, answer in enumerate(ANSWERS, start=1):
        expect(page.get_by_text(f"question {number} of 3")).to_be_visible()
        expect(page.locator("time[data-timer-since]")).to_have_text(re.compile(r"^\d+:\d\d$"))
        page.get_by_label("Your answer").fill(answer)
        if number == 1:  # a reload keeps what was typed and not sent
            page.wait_for_timeout(600)
            page.reload()
            expect(page.get_by_test_id("draft-restored")).to_be_visible()
            expect(page.get_by_label("Your answer")).to_have_value(answer)
        page.evaluate("window.stillTheSamePage = true")
        page.get_by_role("button", name="Submit answer").click()

        expect(page.get_by_text("Grading your answer").or_(page.get_by_test_id("overall-score"))).to_be_visible()
        expect(page.get_by_test_id("overall-score")).to_be_visible(timeout=30_000)
        assert page.evaluate("window.stillTheSamePage") is True, "feedback should arrive without a page load"
        assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('playbook-draft:')).length") == 0
        expect(page.get_by_text("Rubric, point by point")).to_be_visible()
        expect(page.locator(".verdicts li").first).to_be_visible()
        page.get_by_text("Show the model answer").click()
        expect(page.locator(".model-answer p").first).to_be_visible()
        if number < 3:
            page.get_by_role("link", name="Next question").click()
        if number == 1:  # Back shows the graded question as a page, not the grade fragment its polling fetched
            expect(page.get_by_text("question 2 of 3")).to_be_visible()
            page.go_back()
            expect(page.get_by_role("banner")).to_be_visible()
            expect(page.get_by_test_id("overall-score")).to_be_visible()
            assert page.evaluate("document.styleSheets.length") > 0
            page.go_forward()

    page.get_by_role("link", name="Session summary").first.click()
    expect(page.get_by_role("heading", name="Session summary")).to_be_visible()
    expect(page.get_by_test_id("mean-score")).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(3)
