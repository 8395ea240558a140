"""From a real-shaped Reddit export to a graded answer: an admin imports the post, sees the evidence for each
question, cannot approve one without a rubric (nor put a published one without a rubric in a bank), writes the
rubric, approves, adds it to a bank, and practises it; the offline grader, in a real Celery worker, grades against
that rubric."""

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import CategoryFactory, LevelFactory, QuestionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.services]

PASSWORD = "a-strong-passphrase"
POST = {"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {
    "id": "e2e1", "title": "Cohere onsite, senior ML engineer",
    "selftext": "They asked if I had shipped a reranker to production, and then how I'd evaluate a RAG pipeline. "
                "Any advice for the final round?",
    "permalink": "/r/MachineLearning/comments/e2e1/cohere_onsite/", "created_utc": 1714560000,
    "subreddit": "MachineLearning", "author": "poster"}}]}}
ANSWER = ("I would evaluate retrieval separately from generation. First I build a golden set of questions with "
          "the passages that answer them and measure recall at k. Then I judge faithfulness of the generated "
          "answers. An LLM judge is cheaper than human review but must be calibrated against it.")


def test_an_imported_question_is_approved_with_its_rubric_put_in_a_bank_and_graded(live_server, page: Page,
                                                                                   tmp_path, worker_process):
    category, level = CategoryFactory(), LevelFactory()
    QuestionFactory(title="Approved long ago without a rubric", status="published", category=category,
                    levels=[level], rubric=[])
    UserFactory(username="admin", is_staff=True)
    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    export = tmp_path / "reddit.json"
    export.write_text(json.dumps(POST))
    page.goto(f"{base}/moderation/import/")
    page.get_by_label("File to import").set_input_files(str(export))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_test_id("job-status")).to_have_text("Done", timeout=30_000)

    page.goto(f"{base}/moderation/")
    expect(page.get_by_test_id("queue-row")).to_have_count(2)
    expect(page.get_by_test_id("unpractisable")).to_contain_text("Approved long ago without a rubric")
    # the post as it was read; a question the reader missed is added from it by hand
    page.get_by_role("link", name="How would you evaluate a RAG pipeline?").click()
    page.get_by_test_id("post-link").click()
    expect(page.get_by_test_id("post-text").locator("mark")).to_have_count(2)
    page.get_by_label("Question:").fill("Why did you choose Cohere?")
    page.get_by_label("Words of the post it comes from (optional)").fill("Cohere onsite")
    page.get_by_role("button", name="Add for review").click()
    expect(page.get_by_text("Added for review")).to_be_visible()
    expect(page.get_by_test_id("evidence")).to_contain_text("Cohere onsite")
    page.goto(f"{base}/moderation/")
    expect(page.get_by_test_id("queue-row")).to_have_count(3)
    page.get_by_role("link", name="How would you evaluate a RAG pipeline?").click()
    expect(page.get_by_test_id("evidence")).to_contain_text("how I'd evaluate a RAG pipeline")
    expect(page.get_by_test_id("no-rubric")).to_be_visible()

    # approved without a rubric: refused, it stays pending
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_text("Not approved: add at least one key point to the rubric.")).to_be_visible()

    page.get_by_label("Senior").check()
    page.get_by_label("Key points").fill("Evaluates retrieval separately from generation\n"
                                         "Builds a golden set of questions with their passages")
    page.get_by_label("Trade-offs").fill("An LLM judge is cheaper than human review but must be calibrated")
    page.get_by_label("Failure modes").fill("Judging only final answers hides retrieval misses")
    page.get_by_label("Model answer (Markdown)").fill("Measure **recall at k**, then faithfulness.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_test_id("rubric").locator("li")).to_have_count(4)
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_text("Approved and published.")).to_be_visible()

    page.get_by_role("link", name="Banks", exact=True).click()
    page.get_by_label("Title").fill("Reported at Cohere")
    page.get_by_label("Visibility").select_option("link")
    page.get_by_role("button", name="Create bank").click()
    page.get_by_label("Search titles and prompts").fill("long ago")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("button", name="Add").click()  # published, but no rubric to grade against
    expect(page.get_by_text("cannot be added to a bank yet: add at least one key point to the rubric")).to_be_visible()
    page.get_by_label("Search titles and prompts").fill("evaluate a RAG")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("button", name="Add").click()
    expect(page.get_by_test_id("bank-question")).to_have_count(1)
    expect(page.get_by_test_id("bank-question")).to_contain_text("How would you evaluate a RAG pipeline?")

    page.goto(page.get_by_test_id("share-url").get_attribute("href"))
    page.get_by_role("button", name="Practise this bank").click()
    expect(page).to_have_url(re.compile(r"/practice/sessions/\d+/questions/1/$"))
    page.get_by_label("Your answer").fill(ANSWER)
    page.get_by_role("button", name="Submit answer").click()
    expect(page.get_by_test_id("overall-score")).to_be_visible(timeout=30_000)
    expect(page.locator(".verdicts li")).to_have_count(4)
    assert float(page.get_by_test_id("overall-score").inner_text()) > 0
