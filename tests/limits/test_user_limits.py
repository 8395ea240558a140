"""Per-user limits on answers and sessions, and the daily LLM budget, against the fake OpenAI server that counts
every model call."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from practice import services
from practice.models import Answer, Grade, PracticeSession
from practice.tasks import grade_answer
from tests.factories import AnswerFactory, QuestionFactory, SessionQuestionFactory
from tests.support.fake_openai import FakeOpenAI

TEXT = "The KV cache stores keys and values of earlier tokens, so decoding only attends for the newest token."
# What one grade costs at the fake server's usage (900 prompt and 150 completion tokens) with gpt-4o-mini prices.
ONE_CALL_USD = Decimal("0.000225")


@pytest.fixture
def fake_llm(settings):
    with FakeOpenAI() as server:
        settings.OPENAI_API_KEY = "test-key"
        settings.OPENAI_BASE_URL = server.base_url
        settings.OPENAI_MODEL = "gpt-4o-mini"
        settings.OPENAI_TIMEOUT_SECONDS = 2
        yield server


def questions_for(user, cell, count: int) -> list:
    """`count` unanswered questions in one session of `user`, as page URLs."""
    questions = QuestionFactory.create_batch(count, category=cell["category"], levels=[cell["level"]])
    session = SessionQuestionFactory(session__user=user, session__category=cell["category"],
                                     session__level=cell["level"], question=questions[0], position=1).session
    for position, question in enumerate(questions[1:], start=2):
        SessionQuestionFactory(session=session, question=question, position=position)
    return [reverse("practice:question", args=[session.pk, position]) for position in range(1, count + 1)]


def grade_all(user) -> None:
    for answer_id in Answer.objects.filter(user=user).order_by("pk").values_list("pk", flat=True):
        services.answer_grade(answer_id=answer_id)


def test_a_flood_of_answers_stops_at_the_limit_and_a_second_account_is_unaffected(
        client, candidate, other_candidate, cell, settings, apply_async, fake_llm, django_assert_num_queries):
    settings.ANSWERS_PER_MINUTE = 3
    client.force_login(candidate)
    pages = questions_for(candidate, cell, 5)

    statuses = [client.post(page, {"text": f"{TEXT} ({n})"}).status_code for n, page in enumerate(pages)]

    assert statuses == [302, 302, 302, 429, 429]
    refused = client.post(pages[3], {"text": "Typed with care, and refused."})
    html = refused.content.decode()
    assert "You have submitted 3 answers in the last minute; the limit is 3." in html
    assert "Typed with care, and refused." in html  # still in the box
    assert Answer.objects.filter(user=candidate).count() == 3

    client.force_login(other_candidate)
    other_page = questions_for(other_candidate, cell, 1)[0]
    assert client.post(other_page, {"text": TEXT}).status_code == 302

    grade_all(candidate)
    grade_all(other_candidate)
    assert len(fake_llm.requests) == 4  # three answers of the flood, one of the other account


def test_an_htmx_submit_over_the_limit_returns_the_form_with_the_text_and_a_429(
        candidate_client, candidate, cell, settings, apply_async, django_assert_num_queries):
    settings.ANSWERS_PER_MINUTE = 1
    first, second = questions_for(candidate, cell, 2)
    candidate_client.post(first, {"text": TEXT})

    # the request's session and user, the item with its session and answer, a savepoint, the user lock, the one query
    # that counts the last minute and day, the rollback, and the session's question count for the page
    with django_assert_num_queries(9):
        response = candidate_client.post(second, {"text": "Kept."}, headers={"HX-Request": "true",
                                                                            "HX-Target": "answer-area"})

    assert response.status_code == 429
    html = response.content.decode()
    assert "<html" not in html and 'data-testid="answer-limit"' in html and "Kept.</textarea>" in html


def test_the_daily_answer_limit_counts_the_last_24_hours(candidate_client, candidate, cell, settings, apply_async):
    settings.ANSWERS_PER_DAY = 2
    pages = questions_for(candidate, cell, 4)
    for page in pages[:2]:
        candidate_client.post(page, {"text": TEXT})
    Answer.objects.filter(user=candidate).update(submitted_at=timezone.now() - timedelta(hours=23))

    response = candidate_client.post(pages[2], {"text": TEXT})
    assert response.status_code == 429
    assert "in the last 24 hours; the limit is 2. You can submit again in 60 minutes" in response.content.decode()

    Answer.objects.filter(user=candidate).update(submitted_at=timezone.now() - timedelta(hours=25))
    assert candidate_client.post(pages[2], {"text": TEXT}).status_code == 302


def test_starting_sessions_stops_at_the_limit_with_a_form_error(candidate_client, candidate, other_candidate, cell,
                                                                settings, client):
    settings.SESSIONS_PER_MINUTE = 2
    data = {"category": cell["category"].key, "level": cell["level"].key, "role_track": "", "question_count": "1"}

    statuses = [candidate_client.post(reverse("practice:start"), data).status_code for _ in range(3)]

    assert statuses == [302, 302, 429]
    assert PracticeSession.objects.filter(user=candidate).count() == 2
    refused = candidate_client.post(reverse("practice:start"), data)
    assert "You have started 2 practice sessions in the last minute; the limit is 2." in refused.content.decode()
    client.force_login(other_candidate)
    assert client.post(reverse("practice:start"), data).status_code == 302


def test_a_session_started_from_another_page_over_the_limit_gets_the_429_page(candidate_client, candidate, settings,
                                                                               cell):
    settings.SESSIONS_PER_DAY = 0
    answer = AnswerFactory(session_question__session__user=candidate, question=cell["questions"][0],
                           session_question__question=cell["questions"][0], status=Answer.Status.GRADED)

    response = candidate_client.post(reverse("progress:retry", args=[answer.question_id]))

    assert response.status_code == 429
    assert 'data-testid="limit-reached"' in response.content.decode()
    assert response["Retry-After"]


def test_past_the_users_daily_budget_grading_falls_back_offline_and_the_page_says_so(
        candidate_client, candidate, other_candidate, cell, settings, apply_async, fake_llm):
    settings.LLM_BUDGET_PER_USER_DAILY_USD = float(ONE_CALL_USD * 2)
    pages = questions_for(candidate, cell, 3)
    for page in pages:
        candidate_client.post(page, {"text": TEXT})

    grade_all(candidate)

    assert len(fake_llm.requests) == 2
    graders = list(Grade.objects.filter(answer__user=candidate).order_by("created_at")
                   .values_list("grader", "fallback"))
    assert graders == [("openai", ""), ("openai", ""), ("offline", "user_budget")]
    html = candidate_client.get(pages[2]).content.decode()
    assert 'data-testid="graded-offline"' in html and "your daily LLM grading budget is used up" in html
    assert 'data-testid="graded-offline"' not in candidate_client.get(pages[0]).content.decode()

    other = AnswerFactory(session_question__session__user=other_candidate, text=TEXT)
    services.answer_grade(answer_id=other.pk)
    assert other.grade.grader == "openai" and len(fake_llm.requests) == 3


def test_past_the_sites_daily_budget_every_account_falls_back(candidate, other_candidate, settings, apply_async,
                                                              fake_llm):
    settings.LLM_BUDGET_SITE_DAILY_USD = float(ONE_CALL_USD)
    first = AnswerFactory(session_question__session__user=candidate, text=TEXT)
    services.answer_grade(answer_id=first.pk)
    second = AnswerFactory(session_question__session__user=other_candidate, text=TEXT + " More.")

    services.answer_grade(answer_id=second.pk)

    assert len(fake_llm.requests) == 1
    assert (second.grade.grader, second.grade.fallback) == ("offline", "site_budget")


def test_spend_older_than_a_day_no_longer_counts(candidate, settings, apply_async, fake_llm):
    settings.LLM_BUDGET_PER_USER_DAILY_USD = float(ONE_CALL_USD)
    first = AnswerFactory(session_question__session__user=candidate, text=TEXT)
    services.answer_grade(answer_id=first.pk)
    Grade.objects.filter(pk=first.grade.pk).update(created_at=timezone.now() - timedelta(hours=25))
    second = AnswerFactory(session_question__session__user=candidate, text=TEXT + " Again.")

    services.answer_grade(answer_id=second.pk)

    assert second.grade.grader == "openai" and len(fake_llm.requests) == 2


def test_a_zero_budget_spends_nothing_on_the_llm(candidate, settings, apply_async, fake_llm):
    settings.LLM_BUDGET_SITE_DAILY_USD = 0
    answer = AnswerFactory(session_question__session__user=candidate, text=TEXT)

    services.answer_grade(answer_id=answer.pk)

    assert fake_llm.requests == [] and answer.grade.fallback == "site_budget"


def test_past_the_budget_an_answer_in_another_language_waits_for_the_llm_with_a_message(candidate, settings,
                                                                                       apply_async, fake_llm):
    settings.LLM_BUDGET_SITE_DAILY_USD = 0
    answer = AnswerFactory(session_question__session__user=candidate,
                           text="Guarda las claves y los valores de la atención de los tokens ya procesados.")

    grade_answer.apply(args=[answer.pk])

    answer.refresh_from_db()
    assert answer.status == Answer.Status.FAILED and not fake_llm.requests
    assert answer.failure_message.startswith("the offline grader reads English only, and this answer reads as Spanish")
    assert "use Grade again once the LLM grader is back" in answer.failure_message
    assert answer.can_regrade
