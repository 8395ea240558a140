"""Reads for the staff grading pages: how each grader agrees with human grades, and what grading costs."""

from collections import defaultdict
from datetime import timedelta
from statistics import median

from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from .evaluation import agreement
from .models import Answer, Grade

WINDOW_DAYS = 30


def _percentile(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def grading_overview() -> dict:
    """Four queries, whatever the number of grades."""
    since = timezone.now() - timedelta(days=WINDOW_DAYS)
    pairs = defaultdict(lambda: ([], []))
    for grader, model, overall, human in Grade.objects.filter(answer__human_grade__isnull=False).values_list(
        "grader", "model", "overall", "answer__human_grade__score"
    ):
        predicted, reference = pairs[(grader, model)]
        predicted.append(float(overall))
        reference.append(float(human))
    per_day = list(
        Grade.objects.filter(created_at__gte=since)
        .annotate(day=TruncDate("created_at"))
        .values("day", "grader")
        .annotate(grades=Count("id"), input_tokens=Sum("input_tokens"), output_tokens=Sum("output_tokens"),
                  cost=Sum("cost_usd"))
        .order_by("-day", "grader")
    )
    failures = list(
        Answer.objects.filter(status=Answer.Status.FAILED, submitted_at__gte=since)
        .annotate(day=TruncDate("submitted_at"))
        .values_list("day")
        .annotate(n=Count("id"))
        .order_by("-day")
    )
    latencies = defaultdict(list)
    for grader, latency in Grade.objects.filter(created_at__gte=since, reused=False).values_list(
        "grader", "latency_ms"
    ):
        latencies[grader].append(latency)
    return {
        "agreement": [
            {"grader": grader, "model": model, **agreement(predicted, reference)}
            for (grader, model), (predicted, reference) in sorted(pairs.items())
        ],
        "per_day": per_day,
        "failures_per_day": failures,
        "latency": [
            {"grader": grader, "median_ms": int(median(values)), "p95_ms": _percentile(values, 0.95), "n": len(values)}
            for grader, values in sorted(latencies.items())
        ],
        "window_days": WINDOW_DAYS,
    }


def answers_for_review(*, limit: int = 50) -> list[Answer]:
    return list(
        Answer.objects.select_related("question", "user", "grade", "human_grade").order_by("-submitted_at")[:limit]
    )
