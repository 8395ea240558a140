""""End this loop": POST only, the owner only; the loop stops being offered, its answers and grades stay."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from practice.mock import services as mock_services
from practice.models import Answer, Grade, MockLoop, MockRound
from progress.next_steps import mock_to_continue, unfinished_session
from tests.factories import CategoryFactory, LevelFactory, QuestionFactory
from tests.practice.factories import graded
from tests.practice.test_mock_loops import make_loop


@pytest.fixture
def mock(candidate):
    """Three written rounds: the first answered and graded, the second started and half done, the third untouched."""
    senior = LevelFactory(key="senior", name="Senior")
    rag = CategoryFactory(key="llm-rag", name="LLM & RAG")
    QuestionFactory.create_batch(6, category=rag, levels=[senior])
    mock = mock_services.mock_loop_start(user=candidate, loop=make_loop([[rag], [rag], [rag]]), level=senior)
    rounds = {r.position: r for r in MockRound.objects.filter(mock_loop=mock).select_related("session")}
    started = timezone.now() - timedelta(minutes=20)
    for item in rounds[1].session.items.all():
        graded(item, "4.0")
    MockRound.objects.filter(pk=rounds[1].pk).update(started_at=started, finished_at=started + timedelta(minutes=5))
    graded(rounds[2].session.items.get(position=1), "3.0")
    MockRound.objects.filter(pk=rounds[2].pk).update(started_at=started + timedelta(minutes=6))
    return mock


def url_of(mock) -> str:
    return reverse("practice:mock_loop_end", args=[mock.pk])


def test_it_rejects_get(candidate_client, mock):
    assert candidate_client.get(url_of(mock)).status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in(client, mock):
    assert "/accounts/login/" in client.post(url_of(mock)).url
    assert MockLoop.objects.get(pk=mock.pk).ended_at is None


def test_another_candidate_cannot_end_my_loop(client, other_candidate, mock, django_assert_num_queries):
    client.force_login(other_candidate)
    with django_assert_num_queries(3):  # session, user, the mock loop (not theirs)
        assert client.post(url_of(mock)).status_code == 404
    assert MockLoop.objects.get(pk=mock.pk).ended_at is None
    assert MockRound.objects.filter(mock_loop=mock, finished_at__isnull=True).count() == 2


def test_ending_stops_the_clocks_keeps_the_grades_and_is_no_longer_offered(candidate_client, candidate, mock,
                                                                           django_assert_num_queries):
    assert mock_to_continue(user=candidate) == mock
    home = candidate_client.get("/").content.decode().split('data-testid="step-mock"')[1].split("</li>")[0]
    assert reverse("practice:mock_loop", args=[mock.pk]) in home and f'href="{reverse("practice:mock_start")}"' in home
    loop_page = candidate_client.get(reverse("practice:mock_loop", args=[mock.pk])).content.decode()
    assert 'data-testid="end-loop"' in loop_page and "Yes, end this loop" in loop_page
    assert "unanswered, with no score" in loop_page and "cannot be undone" in loop_page

    # session, user, the loop; savepoint, the loop marked ended, its open rounds finished, savepoint released
    with django_assert_num_queries(7):
        response = candidate_client.post(url_of(mock))

    assert response.url == reverse("practice:mock_start")
    ended = MockLoop.objects.get(pk=mock.pk)
    assert ended.ended_at is not None
    rounds = {r.position: r for r in MockRound.objects.filter(mock_loop=mock)}
    last_answer = Answer.objects.filter(session_question__session=rounds[2].session_id).latest("submitted_at")
    assert rounds[2].finished_at == last_answer.submitted_at, "a round in progress stops at its last answer"
    assert rounds[3].finished_at == ended.ended_at
    assert rounds[3].started_at is None, "a round never opened is not started"
    assert rounds[1].finished_at < ended.ended_at, "a finished round keeps its own end"
    assert Answer.objects.filter(user=candidate).count() == Grade.objects.filter(answer__user=candidate).count() == 3
    assert mock_to_continue(user=candidate) is None and unfinished_session(user=candidate) is None

    listing = candidate_client.get(response.url).content.decode()
    assert "You ended Acme AI: AI engineer at Senior level" in listing and "no longer offered to continue" in listing
    home = candidate_client.get("/").content.decode()
    assert reverse("practice:mock_loop", args=[mock.pk]) not in home


def test_an_ended_loop_shows_its_scores_and_no_way_on(candidate_client, candidate, mock):
    candidate_client.post(url_of(mock))

    page = candidate_client.get(reverse("practice:mock_loop", args=[mock.pk])).content.decode()

    assert 'data-testid="mock-ended"' in page and 'data-testid="end-loop"' not in page
    assert 'data-testid="mock-overall">3.5<' in page  # rounds of 4.0 and 3.0
    assert "Continue round" not in page and "Start round" not in page
    assert "not started before the loop ended" in page


def test_a_round_not_opened_before_the_loop_ended_never_starts_and_takes_no_answer(candidate_client, candidate,
                                                                                   mock):
    candidate_client.post(url_of(mock))
    third = MockRound.objects.select_related("session").get(mock_loop=mock, position=3)

    page = candidate_client.get(reverse("practice:mock_round", args=[mock.pk, 3])).content.decode()
    response = candidate_client.post(reverse("practice:question", args=[third.session_id, 1]),
                                     {"text": "An answer sent after the loop was ended."})

    assert "You ended the loop before this round." in page and "Finish this round" not in page
    assert MockRound.objects.get(pk=third.pk).started_at is None
    assert response.status_code == 400 and not Answer.objects.filter(session_question__session=third.session).exists()


def test_ending_twice_or_ending_a_finished_loop_changes_nothing(candidate_client, candidate, mock):
    candidate_client.post(url_of(mock))
    first_end = MockLoop.objects.get(pk=mock.pk).ended_at

    response = candidate_client.post(url_of(mock))

    assert response.status_code == 302 and MockLoop.objects.get(pk=mock.pk).ended_at == first_end
    MockLoop.objects.filter(pk=mock.pk).update(ended_at=None)  # every round finished: done, not open
    assert not mock_services.mock_loop_end(mock=mock)
    assert MockLoop.objects.get(pk=mock.pk).ended_at is None


def test_days_away_from_a_round_in_progress_are_not_time_spent_on_it(candidate, mock):
    """A review's case: a round started three days ago with one answer, then the loop ended, read 72 hours used and
    "over time"."""
    second = MockRound.objects.get(mock_loop=mock, position=2)
    answer = Answer.objects.get(session_question__session=second.session_id)
    started = timezone.now() - timedelta(days=3)
    MockRound.objects.filter(pk=second.pk).update(started_at=started)
    Answer.objects.filter(pk=answer.pk).update(submitted_at=started + timedelta(minutes=12))

    mock_services.mock_loop_end(mock=mock)

    second.refresh_from_db()
    assert second.finished_at - second.started_at == timedelta(minutes=12)
