"""Mock-loop mode: a real loop rehearsed round by round, with countdowns, follow-ups and a summary."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from playbook.models import InterviewLoop, LoopRound, RoundType
from practice import mock_services
from practice.models import Answer, MockLoop, MockRound, SessionQuestion
from practice.tasks import grade_answer
from tests.factories import AnswerFactory, CategoryFactory, LevelFactory, QuestionFactory


def make_loop(categories_per_round, *, key="test-loop"):
    round_type = RoundType.objects.create(key=f"rt-{key}", name="Deep dive", tests="Depth.", length_min=45,
                                          length_max=60, length_unit="minutes")
    loop = InterviewLoop.objects.create(key=key, company="Acme AI", role="AI engineer", kind="reported",
                                        summary="A loop.", source_note="test")
    for position, categories in enumerate(categories_per_round, start=1):
        loop_round = LoopRound.objects.create(loop=loop, position=position, round_type=round_type,
                                              title=f"Round {position}", advice="" if categories else "Be yourself.")
        loop_round.categories.set(categories)
    return loop


@pytest.fixture
def senior():
    return LevelFactory(key="senior", name="Senior")


@pytest.fixture
def two_round_loop(db, senior):
    rag = CategoryFactory(key="llm-rag", name="LLM & RAG")
    design = CategoryFactory(key="system-design", name="AI system design")
    for category in (rag, design):
        QuestionFactory.create_batch(3, category=category, levels=[senior])
    return make_loop([[rag], [], [design, rag]])


def test_starting_a_loop_gives_each_written_round_questions_from_its_categories(candidate, two_round_loop, senior):
    mock = mock_services.mock_loop_start(user=candidate, loop=two_round_loop, level=senior)

    rounds = list(mock.rounds.select_related("session").order_by("position"))
    assert [r.session is not None for r in rounds] == [True, False, True]
    first = SessionQuestion.objects.filter(session=rounds[0].session)
    assert first.count() == 2 and {i.question.category.key for i in first} == {"llm-rag"}
    third = SessionQuestion.objects.filter(session=rounds[2].session)
    assert {i.question.category.key for i in third} == {"system-design", "llm-rag"}
    all_questions = list(SessionQuestion.objects.filter(session__mock_round__mock_loop=mock).values_list(
        "question_id", flat=True))
    assert len(all_questions) == len(set(all_questions)), "no question twice in one loop"
    assert rounds[0].time_limit_seconds == 3600 and rounds[1].time_limit_seconds is None
    assert all(r.session.asks_follow_ups for r in rounds if r.session)


def test_follow_ups_are_for_senior_and_staff_only(candidate, two_round_loop):
    mid = LevelFactory(key="mid", name="Mid")
    for question in two_round_loop.rounds.first().categories.first().questions.all():
        question.levels.add(mid)
    mock = mock_services.mock_loop_start(user=candidate, loop=two_round_loop, level=mid)
    assert not any(r.session.asks_follow_ups for r in mock.rounds.all() if r.session)


def test_a_loop_with_no_questions_at_that_level_is_refused_with_a_message(candidate, two_round_loop):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="no published questions at Junior"):
        mock_services.mock_loop_start(user=candidate, loop=two_round_loop, level=LevelFactory(key="junior",
                                                                                             name="Junior"))
    assert not MockLoop.objects.exists()


def test_start_page_starts_a_loop_and_rejects_tampered_choices(candidate_client, two_round_loop,
                                                               django_assert_num_queries):
    with django_assert_num_queries(4):
        page = candidate_client.get(reverse("practice:mock_start")).content.decode()
    assert "Acme AI" in page

    bad = candidate_client.post(reverse("practice:mock_start"), {"loop": "nope", "level": "senior"})
    assert "Choose a loop and a level" in bad.content.decode() and not MockLoop.objects.exists()

    response = candidate_client.post(reverse("practice:mock_start"), {"loop": "test-loop", "level": "senior"})
    mock = MockLoop.objects.get()
    assert response.url == reverse("practice:mock_loop", args=[mock.pk])


def test_mock_pages_need_login_and_hide_other_candidates_loops(client, candidate, other_candidate, two_round_loop,
                                                               senior):
    mock = mock_services.mock_loop_start(user=candidate, loop=two_round_loop, level=senior)
    for url in (reverse("practice:mock_loop", args=[mock.pk]), reverse("practice:mock_round", args=[mock.pk, 1])):
        assert "/accounts/login/" in client.get(url).url
        client.force_login(other_candidate)
        assert client.get(url).status_code == 404
        client.logout()
    client.force_login(candidate)
    assert client.put(reverse("practice:mock_loop", args=[mock.pk])).status_code == 405


def test_opening_a_round_starts_its_countdown_once(candidate_client, candidate, two_round_loop, senior):
    mock = mock_services.mock_loop_start(user=candidate, loop=two_round_loop, level=senior)
    url = reverse("practice:mock_round", args=[mock.pk, 1])

    page = candidate_client.get(url).content.decode()
    started = MockRound.objects.get(mock_loop=mock, position=1).started_at
    candidate_client.get(url)

    assert "data-countdown-seconds=\"3600\"" in page
    assert MockRound.objects.get(mock_loop=mock, position=1).started_at == started is not None


def test_an_advice_round_shows_its_advice(candidate_client, candidate, two_round_loop, senior):
    mock = mock_services.mock_loop_start(user=candidate, loop=two_round_loop, level=senior)
    page = candidate_client.get(reverse("practice:mock_round", args=[mock.pk, 2])).content.decode()
    assert "not rehearsed in writing" in page and "Be yourself." in page


def test_the_summary_shows_each_round_and_the_overall_once_graded(candidate_client, candidate, two_round_loop,
                                                                  senior, django_assert_num_queries):
    mock = mock_services.mock_loop_start(user=candidate, loop=two_round_loop, level=senior)
    first_round = MockRound.objects.get(mock_loop=mock, position=1)
    MockRound.objects.filter(pk=first_round.pk).update(started_at=timezone.now() - timedelta(minutes=10))
    for item in SessionQuestion.objects.filter(session=first_round.session):
        grade_answer.apply(args=[AnswerFactory(session_question=item, text=(
            "The KV cache stores keys and values of previous tokens, so decoding attends only for the new token.")).pk])
    follow_up = SessionQuestion.objects.filter(follow_up_of__session=first_round.session).first()
    assert follow_up is not None, "a senior round asks a follow-up after a graded answer"
    grade_answer.apply(args=[AnswerFactory(session_question=follow_up, text="It trades memory for speed.").pk])
    candidate_client.post(reverse("practice:mock_round", args=[mock.pk, 1]))

    url = reverse("practice:mock_loop", args=[mock.pk])
    with django_assert_num_queries(5):  # session, user, mock loop, rounds, their questions
        page = candidate_client.get(url).content.decode()

    assert 'data-testid="round-mean-1"' in page and 'data-testid="mock-overall"' in page
    assert "1 follow-up" in page and "finished" in page
    assert "Not rehearsed in writing" in page and "Be yourself." in page
    assert Answer.objects.filter(session_question__session=first_round.session).count() == 3  # 2 + a follow-up


def test_the_summary_costs_the_same_queries_for_a_bigger_loop(candidate_client, candidate, senior,
                                                              django_assert_num_queries):
    categories = [CategoryFactory(key=f"c{i}", name=f"C{i}") for i in range(5)]
    for category in categories:
        QuestionFactory.create_batch(2, category=category, levels=[senior])
    mock = mock_services.mock_loop_start(user=candidate, loop=make_loop([[c] for c in categories], key="big"),
                                         level=senior)
    with django_assert_num_queries(5):
        candidate_client.get(reverse("practice:mock_loop", args=[mock.pk]))


def test_the_summary_partial_polls_while_answers_are_grading(candidate_client, candidate, two_round_loop, senior):
    mock = mock_services.mock_loop_start(user=candidate, loop=two_round_loop, level=senior)
    AnswerFactory(session_question=SessionQuestion.objects.filter(session__mock_round__mock_loop=mock).first())

    response = candidate_client.get(reverse("practice:mock_loop", args=[mock.pk]), HTTP_HX_REQUEST="true")

    body = response.content.decode()
    assert body.startswith("\n<section id=\"mock-summary\"") or body.lstrip().startswith('<section id="mock-summary"')
    assert 'hx-trigger="every 2s"' in body and "<html" not in body


def test_another_candidate_cannot_finish_or_start_my_round(client, candidate, other_candidate, two_round_loop, senior,
                                                           django_assert_num_queries):
    mock = mock_services.mock_loop_start(user=candidate, loop=two_round_loop, level=senior)
    url = reverse("practice:mock_round", args=[mock.pk, 1])
    client.force_login(other_candidate)

    with django_assert_num_queries(3):  # django_session, auth_user, the mock loop (not theirs)
        response = client.post(url)

    assert response.status_code == 404
    assert MockRound.objects.filter(mock_loop=mock, started_at=None, finished_at=None).count() == 3
