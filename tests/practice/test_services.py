from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from practice import services, tasks
from practice.grading import OfflineGrader
from practice.models import Answer, Grade, PracticeSession, SessionQuestion
from questions.models import Question
from tests.factories import (
    AnswerFactory,
    GradeFactory,
    LevelFactory,
    PracticeSessionFactory,
    QuestionFactory,
    RoleTrackFactory,
    SessionQuestionFactory,
)

STRONG_ANSWER = (
    "During generation the model keeps the key and value vectors it already computed for earlier tokens, so it never "
    "recomputes them. Because of that, each decoding step only has to compute attention for the newest token rather "
    "than reprocessing the entire prefix. The price is memory: the cache grows linearly with the sequence length and "
    "with the batch size. So there is a trade-off, since more GPU memory spent on the cache leaves less room for a "
    "bigger batch, which limits throughput. If the GPU runs out of memory, the server has to evict requests or "
    "crashes with out-of-memory errors."
)


def seconds_ago(seconds: float):
    return timezone.now() - timedelta(seconds=seconds)


def backdate(answer: Answer, **fields) -> None:
    Answer.objects.filter(pk=answer.pk).update(**fields)


# --- session_start ------------------------------------------------------------------------------------------------


def test_session_start_takes_the_asked_number_of_questions_from_the_cell(candidate, cell):
    session = services.session_start(user=candidate, category=cell["category"], level=cell["level"], role_track=None,
                                     question_count=2)

    items = list(session.items.order_by("position"))
    assert [item.position for item in items] == [1, 2]
    assert {item.question for item in items} < set(cell["questions"])
    assert session.user == candidate


def test_session_start_keeps_to_published_questions_of_the_cell_and_track(candidate, cell):
    other_level = LevelFactory(key="junior", name="Junior")
    other_track = RoleTrackFactory(key="ml-platform", name="ML platform engineer")
    QuestionFactory(category=cell["category"], levels=[cell["level"]], status=Question.Status.DRAFT)
    QuestionFactory(category=cell["category"], levels=[cell["level"]], status=Question.Status.ARCHIVED)
    QuestionFactory(category=cell["category"], levels=[other_level])
    on_track = QuestionFactory(category=cell["category"], levels=[cell["level"], other_level],
                               role_tracks=[other_track, cell["role_track"]])

    any_track = services.session_start(user=candidate, category=cell["category"], level=cell["level"],
                                       role_track=None, question_count=10)
    narrowed = services.session_start(user=candidate, category=cell["category"], level=cell["level"],
                                      role_track=other_track, question_count=10)

    assert {item.question for item in any_track.items.all()} == {*cell["questions"], on_track}
    assert [item.question for item in narrowed.items.all()] == [on_track]


def test_session_start_refuses_an_empty_cell_and_creates_nothing(candidate, cell):
    junior = LevelFactory(key="junior", name="Junior")

    with pytest.raises(ValidationError) as error:
        services.session_start(user=candidate, category=cell["category"], level=junior, role_track=None,
                               question_count=3)

    assert "There are no published LLM engineering & RAG questions at Junior level yet." in error.value.messages[0]
    assert not PracticeSession.objects.exists()


def test_session_start_puts_questions_the_candidate_has_answered_last(candidate, cell):
    answered = cell["questions"][:2]
    for question in answered:
        AnswerFactory(session_question__session__user=candidate, session_question__question=question)

    for _ in range(6):
        session = services.session_start(user=candidate, category=cell["category"], level=cell["level"],
                                         role_track=None, question_count=3)
        order = [item.question for item in session.items.order_by("position")]
        assert order[0] == cell["questions"][2]
        assert set(order[1:]) == set(answered)


# --- answer_submit ------------------------------------------------------------------------------------------------


def test_answer_submit_stores_the_text_verbatim_and_enqueues_after_commit(
    candidate, session_question, apply_async, django_capture_on_commit_callbacks
):
    text = "\tFirst line  \n\n  <i>second</i> line with ümlauts and emoji 🚀  "
    SessionQuestion.objects.filter(pk=session_question.pk).update(shown_at=seconds_ago(61))
    session_question.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        answer, created = services.answer_submit(user=candidate, session_question=session_question, text=text)
        apply_async.assert_not_called()
        stored = Answer.objects.get()
        assert (stored.text, stored.status, stored.enqueued_at) == (text, Answer.Status.QUEUED, None)

    assert created is True
    assert len(callbacks) == 1
    apply_async.assert_called_once_with(args=[answer.pk])
    answer.refresh_from_db()
    assert answer.text == text
    assert answer.enqueued_at is not None
    assert 61 <= answer.time_spent_seconds <= 70


def test_answer_submit_counts_no_time_for_a_question_never_shown(candidate, session_question, apply_async):
    answer, _ = services.answer_submit(user=candidate, session_question=session_question, text="An answer.")

    assert answer.time_spent_seconds == 0


def test_answer_submit_twice_keeps_the_first_answer(candidate, session_question, apply_async,
                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first, _ = services.answer_submit(user=candidate, session_question=session_question, text="First.")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        second, created = services.answer_submit(user=candidate, session_question=session_question, text="Second.")

    assert created is False
    assert second.pk == first.pk and second.text == "First."
    assert callbacks == []
    assert Answer.objects.count() == 1
    apply_async.assert_called_once()


def test_answer_submit_racing_another_request_returns_the_stored_answer(candidate, session_question, apply_async,
                                                                        django_capture_on_commit_callbacks):
    stored = AnswerFactory(session_question=session_question, text="Stored by the other request.")

    # The other request stored its answer between this one's look-up and its insert.
    with mock.patch("django.db.models.query.QuerySet.first", return_value=None):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            answer, created = services.answer_submit(user=candidate, session_question=session_question,
                                                     text="Lost the race.")

    assert (answer.pk, answer.text, created) == (stored.pk, "Stored by the other request.", False)
    assert callbacks == []
    assert Answer.objects.count() == 1


@pytest.mark.parametrize("text", ["", "  \n ", "x" * (settings.ANSWER_MAX_CHARS + 1)])
def test_answer_submit_rejects_empty_and_overlong_text(candidate, session_question, apply_async, text):
    with pytest.raises(ValidationError):
        services.answer_submit(user=candidate, session_question=session_question, text=text)

    assert not Answer.objects.exists()


def test_answer_submit_with_the_broker_down_keeps_the_answer_queued(candidate, session_question, broker_down,
                                                                    django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answer, created = services.answer_submit(user=candidate, session_question=session_question, text="Kept.")

    answer.refresh_from_db()
    assert created is True
    assert (answer.text, answer.status, answer.enqueued_at) == ("Kept.", Answer.Status.QUEUED, None)
    assert answer.grading_delayed


# --- answer_claim -------------------------------------------------------------------------------------------------


def test_only_one_claim_wins(db):
    answer = AnswerFactory()

    assert services.answer_claim(answer_id=answer.pk) is True
    assert services.answer_claim(answer_id=answer.pk) is False

    answer.refresh_from_db()
    assert (answer.status, answer.attempts) == (Answer.Status.GRADING, 1)
    assert answer.claimed_at is not None


def test_a_stale_claim_can_be_taken_over(db):
    answer = AnswerFactory(status=Answer.Status.GRADING, attempts=1,
                           claimed_at=seconds_ago(settings.GRADING_CLAIM_TIMEOUT_SECONDS + 5))

    assert services.answer_claim(answer_id=answer.pk) is True

    answer.refresh_from_db()
    assert answer.attempts == 2
    assert answer.claimed_at > seconds_ago(5)
    assert services.answer_claim(answer_id=answer.pk) is False  # the new claim is fresh


def test_a_fresh_claim_is_not_taken_over(db):
    answer = AnswerFactory(status=Answer.Status.GRADING, attempts=1,
                           claimed_at=seconds_ago(settings.GRADING_CLAIM_TIMEOUT_SECONDS - 30))

    assert services.answer_claim(answer_id=answer.pk) is False
    answer.refresh_from_db()
    assert answer.attempts == 1


@pytest.mark.parametrize("status", [Answer.Status.GRADED, Answer.Status.FAILED])
def test_a_finished_answer_cannot_be_claimed(db, status):
    answer = AnswerFactory(status=status, claimed_at=seconds_ago(10 * settings.GRADING_CLAIM_TIMEOUT_SECONDS))

    assert services.answer_claim(answer_id=answer.pk) is False
    answer.refresh_from_db()
    assert answer.status == status


def test_a_missing_answer_cannot_be_claimed(db):
    assert services.answer_claim(answer_id=999_999) is False


# --- answer_grade -------------------------------------------------------------------------------------------------


def test_answer_grade_grades_a_queued_answer_against_its_rubric(session_question):
    answer = AnswerFactory(session_question=session_question, text=STRONG_ANSWER)

    grade = services.answer_grade(answer_id=answer.pk)

    answer.refresh_from_db()
    assert answer.status == Answer.Status.GRADED
    assert answer.failure_message == ""
    assert grade == Grade.objects.get(answer=answer)
    assert (grade.grader, grade.prompt_version, grade.rubric_version) == ("offline", "offline-10", 1)
    rubric = list(session_question.question.rubric_items.values_list("kind", "text"))
    assert [(item["kind"], item["text"]) for item in grade.items] == rubric
    assert sum(item["verdict"] == "covered" for item in grade.items) >= 4
    assert Decimal("4.0") <= grade.overall <= Decimal("5.0")
    assert grade.feedback.startswith("You covered ")


def test_answer_grade_twice_makes_one_grade_and_leaves_it_alone(session_question):
    answer = AnswerFactory(session_question=session_question, text=STRONG_ANSWER)
    first = services.answer_grade(answer_id=answer.pk)

    second = services.answer_grade(answer_id=answer.pk)

    assert second is None
    assert Grade.objects.count() == 1
    kept = Grade.objects.get()
    assert (kept.pk, kept.overall, kept.feedback, kept.created_at) == (first.pk, first.overall, first.feedback,
                                                                       first.created_at)


def test_answer_grade_never_overwrites_a_grade_finished_by_a_worker_that_took_over(session_question):
    """Worker A is slow; its claim goes stale, worker B takes over and finishes first. A's late result is dropped."""
    answer = AnswerFactory(session_question=session_question, text=STRONG_ANSWER)
    real_grader = OfflineGrader()
    results = {}

    class SlowGrader:
        name, model, prompt_version = "offline", "", real_grader.prompt_version

        def grade(self, request):
            if "b" not in results:  # only worker A is slow: while it grades, its claim goes stale and B takes over
                results["b"] = None
                Answer.objects.filter(pk=answer.pk).update(
                    claimed_at=seconds_ago(settings.GRADING_CLAIM_TIMEOUT_SECONDS + 1))
                results["b"] = services.answer_grade(answer_id=answer.pk)
            return real_grader.grade(request)

    with mock.patch("practice.services.get_grader", return_value=SlowGrader()):
        results["a"] = services.answer_grade(answer_id=answer.pk)

    assert results["a"] is None
    assert results["b"] is not None
    assert Grade.objects.get().pk == results["b"].pk
    answer.refresh_from_db()
    assert (answer.status, answer.attempts) == (Answer.Status.GRADED, 2)


def test_answer_grade_leaves_an_answer_another_worker_is_grading(db):
    answer = AnswerFactory(status=Answer.Status.GRADING, claimed_at=timezone.now(), attempts=1)

    assert services.answer_grade(answer_id=answer.pk) is None

    assert not Grade.objects.exists()
    answer.refresh_from_db()
    assert answer.status == Answer.Status.GRADING


def test_answer_grade_does_not_grade_a_failed_answer_until_it_is_regraded(apply_async, db):
    answer = AnswerFactory(status=Answer.Status.FAILED, failure_message="Grading failed: TimeoutError")

    assert services.answer_grade(answer_id=answer.pk) is None
    assert services.answer_regrade(answer=answer) is True
    assert services.answer_grade(answer_id=answer.pk) is not None

    answer.refresh_from_db()
    assert (answer.status, answer.failure_message) == (Answer.Status.GRADED, "")


# --- answer_mark_failed -------------------------------------------------------------------------------------------


def test_answer_mark_failed_keeps_a_short_message(db):
    answer = AnswerFactory(status=Answer.Status.GRADING)

    services.answer_mark_failed(answer_id=answer.pk, message="Grading failed: " + "x" * 400)

    answer.refresh_from_db()
    assert answer.status == Answer.Status.FAILED
    assert len(answer.failure_message) == 300


def test_answer_mark_failed_never_touches_a_graded_answer(db):
    grade = GradeFactory()

    services.answer_mark_failed(answer_id=grade.answer_id, message="Grading failed: late duplicate")

    grade.answer.refresh_from_db()
    assert (grade.answer.status, grade.answer.failure_message) == (Answer.Status.GRADED, "")


# --- answers_requeue_stale ----------------------------------------------------------------------------------------


def test_the_sweep_requeues_answers_left_queued_and_abandoned_claims(apply_async, db):
    stale = settings.GRADING_STALE_AFTER_SECONDS
    timeout = settings.GRADING_CLAIM_TIMEOUT_SECONDS
    never_sent = AnswerFactory()
    backdate(never_sent, submitted_at=seconds_ago(stale + 5))
    sent_long_ago = AnswerFactory(enqueued_at=seconds_ago(stale + 5))
    backdate(sent_long_ago, submitted_at=seconds_ago(stale + 10))
    abandoned = AnswerFactory(status=Answer.Status.GRADING, claimed_at=seconds_ago(timeout + 5))
    backdate(abandoned, submitted_at=seconds_ago(timeout + 10))
    just_submitted = AnswerFactory()
    just_sent = AnswerFactory(enqueued_at=seconds_ago(1))
    backdate(just_sent, submitted_at=seconds_ago(stale + 5))
    being_graded = AnswerFactory(status=Answer.Status.GRADING, claimed_at=seconds_ago(timeout - 30))
    backdate(being_graded, submitted_at=seconds_ago(timeout + 10))
    for status in (Answer.Status.GRADED, Answer.Status.FAILED):
        backdate(AnswerFactory(status=status), submitted_at=seconds_ago(timeout + 10))

    assert services.answers_requeue_stale() == 3

    sent = {call.kwargs["args"][0] for call in apply_async.call_args_list}
    assert sent == {never_sent.pk, sent_long_ago.pk, abandoned.pk}
    never_sent.refresh_from_db()
    assert never_sent.enqueued_at > seconds_ago(5)
    assert not never_sent.grading_delayed
    just_submitted.refresh_from_db()
    assert just_submitted.enqueued_at is None


def test_the_sweep_leaves_answers_queued_while_the_broker_is_still_down(broker_down, db):
    answer = AnswerFactory()
    backdate(answer, submitted_at=seconds_ago(settings.GRADING_STALE_AFTER_SECONDS + 5))

    assert services.answers_requeue_stale() == 0

    answer.refresh_from_db()
    assert (answer.status, answer.enqueued_at) == (Answer.Status.QUEUED, None)
    broker_down.assert_called_once_with(args=[answer.pk])


def test_the_sweep_follows_the_stale_setting(apply_async, db, settings):
    settings.GRADING_STALE_AFTER_SECONDS = 600
    answer = AnswerFactory()
    backdate(answer, submitted_at=seconds_ago(300))

    assert services.answers_requeue_stale() == 0
    settings.GRADING_STALE_AFTER_SECONDS = 120
    assert services.answers_requeue_stale() == 1


def test_a_requeued_answer_is_then_graded_once(apply_async, session_question):
    answer = AnswerFactory(session_question=session_question, text=STRONG_ANSWER)
    backdate(answer, submitted_at=seconds_ago(settings.GRADING_STALE_AFTER_SECONDS + 5))
    services.answers_requeue_stale()

    for call in apply_async.call_args_list * 2:  # the first send got through after all: both copies arrive
        tasks.grade_answer(*call.kwargs["args"])

    assert Grade.objects.filter(answer=answer).count() == 1


# --- answer_regrade -----------------------------------------------------------------------------------------------


def test_answer_regrade_reopens_a_failed_answer_with_its_text_untouched(apply_async,
                                                                        django_capture_on_commit_callbacks, db):
    answer = AnswerFactory(text=" Exactly this. ", status=Answer.Status.FAILED, failure_message="Grading failed",
                           claimed_at=seconds_ago(30), enqueued_at=seconds_ago(60), attempts=2)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.answer_regrade(answer=answer) is True

    answer.refresh_from_db()
    assert answer.text == " Exactly this. "
    assert (answer.status, answer.failure_message, answer.claimed_at) == (Answer.Status.QUEUED, "", None)
    assert answer.enqueued_at > seconds_ago(5)
    apply_async.assert_called_once_with(args=[answer.pk])


@pytest.mark.parametrize("status", [Answer.Status.QUEUED, Answer.Status.GRADING, Answer.Status.GRADED])
def test_answer_regrade_only_reopens_failed_answers(apply_async, django_capture_on_commit_callbacks, db, status):
    answer = AnswerFactory(status=status, attempts=1)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.answer_regrade(answer=answer) is False

    answer.refresh_from_db()
    assert (answer.status, answer.attempts) == (status, 1)
    apply_async.assert_not_called()


# --- tasks --------------------------------------------------------------------------------------------------------


def test_the_task_delivered_twice_grades_once(session_question):
    answer = AnswerFactory(session_question=session_question, text=STRONG_ANSWER)

    tasks.grade_answer(answer.pk)
    tasks.grade_answer(answer.pk)

    assert Grade.objects.filter(answer=answer).count() == 1
    answer.refresh_from_db()
    assert (answer.status, answer.attempts) == (Answer.Status.GRADED, 1)


def test_the_task_run_through_celery_grades_once(session_question):
    answer = AnswerFactory(session_question=session_question, text=STRONG_ANSWER)

    tasks.grade_answer.apply(args=[answer.pk]).get()
    tasks.grade_answer.apply(args=[answer.pk]).get()

    assert Grade.objects.filter(answer=answer).count() == 1


def test_a_failing_grader_marks_the_answer_failed_and_keeps_the_text(session_question):
    answer = AnswerFactory(session_question=session_question, text="Kept verbatim.")
    broken = mock.Mock(model="", prompt_version="offline-1")
    broken.name = "offline"
    broken.grade.side_effect = ZeroDivisionError("a bug in the grader")

    with mock.patch("practice.services.get_grader", return_value=broken), pytest.raises(ZeroDivisionError):
        tasks.grade_answer(answer.pk)

    answer.refresh_from_db()
    assert (answer.status, answer.failure_message, answer.text) == (
        Answer.Status.FAILED, "grading failed (ZeroDivisionError)", "Kept verbatim.")
    assert not Grade.objects.exists()


def test_the_sweep_task_requeues_through_the_service(apply_async, db):
    answer = AnswerFactory()
    backdate(answer, submitted_at=seconds_ago(settings.GRADING_STALE_AFTER_SECONDS + 5))

    assert tasks.sweep_stale_answers() == 1
    apply_async.assert_called_once_with(args=[answer.pk])


def test_answers_of_other_sessions_are_not_affected_by_grading(session_question):
    mine = AnswerFactory(session_question=session_question, text=STRONG_ANSWER)
    other = AnswerFactory(session_question=SessionQuestionFactory(session=PracticeSessionFactory()))

    services.answer_grade(answer_id=mine.pk)

    other.refresh_from_db()
    assert (other.status, other.attempts) == (Answer.Status.QUEUED, 0)
