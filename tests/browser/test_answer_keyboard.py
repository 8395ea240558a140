"""Ctrl+Enter (Cmd+Enter on a Mac) in an answer box sends the answer, as the Submit button does."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, expect

from practice.models import Answer
from tests.factories import SessionQuestionFactory, UserFactory
from tests.support.browser import session_cookie

pytestmark = [pytest.mark.browser]

ANSWER = "The KV cache keeps the keys and values of earlier tokens, so each new token computes only its own."


@pytest.mark.parametrize("keys", ["Control+Enter", "Meta+Enter"])
def test_the_keyboard_shortcut_submits_the_answer_without_a_page_load(live_server, browser: Browser, apply_async,
                                                                       keys):
    user = UserFactory()
    item = SessionQuestionFactory(session__user=user, position=1)
    context = browser.new_context()
    context.add_cookies(session_cookie(user, live_server.url))
    page = context.new_page()
    page.goto(live_server.url + reverse("practice:question", args=[item.session_id, item.position]))

    box = page.get_by_label("Your answer")
    on_a_mac = page.evaluate("/Mac|iPhone|iPad/.test(navigator.platform)")
    expect(page.get_by_test_id("submit-hint")).to_have_text(f"{'Cmd' if on_a_mac else 'Ctrl'}+Enter to submit")
    page.evaluate("window.stillTheSamePage = true")
    box.fill(ANSWER)
    box.press(keys)

    expect(page.get_by_text("Grading your answer")).to_be_visible()
    expect(page.locator(".answer-text")).to_contain_text(ANSWER)
    assert page.evaluate("window.stillTheSamePage") is True, "sent over htmx, as the button does"
    assert list(Answer.objects.values_list("text", flat=True)) == [ANSWER]
    apply_async.assert_called_once()
    context.close()
