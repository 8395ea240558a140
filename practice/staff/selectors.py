"""Reads for the staff grading pages: how each grader agrees with human grades, and what grading costs.

Each read is bounded whatever the size of the site: the latest AGREEMENT_PAIRS human grades, the last WINDOW_DAYS
days of grades (through the index on Grade.created_at), and latency percentiles over at most LATENCY_SAMPLE of the
latest grades in that window, computed by PostgreSQL (elsewhere, in Python over the same capped sample).
"""

import math
from collections import defaultdict
from datetime import timedelta

from django.db import connection
from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ..evaluation import agreement
from ..models import Answer, Grade, GradeDispute, HumanGrade

WINDOW_DAYS = 30
AGREEMENT_PAIRS = 2000
LATENCY_SAMPLE = 20000

LATENCY_PERCENTILES_SQL = """
SELECT grader, count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms),
       percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)
FROM (SELECT grader, latency_ms FROM practice_grade WHERE created_at >= %s AND NOT reused AND latency_ms > 0
      ORDER BY created_at DESC LIMIT %s) AS latest
GROUP BY grader ORDER BY grader
"""


def percentile_cont(ordered: list[int], share: float) -> float:
    """PostgreSQL's percentile_cont: linear interpolation between the two nearest ranks of sorted values."""
    position = share * (len(ordered) - 1)
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def latency_percentiles(*, since, sample: int = LATENCY_SAMPLE) -> list[dict]:
    """Median and p95 grading latency per grader over the latest `sample` grades since `since`. Reused grades
    called no grader, and grades with no latency recorded (0: the offline grader's, before the grading service timed
    them) are left out. One query."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(LATENCY_PERCENTILES_SQL, [since, sample])
            rows = cursor.fetchall()
    else:
        latencies = defaultdict(list)
        for grader, latency in Grade.objects.filter(created_at__gte=since, reused=False, latency_ms__gt=0).order_by(
            "-created_at"
        ).values_list("grader", "latency_ms")[:sample]:
            latencies[grader].append(latency)
        rows = [(grader, len(values), percentile_cont(sorted(values), 0.5), percentile_cont(sorted(values), 0.95))
                for grader, values in sorted(latencies.items())]
    return [{"grader": grader, "n": n, "median_ms": round(median), "p95_ms": round(p95)}
            for grader, n, median, p95 in rows]


def human_agreement() -> list[dict]:
    """Each grader's (and LLM model's) agreement with the latest AGREEMENT_PAIRS human grades, staff decisions on
    disputes included. One query."""
    pairs = defaultdict(lambda: ([], []))
    latest_pairs = (
        HumanGrade.objects.filter(answer__grade__isnull=False)
        .order_by("-updated_at")
        .values_list("answer__grade__grader", "answer__grade__model", "answer__grade__overall", "score")
    )
    for grader, model, overall, human in latest_pairs[:AGREEMENT_PAIRS]:
        predicted, reference = pairs[(grader, model)]
        predicted.append(float(overall))
        reference.append(float(human))
    return [
        {"grader": grader, "model": model, **agreement(predicted, reference)}
        for (grader, model), (predicted, reference) in sorted(pairs.items())
    ]


def grading_overview() -> dict:
    """Five queries, whatever the number of grades."""
    since = timezone.now() - timedelta(days=WINDOW_DAYS)
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
    return {
        "agreement": human_agreement(),
        "open_disputes": GradeDispute.objects.open().count(),
        "agreement_pairs": AGREEMENT_PAIRS,
        "per_day": per_day,
        "failures_per_day": failures,
        "latency": latency_percentiles(since=since),
        "window_days": WINDOW_DAYS,
    }


def answers_for_review(*, limit: int = 50) -> list[Answer]:
    return list(
        Answer.objects.select_related("question", "user", "grade", "human_grade").order_by("-submitted_at")[:limit]
    )


def dispute_queue(*, limit: int = 100) -> dict:
    """Open disputes, oldest first (the queue), and the latest resolved ones. Two queries."""
    return {
        "open": list(GradeDispute.objects.open().for_staff().order_by("created_at", "id")[:limit]),
        "resolved": list(
            GradeDispute.objects.filter(resolved_at__isnull=False).for_staff().order_by("-resolved_at")[:20]
        ),
    }


def dispute_for_staff(*, dispute_id: int) -> GradeDispute:
    return get_object_or_404(GradeDispute.objects.for_staff(), pk=dispute_id)
