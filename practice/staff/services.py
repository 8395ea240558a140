"""Writes of the staff sub-domain: human grades, and the staff decision that resolves a grade dispute (the
candidate files it with `practice.services.grade_dispute_file`)."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..models import Answer, GradeDispute, HumanGrade

SCORE_ERROR = "A score is from 0 to 5 in half points, written as a plain number such as 3 or 3.5."
# Digits with an optional decimal part: Decimal() alone would also take "1e0", "-0", "+3", "NaN" and "Infinity".
PLAIN_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?")


def score_from_text(text: str) -> Decimal:
    """A score as staff type it: a plain decimal from 0 to 5 in half points."""
    text = text.strip()
    if not PLAIN_DECIMAL.fullmatch(text):
        raise ValidationError(SCORE_ERROR)
    return validate_half_point_score(Decimal(text))


def validate_half_point_score(score: Decimal) -> Decimal:
    if not score.is_finite() or score.is_signed() or not (0 <= score <= 5) or (score * 2) % 1:
        raise ValidationError(SCORE_ERROR)
    return score


def human_grade_set(*, answer: Answer, staff_user, score: Decimal, note: str = "") -> HumanGrade:
    """Record (or correct) a staff member's reference score for an answer. When it decided a dispute, this is also
    a change of that decision: every page reads the decision from here (`GradeDisputeQuerySet.with_decision`)."""
    validate_half_point_score(score)
    human, _ = HumanGrade.objects.update_or_create(
        answer=answer, defaults={"score": score, "note": note, "graded_by": staff_user}
    )
    return human


def grade_dispute_resolve(*, dispute: GradeDispute, staff_user, score: Decimal, note: str = "") -> GradeDispute:
    """Staff give their own score and a short note. The score becomes the answer's HumanGrade, so the
    grader-quality page's agreement counts it; the grade keeps the grader's score (see docs/grading.md). The dispute
    keeps the score and note given here; the decision shown is the human grade's, which staff may change later."""
    if dispute.grade.answer.user_id == staff_user.pk:
        raise ValidationError("You wrote this answer: another staff member has to decide your dispute.")
    validate_half_point_score(score)
    note = note.strip()
    if len(note) > 500:
        raise ValidationError("Keep the note under 500 characters.")
    with transaction.atomic():
        resolved = GradeDispute.objects.filter(pk=dispute.pk, resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=staff_user, staff_score=score, staff_note=note
        )
        if not resolved:
            raise ValidationError("This dispute was already resolved.")
        human_grade_set(answer=dispute.grade.answer, staff_user=staff_user, score=score, note=note)
    return GradeDispute.objects.for_staff().get(pk=dispute.pk)
