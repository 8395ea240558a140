import json
from decimal import Decimal

import pytest

from playbook.services import content_load
from practice.exercises.models import CodeSubmission, Exercise
from practice.exercises.scoring import exercise_overall
from practice.exercises.services import exercise_answer_submit
from practice.grading.offline import OfflineGrader
from practice.models import Answer
from practice.services import answer_grade
from questions.models import Question

CODE = "def add(a, b):\n    return a + b  # verbatim\n\n\n"
EXPLANATION = "I return a + b: constant time, and negatives and zero need no special case."


def results(*, hidden: list[tuple[str, bool]], **extra) -> str:
    return json.dumps({"hidden": [{"name": n, "passed": p, "message": "" if p else "wrong"} for n, p in hidden],
                       **extra})


def test_content_load_publishes_each_exercise_as_a_coding_question_once(db):
    content_load()
    exercises = list(Exercise.objects.select_related("question__category"))
    assert exercises, "content/exercises should load"
    for exercise in exercises:
        assert exercise.question.key == f"exercise-{exercise.key}"
        assert exercise.question.category.key == "coding"
        assert exercise.question.status == Question.Status.PUBLISHED
        assert exercise.hidden_test_names and exercise.question.rubric_items.exists()
    report = content_load()
    assert report.sections["Exercises"].unchanged == len(exercises)
    assert report.sections["Exercises"].created == report.sections["Exercises"].updated == 0
    assert Exercise.objects.count() == len(exercises)


@pytest.mark.parametrize(("passed", "spoken", "expected"), [
    (2, Decimal("5.0"), Decimal("5.0")),   # 3.5 + 1.5
    (1, Decimal("5.0"), Decimal("3.5")),   # 1.75 + 1.5 = 3.25, rounds up to 3.5
    (0, Decimal("4.0"), Decimal("1.0")),   # 0 + 1.2, nearest half point
    (2, Decimal("0.0"), Decimal("3.5")),
    (None, Decimal("4.0"), Decimal("4.0")),  # no results: the explanation alone
])
def test_the_score_rule(passed, spoken, expected):
    assert exercise_overall(spoken=spoken, hidden_passed=passed, hidden_total=2) == expected


def test_submit_stores_code_verbatim_and_counts_only_the_exercises_hidden_tests(exercise_item, exercise, apply_async,
                                                                                 django_capture_on_commit_callbacks):
    reported = results(hidden=[("test_negative", True), ("test_zero", False), ("test_invented", True),
                               ("test_negative", False)], stdout="x" * 10_000)
    with django_capture_on_commit_callbacks(execute=True):
        answer, created = exercise_answer_submit(user=exercise_item.session.user, session_question=exercise_item,
                                                 exercise=exercise, code=CODE, explanation=EXPLANATION,
                                                 results=reported)
    submission = CodeSubmission.objects.get(answer=answer)
    assert created and answer.text == EXPLANATION and submission.code == CODE
    assert (submission.hidden_passed, submission.hidden_total) == (1, 2)
    assert [t["name"] for t in submission.results["hidden"]] == ["test_negative", "test_zero"]
    assert len(submission.results["stdout"]) == 5_000
    apply_async.assert_called_once_with(args=[answer.pk])

    again, created = exercise_answer_submit(user=exercise_item.session.user, session_question=exercise_item,
                                            exercise=exercise, code="other", explanation="other", results="")
    assert (again.pk, created) == (answer.pk, False)
    assert CodeSubmission.objects.get().code == CODE


@pytest.mark.parametrize(("raw", "note"), [
    ("", "JavaScript was off"),
    ("{not json", "could not be read"),
    ("[1, 2]", "could not be read"),
    ("x" * 100_001, "too large"),
])
def test_missing_or_unreadable_results_keep_the_answer_and_say_why(exercise_item, exercise, apply_async, raw, note):
    answer, _ = exercise_answer_submit(user=exercise_item.session.user, session_question=exercise_item,
                                       exercise=exercise, code=CODE, explanation=EXPLANATION, results=raw)
    submission = answer.code_submission
    assert submission.hidden_passed is None and note in submission.results_note
    assert submission.code == CODE


def test_grading_counts_the_hidden_tests_and_the_spoken_part(exercise_item, exercise, apply_async):
    answer, _ = exercise_answer_submit(user=exercise_item.session.user, session_question=exercise_item,
                                       exercise=exercise, code=CODE, explanation=EXPLANATION,
                                       results=results(hidden=[("test_negative", True), ("test_zero", True)]))
    grade = answer_grade(answer_id=answer.pk, grader=OfflineGrader())
    from practice.exercises.scoring import spoken_score

    spoken = spoken_score(items=grade.items, clarity_verdict=grade.clarity_verdict)
    assert grade.overall == exercise_overall(spoken=spoken, hidden_passed=2, hidden_total=2)
    assert grade.overall >= Decimal("3.5")
    assert Answer.objects.get(pk=answer.pk).status == Answer.Status.GRADED


def test_a_reused_grade_carries_this_answers_tests_not_the_earlier_ones(exercise, cell, candidate, apply_async):
    from tests.factories import SessionQuestionFactory

    overall = []
    for passed in (True, False):
        item = SessionQuestionFactory(session__user=candidate, session__category=cell["category"],
                                      session__level=cell["level"], question=exercise.question, position=1)
        answer, _ = exercise_answer_submit(
            user=candidate, session_question=item, exercise=exercise, code=CODE, explanation=EXPLANATION,
            results=results(hidden=[("test_negative", passed), ("test_zero", passed)]),
        )
        grade = answer_grade(answer_id=answer.pk, grader=OfflineGrader())
        overall.append(grade)
    assert overall[1].reused
    assert overall[0].overall - overall[1].overall == Decimal("3.5")


def test_purging_old_answer_texts_blanks_the_code_and_output_but_keeps_the_test_counts(exercise_item, exercise,
                                                                                      apply_async):
    from datetime import timedelta

    from django.utils import timezone

    from accounts.services import answer_texts_purge

    answer, _ = exercise_answer_submit(user=exercise_item.session.user, session_question=exercise_item,
                                       exercise=exercise, code=CODE, explanation=EXPLANATION,
                                       results=results(hidden=[("test_negative", True)], stdout="private"))
    Answer.objects.filter(pk=answer.pk).update(status=Answer.Status.GRADED,
                                               submitted_at=timezone.now() - timedelta(days=40))
    assert answer_texts_purge(older_than_days=30) == 1
    submission = CodeSubmission.objects.get(answer=answer)
    assert (submission.code, submission.results) == ("", {})
    assert (submission.hidden_passed, submission.hidden_total) == (1, 2)
