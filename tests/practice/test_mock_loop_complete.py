"""A mock loop ends one of two ways: finishing its last round completes it, "End this loop" ends it early. Either way
it gets its `ended_at`, and its page, the list of loops and the data export say which."""

import csv
import importlib
import io
from datetime import timedelta

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone

from practice.mock import services as mock_services
from practice.models import MockLoop, MockRound
from tests.factories import AnswerFactory, CategoryFactory, LevelFactory, QuestionFactory
from tests.practice.factories import graded
from tests.practice.test_mock_loops import make_loop

LOOP_PAGE_QUERIES = 5  # session, user, mock loop, rounds, their questions
LIST_PAGE_QUERIES = 5  # session, user, loops to rehearse, levels, the candidate's loops with their progress


@pytest.fixture
def mock(candidate):
    """Two written rounds of two questions each, around a round of advice."""
    senior = LevelFactory(key="senior", name="Senior")
    rag = CategoryFactory(key="llm-rag", name="LLM & RAG")
    QuestionFactory.create_batch(4, category=rag, levels=[senior])
    return mock_services.mock_loop_start(user=candidate, loop=make_loop([[rag], [], [rag]]), level=senior)


def written_round(mock, position: int) -> MockRound:
    return MockRound.objects.select_related("session").get(mock_loop=mock, position=position)


def answer_round(mock, position: int, *scores: str) -> None:
    for item, score in zip(written_round(mock, position).session.items.order_by("position"), scores, strict=False):
        graded(item, score)


def finish_url(mock, position: int) -> str:
    return reverse("practice:mock_round", args=[mock.pk, position])


def loop_page(client, mock) -> str:
    return client.get(reverse("practice:mock_loop", args=[mock.pk])).content.decode()


def listed(client, mock) -> str:
    html = client.get(reverse("practice:mock_start")).content.decode()
    return html.split(f'data-testid="mock-loop-{mock.pk}"')[1].split("</li>")[0]


def test_finishing_the_last_round_completes_the_loop(candidate_client, candidate, mock, django_assert_num_queries):
    answer_round(mock, 1, "4.0", "3.0")
    # session, user, mock loop, rounds, their questions; savepoint, the loop locked, the round finished, the loop
    # not ended (a round is left), savepoint released
    with django_assert_num_queries(10):
        candidate_client.post(finish_url(mock, 1))
    assert MockLoop.objects.get(pk=mock.pk).ended_at is None, "one written round is still to do"
    in_progress = loop_page(candidate_client, mock)
    assert "across the rounds graded so far" in in_progress and 'data-testid="end-loop"' in in_progress
    assert "Complete" not in in_progress and "Ended early" not in in_progress

    answer_round(mock, 3, "2.0", "3.0")
    # as above, then the loop ended and any round left open finished (none is)
    with django_assert_num_queries(11):
        response = candidate_client.post(finish_url(mock, 3))

    assert response.url == reverse("practice:mock_loop", args=[mock.pk])
    complete = MockLoop.objects.get(pk=mock.pk)
    assert complete.ended_at == written_round(mock, 3).finished_at is not None and not complete.ended_early
    with django_assert_num_queries(LOOP_PAGE_QUERIES):
        page = loop_page(candidate_client, mock)
    assert 'data-testid="mock-complete">complete ' in page and 'data-testid="mock-ended"' not in page
    assert "Complete:</strong> all 2 rounds finished." in page
    assert 'data-testid="mock-overall">3.0</strong> / 5 across all 2 rounds.' in page  # round means 3.5 and 2.5
    assert "so far" not in page and 'data-testid="end-loop"' not in page and "not started before" not in page


def test_a_complete_loop_is_in_the_export_with_its_end(candidate_client, candidate, mock):
    answer_round(mock, 1, "4.0", "3.0")
    answer_round(mock, 3, "2.0", "3.0")
    candidate_client.post(finish_url(mock, 1))
    candidate_client.post(finish_url(mock, 3))
    ended_at = MockLoop.objects.get(pk=mock.pk).ended_at

    rows = list(csv.DictReader(io.StringIO(candidate_client.get(
        reverse("accounts:data_export_csv", args=["mock_loops"])).content.decode())))
    data = candidate_client.get(reverse("accounts:data_export_json")).json()

    assert [(row["ended_at"][:19], row["ended_early"]) for row in rows] == [
        (ended_at.strftime("%Y-%m-%dT%H:%M:%S"), "False")]
    assert [(loop["ended_at"][:19], loop["ended_early"]) for loop in data["mock_loops"]] == [
        (ended_at.strftime("%Y-%m-%dT%H:%M:%S"), False)]


def test_finishing_anyway_with_questions_unanswered_still_completes_the_loop(candidate_client, candidate, mock):
    answer_round(mock, 1, "4.0", "3.0")
    candidate_client.post(finish_url(mock, 1))
    candidate_client.post(finish_url(mock, 3), {"confirm": "yes"})  # round 3 has no answer

    assert not MockLoop.objects.get(pk=mock.pk).ended_early
    page = loop_page(candidate_client, mock)
    assert "Complete:</strong> all 2 rounds finished." in page and "so far" not in page
    assert "/ 5 across the 1 of 2 rounds with a grade." in page
    row = listed(candidate_client, mock)
    assert "complete " in row and "2 of 2 rounds finished" in row and "2 of 4 questions answered" in row


def test_a_complete_loop_still_grading_says_so_far(candidate_client, candidate, mock):
    answer_round(mock, 1, "4.0", "3.0")
    candidate_client.post(finish_url(mock, 1))
    for item in written_round(mock, 3).session.items.all():
        AnswerFactory(session_question=item)  # queued for grading
    candidate_client.post(finish_url(mock, 3))

    page = loop_page(candidate_client, mock)
    partial = candidate_client.get(reverse("practice:mock_loop", args=[mock.pk]), HTTP_HX_REQUEST="true")

    assert "Complete:</strong>" in page and "across the rounds graded so far" in page and "still grading" in page
    body = partial.content.decode()
    assert "<html" not in body and 'hx-trigger="every 2s"' in body and "Complete:</strong>" in body


def test_finishing_the_last_round_twice_keeps_its_first_end(candidate, mock):
    MockRound.objects.filter(mock_loop=mock, position=1).update(started_at=timezone.now(), finished_at=timezone.now())
    mock_services.mock_round_finish(mock_round=written_round(mock, 3))
    first_end = MockLoop.objects.get(pk=mock.pk).ended_at

    stale = written_round(mock, 3)
    stale.finished_at = None  # a page loaded before the first finish
    mock_services.mock_round_finish(mock_round=stale)

    assert MockLoop.objects.get(pk=mock.pk).ended_at == first_end
    assert not mock_services.mock_loop_end(mock=mock), "a complete loop is not open: it cannot be ended early"


def test_a_loop_ended_with_nothing_answered_says_it_ended_early(candidate_client, candidate, mock,
                                                                django_assert_num_queries):
    candidate_client.post(reverse("practice:mock_loop_end", args=[mock.pk]))

    with django_assert_num_queries(LOOP_PAGE_QUERIES):
        page = loop_page(candidate_client, mock)
    with django_assert_num_queries(LIST_PAGE_QUERIES):
        row = listed(candidate_client, mock)

    assert MockLoop.objects.get(pk=mock.pk).ended_early
    assert 'data-testid="mock-ended">you ended it early, ' in page and 'data-testid="mock-complete"' not in page
    assert "Ended early:</strong> 0 of 2 rounds answered (0 of 4 questions)." in page
    assert "No graded rounds." in page and "Complete" not in page
    assert "ended early " in row and "0 of 2 rounds answered" in row and "0 of 4 questions answered" in row
    assert "rounds finished" not in row


def test_a_loop_ended_part_way_counts_the_rounds_with_an_answer(candidate_client, candidate, mock):
    answer_round(mock, 1, "4.0")
    candidate_client.post(reverse("practice:mock_loop_end", args=[mock.pk]))

    page = loop_page(candidate_client, mock)
    row = listed(candidate_client, mock)

    assert "Ended early:</strong> 1 of 2 rounds answered (1 of 4 questions)." in page
    assert 'data-testid="mock-overall">4.0</strong> / 5 across the 1 of 2 rounds with a grade.' in page
    assert "1 of 2 rounds answered" in row and "1 of 4 questions answered" in row


def test_an_open_loop_is_listed_with_its_rounds_finished(candidate_client, candidate, mock):
    answer_round(mock, 1, "4.0", "3.0")
    candidate_client.post(finish_url(mock, 1))

    row = listed(candidate_client, mock)

    assert "<strong>open</strong>" in row and "1 of 2 rounds finished" in row and "Continue" in row


def test_the_migration_ends_loops_finished_before_it_and_marks_ended_ones_early(candidate, mock):
    migration = importlib.import_module("practice.migrations.0011_mock_loop_complete")
    last = timezone.now() - timedelta(days=2)
    MockRound.objects.filter(mock_loop=mock, position=1).update(started_at=last - timedelta(hours=1),
                                                                  finished_at=last - timedelta(minutes=30))
    MockRound.objects.filter(mock_loop=mock, position=3).update(started_at=last - timedelta(minutes=20),
                                                                  finished_at=last)
    open_loop = mock_services.mock_loop_start(user=candidate, loop=mock.loop, level=mock.level)
    ended = MockLoop.objects.create(user=candidate, loop=mock.loop, level=mock.level, ended_at=last)  # by "End"

    migration.end_finished_loops(apps, None)

    loops = {loop.pk: loop for loop in MockLoop.objects.all()}
    assert (loops[mock.pk].ended_at, loops[mock.pk].ended_early) == (last, False)
    assert (loops[open_loop.pk].ended_at, loops[open_loop.pk].ended_early) == (None, False)
    assert (loops[ended.pk].ended_at, loops[ended.pk].ended_early) == (last, True)

    migration.unend_finished_loops(apps, None)

    assert MockLoop.objects.get(pk=mock.pk).ended_at is None and MockLoop.objects.get(pk=ended.pk).ended_at == last
