"""Going Back and pressing Start again leads to the loop already open, never to a copy of it."""

import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from playbook.models import Level
from practice.mock import services as mock_services
from practice.models import MockLoop, MockRound
from tests.factories import CategoryFactory, LevelFactory, QuestionFactory, UserFactory
from tests.practice.test_mock_loops import make_loop

URL = reverse("practice:mock_start")


@pytest.fixture
def junior(db):
    return LevelFactory(key="junior", name="Junior")


@pytest.fixture
def loop(junior):
    rag = CategoryFactory(key="llm-rag", name="LLM & RAG")
    mid = LevelFactory(key="mid", name="Mid")
    QuestionFactory.create_batch(4, category=rag, levels=[junior, mid])
    return make_loop([[rag], [rag]], key="posthog")


def test_starting_the_same_loop_again_goes_back_to_the_open_one_with_a_message(candidate_client, candidate, loop,
                                                                               django_assert_num_queries):
    first = candidate_client.post(URL, {"loop": "posthog", "level": "junior"})
    mock = MockLoop.objects.get()
    assert first.url == reverse("practice:mock_loop", args=[mock.pk])

    # session, user, loops, levels, the user's row locked and the open loop found inside a savepoint (3 more)
    with django_assert_num_queries(9):
        again = candidate_client.post(URL, {"loop": "posthog", "level": "junior"})

    assert again.status_code == 302 and again.url == reverse("practice:mock_loop", args=[mock.pk])
    assert MockLoop.objects.count() == 1
    page = candidate_client.get(again.url).content.decode()
    assert "You already have Acme AI" in page and "open at Junior level: here it is, where you left off" in page
    assert "end this one first" in page


def test_another_level_or_a_finished_or_ended_loop_starts_a_new_one(candidate, loop, junior):
    mock = mock_services.mock_loop_start(user=candidate, loop=loop, level=junior)
    other_level = mock_services.mock_loop_start(user=candidate, loop=loop, level=Level.objects.get(key="mid"))
    assert other_level.pk != mock.pk

    with pytest.raises(mock_services.MockLoopAlreadyOpen) as already:
        mock_services.mock_loop_start(user=candidate, loop=loop, level=junior)
    assert already.value.mock == mock

    MockRound.objects.filter(mock_loop=mock).update(started_at=timezone.now(), finished_at=timezone.now())
    finished_then_new = mock_services.mock_loop_start(user=candidate, loop=loop, level=junior)
    assert finished_then_new.pk not in {mock.pk, other_level.pk}

    assert mock_services.mock_loop_end(mock=finished_then_new)
    assert mock_services.mock_loop_start(user=candidate, loop=loop, level=junior).pk != finished_then_new.pk


def test_another_candidates_open_loop_does_not_count(candidate, other_candidate, loop, junior):
    theirs = mock_services.mock_loop_start(user=other_candidate, loop=loop, level=junior)
    assert mock_services.mock_loop_start(user=candidate, loop=loop, level=junior).pk != theirs.pk


@pytest.mark.django_db(transaction=True)
def test_a_double_submit_starts_one_loop(loop, junior):
    """Two requests at once: the user's row is locked, so the second waits, then finds the first one's loop."""
    user = UserFactory()
    barrier = threading.Barrier(2)
    outcomes = []

    def start():
        try:
            barrier.wait()
            outcomes.append(mock_services.mock_loop_start(user=user, loop=loop, level=junior).pk)
        except mock_services.MockLoopAlreadyOpen as already:
            outcomes.append(("open", already.mock.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=start) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    mock = MockLoop.objects.get(user=user)
    assert sorted(outcomes, key=str) == sorted([mock.pk, ("open", mock.pk)], key=str)
