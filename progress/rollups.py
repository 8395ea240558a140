"""Per-candidate rollups of graded attempts: what the dashboard reads instead of scanning every grade.

`progress_record_grade` adds one grade in the transaction that saves it; `progress_rebuild` recomputes them from
the grades (the `rebuild_progress` command, and the migration that created them). Both count the same attempts as
`selectors.graded_attempts`: not follow-ups, not reviews of a take-home README (draft questions).
"""

from datetime import UTC
from decimal import Decimal

from django.apps import apps as django_apps
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Sum, Window
from django.db.models.functions import RowNumber, TruncDate
from django.utils import timezone

# Readiness looks at a category's latest five scores; each cell keeps its own latest five, enough for any merge.
RECENT_KEPT = 5
DIMENSIONS = ("key_points", "trade_offs", "failure_modes")
REBUILD_BATCH = 2000


def _stamp(moment) -> str:
    """A sortable text form of a time: fixed width, in UTC."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def _locked_or_created(model, **key):
    """The row with this key, locked for the rest of the transaction; created first when missing."""
    row = model.objects.select_for_update().filter(**key).first()
    if row is not None:
        return row
    try:
        with transaction.atomic():
            return model.objects.create(**key)
    except IntegrityError:  # created meanwhile by a grade of the same candidate: wait for its lock
        return model.objects.select_for_update().get(**key)


def counts_as_attempt(answer) -> bool:
    from questions.models import Question

    return answer.session_question.position is not None and answer.question.status != Question.Status.DRAFT


def progress_record_grade(*, grade, answer) -> None:
    """Add a newly saved grade to its candidate's rollups. Call it inside the transaction that saves the grade, with
    `answer` loaded with its question and session question (and that one's session)."""
    from .models import DayProgress, ProgressCell, QuestionProgress

    if not counts_as_attempt(answer):
        return
    overall = Decimal(grade.overall)
    # Rows are always locked in this order (cell, question, day), so two grades of one candidate never deadlock.
    cell = _locked_or_created(ProgressCell, user_id=answer.user_id, category_id=answer.question.category_id,
                              level_id=answer.session_question.session.level_id)
    cell.answers += 1
    cell.overall_sum += overall
    for dimension in DIMENSIONS:
        value = getattr(grade, dimension)
        if value is not None:
            setattr(cell, f"{dimension}_sum", getattr(cell, f"{dimension}_sum") + Decimal(value))
            setattr(cell, f"{dimension}_count", getattr(cell, f"{dimension}_count") + 1)
    cell.clarity_sum += Decimal(grade.clarity)
    latest = [*cell.latest, [_stamp(answer.submitted_at), grade.pk, str(overall)]]
    cell.latest = sorted(latest, key=lambda entry: (entry[0], entry[1]), reverse=True)[:RECENT_KEPT]
    cell.save()
    # Days are UTC days wherever the rollup runs: a web request shows times in its reader's zone, the worker in UTC.
    day = timezone.localdate(answer.submitted_at, timezone.get_default_timezone())
    for model, key in ((QuestionProgress, {"question_id": answer.question_id}), (DayProgress, {"day": day})):
        row = _locked_or_created(model, user_id=answer.user_id, **key)
        model.objects.filter(pk=row.pk).update(answers=F("answers") + 1, overall_sum=F("overall_sum") + overall)


@transaction.atomic
def progress_rebuild(*, user_ids: list[int] | None = None, apps=django_apps) -> int:
    """Recompute the rollups of these candidates (all when None) from their grades; returns the attempts counted.

    `apps` is the migration's app registry when a migration calls it."""
    Grade = apps.get_model("practice", "Grade")
    cells_model = apps.get_model("progress", "ProgressCell")
    questions_model = apps.get_model("progress", "QuestionProgress")
    days_model = apps.get_model("progress", "DayProgress")
    attempts = Grade.objects.filter(answer__session_question__position__isnull=False).exclude(
        answer__question__status="draft"
    )
    if user_ids is not None:
        attempts = attempts.filter(answer__user_id__in=user_ids)
        for model in (cells_model, questions_model, days_model):
            model.objects.filter(user_id__in=user_ids).delete()
    else:
        for model in (cells_model, questions_model, days_model):
            model.objects.all().delete()
    cell_of = {"user_id": F("answer__user_id"), "category_id": F("answer__question__category_id"),
               "level_id": F("answer__session_question__session__level_id")}
    latest: dict[tuple, list] = {}
    recent = (
        attempts.annotate(
            **{f"cell_{name}": value for name, value in cell_of.items()},
            recency=Window(RowNumber(), partition_by=list(cell_of.values()),
                           order_by=[F("answer__submitted_at").desc(), F("pk").desc()]),
        )
        .filter(recency__lte=RECENT_KEPT)
        .order_by()
        .values_list("cell_user_id", "cell_category_id", "cell_level_id", "answer__submitted_at", "pk", "overall",
                     "recency")
    )
    for user_id, category_id, level_id, submitted_at, grade_id, overall, recency in recent.iterator(2000):
        latest.setdefault((user_id, category_id, level_id), [None] * RECENT_KEPT)[recency - 1] = [
            _stamp(submitted_at), grade_id, str(overall)]
    sums = {f"{dimension}_sum": Sum(dimension) for dimension in DIMENSIONS}
    counts = {f"{dimension}_count": Count(dimension) for dimension in DIMENSIONS}
    cells = (
        attempts.values(**cell_of)
        .annotate(answers=Count("pk"), overall_sum=Sum("overall"), clarity_sum=Sum("clarity"), **sums, **counts)
        .order_by()
    )
    counted = 0
    rows = []
    for cell in cells.iterator(2000):
        counted += cell["answers"]
        key = (cell["user_id"], cell["category_id"], cell["level_id"])
        values = {name: value or 0 for name, value in cell.items()}
        rows.append(cells_model(**values, latest=[entry for entry in latest.get(key, []) if entry]))
    cells_model.objects.bulk_create(rows, batch_size=REBUILD_BATCH)
    per_question = attempts.values(user_id=F("answer__user_id"), question_id=F("answer__question_id")).annotate(
        answers=Count("pk"), overall_sum=Sum("overall")).order_by()
    questions_model.objects.bulk_create((questions_model(**row) for row in per_question.iterator(2000)),
                                        batch_size=REBUILD_BATCH)
    per_day = attempts.values(user_id=F("answer__user_id"), day=TruncDate("answer__submitted_at")).annotate(
        answers=Count("pk"), overall_sum=Sum("overall")).order_by()
    days_model.objects.bulk_create((days_model(**row) for row in per_day.iterator(2000)), batch_size=REBUILD_BATCH)
    return counted
