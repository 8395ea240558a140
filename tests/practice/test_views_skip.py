"""Skipping a question: on to the next open one, marked skipped in the summary, in no progress figure."""

import pytest
from django.urls import reverse

from practice.models import SessionQuestion
from progress.models import ReviewCard
from progress.selectors import graded_attempts
from tests.factories import GradeFactory, PracticeSessionFactory, SessionQuestionFactory

# django_session, auth_user, the question to skip (with its session and answer), the update, the open questions.
SKIP_QUERIES = 5


@pytest.fixture
def session(candidate, cell):
    """Three questions: the first graded, the other two open."""
    session = PracticeSessionFactory(user=candidate, category=cell["category"], level=cell["level"])
    for position, question in enumerate(cell["questions"], start=1):
        SessionQuestionFactory(session=session, question=question, position=position)
    GradeFactory(answer__session_question=session.items.get(position=1), overall="3.0")
    return session


def skip_url(session, position: int) -> str:
    return reverse("practice:skip", args=[session.pk, position])


def question_url(session, position: int) -> str:
    return reverse("practice:question", args=[session.pk, position])


def test_it_only_takes_posts(candidate_client, session, django_assert_num_queries):
    with django_assert_num_queries(2):
        response = candidate_client.get(skip_url(session, 2))

    assert response.status_code == 405
    assert session.items.get(position=2).skipped_at is None


def test_it_sends_an_anonymous_visitor_to_log_in_and_skips_nothing(client, session, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.post(skip_url(session, 2))

    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert session.items.get(position=2).skipped_at is None


def test_it_cannot_skip_in_another_candidates_session(client, other_candidate, session, django_assert_num_queries):
    client.force_login(other_candidate)

    with django_assert_num_queries(3):
        response = client.post(skip_url(session, 2))

    assert response.status_code == 404
    assert session.items.get(position=2).skipped_at is None


def test_skipping_moves_on_to_the_next_question(candidate_client, session, django_assert_num_queries):
    with django_assert_num_queries(SKIP_QUERIES):
        response = candidate_client.post(skip_url(session, 2))

    assert response.status_code == 302 and response.url == question_url(session, 3)
    assert session.items.get(position=2).skipped_at is not None


def test_skipping_the_last_open_question_leads_to_the_summary(candidate_client, session):
    candidate_client.post(skip_url(session, 2))

    response = candidate_client.post(skip_url(session, 3))

    assert response.url == reverse("practice:summary", args=[session.pk])


def test_skipping_the_last_question_goes_back_to_an_earlier_open_one(candidate_client, session):
    response = candidate_client.post(skip_url(session, 3))

    assert response.url == question_url(session, 2)


def test_an_answered_question_is_not_skipped(candidate_client, session):
    response = candidate_client.post(skip_url(session, 1), follow=True)

    assert session.items.get(position=1).skipped_at is None
    assert "already answered" in response.content.decode()


def test_a_skipped_question_gets_no_grade_no_review_card_and_counts_in_no_figure(candidate_client, candidate, session,
                                                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        candidate_client.post(skip_url(session, 2))

    item = SessionQuestion.objects.get(session=session, position=2)
    assert not hasattr(item, "answer")
    assert not ReviewCard.objects.filter(user=candidate, question=item.question).exists()
    assert graded_attempts(user=candidate).count() == 1
    summary = candidate_client.get(reverse("practice:summary", args=[session.pk])).content.decode()
    rows = summary.split("<tbody>")[1].split("<tr>")[1:]
    assert '<td data-label="Status">Skipped</td>' in rows[1]
    assert '<td data-label="Status">Not answered</td>' in rows[2]
    assert "1 not answered yet." in summary and "1 skipped." in summary
    assert "over 1 graded answer." in summary


def test_the_question_page_offers_skip_and_a_skipped_question_can_still_be_answered(candidate_client, session):
    page = candidate_client.get(question_url(session, 2)).content.decode()
    assert f'action="{skip_url(session, 2)}"' in page and "Skip this question" in page

    candidate_client.post(skip_url(session, 2))
    partial = candidate_client.get(question_url(session, 2),
                                   headers={"HX-Request": "true", "HX-Target": "answer-area"}).content.decode()

    assert "<html" not in partial and 'id="answer-area"' in partial
    assert "You skipped this question" in partial and 'name="text"' in partial
    assert "Skip this question" not in partial


def test_an_answered_question_offers_no_skip(candidate_client, session):
    page = candidate_client.get(question_url(session, 1)).content.decode()

    assert "Skip this question" not in page
