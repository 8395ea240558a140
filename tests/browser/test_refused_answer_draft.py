"""An answer the server refuses (too long) comes back in the box; leaving or reloading the page keeps it as a draft,
as for text never sent."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from practice.models import Answer
from tests.factories import SessionQuestionFactory, UserFactory
from tests.support.browser import session_cookie

pytestmark = [pytest.mark.browser]


def test_a_refused_answer_is_kept_as_a_draft_when_the_page_is_left(live_server, browser: Browser, settings):
    settings.ANSWER_MAX_CHARS = 200
    too_long = "The KV cache keeps the keys and values of earlier tokens. " * 5  # 290 characters
    user = UserFactory()
    item = SessionQuestionFactory(session__user=user, position=1)
    url = live_server.url + reverse("practice:question", args=[item.session_id, item.position])
    context = browser.new_context()
    context.add_cookies(session_cookie(user, live_server.url))
    page = context.new_page()
    page.goto(url)

    page.get_by_label("Your answer").fill(too_long)
    page.get_by_role("button", name="Submit answer").click()
    expect(page.get_by_text("the limit is 200")).to_be_visible()
    expect(page.get_by_label("Your answer")).to_have_value(too_long)

    page.goto(live_server.url + reverse("progress:dashboard"))  # away, then back to the question
    page.goto(url)
    expect(page.get_by_test_id("draft-restored")).to_be_visible()
    expect(page.get_by_label("Your answer")).to_have_value(too_long)
    assert not Answer.objects.exists()
    context.close()
