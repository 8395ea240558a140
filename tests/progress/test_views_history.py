import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from practice.mock import services as mock_services
from practice.models import Answer, MockRound
from progress.selectors import HISTORY_ROWS_PER_PAGE
from tests.factories import (
    AnswerFactory,
    CategoryFactory,
    GradeFactory,
    LevelFactory,
    PracticeSessionFactory,
    QuestionFactory,
    SessionQuestionFactory,
)
from tests.practice.test_mock_loops import make_loop
from tests.progress.factories import graded_history

URL = reverse("progress:history")
# django_session, auth_user, the page of questions with answers and grades (one more to know if an older page
# exists, one before to know if its first session began on the newer page), the sessions they belong to. No count.
PAGE_QUERIES = 4


def question_links(html: str) -> list[str]:
    return re.findall(r'href="(/practice/sessions/\d+/questions/\d+/)"', html)


def test_it_rejects_post_put_and_delete(candidate_client, django_assert_num_queries):
    for method in (candidate_client.post, candidate_client.put, candidate_client.delete):
        with django_assert_num_queries(2):
            response = method(URL)
        assert response.status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(URL)

    assert response.status_code == 302 and response.url == f"{reverse('accounts:login')}?next={URL}"


def test_it_shows_every_answer_with_its_grade_and_retry_and_compare(candidate_client, candidate, cell,
                                                                    django_assert_num_queries):
    first, second, third = cell["questions"]
    session = PracticeSessionFactory(user=candidate, category=cell["category"], level=cell["level"])
    GradeFactory(answer__session_question=SessionQuestionFactory(session=session, question=first, position=1),
                 overall="3.0", key_points="4.0", trade_offs=None, failure_modes="1.5")
    AnswerFactory(session_question=SessionQuestionFactory(session=session, question=second, position=2),
                  status=Answer.Status.GRADING)
    SessionQuestionFactory(session=session, question=third, position=3)

    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    assert len(rows) == 3
    assert f'href="{reverse("practice:question", args=[session.pk, 1])}">{first.title}</a>' in rows[0]
    assert "<td><strong>3.0</strong></td><td>4.0</td><td>n/a</td>" in rows[0] and "<td>1.5</td>" in rows[0]
    assert f'href="{reverse("progress:compare", args=[first.pk])}"' in rows[0]
    assert f'action="{reverse("progress:retry", args=[first.pk])}"' in rows[0]
    assert "<td>Grading</td>" in rows[1] and f'action="{reverse("progress:retry", args=[second.pk])}"' in rows[1]
    assert "<td>Not answered</td>" in rows[2] and "Retry" not in rows[2]


def test_it_pages_by_question_and_marks_a_session_split_between_pages(candidate_client, candidate, cell,
                                                                       django_assert_num_queries):
    # Sessions of two questions: a page holds an odd number of questions, so the session at its end is split.
    sessions, questions = HISTORY_ROWS_PER_PAGE // 2 + 2, cell["questions"][:2]
    graded_history(user=candidate, questions=questions, category=cell["category"], level=cell["level"],
                   count=sessions * 2, scores=[Decimal("2.5")])

    with django_assert_num_queries(PAGE_QUERIES):
        first_page = candidate_client.get(URL).content.decode()
    with django_assert_num_queries(PAGE_QUERIES):
        second_page = candidate_client.get(URL, {"page": 2}).content.decode()

    assert first_page.count("<td><strong>2.5</strong></td>") == HISTORY_ROWS_PER_PAGE
    assert second_page.count("<td><strong>2.5</strong></td>") == 3
    assert first_page.count('class="session-block"') == sessions - 1
    assert second_page.count('class="session-block"') == 2
    assert "(continued)" not in first_page and "This session continues on the" in first_page
    assert second_page.count("(continued)") == 1 and "This session continues on the" not in second_page
    first_links, second_links = question_links(first_page), question_links(second_page)
    assert len(set(first_links + second_links)) == sessions * 2  # every question once, none on both pages
    assert first_links[-1].endswith("/questions/1/") and second_links[0].endswith("/questions/2/")
    assert "Page 1" in first_page and 'href="?page=2" hx-get="?page=2" hx-target="#history"' in first_page
    assert "?page=1" not in first_page  # no newer page before the first
    assert "Page 2" in second_page and 'href="?page=1"' in second_page and "?page=3" not in second_page


def test_a_follow_up_is_listed_after_its_session_questions_without_links(candidate_client, candidate, cell):
    first, second, _ = cell["questions"]
    session = PracticeSessionFactory(user=candidate, category=cell["category"], level=cell["level"])
    asked = SessionQuestionFactory(session=session, question=first, position=1)
    GradeFactory(answer__session_question=asked)
    GradeFactory(answer__session_question=SessionQuestionFactory(session=session, question=first, position=None,
                                                                 follow_up_of=asked), overall="2.0")
    GradeFactory(answer__session_question=SessionQuestionFactory(session=session, question=second, position=2))

    html = candidate_client.get(URL).content.decode()

    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    assert len(rows) == 3 and f'questions/1/">{first.title}</a>' in rows[0]
    assert f'questions/2/">{second.title}</a>' in rows[1]
    assert "<td>follow-up</td>" in rows[2] and "<td><strong>2.0</strong></td>" in rows[2]
    assert "href" not in rows[2] and "Retry" not in rows[2]


def test_a_mock_round_shows_once_it_is_started(candidate_client, candidate):
    senior = LevelFactory(key="senior", name="Senior")
    rag = CategoryFactory(key="llm-rag", name="LLM & RAG")
    QuestionFactory.create_batch(3, category=rag, levels=[senior])
    mock = mock_services.mock_loop_start(user=candidate, loop=make_loop([[rag], [rag]]), level=senior)

    assert "No sessions yet." in candidate_client.get(URL).content.decode()

    MockRound.objects.filter(mock_loop=mock, position=1).update(started_at=timezone.now())
    html = candidate_client.get(URL).content.decode()

    assert html.count('class="session-block"') == 1 and "Mock loop round 1: Round 1" in html
    assert "Mock loop round 2" not in html


def test_an_hx_request_gets_only_the_history_partial(candidate_client, candidate, cell, django_assert_num_queries):
    graded_history(user=candidate, questions=cell["questions"], category=cell["category"], level=cell["level"],
                   count=3)

    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(URL, headers={"HX-Request": "true", "HX-Target": "history"})

    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert html.strip().startswith('<div id="history">') and html.count("<td><strong>3.5</strong></td>") == 3


def test_it_never_shows_another_candidates_sessions(candidate_client, other_candidate, cell,
                                                    django_assert_num_queries):
    graded_history(user=other_candidate, questions=cell["questions"], category=cell["category"],
                   level=cell["level"], count=3)

    with django_assert_num_queries(PAGE_QUERIES - 1):  # with no sessions on the page: no questions to fetch
        html = candidate_client.get(URL).content.decode()

    assert "No sessions yet." in html and cell["questions"][0].title not in html


@pytest.mark.parametrize("graded", [1, 500])
def test_its_query_count_is_the_same_with_1_and_500_graded_answers(candidate_client, candidate, cell, graded,
                                                                   django_assert_num_queries):
    graded_history(user=candidate, questions=cell["questions"], category=cell["category"], level=cell["level"],
                   count=graded)

    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(URL).content.decode()

    rows = html.count("<tr>") - html.count("<thead>")
    if graded == 1:
        assert rows == 3 and html.count("<td><strong>3.5</strong></td>") == 1
    else:  # 500 = 166 sessions of 3 and the newest with one question left: 19 graded rows and that one
        assert rows == HISTORY_ROWS_PER_PAGE and html.count("<td><strong>3.5</strong></td>") == rows - 1


def test_a_page_number_that_is_not_a_number_shows_the_first_page(candidate_client, candidate, cell):
    graded_history(user=candidate, questions=cell["questions"], category=cell["category"], level=cell["level"],
                   count=3)

    for value in ("abc", "0", "-2"):
        html = candidate_client.get(URL, {"page": value}).content.decode()
        assert html.count('class="session-block"') == 1 and "pager" not in html


def test_a_page_past_the_last_links_back_to_the_newest_sessions(candidate_client, candidate, cell,
                                                                django_assert_num_queries):
    graded_history(user=candidate, questions=cell["questions"], category=cell["category"], level=cell["level"],
                   count=3)

    with django_assert_num_queries(PAGE_QUERIES - 1):
        html = candidate_client.get(URL, {"page": 5}).content.decode()

    assert 'class="session-block"' not in html and "No older sessions." in html
    assert 'href="?page=1"' in html and "?page=4" not in html and "?page=6" not in html
    huge = candidate_client.get(URL, {"page": "9" * 30})
    assert huge.status_code == 200 and "No older sessions." in huge.content.decode()


@pytest.mark.parametrize(("cookie", "shown"), [
    ("Asia/Tokyo", "7 Dec 2026 06:30 JST"),
    ("America/New_York", "6 Dec 2026 16:30 EST"),
    (None, "6 Dec 2026 21:30 UTC"),
    ("../../etc/passwd", "6 Dec 2026 21:30 UTC"),
    ("Not/AZone", "6 Dec 2026 21:30 UTC"),
])
def test_times_show_in_the_readers_time_zone_and_name_it(candidate_client, candidate, cell, cookie, shown,
                                                         django_assert_num_queries):
    """The browser stores its zone in the `tz` cookie (app.js); without a valid one, times say they are UTC."""
    session = PracticeSessionFactory(user=candidate, category=cell["category"], level=cell["level"])
    type(session).objects.filter(pk=session.pk).update(
        created_at=datetime(2026, 12, 6, 21, 30, tzinfo=UTC))
    GradeFactory(answer__session_question=SessionQuestionFactory(session=session, question=cell["questions"][0]))
    if cookie:
        candidate_client.cookies["tz"] = cookie

    with django_assert_num_queries(PAGE_QUERIES):
        response = candidate_client.get(URL)

    assert shown in response.content.decode()
