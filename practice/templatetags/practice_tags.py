from django import template

from questions.models import RubricItem

from ..grading.types import UNSURE_BELOW

register = template.Library()
LABELS = dict(RubricItem.Kind.choices)


@register.filter
def kind_label(kind: str) -> str:
    """"trade_off" -> "Trade-off"."""
    return LABELS.get(kind, kind)


@register.filter
def unsure(verdict: dict) -> bool:
    """A stored verdict (a Grade.items entry) the grader was not sure of. Grades from before confidences were stored
    carry none and count as sure."""
    confidence = verdict.get("confidence")
    return confidence is not None and confidence < UNSURE_BELOW
