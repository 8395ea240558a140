"""A mock round's clock: "Over time by" rather than a negative time left, and it stops once every question of the
round has an answer, at the last answer's submit time, with the loop page offering to finish the round."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from playbook.models import InterviewLoop, LoopRound, RoundType
from practice.mock import services as mock_services
from practice.models import Answer, MockRound
from tests.factories import AnswerFactory, CategoryFactory, LevelFactory, QuestionFactory, SessionQuestionFactory

# session, user, the mock loop, its rounds, their questions (the clock started already: nothing written)
PAGE_QUERIES = 5


@pytest.fixture
def first_round(candidate):
    """A started one-round loop of two questions with a 60-minute limit, at a level that asks no follow-ups."""
    mid = LevelFactory(key="mid", name="Mid")
    category = CategoryFactory(key="llm-rag", name="LLM & RAG")
    QuestionFactory.create_batch(2, category=category, levels=[mid])
    round_type = RoundType.objects.create(key="rt-clock", name="Deep dive", tests="Depth.", length_min=45,
                                          length_max=60, length_unit="minutes")
    loop = InterviewLoop.objects.create(key="clock-loop", company="Acme AI", role="AI engineer", kind="reported",
                                        summary="A loop.", source_note="test")
    LoopRound.objects.create(loop=loop, position=1, round_type=round_type, title="Retrieval").categories.set(
        [category])
    mock = mock_services.mock_loop_start(user=candidate, loop=loop, level=mid)
    mock_round = MockRound.objects.select_related("session").get(mock_loop=mock, position=1)
    return mock_round


def start_ago(mock_round: MockRound, seconds: int):
    started = timezone.now() - timedelta(seconds=seconds)
    MockRound.objects.filter(pk=mock_round.pk).update(started_at=started)
    return started


def answer_at(mock_round: MockRound, position: int, submitted_at) -> None:
    """A graded answer: the round's clock waits for grading, which may ask a follow-up."""
    answer = AnswerFactory(session_question=mock_round.session.items.get(position=position))
    Answer.objects.filter(pk=answer.pk).update(submitted_at=submitted_at, status=Answer.Status.GRADED)


def round_url(mock_round: MockRound) -> str:
    return reverse("practice:mock_round", args=[mock_round.mock_loop_id, 1])


def loop_url(mock_round: MockRound) -> str:
    return reverse("practice:mock_loop", args=[mock_round.mock_loop_id])


def test_a_round_over_its_limit_says_over_time_by_and_never_shows_a_negative_time_left(
    candidate_client, first_round, django_assert_num_queries
):
    start_ago(first_round, 60 * 60 + 60 * 60 + 4)

    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(round_url(first_round)).content.decode()

    timer = html.split('<p class="timer">')[1].split("</p>")[0]
    assert re.search(r">Over time by</span>\s*<time [^>]*>60:0[45]</time>", timer), timer
    assert 'data-over="Over time by"' in timer and 'data-left="Time left:"' in timer  # for the ticking script
    assert "-60:" not in html and "Time left:</span>" not in timer


def test_a_round_within_its_limit_says_time_left(candidate_client, first_round):
    start_ago(first_round, 10 * 60)

    timer = candidate_client.get(round_url(first_round)).content.decode().split('<p class="timer">')[1]

    assert re.search(r">Time left:</span>\s*<time [^>]*>(50:00|49:59)</time>", timer)


def test_once_every_question_is_answered_the_clock_stops_at_the_last_answer_and_the_loop_offers_to_finish(
    candidate_client, first_round, django_assert_num_queries
):
    started = start_ago(first_round, 20 * 60)
    answer_at(first_round, 1, started + timedelta(minutes=2))
    answer_at(first_round, 2, started + timedelta(minutes=5))

    with django_assert_num_queries(PAGE_QUERIES):
        loop_page = candidate_client.get(loop_url(first_round)).content.decode()

    assert "2 of 2 answered" in loop_page and "time used 5:00 of 60:00" in loop_page
    assert "Time used: 5:00." in loop_page
    assert 'data-testid="finish-next-round"' in loop_page and "Finish round 1: Retrieval" in loop_page
    assert "Continue round 1" not in loop_page
    assert f'action="{round_url(first_round)}"' in loop_page

    with django_assert_num_queries(PAGE_QUERIES):
        round_page = candidate_client.get(round_url(first_round)).content.decode()

    assert "Time used: 5:00 of 60:00." in round_page
    assert "data-countdown-from" not in round_page, "the clock has stopped: nothing counts down"


def test_finishing_from_the_loop_page_keeps_the_time_at_the_last_answer(candidate_client, first_round):
    started = start_ago(first_round, 20 * 60)
    answer_at(first_round, 1, started + timedelta(minutes=2))
    answer_at(first_round, 2, started + timedelta(minutes=5))

    response = candidate_client.post(round_url(first_round))

    assert response.status_code == 302 and response.url == loop_url(first_round)
    assert MockRound.objects.get(pk=first_round.pk).finished_at is not None
    loop_page = candidate_client.get(loop_url(first_round)).content.decode()
    assert "time used 5:00 of 60:00" in loop_page and "finished" in loop_page
    assert "finish-next-round" not in loop_page


def test_while_a_question_is_still_open_the_clock_keeps_running(candidate_client, first_round):
    started = start_ago(first_round, 20 * 60)
    answer_at(first_round, 1, started + timedelta(minutes=2))

    loop_page = candidate_client.get(loop_url(first_round)).content.decode()
    round_page = candidate_client.get(round_url(first_round)).content.decode()

    assert "1 of 2 answered" in loop_page and re.search(r"time used 20:0[01] of 60:00", loop_page)
    assert "Continue round 1: Retrieval" in loop_page and "finish-next-round" not in loop_page
    assert "data-countdown-from" in round_page


def test_a_round_finished_early_keeps_the_time_it_was_finished_at(candidate_client, first_round):
    started = start_ago(first_round, 20 * 60)
    answer_at(first_round, 1, started + timedelta(minutes=2))
    MockRound.objects.filter(pk=first_round.pk).update(finished_at=started + timedelta(minutes=3))
    answer_at(first_round, 2, started + timedelta(minutes=9))  # answered after the round was finished

    loop_page = candidate_client.get(loop_url(first_round)).content.decode()

    assert "time used 3:00 of 60:00" in loop_page


def test_a_follow_up_keeps_the_round_open_until_it_is_answered(candidate_client, first_round):
    started = start_ago(first_round, 30 * 60)
    answer_at(first_round, 1, started + timedelta(minutes=2))
    answer_at(first_round, 2, started + timedelta(minutes=5))
    asked_about = first_round.session.items.get(position=2)
    SessionQuestionFactory(session=first_round.session, question=asked_about.question, position=3,
                           follow_up_of=asked_about, follow_up_prompt="How would you cache the embeddings?")

    assert "Finish round 1" not in candidate_client.get(loop_url(first_round)).content.decode()

    answer_at(first_round, 3, started + timedelta(minutes=25))

    assert "Finish round 1" in candidate_client.get(loop_url(first_round)).content.decode()
    assert "25:00" in candidate_client.get(round_url(first_round)).content.decode()


def test_a_follow_up_asked_before_the_round_was_finished_can_still_be_answered(candidate_client, candidate,
                                                                              first_round):
    start_ago(first_round, 30 * 60)
    asked_about = first_round.session.items.get(position=1)
    AnswerFactory(session_question=asked_about)
    follow_up = SessionQuestionFactory(session=first_round.session, question=asked_about.question, position=3,
                                       follow_up_of=asked_about, follow_up_prompt="How would you cache embeddings?")
    MockRound.objects.filter(pk=first_round.pk).update(finished_at=timezone.now())
    url = reverse("practice:follow_up", args=[first_round.session_id, 1])

    assert 'data-testid="round-finished"' not in candidate_client.get(url).content.decode()
    candidate_client.post(url, {"text": "I would key the cache on a hash of the normalised text."})

    assert Answer.objects.filter(session_question=follow_up).exists()
