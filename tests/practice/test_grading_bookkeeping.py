"""Break 6 of issue 11: every grade keeps its review card, a dead worker's claim is taken over well under a
minute, the page says grading is delayed meanwhile, and "Grade again" is capped."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from practice import services
from practice.grading import OfflineGrader
from practice.models import Answer
from practice.tasks import grade_answer, sweep_stale_answers
from progress.models import CardReview
from tests.factories import AnswerFactory, GradeFactory


def test_the_review_card_is_written_in_the_grades_own_transaction(session_question,
                                                                  django_capture_on_commit_callbacks):
    answer = AnswerFactory(session_question=session_question)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:  # as if the worker died at the commit
        grade = services.answer_grade(answer_id=answer.pk)

    assert callbacks == []
    assert CardReview.objects.get().grade == grade


def test_a_redelivered_task_after_a_grade_committed_without_its_card_is_repaired_by_the_sweep(session_question):
    # The state an older worker left when SIGKILLed between committing the grade and scheduling its card.
    grade = GradeFactory(answer__session_question=session_question, overall="4.0")
    assert not CardReview.objects.exists()

    grade_answer.apply(args=[grade.answer_id])  # the redelivered task stops at the claim: graded already
    assert not CardReview.objects.exists()
    sweep_stale_answers.apply()

    review = CardReview.objects.get()
    assert review.grade == grade and str(review.card.last_score) == "4.0"
    sweep_stale_answers.apply()
    assert CardReview.objects.count() == 1  # repaired once


def test_the_sweep_looks_back_a_week_only(session_question):
    old = GradeFactory(answer__session_question=session_question)
    old.created_at = timezone.now() - timedelta(days=8)
    old.save(update_fields=["created_at"])

    sweep_stale_answers.apply()

    assert not CardReview.objects.exists()


def test_a_failed_scheduling_keeps_the_grade_for_the_sweep(session_question, monkeypatch):
    answer = AnswerFactory(session_question=session_question)
    monkeypatch.setattr(services, "review_schedule_from_grade", lambda grade_id: 1 / 0)

    grade = services.answer_grade(answer_id=answer.pk)

    answer.refresh_from_db()
    assert answer.status == Answer.Status.GRADED and grade is not None
    monkeypatch.undo()
    sweep_stale_answers.apply()
    assert CardReview.objects.get().grade == grade


class SlowGrader(OfflineGrader):
    """Grades like the offline grader after `seconds`, noting the answer's claim time while it works."""

    def __init__(self, answer_id: int, seconds: float):
        self.answer_id, self.seconds, self.seen = answer_id, seconds, []

    def grade(self, request):
        deadline = time.monotonic() + self.seconds
        while time.monotonic() < deadline:
            self.seen.append(Answer.objects.values_list("claimed_at", flat=True).get(pk=self.answer_id))
            time.sleep(0.05)
        return super().grade(request)


@pytest.mark.django_db(transaction=True)
def test_a_worker_renews_its_claim_while_it_grades(settings):
    settings.GRADING_HEARTBEAT_SECONDS = 0.1
    answer = AnswerFactory()
    grader = SlowGrader(answer.pk, seconds=1.0)

    services.answer_grade(answer_id=answer.pk, grader=grader)

    # The claim moved on while the grader worked (at least once: a loaded machine may skip some of the ten beats).
    assert len(set(grader.seen)) >= 2
    assert Answer.objects.get(pk=answer.pk).status == Answer.Status.GRADED


def test_a_claim_not_renewed_within_the_timeout_is_taken_over_by_the_sweep(apply_async, db, settings):
    assert settings.GRADING_CLAIM_TIMEOUT_SECONDS + settings.GRADING_SWEEP_INTERVAL_SECONDS < 60
    dead = AnswerFactory(status=Answer.Status.GRADING,
                         claimed_at=timezone.now() - timedelta(seconds=settings.GRADING_CLAIM_TIMEOUT_SECONDS + 1))
    alive = AnswerFactory(status=Answer.Status.GRADING,
                          claimed_at=timezone.now() - timedelta(seconds=settings.GRADING_HEARTBEAT_SECONDS))

    assert services.answers_requeue_stale() == 1

    apply_async.assert_called_once_with(args=[dead.pk])
    assert services.answer_claim(answer_id=dead.pk) and not services.answer_claim(answer_id=alive.pk)


def test_the_page_says_grading_is_delayed_while_a_claim_goes_unrenewed(candidate_client, session_question, settings,
                                                                       django_assert_num_queries):
    answer = AnswerFactory(session_question=session_question, status=Answer.Status.GRADING,
                           claimed_at=timezone.now())
    url = reverse("practice:question", args=[session_question.session_id, 1])
    assert "Grading is delayed" not in candidate_client.get(url).content.decode()

    Answer.objects.filter(pk=answer.pk).update(
        claimed_at=timezone.now() - timedelta(seconds=3 * settings.GRADING_HEARTBEAT_SECONDS))
    with django_assert_num_queries(3):  # django_session, auth_user, the item with its session and answer
        html = candidate_client.get(url, headers={"HX-Request": "true", "HX-Target": "grade"}).content.decode()

    assert "Grading is delayed" in html and "Grading your answer" in html


def test_the_page_says_grading_is_delayed_when_no_worker_takes_a_queued_answer(candidate_client, session_question,
                                                                              settings):
    """The broker took the task but no worker is running (it crashed): the candidate is told, not left spinning."""
    answer = AnswerFactory(session_question=session_question, enqueued_at=timezone.now())
    url = reverse("practice:question", args=[session_question.session_id, 1])
    assert "Grading is delayed" not in candidate_client.get(url).content.decode()

    Answer.objects.filter(pk=answer.pk).update(
        enqueued_at=timezone.now() - timedelta(seconds=settings.GRADING_STALE_AFTER_SECONDS + 5))

    assert "Grading is delayed" in candidate_client.get(url).content.decode()


def test_grade_again_is_capped_per_answer(candidate_client, session_question, settings, apply_async,
                                          django_capture_on_commit_callbacks):
    settings.GRADING_MAX_REGRADES = 2
    answer = AnswerFactory(session_question=session_question, status=Answer.Status.FAILED, text="Kept as typed.")
    url = reverse("practice:regrade", args=[answer.pk])
    page = reverse("practice:question", args=[session_question.session_id, 1])

    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            candidate_client.post(url)
            candidate_client.post(url)  # a double click while it is queued: nothing more
        services.answer_mark_failed(answer_id=answer.pk, message="the grader failed")

    assert apply_async.call_count == 2
    html = candidate_client.get(page).content.decode()
    assert "Grade again</button>" not in html and 'data-testid="regrade-cap"' in html
    with django_capture_on_commit_callbacks(execute=True):
        response = candidate_client.post(url, follow=True)
    assert apply_async.call_count == 2
    assert "already sent back to grading 2 times, the most allowed" in response.content.decode()
    answer.refresh_from_db()
    assert (answer.status, answer.regrades, answer.text) == (Answer.Status.FAILED, 2, "Kept as typed.")
