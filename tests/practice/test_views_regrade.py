from decimal import Decimal

import pytest
from django.urls import reverse

from practice.models import Answer, Grade
from tests.factories import AnswerFactory, GradeFactory

TEXT = "  My answer, exactly as typed.\n\nWith a second paragraph & <markup>.  "
QUEUED_AGAIN = "Your answer is queued for grading again."


def url_of(answer) -> str:
    return reverse("practice:regrade", args=[answer.pk])


def question_url_of(answer) -> str:
    item = answer.session_question
    return reverse("practice:question", args=[item.session_id, item.position])


@pytest.fixture
def failed_answer(session_question):
    return AnswerFactory(session_question=session_question, text=TEXT, status=Answer.Status.FAILED,
                         failure_message="Grading failed: TimeoutError", attempts=3)


def test_it_rejects_get_put_and_delete(candidate_client, failed_answer, apply_async, django_assert_num_queries):
    for method in (candidate_client.get, candidate_client.put, candidate_client.delete):
        with django_assert_num_queries(2):
            response = method(url_of(failed_answer))
        assert response.status_code == 405

    failed_answer.refresh_from_db()
    assert failed_answer.status == Answer.Status.FAILED
    apply_async.assert_not_called()


def test_it_sends_an_anonymous_visitor_to_log_in(client, failed_answer, apply_async, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.post(url_of(failed_answer))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    failed_answer.refresh_from_db()
    assert failed_answer.status == Answer.Status.FAILED
    apply_async.assert_not_called()


def test_it_rejects_another_candidates_answer(client, other_candidate, failed_answer, apply_async,
                                              django_capture_on_commit_callbacks, django_assert_num_queries):
    client.force_login(other_candidate)

    with django_capture_on_commit_callbacks(execute=True):
        with django_assert_num_queries(3):
            response = client.post(url_of(failed_answer))

    assert response.status_code == 404
    failed_answer.refresh_from_db()
    assert (failed_answer.status, failed_answer.failure_message) == (Answer.Status.FAILED,
                                                                     "Grading failed: TimeoutError")
    apply_async.assert_not_called()


def test_it_requeues_a_failed_answer_with_its_text_untouched(candidate_client, failed_answer, apply_async,
                                                             django_capture_on_commit_callbacks,
                                                             django_assert_num_queries):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        # django_session, auth_user, the answer, reopening it (the message travels in a cookie)
        with django_assert_num_queries(4):
            response = candidate_client.post(url_of(failed_answer))
        apply_async.assert_not_called()  # not before the reopened answer is committed

    assert len(callbacks) == 1
    apply_async.assert_called_once_with(args=[failed_answer.pk])
    assert response.status_code == 302
    assert response.url == question_url_of(failed_answer)
    failed_answer.refresh_from_db()
    assert failed_answer.text == TEXT
    assert failed_answer.status == Answer.Status.QUEUED
    assert failed_answer.failure_message == ""
    assert failed_answer.claimed_at is None
    assert failed_answer.enqueued_at is not None
    page = candidate_client.get(response.url).content.decode()
    assert QUEUED_AGAIN in page
    assert "Grading your answer" in page
    assert "Grade again" not in page


def test_a_regrade_while_the_broker_is_down_leaves_the_answer_queued_for_the_sweep(
    candidate_client, failed_answer, broker_down, django_capture_on_commit_callbacks, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True), django_assert_num_queries(4):
        response = candidate_client.post(url_of(failed_answer))

    failed_answer.refresh_from_db()
    assert (failed_answer.status, failed_answer.enqueued_at, failed_answer.text) == (Answer.Status.QUEUED, None, TEXT)
    assert "Grading is delayed" in candidate_client.get(response.url).content.decode()


@pytest.mark.parametrize("status", [Answer.Status.QUEUED, Answer.Status.GRADING])
def test_it_does_not_requeue_an_answer_that_is_still_being_graded(candidate_client, session_question, status,
                                                                  apply_async, django_capture_on_commit_callbacks,
                                                                  django_assert_num_queries):
    answer = AnswerFactory(session_question=session_question, text=TEXT, status=status, attempts=1)

    with django_capture_on_commit_callbacks(execute=True):
        with django_assert_num_queries(4):
            response = candidate_client.post(url_of(answer))

    assert response.url == question_url_of(answer)
    apply_async.assert_not_called()
    answer.refresh_from_db()
    assert (answer.status, answer.text, answer.attempts) == (status, TEXT, 1)
    assert QUEUED_AGAIN not in candidate_client.get(response.url).content.decode()


def test_it_never_regrades_a_graded_answer(candidate_client, session_question, apply_async,
                                           django_capture_on_commit_callbacks, django_assert_num_queries):
    grade = GradeFactory(answer__session_question=session_question, answer__text=TEXT, overall="2.5")

    with django_capture_on_commit_callbacks(execute=True):
        with django_assert_num_queries(4):
            candidate_client.post(url_of(grade.answer))

    apply_async.assert_not_called()
    grade.answer.refresh_from_db()
    assert grade.answer.status == Answer.Status.GRADED
    assert Grade.objects.get().overall == Decimal("2.5")


def test_a_second_click_on_grade_again_queues_it_once(candidate_client, failed_answer, apply_async,
                                                      django_capture_on_commit_callbacks, django_assert_num_queries):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            with django_assert_num_queries(4):
                candidate_client.post(url_of(failed_answer))

    apply_async.assert_called_once_with(args=[failed_answer.pk])


def test_it_returns_404_for_an_answer_that_does_not_exist(candidate_client, django_assert_num_queries):
    with django_assert_num_queries(3):
        response = candidate_client.post(reverse("practice:regrade", args=[999_999]))

    assert response.status_code == 404
