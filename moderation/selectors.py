"""Reads for the moderation pages; a fixed number of queries each, and never the uploaded bytes in a list."""

from django.db.models import Count, Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404

from questions.models import Question, RubricItem, Sighting

from .extraction import Extracted, rules
from .models import ImportJob, ImportPost, ImportRow

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
    posts = ImportPost.objects.filter(job_id=OuterRef("job_id"), row_number=OuterRef("row_number"))
    return get_object_or_404(
        _rows_with_questions().filter(outcome=ImportRow.Outcome.IMPORTED).annotate(has_post=Exists(posts))
        .prefetch_related(
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


def job_read_by_rules(*, job: ImportJob) -> bool:
    """Whether the offline rules read some of the job's posts (no LLM, or its call failed)."""
    return job.rows.filter(reader__startswith="rules").exists()


def job_problem_rows(*, job: ImportJob) -> list[ImportRow]:
    """Rows that were not imported, with the question each duplicate matched and whether their post was kept."""
    posts = ImportPost.objects.filter(job_id=job.pk, row_number=OuterRef("row_number"))
    return list(job.rows.exclude(outcome=ImportRow.Outcome.IMPORTED).select_related("question")
                .annotate(has_post=Exists(posts)).order_by("row_number", "part")[:PROBLEM_ROWS_SHOWN])


def import_post(*, job_id: int, row_number: int) -> ImportPost:
    return get_object_or_404(ImportPost.objects.select_related("job"), job_id=job_id, row_number=row_number)


def post_rows(*, post: ImportPost) -> list[ImportRow]:
    """What was made of the post: each question read from it (or added to it) and its outcome."""
    return list(ImportRow.objects.filter(job_id=post.job_id, row_number=post.row_number).select_related("question")
                .order_by("part"))


def _evidence_spans(rows: list[ImportRow]) -> list[tuple[int, int]]:
    return sorted({(row.evidence_start, row.evidence_end) for row in rows
                   if row.evidence_start is not None and row.evidence_end is not None})


def post_suggestions(*, post: ImportPost, rows: list[ImportRow]) -> list[Extracted]:
    """Sentences of the post that read like a question and that no question was read from, to add with a click."""
    return rules.suggestions(post.text, _evidence_spans(rows))


def post_passages(*, post: ImportPost, rows: list[ImportRow]) -> list[tuple[str, bool]]:
    """The post's text cut into (text, is_evidence) pieces, so the page can mark what each question was read from."""
    pieces, at = [], 0
    for start, end in _evidence_spans(rows):
        start = max(start, at)
        if end <= start:
            continue
        pieces += [(post.text[at:start], False), (post.text[start:end], True)]
        at = end
    pieces.append((post.text[at:], False))
    return [(text, marked) for text, marked in pieces if text]
