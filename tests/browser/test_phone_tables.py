"""The three tables that were cut off on a phone (a bank's questions, a session's summary, the moderation queue):
at 360 px each row is a card, so the column that matters on each page is on screen without scrolling sideways."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser

from banks.roles import instructors_group
from moderation import services as moderation_services
from tests.banks.factories import BankFactory, BankQuestionFactory
from tests.factories import (
    CategoryFactory,
    GradeFactory,
    LevelFactory,
    PracticeSessionFactory,
    QuestionFactory,
    SessionQuestionFactory,
    UserFactory,
)
from tests.moderation import samples
from tests.support.browser import session_cookie

pytestmark = [pytest.mark.browser]

PHONE = {"width": 360, "height": 740}
LONG_TITLE = "How would you evaluate retrieval and generation separately in a RAG pipeline with a golden set?"


def _outside(page, test_id: str) -> list[str]:
    """The cells with this test id that reach past either side of the window, or are not shown at all."""
    return page.evaluate("""testId => Array.from(document.querySelectorAll(`[data-testid="${testId}"]`))
        .map(cell => cell.getBoundingClientRect())
        .filter(box => box.width === 0 || box.left < 0 || box.right > window.innerWidth)
        .map(box => `${Math.round(box.left)}-${Math.round(box.right)} px`)""", test_id)


@pytest.fixture
def pages(transactional_db, fast_password_hashing):
    from django.apps import apps

    category, level = CategoryFactory(), LevelFactory()
    questions = [QuestionFactory(title=f"{LONG_TITLE} ({n})", prompt=LONG_TITLE, category=category, levels=[level])
                 for n in range(3)]
    instructor = UserFactory(username="instructor")
    instructor.groups.add(instructors_group(apps))
    bank = BankFactory(owner=instructor)
    for position, question in enumerate(questions):
        BankQuestionFactory(bank=bank, question=question, position=position)

    candidate = UserFactory(username="candidate")
    session = PracticeSessionFactory(user=candidate, category=category, level=level)
    for position, question in enumerate(questions, start=1):
        GradeFactory(answer__session_question=SessionQuestionFactory(session=session, question=question,
                                                                     position=position))

    staff = UserFactory(username="staff", is_staff=True)
    job = moderation_services.import_job_create(filename="q.json", uploaded_by=staff, data=samples.own_json(
        {"text": "Which metrics would you track for a golden set of retrieval questions?"},
        {"text": "What does a reranker add to retrieval, and what does it cost in latency?"}))
    moderation_services.import_job_run(job_id=job.pk)
    return [
        (instructor, reverse("banks:detail", args=[bank.pk]), ["bank-question-status", "bank-question-actions"], 3),
        (candidate, reverse("practice:summary", args=[session.pk]), ["summary-score"], 3),
        (staff, reverse("moderation:queue"), ["queue-question", "nearest-similarity"], 2),
    ]


def test_the_key_columns_of_wide_tables_are_on_screen_on_a_360_px_phone(live_server, browser: Browser, pages):
    problems = []
    for user, path, test_ids, rows in pages:
        context = browser.new_context(viewport=PHONE)
        context.add_cookies(session_cookie(user, live_server.url))
        page = context.new_page()
        assert page.goto(live_server.url + path).status == 200
        for test_id in test_ids:
            count = page.get_by_test_id(test_id).count()
            if count != rows:
                problems.append(f"{path}: {count} {test_id} cells, expected {rows}")
            problems += [f"{path}: {test_id} at {where}" for where in _outside(page, test_id)]
        scrolling = page.evaluate("""Array.from(document.querySelectorAll('.table-scroll'))
            .filter(box => box.scrollWidth > box.clientWidth + 1).length""")
        if scrolling:
            problems.append(f"{path}: {scrolling} table(s) still scroll sideways")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            problems.append(f"{path}: {width} px wide")
        context.close()
    assert problems == []
