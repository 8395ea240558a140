from django import template

from playbook import wording

register = template.Library()


@register.filter
def with_article(phrase: str) -> str:
    """{{ pattern.name|with_article }}: "an Agentic systems"."""
    return wording.with_article(str(phrase))


@register.filter
def clock(seconds) -> str:
    """{{ answer.time_spent_seconds|clock }}: "5:50"."""
    return wording.clock(seconds)


@register.filter
def level_phrase(name) -> str:
    """{{ level.name|level_phrase }}: "Senior level", "Mid-level" (never "Mid-level level")."""
    return wording.level_phrase(str(name))
