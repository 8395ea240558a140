"""A mock round's and loop's scores: main answers only, follow-ups shown beside them."""

import pytest
from django.urls import reverse

from practice.mock import selectors as mock_selectors
from practice.mock import services as mock_services
from practice.models import MockRound
from tests.factories import AnswerFactory, CategoryFactory, LevelFactory, QuestionFactory
from tests.practice.factories import FollowUpFactory, graded
from tests.practice.test_mock_loops import make_loop


@pytest.fixture
def mock(candidate):
    senior = LevelFactory(key="senior", name="Senior")
    rag = CategoryFactory(key="llm-rag", name="LLM & RAG")
    QuestionFactory.create_batch(4, category=rag, levels=[senior])
    return mock_services.mock_loop_start(user=candidate, loop=make_loop([[rag], [rag]]), level=senior)


def main_items(mock, position: int):
    return list(MockRound.objects.get(mock_loop=mock, position=position).session.items.order_by("position"))


def test_a_follow_up_is_not_averaged_into_the_round_or_the_loop(candidate_client, candidate, mock,
                                                                django_assert_num_queries):
    """The walkthrough's case: a main answer 3.5 and its follow-up 5.0 read "Overall 4.3"; it is 3.5."""
    first = main_items(mock, 1)[0]
    graded(first, "3.5")
    graded(FollowUpFactory(follow_up_of=first), "5.0")

    with django_assert_num_queries(5):  # session, user, mock loop, rounds, their questions
        page = candidate_client.get(reverse("practice:mock_loop", args=[mock.pk])).content.decode()

    assert 'data-testid="round-mean-1">3.5<' in page and 'data-testid="mock-overall">3.5<' in page
    assert 'data-testid="round-follow-up-mean-1">5.0<' in page and 'data-testid="mock-follow-up-mean">5.0<' in page
    assert "4.3" not in page
    assert "1 of 2 answered, 1 follow-up" in page


def test_the_overall_is_the_mean_of_the_rounds_main_answer_means(candidate, mock):
    one, two = main_items(mock, 1)
    graded(one, "2.0")
    graded(two, "4.0")
    graded(FollowUpFactory(follow_up_of=one), "0.0")
    graded(main_items(mock, 2)[0], "5.0")

    summary = mock_selectors.mock_loop_for(user=candidate, mock_id=mock.pk)

    first, second = summary.results
    assert (first.mean, first.graded, first.follow_up_mean) == (3.0, 2, 0.0)
    assert (second.mean, second.follow_up_mean) == (5.0, None)
    assert summary.overall == 4.0 and summary.follow_up_mean == 0.0


def test_a_round_with_only_a_graded_follow_up_has_no_mean_yet(candidate_client, candidate, mock):
    first = main_items(mock, 1)[0]
    AnswerFactory(session_question=first, status="grading")  # regraded, say: its new grade is not stored yet
    graded(FollowUpFactory(follow_up_of=first), "4.0")

    summary = mock_selectors.mock_loop_for(user=candidate, mock_id=mock.pk)
    page = candidate_client.get(reverse("practice:mock_loop", args=[mock.pk])).content.decode()

    assert summary.results[0].mean is None and summary.overall is None
    assert "No graded rounds yet." in page and 'data-testid="mock-follow-up-mean">4.0<' in page
