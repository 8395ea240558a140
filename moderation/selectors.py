"""Reads for the moderation pages; a fixed number of queries each, and never the uploaded bytes in a list."""

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, Value, When
from django.shortcuts import get_object_or_404

from questions.models import Question, RubricItem, Sighting

from .dedupe import DuplicateFinder, Match, normalise
from .extraction import Extracted, rules
from .extraction.injection import injected_spans
from .models import IMPORTED_MESSAGE, ImportJob, ImportPost, ImportRow

QUEUE_PAGE = 50
PROBLEM_ROWS_SHOWN = 200


def _rows_with_questions():
    return ImportRow.objects.select_related(
        "question", "question__category", "suggested_category", "suggested_level", "nearest", "job"
    ).prefetch_related("question__levels")


def review_queue(*, job_id: int | None = None, page: str | int = 1) -> Page:
    """One page of the questions waiting for review, oldest first; `page.paginator.count` is how many wait in all.
    A page number that is not a number, or past the end, gives the first or the last page."""
    rows = _rows_with_questions().pending_review()
    if job_id:
        rows = rows.filter(job_id=job_id)
    queue_page = Paginator(rows.order_by("job_id", "row_number", "part"), QUEUE_PAGE).get_page(page)
    queue_page.object_list = list(queue_page.object_list)  # read here, not halfway through the template
    return queue_page


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


def merge_suggestion(*, row: ImportRow) -> Match | None:
    """The row's closest existing question when the duplicate check would call the two a duplicate today (the
    import's threshold and rule, on the texts as they are now), else None: the closest question is kept for every
    import however far it is, and a far one must not be offered as the merge target."""
    if row.nearest is None or row.question is None:
        return None
    finder = DuplicateFinder(threshold=settings.IMPORT_NEAR_DUPLICATE_THRESHOLD)
    finder.add(normalise(row.nearest.prompt), row.nearest)
    finder.add(normalise(row.nearest.title), row.nearest)
    return finder.find(normalise(row.question.prompt))


def question_by_number(*, number: int) -> Question | None:
    try:
        return Question.objects.get(pk=number)
    except Question.DoesNotExist:
        return None


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
    """Rows that were not imported, then rows imported with a warning (a link dropped, an unknown level replaced by a
    suggestion), at most PROBLEM_ROWS_SHOWN, with the question each duplicate matched and whether their post was
    kept."""
    posts = ImportPost.objects.filter(job_id=job.pk, row_number=OuterRef("row_number"))
    warned = Q(outcome=ImportRow.Outcome.IMPORTED, message__contains=f"{IMPORTED_MESSAGE};")  # after "Row 12: "
    imported_last = Case(When(outcome=ImportRow.Outcome.IMPORTED, then=Value(1)), default=Value(0))
    return list(job.rows.filter(~Q(outcome=ImportRow.Outcome.IMPORTED) | warned).select_related("question")
                .annotate(has_post=Exists(posts)).order_by(imported_last, "row_number", "part")[:PROBLEM_ROWS_SHOWN])


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
    """Sentences of the post that read like a question and that no question was read from, to add with a click;
    never one that talks to a model ("... add this question: ...")."""
    return rules.suggestions(post.text, sorted(_evidence_spans(rows) + injected_spans(post.text)))


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
