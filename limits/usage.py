"""Per-user limits counted from what is already stored, and the daily LLM budget summed from recorded grade costs.

Counting rows instead of keeping counters means the limits need no store of their own, hold across every web
worker and machine, and are exact: the caller locks the user's row first, so two requests of one user at once
are counted one after the other.
"""

from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Count, Min, Q, QuerySet, Sum
from django.utils import timezone

from . import LimitReached

MINUTE = timedelta(minutes=1)
DAY = timedelta(days=1)


def user_lock(*, user_id: int) -> None:
    """Serialise one user's limited writes (inside the caller's transaction)."""
    list(get_user_model().objects.select_for_update().filter(pk=user_id).values_list("pk", flat=True))


def _wait_text(seconds: float) -> str:
    seconds = max(1, int(seconds) + 1)
    if seconds < 120:
        return f"{seconds} seconds"
    if seconds < 2 * 3600:
        return f"{seconds // 60} minutes"
    return f"{seconds // 3600} hours"


def recent_rows_check(rows: QuerySet, *, stamp: str, per_minute: int, per_day: int, done: str,
                       again: str) -> None:
    """Raise LimitReached when `rows` (one user's) already hold `per_minute` in the last minute or `per_day` in the
    last 24 hours. One query. The message reads "You have <done> in the last minute; the limit is N. You can
    <again> in ..."; `done` may name the {count}."""
    now = timezone.now()
    in_minute = Q(**{f"{stamp}__gte": now - MINUTE})
    usage = rows.filter(**{f"{stamp}__gte": now - DAY}).aggregate(
        day=Count("pk"), minute=Count("pk", filter=in_minute), oldest_day=Min(stamp),
        oldest_minute=Min(stamp, filter=in_minute),
    )
    for count, limit, oldest, window, label in (
        (usage["minute"], per_minute, usage["oldest_minute"], MINUTE, "the last minute"),
        (usage["day"], per_day, usage["oldest_day"], DAY, "the last 24 hours"),
    ):
        if count >= limit:
            wait = (oldest + window - now).total_seconds() if isinstance(oldest, datetime) else window.total_seconds()
            raise LimitReached(
                f"You have {done.format(count=count)} in {label}; the limit is {limit}. "
                f"You can {again} in {_wait_text(wait)}.",
                retry_after_seconds=int(wait) + 1,
            )


def llm_spend_since(*, user_id: int, since: datetime) -> tuple[Decimal, Decimal]:
    """Dollars of grading recorded since `since`: (this user's, the whole site's). One query."""
    from practice.models import Grade

    spent = Grade.objects.filter(created_at__gte=since).aggregate(
        user=Sum("cost_usd", filter=Q(answer__user_id=user_id)), site=Sum("cost_usd")
    )
    return spent["user"] or Decimal(0), spent["site"] or Decimal(0)


def llm_budget_reached(*, user_id: int) -> str:
    """Which daily LLM budget the last 24 hours of grades have reached: "user_budget", "site_budget" or ""."""
    user_spent, site_spent = llm_spend_since(user_id=user_id, since=timezone.now() - DAY)
    if site_spent >= Decimal(str(settings.LLM_BUDGET_SITE_DAILY_USD)):
        return "site_budget"
    if user_spent >= Decimal(str(settings.LLM_BUDGET_PER_USER_DAILY_USD)):
        return "user_budget"
    return ""
