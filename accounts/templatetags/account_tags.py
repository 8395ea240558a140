import math
from datetime import timedelta
from urllib.parse import urlencode

from django import template

from accounts.next_page import next_page

register = template.Library()


@register.simple_tag(takes_context=True)
def next_query(context) -> str:
    """"?next=<page>" for a log-in or sign-up link when the visitor was on the way to a page of this site, else ""."""
    request = context.get("request")
    page = next_page(request) if request else ""
    return f"?{urlencode({'next': page}, safe='/')}" if page else ""


@register.filter
def wait_in_words(delta: timedelta | None) -> str:
    """{{ time_left|wait_in_words }}: "11 minutes", "2 hours", "1 hour and 5 minutes". Rounded up to the minute, so
    whoever waits that long finds the wait over."""
    if delta is None:
        return ""
    hours, minutes = divmod(max(1, math.ceil(delta.total_seconds() / 60)), 60)
    parts = [f"{count} {unit}{'' if count == 1 else 's'}" for count, unit in ((hours, "hour"), (minutes, "minute"))
             if count]
    return " and ".join(parts)
