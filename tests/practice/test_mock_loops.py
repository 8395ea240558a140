"""Mock-loop mode: a real loop rehearsed round by round, with countdowns, follow-ups and a summary."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from playbook.models import InterviewLoop, LoopRound, RoundType
from practice.mock import services as mock_services
from practice.models import Answer, MockLoop, MockRound, SessionQuestion
from practice.tasks import grade_answer
from tests.exercises.factories import ExerciseFactory
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


def test_a_coding_round_takes_runnable_exercises_first_under_its_countdown(candidate, senior):
    coding = CategoryFactory(key="coding", name="Coding")
    QuestionFactory.create_batch(4, category=coding, levels=[senior])
    exercises = [ExerciseFactory(question__category=coding, question__levels=[senior]) for _ in range(2)]

    mock = mock_services.mock_loop_start(user=candidate, loop=make_loop([[coding]], key="coding"), level=senior)

    (coding_round,) = mock.rounds.select_related("session")
    picked = set(SessionQuestion.objects.filter(session=coding_round.session).values_list("question_id", flat=True))
    assert picked == {exercise.question_id for exercise in exercises}
    assert coding_round.time_limit_seconds == 3600


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
    with django_assert_num_queries(5):  # session, user, loops, levels, the candidate's own loops
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


@pytest.fixture
def mixed_round_loop(db, senior):
    """One round drawing from two categories, so its questions come from both."""
    ml = CategoryFactory(key="ml-fundamentals", name="ML & deep-learning fundamentals")
    coding = CategoryFactory(key="coding", name="Coding")
    for category in (ml, coding):
        QuestionFactory.create_batch(2, category=category, levels=[senior])
    return make_loop([[ml, coding]], key="mixed")


def test_a_rounds_questions_are_listed_under_their_own_categories(candidate_client, candidate, mixed_round_loop,
                                                                  senior, django_assert_num_queries):
    mock = mock_services.mock_loop_start(user=candidate, loop=mixed_round_loop, level=senior)
    items = list(SessionQuestion.objects.filter(session__mock_round__mock_loop=mock).select_related(
        "question__category"))
    url = reverse("practice:mock_round", args=[mock.pk, 1])

    with django_assert_num_queries(6):  # session, user, mock loop, rounds, their questions, starting the clock
        html = candidate_client.get(url).content.decode()

    sections = html.split('data-testid="round-category"')[1:]
    assert len(sections) == 2
    for section in sections:
        heading = section.split("<h2 class=\"h3\">")[1].split("</h2>")[0]
        listed = [item for item in items if item.question.title in section]
        assert listed and all(item.question.category.name == heading.replace("&amp;", "&") for item in listed)
    coding_item = next(item for item in items if item.question.category.key == "coding")
    question_page = candidate_client.get(reverse("practice:question", args=[coding_item.session_id,
                                                                            coding_item.position])).content.decode()
    crumbs = question_page.split('class="crumbs muted"')[1].split("</p>")[0]
    assert "Coding" in crumbs and "ML &amp; deep-learning fundamentals" not in crumbs


def test_rounds_appear_in_recent_sessions_only_once_opened(candidate_client, candidate, two_round_loop, senior):
    mock = mock_services.mock_loop_start(user=candidate, loop=two_round_loop, level=senior)

    before = candidate_client.get(reverse("practice:start")).content.decode()
    assert "Mock loop round" not in before and "0 / 2" not in before

    candidate_client.get(reverse("practice:mock_round", args=[mock.pk, 1]))

    after = candidate_client.get(reverse("practice:start")).content.decode().split("<tbody>")[1]
    assert after.count("<tr>") == 1 and "Mock loop round 1: Round 1" in after
    dashboard = candidate_client.get(reverse("progress:dashboard")).content.decode()
    assert "Mock loop round 1: Round 1" in dashboard and "Mock loop round 3" not in dashboard


def test_times_read_as_minutes_and_seconds(candidate_client, candidate, two_round_loop, senior):
    mock = mock_services.mock_loop_start(user=candidate, loop=two_round_loop, level=senior)
    first_round = MockRound.objects.get(mock_loop=mock, position=1)
    started = timezone.now() - timedelta(minutes=10)
    MockRound.objects.filter(pk=first_round.pk).update(started_at=started,
                                                       finished_at=started + timedelta(seconds=350))

    page = candidate_client.get(reverse("practice:mock_loop", args=[mock.pk])).content.decode()

    assert "time used 5:50 of 60:00" in page and "Time used: 5:50." in page
    assert " s of " not in page


def test_finishing_a_round_with_unanswered_questions_asks_first(candidate_client, candidate, two_round_loop, senior,
                                                                django_assert_num_queries):
    mock = mock_services.mock_loop_start(user=candidate, loop=two_round_loop, level=senior)
    url = reverse("practice:mock_round", args=[mock.pk, 1])
    first_round = MockRound.objects.get(mock_loop=mock, position=1)
    AnswerFactory(session_question=first_round.session.items.get(position=1))

    with django_assert_num_queries(5):  # session, user, mock loop, rounds, their questions; nothing written
        response = candidate_client.post(url)

    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert "1 question in this round has no answer yet" in html
    assert 'name="confirm" value="yes"' in html and "Answer question 2 first" in html
    assert MockRound.objects.get(pk=first_round.pk).finished_at is None

    response = candidate_client.post(url, {"confirm": "yes"})

    assert response.url == reverse("practice:mock_loop", args=[mock.pk])
    assert MockRound.objects.get(pk=first_round.pk).finished_at is not None


def test_the_finish_warning_comes_as_a_partial_over_htmx(candidate_client, candidate, two_round_loop, senior):
    mock = mock_services.mock_loop_start(user=candidate, loop=two_round_loop, level=senior)
    url = reverse("practice:mock_round", args=[mock.pk, 1])
    htmx = {"HX-Request": "true", "HX-Target": "finish-round"}

    warning = candidate_client.post(url, headers=htmx).content.decode()
    assert "<html" not in warning and warning.strip().startswith('<div id="finish-round">')
    assert "2 questions in this round have no answer yet" in warning

    finished = candidate_client.post(url, {"confirm": "yes"}, headers=htmx)
    assert finished.headers["HX-Redirect"] == reverse("practice:mock_loop", args=[mock.pk])
    assert MockRound.objects.get(mock_loop=mock, position=1).finished_at is not None


def test_a_round_with_every_question_answered_finishes_without_asking(candidate_client, candidate, two_round_loop,
                                                                      senior):
    mock = mock_services.mock_loop_start(user=candidate, loop=two_round_loop, level=senior)
    first_round = MockRound.objects.get(mock_loop=mock, position=1)
    for item in first_round.session.items.all():
        AnswerFactory(session_question=item)

    response = candidate_client.post(reverse("practice:mock_round", args=[mock.pk, 1]))

    assert response.status_code == 302
    assert MockRound.objects.get(pk=first_round.pk).finished_at is not None


def test_a_finished_rounds_unanswered_question_stays_unanswered_and_is_not_offered_to_continue(
    candidate_client, candidate, two_round_loop, senior, django_assert_num_queries
):
    """"Finish anyway" says the open questions stay unanswered, with no score: their page takes no answer, and the
    home page does not offer to continue them."""
    from progress.next_steps import unfinished_session

    mock = mock_services.mock_loop_start(user=candidate, loop=two_round_loop, level=senior)
    first_round = MockRound.objects.get(mock_loop=mock, position=1)
    AnswerFactory(session_question=first_round.session.items.get(position=1))
    candidate_client.post(reverse("practice:mock_round", args=[mock.pk, 1]), {"confirm": "yes"})
    open_question = reverse("practice:question", args=[first_round.session_id, 2])

    with django_assert_num_queries(5):  # session, user, the question with session and round, follow-up, shown_at
        page = candidate_client.get(open_question).content.decode()
    assert 'data-testid="round-finished"' in page and "Submit answer" not in page
    assert "Time on this question" not in page and "round time left" not in page

    response = candidate_client.post(open_question, {"text": "An answer sent from a page opened before."})

    assert response.status_code == 400 and "This mock round is finished" in response.content.decode()
    assert not Answer.objects.filter(session_question__session=first_round.session,
                                     session_question__position=2).exists()
    assert unfinished_session(user=candidate) is None
