"""Reads for the moderation pages; a fixed number of queries each, and never the uploaded bytes in a list."""

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404

from questions.models import Question, RubricItem, Sighting

from .models import ImportJob, ImportRow

QUEUE_PAGE = 50
PROBLEM_ROWS_SHOWN = 200


def _rows_with_questions():
    return ImportRow.objects.select_related(
        "question", "question__category", "suggested_category", "suggested_level", "nearest", "job"
    ).prefetch_related("question__levels")


def review_queue(*, job_id: int | None = None) -> tuple[list[ImportRow], int]:
    """The oldest QUEUE_PAGE questions waiting for review, and how many wait in all."""
    rows = _rows_with_questions().pending_review()
    if job_id:
        rows = rows.filter(job_id=job_id)
    return list(rows.order_by("job_id", "row_number", "part")[:QUEUE_PAGE]), rows.count()


def review_item(*, row_id: int) -> ImportRow:
    return get_object_or_404(
        _rows_with_questions().filter(outcome=ImportRow.Outcome.IMPORTED).prefetch_related(
            "question__tags", "question__rubric_items",
            Prefetch("question__sightings", queryset=Sighting.objects.order_by("-posted_at")),
        ),
        pk=row_id,
    )


def published_without_rubric(*, limit: int = 20) -> tuple[list[Question], int]:
    """Published questions a candidate would be graded on against nothing (no key point): flagged for moderators."""
    questions = Question.objects.published().exclude(rubric_items__kind=RubricItem.Kind.KEY_POINT)
    return list(questions.order_by("pk").only("pk", "title", "source_kind")[:limit]), questions.count()


def question_by_number(*, number: int) -> Question:
    return get_object_or_404(Question, pk=number)


def recent_jobs(*, limit: int = 10) -> list[ImportJob]:
    return list(ImportJob.objects.defer("content").select_related("uploaded_by")[:limit])


def job_for(*, job_id: int) -> ImportJob:
    return get_object_or_404(ImportJob.objects.defer("content").select_related("uploaded_by"), pk=job_id)


def job_outcomes(*, job: ImportJob) -> dict[str, int]:
    counts = dict(job.rows.values_list("outcome").annotate(n=Count("pk")).order_by())
    return {outcome: counts.get(outcome, 0) for outcome in ImportRow.Outcome.values}


def job_problem_rows(*, job: ImportJob) -> list[ImportRow]:
    """Rows that were not imported, with the question each duplicate matched."""
    return list(job.rows.exclude(outcome=ImportRow.Outcome.IMPORTED).select_related("question")
                .order_by("row_number", "part")[:PROBLEM_ROWS_SHOWN])
