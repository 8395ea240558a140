"""Hostile content from an import never runs: an admin imports and approves it, and the pages that show it hold
no script, no event handler and no javascript: link, and no dialog ever opens."""

import json
import re

import pytest
from playwright.sync_api import Page, expect

from questions.models import Question, RubricItem
from tests.factories import CategoryFactory, LevelFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.services]

PASSWORD = "a-strong-passphrase"
OWN_ROWS = [
    {"text": "How would you stop <script>alert('script tag')</script> prompt injection in an agent?",
     "category": "llm-rag", "level": "senior"},
    {"text": 'Why is <img src="x" onerror="alert(\'onerror\')"> a classic XSS vector for chat UIs?',
     "category": "llm-rag", "level": "senior"},
    {"text": "Explain [this link](javascript:alert('js link')) and <a href=\"javascript:alert('a href')\">this "
             "one</a> in a code review.", "category": "llm-rag", "level": "senior"},
    {"text": "What does <svg onload=\"alert('svg')\"></svg><b onmouseover=\"alert('hover')\">bold</b> render as?",
     "category": "llm-rag", "level": "senior"},
]
REDDIT = {"kind": "Listing", "data": {"children": [{"kind": "t3", "data": {
    "title": "OpenAI onsite, LLM engineer",
    "selftext": "1. How would you sandbox <iframe src=\"javascript:alert('iframe')\"></iframe> tool output?\n"
                "2. Why can <details open ontoggle=\"alert('toggle')\">HTML</details> in model output be unsafe?",
    "permalink": "/r/LocalLLaMA/comments/hostile/", "created_utc": 1714560000, "subreddit": "LocalLLaMA"}}]}}
HOSTILE_ATTRIBUTES = """root => [...root.querySelectorAll('*')].flatMap(el => [...el.attributes]
    .filter(a => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value)).map(a => el.tagName + ' ' + a.name))"""


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def upload(page: Page, base: str, tmp_path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content)
    page.goto(f"{base}/moderation/import/")
    page.get_by_label("File to import").set_input_files(str(path))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_test_id("progress")).to_be_visible()
    page.evaluate("window.stillTheSamePage = true")
    expect(page.get_by_test_id("job-status")).to_have_text("Done", timeout=30_000)  # a Celery worker ran it
    assert page.evaluate("window.stillTheSamePage") is True, "progress should update without a page load"
    expect(page.get_by_test_id("report-csv")).to_be_visible()


def assert_harmless(page: Page, selector: str) -> None:
    root = page.locator(selector).first
    expect(root).to_be_visible()
    assert root.locator("script, iframe, svg, img").count() == 0
    assert root.evaluate(HOSTILE_ATTRIBUTES) == []


def test_imported_hostile_content_is_rendered_inert_after_approval(live_server, page: Page, tmp_path,
                                                                    worker_process):
    CategoryFactory(), LevelFactory()
    UserFactory(username="admin", is_staff=True)
    UserFactory(username="learner")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    base = live_server.url

    log_in(page, base, "admin")
    upload(page, base, tmp_path, "hostile.json", json.dumps(OWN_ROWS))
    upload(page, base, tmp_path, "reddit.json", json.dumps(REDDIT))
    # a question needs a rubric to be approved; this test is about rendering, so give each one a key point
    RubricItem.objects.bulk_create(RubricItem(question=question, kind="key_point", text="Names the risk")
                                   for question in Question.objects.filter(status="pending_review"))
    page.get_by_role("link", name="Moderation", exact=True).click()
    expect(page.get_by_test_id("queue-row")).to_have_count(6)
    for box in page.locator("main").get_by_role("checkbox").all():
        box.check()
    page.get_by_role("button", name="Approve selected").click()
    expect(page.get_by_text("6 questions approved and published.")).to_be_visible()
    page.get_by_role("button", name="Log out").click()

    log_in(page, base, "learner")
    page.goto(f"{base}/practice/")
    page.get_by_label("Category").select_option("llm-rag")
    page.get_by_label("Level").select_option("senior")
    page.get_by_label("Questions").select_option("10")
    page.get_by_role("button", name="Start").click()
    session_path = re.sub(r"questions/1/$", "", page.url)
    shown = []
    for position in range(1, 7):
        page.goto(f"{session_path}questions/{position}/")
        assert_harmless(page, "article.question")
        page.locator("article.question .prompt").hover()  # would fire an onmouseover that slipped through
        shown.append(page.locator("article.question .prompt").inner_text())
    text = " ".join(shown)
    # the words are all there, as text: only the markup that could run was removed
    for words in ("prompt injection in an agent", "classic XSS vector", "this link", "bold", "tool output",
                  "in model output be unsafe"):
        assert words in text, words
    assert dialogs == [], f"a dialog fired: {dialogs}"
