"""A question open in two tabs: the second tab's answer is refused, and its text comes back to copy (htmx swaps the
409 fragment in)."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from practice.models import Answer
from tests.factories import SessionQuestionFactory, UserFactory
from tests.support.browser import session_cookie

pytestmark = [pytest.mark.browser]

FIRST = "Tab A: the KV cache keeps keys and values of earlier tokens."
SECOND = "Tab B: it trades memory for compute, and long contexts fill the GPU."


def test_the_second_tabs_answer_is_refused_and_its_text_given_back(live_server, browser: Browser, apply_async):
    user = UserFactory()
    item = SessionQuestionFactory(session__user=user, position=1)
    url = live_server.url + reverse("practice:question", args=[item.session_id, item.position])
    context = browser.new_context()
    context.add_cookies(session_cookie(user, live_server.url))
    tab_a, tab_b = context.new_page(), context.new_page()
    tab_a.goto(url)
    tab_b.goto(url)

    tab_a.get_by_label("Your answer").fill(FIRST)
    tab_a.get_by_role("button", name="Submit answer").click()
    expect(tab_a.get_by_text("Grading your answer")).to_be_visible()
    tab_b.get_by_label("Your answer").fill(SECOND)
    tab_b.get_by_role("button", name="Submit answer").click()

    expect(tab_b.get_by_text("This question was already answered; your first answer is kept.")).to_be_visible()
    expect(tab_b.locator(".answer-text")).to_contain_text(FIRST)
    expect(tab_b.get_by_label("Your unsent text:")).to_have_value(SECOND)
    assert list(Answer.objects.values_list("text", flat=True)) == [FIRST]
    context.close()
