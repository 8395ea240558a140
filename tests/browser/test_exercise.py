"""The coding round in the browser: Pyodide in a Web Worker, served from our own static files, with no network."""

import json
import os
import re
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from practice.exercises.vendor import vendor_folder
from progress.models import ReviewCard
from tests.factories import UserFactory
from tests.support.stack import require

pytestmark = [pytest.mark.browser]

WRONG = "def merge(ranges):\n    return sorted(ranges)\n"
RIGHT = (
    "def merge(ranges):\n"
    "    merged = []\n"
    "    for start, end in sorted(ranges):\n"
    "        if merged and start <= merged[-1][1]:\n"
    "            merged[-1] = (merged[-1][0], max(merged[-1][1], end))\n"
    "        else:\n"
    "            merged.append((start, end))\n"
    "    return merged\n"
)
SOLUTION_TOP_K = (
    "import math\n\n"
    "def top_k(query, docs, k):\n"
    "    norm = lambda v: math.sqrt(sum(x * x for x in v))\n"
    "    scored = [(-sum(a * b for a, b in zip(query, d)) / (norm(query) * norm(d)), i)\n"
    "              for i, d in enumerate(docs) if any(d)]\n"
    "    return [i for _, i in sorted(scored)[:max(k, 0)]]\n"
)
LOOPS_FOREVER = "def merge(ranges):\n    while True:\n        pass\n"
EXPLANATION = (
    "I sort the ranges by start, then merge in one pass, extending the last range with the max of the ends so a "
    "range inside another does not shorten it. Sorting is O(n log n) time and the result takes O(n) space. Edge "
    "cases: an empty list, touching ranges, a range contained in another and unsorted input; sorted() keeps the "
    "caller's list intact."
)


@pytest.fixture
def served_by_whitenoise(live_server):
    """Static files through the app's own middleware (whitenoise and its cache headers), as in production, instead
    of the live server's static handler."""
    from django.core.handlers.wsgi import WSGIHandler

    server = live_server.thread.httpd
    original = server.get_app()
    server.set_app(WSGIHandler())
    yield live_server
    server.set_app(original)


@pytest.fixture
def offline_page(page: Page, served_by_whitenoise):
    """The page, with every request that leaves this machine refused (and remembered, so a test can check)."""
    require((vendor_folder() / "pyodide" / "pyodide.asm.wasm").exists(),
            "Pyodide is not in static/vendor (make vendor fetches it; make test and make run do so)")
    refused: list[str] = []

    def only_loopback(route):
        if urlparse(route.request.url).hostname in {"127.0.0.1", "localhost"}:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/*", only_loopback)
    page.refused_requests = refused
    return page


def log_in_and_open(page: Page, live_server, exercise_title: str) -> None:
    UserFactory(username="coder")
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("Username").fill("coder")
    page.get_by_label("Password").fill("a-strong-passphrase")
    page.get_by_role("button", name="Log in").click()
    # Wait for the log-in's own redirect to land: a goto while it loads aborts it, a failed request to the test
    # below that counts them (a CI run saw /practice/ aborted).
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/practice/exercises/")
    page.get_by_role("row", name=re.compile(exercise_title)).get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", name=exercise_title)).to_be_visible()
    expect(page.locator(".cm-editor")).to_be_visible()
    # The editor's own styles came through the Content-Security-Policy (a <style> element with the page's nonce).
    expect(page.locator(".cm-scroller")).to_have_css("display", "flex")


def type_code(page: Page, code: str) -> None:
    page.locator(".cm-content").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(code)


def run_examples(page: Page) -> None:
    count = page.evaluate("window.exerciseTimings.runs.length")
    page.get_by_role("button", name="Run the examples").click()
    # Polled from the test, not with wait_for_function: that evaluates a string in the page, which the CSP refuses.
    deadline = time.monotonic() + 30
    while page.evaluate("window.exerciseTimings.runs.length") <= count:
        assert time.monotonic() < deadline, "the run did not finish within 30 s"
        page.wait_for_timeout(25)


@pytest.mark.services
def test_candidate_runs_fails_submits_and_sees_score_history_and_review(offline_page, live_server, content,
                                                                        worker_process, settings):
    settings.EXERCISE_RUN_SECONDS = 2
    page = offline_page
    log_in_and_open(page, live_server, "Merge overlapping time ranges")

    type_code(page, WRONG)
    page.wait_for_timeout(600)  # the draft is kept shortly after typing stops
    page.reload()  # a reload (or a closed tab) keeps the code typed so far
    expect(page.get_by_test_id("draft-restored")).to_be_visible()
    expect(page.locator(".cm-content")).to_contain_text("return sorted(ranges)")
    run_examples(page)
    failing = page.get_by_test_id("test-result").filter(has_text="test_example_from_the_statement")
    expect(failing).to_contain_text("failed")
    expect(failing).to_contain_text("expected [(1, 4), (5, 8)], got [(1, 3), (2, 4), (5, 8)]")

    type_code(page, "def merge(ranges)\n    return ranges\n")  # a missing colon: nothing can run
    run_examples(page)
    expect(page.get_by_test_id("run-output")).to_contain_text("Your code could not be loaded: ")
    expect(page.get_by_test_id("run-output")).to_contain_text("SyntaxError")
    expect(page.get_by_test_id("run-output")).not_to_contain_text("0 of 0 passed")

    type_code(page, LOOPS_FOREVER)
    run_examples(page)
    expect(page.get_by_test_id("run-output")).to_have_text("Stopped after 2 s: an infinite loop?")

    settings.EXERCISE_RUN_SECONDS = 60
    page.reload()
    runs = page.evaluate("window.exerciseTimings.runs.length")
    page.get_by_role("button", name="Run the examples").click()
    page.get_by_role("button", name="Stop", exact=True).click()  # long before the 60 s limit
    expect(page.get_by_test_id("run-output")).to_have_text("Stopped: you stopped the run before the tests finished.")
    expect(page.get_by_role("button", name="Stop", exact=True)).to_be_hidden()
    expect(page.get_by_role("button", name="Run the examples")).to_be_focused()
    assert page.evaluate("window.exerciseTimings.runs.length") == runs + 1

    type_code(page, RIGHT)
    run_examples(page)  # a fresh worker replaced the stopped one
    expect(page.get_by_test_id("run-output")).to_contain_text("Examples: 2 of 2 passed")

    # An empty explanation is refused in the browser, before the hidden tests are fetched and run.
    runs = page.evaluate("window.exerciseTimings.runs.length")
    page.get_by_role("button", name=re.compile("^Submit")).click()
    expect(page.get_by_role("alert")).to_have_text("Your answer is empty. Write your answer, then submit it.")
    expect(page.get_by_label("Explain your solution as you would out loud")).to_be_focused()
    assert page.evaluate("window.exerciseTimings.runs.length") == runs

    page.get_by_label("Explain your solution as you would out loud").fill(EXPLANATION)
    page.get_by_role("button", name=re.compile("^Submit")).click()
    expect(page.get_by_test_id("hidden-summary")).to_contain_text("6 of 6")
    expect(page.get_by_test_id("overall-score")).to_be_visible(timeout=30_000)
    expect(page.get_by_test_id("score-rule")).to_contain_text("hidden tests 3.5 of 3.5")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('playbook-draft:')).length") == 0
    page.get_by_text("Show the reference solution").click()
    expect(page.get_by_test_id("reference-solution")).to_contain_text("merged.append((start, end))")

    page.goto(f"{live_server.url}/progress/history/")
    expect(page.get_by_role("link", name="Merge overlapping time ranges")).to_be_visible()
    page.get_by_role("link", name="Compare attempts").first.click()
    expect(page.get_by_test_id("comparison")).to_contain_text("6 of 6")
    card = ReviewCard.objects.get(user__username="coder", question__key="exercise-merge-intervals")
    assert card.due is not None
    page.goto(f"{live_server.url}/progress/reviews/")
    expect(page.get_by_text("Merge overlapping time ranges")).to_be_visible()
    assert page.refused_requests == []


def test_an_exercise_with_a_scripted_fake_llm_runs_its_support_code_in_the_worker(offline_page, live_server,
                                                                                   content):
    from practice.exercises.models import Exercise

    page = offline_page
    log_in_and_open(page, live_server, "A tool-calling agent loop")
    type_code(page, "def run_agent(llm, tools, question, max_steps=5):\n    return {}\n")
    run_examples(page)
    expect(page.get_by_test_id("run-output")).to_contain_text("Examples: 0 of 2 passed")
    expect(page.get_by_test_id("run-output")).to_contain_text("KeyError: 'answer'")

    type_code(page, Exercise.objects.get(key="tool-calling-loop").solution)  # longer than the editor: it scrolls
    run_examples(page)
    expect(page.get_by_test_id("run-output")).to_contain_text("Examples: 2 of 2 passed")
    assert page.refused_requests == []


def test_runs_start_fast_from_our_own_cached_files(browser_type, browser_type_launch_args, served_by_whitenoise,
                                                   content, tmp_path):
    """The vendored files come back with long-lived cache headers, so a second visit starts Python from the browser
    cache. The browser keeps a profile on disk as a candidate's does (an incognito context's memory cache drops
    Pyodide's 8 MB WebAssembly file), and the network is kept out with a proxy that goes nowhere (loopback bypasses
    it): Playwright turns the HTTP cache off while page.route is active. The timings are written for `make bench`
    (EXERCISE_TIMINGS_FILE), which reports them against the targets."""
    require((vendor_folder() / "pyodide" / "pyodide.asm.wasm").exists(),
            "Pyodide is not in static/vendor (make vendor fetches it; make test and make run do so)")
    context = browser_type.launch_persistent_context(
        tmp_path / "profile", **browser_type_launch_args,
        proxy={"server": "http://127.0.0.1:9", "bypass": "127.0.0.1,localhost"},
    )
    page = context.new_page()
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    vendor_headers = {}
    page.on("response", lambda r: vendor_headers.setdefault(r.url.rsplit("/", 1)[-1], r.headers)
            if "/static/vendor/" in r.url else None)
    log_in_and_open(page, served_by_whitenoise, "Top-k retrieval by cosine similarity")
    run_examples(page)
    expect(page.get_by_test_id("run-output")).to_contain_text("NotImplementedError")
    for name in ("editor.js", "pyodide.js", "pyodide.asm.wasm", "python_stdlib.zip"):
        assert vendor_headers[name]["cache-control"] == "max-age=31536000, public, immutable", name

    page.reload()
    expect(page.locator(".cm-editor")).to_be_visible()
    run_examples(page)  # the first run on a warm cache, clicked as soon as the page shows
    cached = page.evaluate("window.exerciseTimings.cachedFiles")
    assert {"pyodide.asm.wasm", "pyodide.asm.js", "python_stdlib.zip"} <= set(cached), f"not cached: {cached}"
    type_code(page, SOLUTION_TOP_K)
    for _ in range(5):
        run_examples(page)
    expect(page.get_by_test_id("run-output")).to_contain_text("Examples: 2 of 2 passed")
    timings = page.evaluate("window.exerciseTimings")
    assert failed == []
    context.close()
    if os.environ.get("EXERCISE_TIMINGS_FILE"):
        Path(os.environ["EXERCISE_TIMINGS_FILE"]).write_text(json.dumps(
            {"first_run_warm_ms": timings["runs"][0], "later_runs_ms": timings["runs"][1:],
             "python_start_warm_ms": timings["boots"][0], "pyodide_load_warm_ms": timings["pyodideLoads"][0],
             "files_from_cache": cached}
        ))
