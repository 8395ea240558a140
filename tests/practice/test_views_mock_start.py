"""/practice/mock/ lists the candidate's own loops under the start form: open ones first, with their progress."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from practice.mock import services as mock_services
from practice.models import MockLoop, MockRound
from tests.factories import AnswerFactory, CategoryFactory, LevelFactory, QuestionFactory
from tests.practice.factories import FollowUpFactory
from tests.practice.test_mock_loops import make_loop

URL = reverse("practice:mock_start")
PAGE_QUERIES = 5  # session, user, loops to rehearse, levels, the candidate's loops with their progress


@pytest.fixture
def levels(db):
    return LevelFactory(key="junior", name="Junior"), LevelFactory(key="senior", name="Senior")


@pytest.fixture
def loops(levels):
    rag = CategoryFactory(key="llm-rag", name="LLM & RAG")
    QuestionFactory.create_batch(6, category=rag, levels=list(levels))
    return make_loop([[rag], [], [rag]], key="posthog"), make_loop([[rag]], key="mistral")


def listed(html: str) -> str:
    return html.split('data-testid="my-mock-loops"')[1].split("</section>")[0]


def test_it_rejects_put(candidate_client, db):
    assert candidate_client.put(URL).status_code == 405


def test_it_sends_an_anonymous_visitor_to_log_in(client, db):
    assert "/accounts/login/" in client.get(URL).url


def test_a_new_candidate_sees_no_list(candidate_client, loops):
    assert 'data-testid="my-mock-loops"' not in candidate_client.get(URL).content.decode()


def test_it_lists_my_loops_open_first_with_progress_and_links(candidate_client, candidate, other_candidate, loops,
                                                              levels, django_assert_num_queries):
    posthog, mistral = loops
    junior, senior = levels
    older_open = mock_services.mock_loop_start(user=candidate, loop=posthog, level=junior)
    finished = mock_services.mock_loop_start(user=candidate, loop=mistral, level=senior)
    ended = mock_services.mock_loop_start(user=candidate, loop=posthog, level=senior)
    newer_open = mock_services.mock_loop_start(user=candidate, loop=mistral, level=junior)
    theirs = mock_services.mock_loop_start(user=other_candidate, loop=posthog, level=junior)
    now = timezone.now()
    MockLoop.objects.filter(pk=older_open.pk).update(created_at=now - timedelta(days=3))
    first_round = MockRound.objects.select_related("session").get(mock_loop=older_open, position=1)
    item = first_round.session.items.get(position=1)
    AnswerFactory(session_question=item)
    AnswerFactory(session_question=FollowUpFactory(follow_up_of=item))  # a follow-up is not a question
    MockRound.objects.filter(pk=first_round.pk).update(started_at=now, finished_at=now)
    mock_services.mock_round_finish(mock_round=MockRound.objects.get(mock_loop=finished))
    mock_services.mock_loop_end(mock=ended)

    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(URL).content.decode()

    rows = listed(html).split("<li ")[1:]
    assert [row.split('data-testid="mock-loop-')[1].split('"')[0] for row in rows] == [
        str(newer_open.pk), str(older_open.pk), str(ended.pk), str(finished.pk)]
    assert str(theirs.pk) not in [row.split('"')[0] for row in listed(html).split("mock-loop-")[1:]]
    older = rows[1]
    assert "<strong>open</strong>" in older and "Junior level" in older
    assert "1 of 2 rounds finished" in older and "1 of 4 questions answered" in older
    assert older.count(reverse("practice:mock_loop", args=[older_open.pk])) == 2 and "Continue" in older
    assert "ended early " in rows[2] and "Continue" not in rows[2]
    assert "0 of 2 rounds answered" in rows[2] and "rounds finished" not in rows[2]
    assert re.search(r"·\s+complete \d+ \w+ \d{4}\s", rows[3]) and "Continue" not in rows[3]
    assert "1 of 1 round finished" in rows[3]


def test_the_list_costs_the_same_queries_however_many_loops(candidate_client, candidate, loops, levels,
                                                            django_assert_num_queries):
    mock_services.mock_loop_start(user=candidate, loop=loops[0], level=levels[0])
    with django_assert_num_queries(PAGE_QUERIES):
        candidate_client.get(URL)
    for loop in loops:
        for level in levels:
            mock = MockLoop.objects.filter(user=candidate, loop=loop, level=level).first()
            if mock:
                mock_services.mock_loop_end(mock=mock)
            mock_services.mock_loop_start(user=candidate, loop=loop, level=level)
    with django_assert_num_queries(PAGE_QUERIES):
        html = candidate_client.get(URL).content.decode()
    assert listed(html).count('data-testid="mock-loop-') == 5
