from django import template

from questions.models import RubricItem

register = template.Library()
LABELS = dict(RubricItem.Kind.choices)


@register.filter
def kind_label(kind: str) -> str:
    """"trade_off" -> "Trade-off"."""
    return LABELS.get(kind, kind)
