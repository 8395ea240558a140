"""Every page of the product, as each kind of user, on a small phone (320 px) and a laptop (1280 px): nothing wider
than the screen, no console error, a visible heading. A full-page screenshot of each lands in
var/screenshots/ for a person to look at (git-ignored)."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Browser, expect

from assignments.models import AssignmentPattern
from assignments.services import attempt_start
from banks.roles import instructors_group
from moderation import services as moderation_services
from playbook.models import InterviewLoop, Level
from practice.mock.services import mock_loop_start
from practice.models import GradeDispute
from questions.models import Question
from tests.banks.factories import BankFactory, BankQuestionFactory
from tests.factories import GradeFactory, PracticeSessionFactory, SessionQuestionFactory, UserFactory
from tests.moderation import samples
from tests.support.browser import session_cookie

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = {"phone": (320, 640), "laptop": (1280, 800)}  # 320 px: the narrowest phone in use; wider ones fit too
SCREENSHOTS = Path(settings.VAR_DIR) / "screenshots"


def _pages(*, candidate, instructor, staff) -> dict[str, list[tuple[str, int]]]:
    """(path, expected status) by role, over the real content plus one of each thing a user makes."""
    level = Level.objects.get(key="mid")
    loop = InterviewLoop.objects.order_by("key").first()
    question = Question.objects.filter(status=Question.Status.PUBLISHED).order_by("key").first()
    session = PracticeSessionFactory(user=candidate, category=question.category, level=level)
    graded = SessionQuestionFactory(session=session, question=question, position=1)
    # one verdict the grader is unsure of: its badge's hidden words once widened the comparison page on a phone
    item = question.rubric_items.order_by("pk").first()
    GradeFactory(answer__session_question=graded, items=[
        {"kind": item.kind, "text": item.text, "verdict": "covered", "evidence": "keeps keys", "note": "",
         "confidence": 0.5}])
    unanswered = SessionQuestionFactory(session=session, position=2,
                                        question=Question.objects.filter(category=question.category)
                                        .exclude(pk=question.pk).first())
    pattern = AssignmentPattern.objects.filter(briefs__isnull=False).order_by("key").first()
    attempt = attempt_start(user=candidate, pattern=pattern, level=level)
    mock = mock_loop_start(user=candidate, loop=InterviewLoop.objects.filter(rounds__categories__isnull=False)
                           .order_by("key").first(), level=level)
    bank = BankFactory(owner=instructor, title="RAG course, week one")
    BankQuestionFactory(bank=bank, question=question, position=0)
    upload = samples.own_jsonl({"text": "How would you evaluate a RAG system?"})
    job = moderation_services.import_job_create(filename="questions.jsonl", uploaded_by=staff, data=upload)
    moderation_services.import_job_run(job_id=job.pk)
    reddit = moderation_services.import_job_create(filename="reddit.jsonl", uploaded_by=staff,
                                                   data=samples.reddit_jsonl(samples.REDDIT_POST))
    post = moderation_services.import_job_run(job_id=reddit.pk).posts.get()
    answer_id = graded.answer.pk
    dispute = GradeDispute.objects.create(grade=graded.answer.grade, reason="My answer names both operations.")

    everyone = [("/", 200), (reverse("playbook:loops"), 200), (reverse("playbook:loop", args=[loop.key]), 200),
                (reverse("playbook:checklist"), 200), (reverse("assignments:list"), 200),
                (reverse("practice:mock_start"), 200), ("/no-such-page/", 404)]
    return {
        "visitor": [*everyone, (reverse("accounts:login"), 200), (reverse("accounts:signup"), 200)],
        "candidate": [
            *everyone, (reverse("practice:start"), 200), (unanswered.get_absolute_url(), 200),
            (graded.get_absolute_url(), 200), (reverse("practice:summary", args=[session.pk]), 200),
            (reverse("progress:dashboard"), 200), (reverse("progress:reviews"), 200),
            (reverse("progress:history"), 200), (reverse("progress:compare", args=[question.pk]), 200),
            (reverse("assignments:practice"), 200), (reverse("assignments:attempt", args=[attempt.pk]), 200),
            (reverse("practice:mock_loop", args=[mock.pk]), 200),
            (reverse("practice:mock_round", args=[mock.pk, 1]), 200),
            (reverse("practice:grade_dispute", args=[answer_id]), 200),
            (reverse("practice:grade_grader_accuracy", args=[answer_id]), 200),
            (reverse("practice:grading_docs"), 200),
            (reverse("accounts:data"), 200), (reverse("accounts:email_change"), 200),
            (reverse("banks:public"), 200), (reverse("exercises:list"), 200),
            (reverse("banks:shared", args=[bank.share_token]), 200), (reverse("banks:list"), 403),
        ],
        "instructor": [
            ("/", 200), (reverse("banks:list"), 200), (reverse("banks:detail", args=[bank.pk]), 200),
            (reverse("banks:stats", args=[bank.pk]), 200), (reverse("banks:import", args=[bank.pk]), 200),
            (reverse("banks:question_new"), 200), (reverse("moderation:queue"), 403),
        ],
        "staff": [
            ("/", 200), (reverse("practice:staff_grading"), 200), (reverse("practice:staff_answers"), 200),
            (reverse("practice:staff_answer", args=[answer_id]), 200), (reverse("practice:staff_disputes"), 200),
            (reverse("practice:staff_dispute", args=[dispute.pk]), 200), (reverse("moderation:queue"), 200),
            (reverse("moderation:upload"), 200), (reverse("moderation:job", args=[job.pk]), 200),
            (reverse("moderation:post", args=[post.job_id, post.row_number]), 200),
            (reverse("banks:list"), 200),
        ],
    }


def _check_page(page, errors: list[str], url: str, status: int, shot: Path) -> list[str]:
    """Open one page; return what is wrong with it."""
    errors.clear()
    response = page.goto(url)
    problems = []
    if response.status != status:
        problems.append(f"status {response.status}, expected {status}")
    # The browser reports an error page's own 403/404 status as a console error: that one is expected.
    problems += [f"console: {error}" for error in errors if not (status >= 400 and f"status of {status}" in error)]
    width, viewport = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if width > viewport:
        problems.append(f"{width} px wide in a {viewport} px window")
    # A table box that scrolls sideways must be reachable from the keyboard (axe: scrollable-region-focusable).
    unreachable = page.evaluate("""Array.from(document.querySelectorAll('.table-scroll'))
        .filter(box => box.scrollWidth > box.clientWidth + 1 && box.tabIndex < 0).length""")
    if unreachable:
        problems.append(f"{unreachable} table(s) scroll sideways but cannot take keyboard focus")
    # A drawing scaled down to the screen must keep its labels readable (a chart's were 5 px tall on a phone).
    tiny = page.evaluate("""Array.from(document.querySelectorAll('svg text'))
        .map(text => text.getBoundingClientRect().height).filter(height => height > 0 && height < 9).length""")
    if tiny:
        problems.append(f"{tiny} label(s) of a drawing under 9 px tall")
    heading = page.locator("h1").first
    if not heading.count() or not heading.is_visible():
        problems.append("no visible heading")
    page.screenshot(path=str(shot), full_page=True)
    return problems


@pytest.fixture
def pages_by_role(content, fast_password_hashing):
    candidate = UserFactory(username="candidate")
    instructor = UserFactory(username="instructor")
    instructor.groups.add(instructors_group(apps))
    staff = UserFactory(username="staff", is_staff=True)
    pages = _pages(candidate=candidate, instructor=instructor, staff=staff)
    users = {"visitor": None, "candidate": candidate, "instructor": instructor, "staff": staff}
    return {role: (users[role], pages[role]) for role in pages}


@pytest.mark.parametrize("width_name", WIDTHS)  # one test per width, so parallel workers share them
def test_every_page_fits_a_phone_and_a_laptop_without_errors(live_server, browser: Browser, pages_by_role,
                                                             width_name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    width, height = WIDTHS[width_name]
    for role, (user, pages) in pages_by_role.items():
        context = browser.new_context(viewport={"width": width, "height": height})
        context.add_cookies(session_cookie(user, live_server.url))
        page, errors = context.new_page(), []
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        for number, (path, status) in enumerate(pages, start=1):
            # Ids and tokens change from run to run: the name keeps the page's place and its first two words.
            words = [part for part in path.split("/") if re.fullmatch(r"[a-z-]+", part)][:2]
            shot = SCREENSHOTS / f"{width_name}-{role}-{number:02d}-{'-'.join(words) or 'home'}.png"
            found = _check_page(page, errors, live_server.url + path, status, shot)
            problems += [f"{width_name} {role} {path}: {problem}" for problem in found]
        context.close()
    assert problems == []


def test_the_menu_opens_on_a_phone_without_javascript(live_server, browser: Browser, transactional_db):
    context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    log_in = page.get_by_role("link", name="Log in", exact=True)
    expect(log_in).to_be_hidden()
    page.get_by_text("Menu", exact=True).click()
    expect(log_in).to_be_visible()
    log_in.click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    context.close()


def test_the_phone_menu_opens_from_the_keyboard_and_says_whether_it_is_open(live_server, browser: Browser,
                                                                            transactional_db):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server.url + "/")
    toggle = page.get_by_role("button", name="Menu")
    log_in = page.get_by_role("link", name="Log in", exact=True)
    expect(toggle).to_have_attribute("aria-expanded", "false")

    toggle.focus()
    page.keyboard.press("Enter")

    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(log_in).to_be_visible()
    page.keyboard.press("Space")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(log_in).to_be_hidden()
    context.close()
