"""Writes of the exercises sub-domain: loading exercises from content, and storing a submission's code and results."""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from playbook.loading import SectionCounts, remove_stale, upsert
from practice.models import Answer, SessionQuestion
from practice.services import answer_submit
from questions.models import Question

from .content import QUESTION_KEY_PREFIX
from .models import CodeSubmission, Exercise

RESULTS_MAX_CHARS = 100_000
MESSAGE_MAX_CHARS = 500
STDOUT_MAX_CHARS = 5_000


@transaction.atomic
def exercises_load(*, exercises: list[dict]) -> dict[str, SectionCounts]:
    """The runnable part of each exercise, after questions_load_content made its question. Idempotent."""
    counts = SectionCounts()
    questions = {q.key: q for q in Question.objects.filter(key__startswith=QUESTION_KEY_PREFIX)}
    existing = {e.key: e for e in Exercise.objects.all()}
    for entry in exercises:
        question = questions[QUESTION_KEY_PREFIX + entry["key"]]
        upsert(
            Exercise, existing, key=entry["key"], lookup={"key": entry["key"]}, counts=counts,
            where=f"exercises/{entry['key']}",
            values={
                "question_id": question.pk,
                "starter_code": entry["starter_code"],
                "support_code": entry.get("support_code") or "",
                "visible_tests": entry["visible_tests"],
                "hidden_tests": entry["hidden_tests"],
                "solution": entry["solution"],
                "visible_test_names": entry["visible_test_names"],
                "hidden_test_names": entry["hidden_test_names"],
                "time_box_minutes": entry["time_box_minutes"],
            },
        )
    remove_stale(Exercise.objects.exclude(key__in=[e["key"] for e in exercises]), counts=counts)
    return {"Exercises": counts}


def validate_code(code: str) -> str:
    if not code.strip():
        raise ValidationError("Your code is empty. Write your solution in the editor, then submit it.")
    if len(code) > settings.EXERCISE_CODE_MAX_CHARS:
        raise ValidationError(
            f"Your code is {len(code):,} characters long; the limit is {settings.EXERCISE_CODE_MAX_CHARS:,}. "
            "Shorten it and submit again: your code is still in the editor."
        )
    return code


def _reported_tests(raw, names: list[str]) -> list[dict]:
    """The browser's results for the tests the exercise defines, in its order; anything else is dropped."""
    by_name = {}
    for entry in raw if isinstance(raw, list) else []:
        if isinstance(entry, dict) and entry.get("name") in names and entry["name"] not in by_name:
            by_name[entry["name"]] = {
                "name": entry["name"],
                "passed": entry.get("passed") is True,
                "message": str(entry.get("message") or "")[:MESSAGE_MAX_CHARS],
            }
    return [by_name[name] for name in names if name in by_name]


def reported_results(raw: str, exercise: Exercise) -> tuple[dict | None, str]:
    """Parse the results the browser posted (untrusted). Returns (results, note): results is None when none came
    or they cannot be read, and the note says why."""
    if not raw.strip():
        return None, "No test results came with this answer (JavaScript was off): graded on the explanation only."
    if len(raw) > RESULTS_MAX_CHARS:
        return None, "The test results were too large to record: graded on the explanation only."
    try:
        data = json.loads(raw)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return None, "The test results could not be read: graded on the explanation only."
    return {
        "hidden": _reported_tests(data.get("hidden"), exercise.hidden_test_names),
        "visible": _reported_tests(data.get("visible"), exercise.visible_test_names),
        "stdout": str(data.get("stdout") or "")[:STDOUT_MAX_CHARS],
        "error": str(data.get("error") or "")[:MESSAGE_MAX_CHARS],
    }, ""


def exercise_answer_submit(
    *, user, session_question: SessionQuestion, exercise: Exercise, code: str, explanation: str, results: str
) -> tuple[Answer, bool]:
    """Store the answer (the spoken explanation) and its code verbatim, then the self-reported test results; grading
    is enqueued once all of it is committed. A second submit returns the first answer untouched."""
    validate_code(code)
    with transaction.atomic():
        answer, created = answer_submit(user=user, session_question=session_question, text=explanation)
        if not created:
            return answer, False
        submission = CodeSubmission.objects.create(
            answer=answer, exercise=exercise, code=code, hidden_total=len(exercise.hidden_test_names)
        )
        parsed, note = reported_results(results, exercise)
        submission.results = parsed or {}
        submission.results_note = note
        if parsed is not None:
            submission.hidden_passed = sum(1 for test in parsed["hidden"] if test["passed"])
        submission.save(update_fields=["results", "results_note", "hidden_passed"])
    return answer, True
