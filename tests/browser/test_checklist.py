import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import UserFactory

pytestmark = [pytest.mark.browser]


def test_ticking_an_item_updates_its_areas_progress_without_a_page_load(live_server, page: Page, content):
    UserFactory(username="checklist-candidate")
    refused = []  # the Content-Security-Policy must let htmx and the page's own styles work
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text
            else None)
    page.goto(f"{live_server.url}/checklist/")
    expect(page.get_by_text("This is a read-only view.")).to_be_visible()
    page.locator(".warning").get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill("checklist-candidate")
    page.get_by_label("Password").fill("a-strong-passphrase")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/checklist/$"))

    progress = page.get_by_test_id("progress-rag")
    expect(progress).to_have_text("0 of 7 ticked")
    page.evaluate("window.stillTheSamePage = true")

    page.get_by_role("button", name="Tick Chunking strategies").click()

    expect(progress).to_have_text("1 of 7 ticked")
    expect(page.get_by_role("button", name="Untick Chunking strategies")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("progressbar", name="RAG progress")).to_have_attribute("aria-valuenow", "1")
    expect(page.get_by_test_id("progress-agents")).to_have_text("0 of 4 ticked")
    assert page.evaluate("window.stillTheSamePage") is True, "the tick should not reload the page"

    page.reload()
    expect(page.get_by_test_id("progress-rag")).to_have_text("1 of 7 ticked")
    page.get_by_role("button", name="Untick Chunking strategies").click()
    expect(page.get_by_test_id("progress-rag")).to_have_text("0 of 7 ticked")
    assert refused == []
