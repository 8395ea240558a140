import re
from datetime import timedelta

import pytest
from django.db.models import F
from playwright.sync_api import Page, expect

from progress.models import ReviewCard
from tests.support.stack import wait_for

pytestmark = [pytest.mark.browser, pytest.mark.services]

ANSWERS = [
    "Retrieval augmented generation embeds the documents into chunks, stores the vectors in an index, retrieves the "
    "most similar chunks for each query and passes them to the model as grounding context with citations.",
    "I would measure it first.",
    "Chunk size trades recall against precision: small chunks lose context, large chunks dilute the embedding.",
]


@pytest.mark.browser_context_args(timezone_id="Asia/Tokyo")
def test_a_session_fills_the_dashboard_and_its_questions_come_back_for_review(live_server, page: Page, content,
                                                                              worker_process):
    page.goto(f"{live_server.url}/accounts/signup/")
    page.get_by_label("Username").fill("progressing-candidate")
    page.locator("#id_email").fill("candidate@example.com")
    page.locator("#id_password1").fill("Interview-ready-2026")
    page.locator("#id_password2").fill("Interview-ready-2026")
    page.get_by_role("button", name="Sign up").click()

    page.get_by_role("link", name="Progress", exact=True).click()
    expect(page.get_by_test_id("graded-count")).to_have_text("0")
    expect(page.get_by_test_id("reviews-due")).to_have_text("0")
    expect(page.get_by_text("0 scheduled")).to_be_visible()

    page.goto(f"{live_server.url}/practice/")
    page.get_by_label("Category").select_option("llm-rag")
    page.get_by_label("Level").select_option("mid")
    page.get_by_label("Questions").select_option("3")
    page.get_by_role("button", name="Start").click()
    for number, answer in enumerate(ANSWERS, start=1):
        expect(page.get_by_text(f"question {number} of 3")).to_be_visible()
        page.get_by_label("Your answer").fill(answer)
        page.get_by_role("button", name="Submit answer").click()
        expect(page.get_by_test_id("overall-score")).to_be_visible(timeout=30_000)
        if number < 3:
            page.get_by_role("link", name="Next question").click()
    # The worker schedules each question right after it commits the grade.
    wait_for(lambda: ReviewCard.objects.count() == 3, timeout=10, what="three review cards")

    page.get_by_role("link", name="Progress", exact=True).click()
    # The browser's zone, stored by app.js on the first page, names every time shown.
    expect(page.locator("table").filter(has_text="JST").first).to_be_visible()
    expect(page.get_by_test_id("graded-count")).to_have_text("3")
    expect(page.get_by_test_id("reviews-due")).to_have_text("0")
    expect(page.get_by_text("of 3 scheduled; next on")).to_be_visible()
    expect(page.get_by_test_id("score-chart").locator("circle")).to_have_count(1)  # one day of practice
    expect(page.get_by_test_id("heat-map").get_by_text("3 answers")).to_be_visible()
    expect(page.get_by_test_id("weakest-dimension")).to_be_visible()
    expect(page.locator("table.readiness")).to_contain_text("1 of")

    page.get_by_role("link", name=re.compile(r"reviews? due")).click()
    expect(page.get_by_test_id("nothing-due")).to_be_visible()
    expect(page.get_by_test_id("upcoming-reviews").locator("tbody tr")).to_have_count(3)

    # Time passes: every question falls due.
    ReviewCard.objects.update(due=F("due") - timedelta(days=30))
    page.reload()
    expect(page.get_by_test_id("due-reviews").locator("tbody tr")).to_have_count(3)
    page.get_by_role("link", name="Progress", exact=True).click()
    expect(page.get_by_test_id("reviews-due")).to_have_text("3")

    page.get_by_role("link", name="3 reviews due").click()
    page.get_by_role("button", name="Start a review session").click()
    expect(page.get_by_text("question 1 of 3")).to_be_visible()
    page.get_by_label("Your answer").fill(ANSWERS[0])
    page.get_by_role("button", name="Submit answer").click()
    expect(page.get_by_test_id("overall-score")).to_be_visible(timeout=30_000)
    wait_for(lambda: ReviewCard.objects.filter(review_count=2).count() == 1, timeout=10, what="a rescheduled card")

    page.goto(f"{live_server.url}/progress/")
    expect(page.get_by_test_id("graded-count")).to_have_text("4")
    expect(page.get_by_test_id("reviews-due")).to_have_text("2")
