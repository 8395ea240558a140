from django import template

from questions.models import RubricItem

from ..selectors import verdict_unsure

register = template.Library()
LABELS = dict(RubricItem.Kind.choices)


@register.filter
def kind_label(kind: str) -> str:
    """"trade_off" -> "Trade-off"."""
    return LABELS.get(kind, kind)


@register.filter
def unsure(verdict: dict | None) -> bool:
    return bool(verdict) and verdict_unsure(verdict)


@register.filter
def any_unsure(verdicts: list[dict] | None) -> bool:
    """{% if grade.items|any_unsure %}: explain "unsure" once, above the verdicts."""
    return any(unsure(verdict) for verdict in verdicts or [])
