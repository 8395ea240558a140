"""After an htmx swap replaces the part of the page that held the focus, the focus goes to the new region (app.js),
not back to the top of the page, and the region is scrolled into view."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from progress.selectors import HISTORY_ROWS_PER_PAGE
from tests.factories import CategoryFactory, LevelFactory, QuestionFactory, UserFactory
from tests.progress.factories import graded_history
from tests.support.browser import session_cookie

pytestmark = [pytest.mark.browser]

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def candidate_with_two_pages(transactional_db, fast_password_hashing):
    category, level = CategoryFactory(), LevelFactory()
    questions = QuestionFactory.create_batch(3, category=category, levels=[level])
    candidate = UserFactory()
    graded_history(user=candidate, questions=questions, category=category, level=level,
                   count=HISTORY_ROWS_PER_PAGE + 6)
    return candidate


def test_older_on_history_puts_the_focus_on_the_new_page_and_shows_its_top(live_server, browser: Browser,
                                                                              candidate_with_two_pages):
    context = browser.new_context(viewport=PHONE)
    context.add_cookies(session_cookie(candidate_with_two_pages, live_server.url))
    page = context.new_page()
    page.goto(live_server.url + reverse("progress:history"))

    older = page.get_by_role("link", name="Older")
    older.focus()
    page.keyboard.press("Enter")

    expect(page).to_have_url(live_server.url + reverse("progress:history") + "?page=2")
    expect(page.get_by_text("Page 2")).to_be_visible()
    focused = page.locator("#history :focus")
    expect(focused).to_have_count(1)
    assert focused.evaluate("el => el.tagName") == "H2"  # the first session of the older page
    top = focused.evaluate("el => el.getBoundingClientRect().top")
    assert 0 <= top < PHONE["height"]
    context.close()
