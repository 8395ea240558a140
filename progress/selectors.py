"""Reads for the progress pages. Each is a fixed number of queries: aggregates run in SQL, never one per answer."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property

from django.db.models import Count, F, Min, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncDate
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from playbook.models import Category, Level, RoleTrack
from practice.models import Answer, Grade, PracticeSession, SessionQuestion, opened_q
from practice.selectors import recent_sessions, verdict_unsure
from questions.models import Question, RubricItem

from . import charts
from .models import DayProgress, Profile, ProgressCell, QuestionProgress, ReviewCard

# Readiness weighs a category's latest scores, newest first, by these weights (so it looks at the last five).
RECENCY_WEIGHTS = (5, 4, 3, 2, 1)
HISTORY_ROWS_PER_PAGE = 15  # questions, with their answers and grades: five sessions of the default three
HISTORY_MAX_PAGE = 100_000  # 1.5 million questions
HISTORY_GRADE_COLUMNS = ("answer_id", "overall", "key_points", "trade_offs", "failure_modes", "clarity")
# The score chart draws this many of the latest days with graded answers, however long the history.
SCORE_CHART_DAYS = 60

DIMENSIONS = {
    # key: (name on the page, advice when it is the candidate's weakest)
    "key_points": ("key points", "You most often miss key points: state the core facts the question is about "
                                 "before anything else."),
    "trade_offs": ("trade-offs", "You rarely weigh trade-offs: for each choice, say what it costs and what you "
                                 "would give up for it."),
    "failure_modes": ("failure modes", "You rarely name failure modes: say how the system breaks, how you would "
                                       "notice, and what you would do about it."),
    "clarity": ("clarity", "Your answers lose points on clarity: one idea per sentence, the point first, then "
                           "why it holds."),
}


def graded_attempts(*, user) -> QuerySet[Grade]:
    """The user's grades that count as attempts at a question.

    Follow-ups (session questions without a position of their own) probe a single rubric item; their scores say
    nothing about the question as a whole, so progress leaves them out. So are reviews of a take-home README: their
    questions are drafts, outside the bank, which is the only way a draft is ever practised.
    """
    return Grade.objects.filter(answer__user=user, answer__session_question__position__isnull=False).exclude(
        answer__question__status=Question.Status.DRAFT
    )


def readiness_percent(recent_scores: list[Decimal], *, levels_covered: int, levels_available: int) -> int:
    """Readiness of one category, 0-100.

    The recency-weighted mean of the latest scores (newest first, weights 5, 4, 3, 2, 1), divided by 5, times the
    share of the category's levels the candidate has been graded at (levels with published questions count).
    """
    if not recent_scores or not levels_available:
        return 0
    weights = RECENCY_WEIGHTS[: len(recent_scores)]
    weighted_mean = sum(w * float(s) for w, s in zip(weights, recent_scores, strict=False)) / sum(weights)
    coverage = min(levels_covered, levels_available) / levels_available
    return round(100 * weighted_mean / 5 * coverage)


@dataclass
class HeatCell:
    level: Level
    mean: Decimal | None
    answers: int

    @property
    def hue(self) -> int:
        """0 (red) for a mean of 0 up to 120 (green) for 5."""
        return round(float(self.mean) / 5 * 120) if self.mean is not None else 0


@dataclass
class CategoryReadiness:
    category: Category
    percent: int
    recent_scores: list[Decimal]
    levels_covered: int
    levels_available: int


@dataclass
class TrackCategory:
    category: Category
    mean: Decimal | None
    answers: int


@dataclass
class WeakestDimension:
    key: str
    name: str
    mean: Decimal
    advice: str


@dataclass
class ReviewCounts:
    due: int
    scheduled: int
    next_due: datetime | None


def review_counts(*, user) -> ReviewCounts:
    """Due now, scheduled in all, and the next due date: one query."""
    now = timezone.now()
    counts = ReviewCard.objects.owned_by(user).reviewable().aggregate(
        due_now=Count("pk", filter=Q(due__lte=now)), scheduled=Count("pk"), next_due=Min("due", filter=Q(due__gt=now))
    )
    return ReviewCounts(due=counts["due_now"], scheduled=counts["scheduled"], next_due=counts["next_due"])


def profile_of(*, user) -> Profile | None:
    return Profile.objects.select_related("target_role_track").filter(user=user).first()


@dataclass
class Dashboard:
    """Everything the dashboard shows, read from the candidate's rollups (progress.rollups), so the page costs the
    same few small reads whatever the history. Each part runs its query the first time a template reads it, so a
    partial costs only the queries of what it shows."""

    user: object
    profile: Profile | None

    @property
    def target_role_track(self) -> RoleTrack | None:
        return self.profile.target_role_track if self.profile else None

    @cached_property
    def categories(self) -> list[Category]:
        return list(Category.objects.ordered())

    @cached_property
    def levels(self) -> list[Level]:
        return list(Level.objects.ordered())

    @cached_property
    def _cells(self) -> dict[tuple[int, int], ProgressCell]:
        return {(cell.category_id, cell.level_id): cell
                for cell in ProgressCell.objects.filter(user=self.user, answers__gt=0)}

    def _heat_cell(self, category: Category, level: Level) -> HeatCell:
        cell = self._cells.get((category.pk, level.pk))
        if cell is None:
            return HeatCell(level=level, mean=None, answers=0)
        return HeatCell(level=level, mean=cell.overall_sum / cell.answers, answers=cell.answers)

    @cached_property
    def heat_map(self) -> list[tuple[Category, list[HeatCell]]]:
        """Mean score per category (rows) x level of the session (columns)."""
        return [(category, [self._heat_cell(category, level) for level in self.levels]) for category in self.categories]

    @cached_property
    def graded_count(self) -> int:
        return sum(cell.answers for cell in self._cells.values())

    @cached_property
    def readiness(self) -> list[CategoryReadiness]:
        latest: dict[int, list] = defaultdict(list)
        covered: dict[int, int] = defaultdict(int)
        for (category_id, _), cell in self._cells.items():
            latest[category_id] += cell.latest
            covered[category_id] += 1
        scores = {
            category_id: [Decimal(overall) for _, _, overall in
                          sorted(entries, key=lambda entry: (entry[0], entry[1]), reverse=True)[:len(RECENCY_WEIGHTS)]]
            for category_id, entries in latest.items()
        }
        available = dict(
            Question.levels.through.objects.filter(question__status=Question.Status.PUBLISHED)
            .values("question__category_id")
            .annotate(levels=Count("level_id", distinct=True))
            .values_list("question__category_id", "levels")
        )
        return [
            CategoryReadiness(
                category=category,
                percent=readiness_percent(scores.get(category.pk, []), levels_covered=covered[category.pk],
                                          levels_available=available.get(category.pk, 0)),
                recent_scores=scores.get(category.pk, []),
                levels_covered=covered[category.pk],
                levels_available=available.get(category.pk, 0),
            )
            for category in self.categories
        ]

    score_chart_days = SCORE_CHART_DAYS

    @cached_property
    def score_chart(self) -> charts.ScoreChart | None:
        """The mean score of each of the last SCORE_CHART_DAYS days with graded answers, days in the reader's time
        zone (the one the middleware activated), like every time on the page. One query.

        The day rollups are UTC days, so the chart sums the grades themselves, but only the recent ones: a local day
        spans at most two UTC days, so the latest 2 x SCORE_CHART_DAYS UTC days with answers hold every answer of
        the latest SCORE_CHART_DAYS local days, and every answer from the UTC day before the oldest of those on has
        a local date on or after it (no zone is a day or more from UTC)."""
        zone = timezone.get_current_timezone()
        before_window = (DayProgress.objects.filter(user=self.user, answers__gt=0).order_by("-day")
                         .values("day")[2 * SCORE_CHART_DAYS:2 * SCORE_CHART_DAYS + 1])
        days = (
            graded_attempts(user=self.user)
            .filter(answer__submitted_at__date__gte=Coalesce(Subquery(before_window), Value(date.min)))
            .annotate(day=TruncDate("answer__submitted_at", tzinfo=zone))
            .values("day")
            .annotate(answers=Count("pk"), overall_sum=Sum("overall"))
            .order_by("-day")[:SCORE_CHART_DAYS]
        )
        return charts.score_chart([charts.Day(row["day"], row["overall_sum"] / row["answers"], row["answers"])
                                   for row in reversed(days)])

    @cached_property
    def weakest_dimension(self) -> WeakestDimension | None:
        """The dimension with the lowest mean score. A dimension score is 5 x the mean credit of that kind's rubric
        items (covered 1, partly 0.5, missed 0), so the lowest one is the kind of point missed most often."""
        cells = self._cells.values()
        present = []
        for key in DIMENSIONS:
            total = sum((getattr(cell, f"{key}_sum") for cell in cells), Decimal(0))
            count = sum(cell.answers if key == "clarity" else getattr(cell, f"{key}_count") for cell in cells)
            if count:
                present.append((total / count, key))
        if not present:
            return None
        mean, key = min(present, key=lambda pair: (pair[0], list(DIMENSIONS).index(pair[1])))
        name, advice = DIMENSIONS[key]
        return WeakestDimension(key=key, name=name, mean=mean, advice=advice)

    @cached_property
    def track_categories(self) -> list[TrackCategory]:
        """The target track's categories, weakest first: not practised yet, then by mean score on its questions."""
        track = self.target_role_track
        if track is None:
            return []
        in_track = set(
            Question.objects.published().filter(role_tracks=track).order_by()
            .values_list("category_id", flat=True).distinct()
        )
        means = {
            row["category_id"]: row
            for row in QuestionProgress.objects.filter(user=self.user, answers__gt=0, question__role_tracks=track)
            .values(category_id=F("question__category_id"))
            .annotate(total=Sum("overall_sum"), answers=Sum("answers"))
            .order_by()
        }
        rows = [
            TrackCategory(category=category, answers=means.get(category.pk, {}).get("answers", 0),
                          mean=means[category.pk]["total"] / means[category.pk]["answers"]
                          if category.pk in means else None)
            for category in self.categories
            if category.pk in in_track
        ]
        return sorted(rows, key=lambda row: (row.mean is not None, row.mean or 0))

    @cached_property
    def reviews(self) -> ReviewCounts:
        return review_counts(user=self.user)

    @cached_property
    def recent_sessions(self) -> list[PracticeSession]:
        return recent_sessions(user=self.user)


def dashboard(*, user, profile: Profile | None) -> Dashboard:
    return Dashboard(user=user, profile=profile)


def due_cards(*, user) -> list[ReviewCard]:
    return list(
        ReviewCard.objects.owned_by(user).due().select_related("question__category", "level").order_by("due", "pk")
    )


def upcoming_cards(*, user, limit: int = 10) -> list[ReviewCard]:
    return list(
        ReviewCard.objects.owned_by(user).reviewable().filter(due__gt=timezone.now())
        .select_related("question__category", "level").order_by("due", "pk")[:limit]
    )


@dataclass(slots=True)
class HistoryRow:
    """One question of a session as the history lists it: plain values with its links filled in, so a page renders
    with no model instance, `reverse()` or localised number per row (those made a 50-row page three times a one-row
    page)."""

    position: int | None  # None for a follow-up
    title: str
    status: str  # "Graded", "Grading", ..., "Skipped" or "Not answered"
    url: str = ""  # the question's page (where its answer and grade are); none for a follow-up
    compare_url: str = ""  # "Compare attempts" and "Retry", for an answered question
    retry_url: str = ""
    graded: bool = False  # then the scores below are its grade's (key points, trade-offs, failure modes may be None)
    overall: Decimal | None = None
    key_points: Decimal | None = None
    trade_offs: Decimal | None = None
    failure_modes: Decimal | None = None
    clarity: Decimal | None = None


@dataclass(slots=True)
class HistorySession:
    session: PracticeSession
    rows: list[HistoryRow]
    continued: bool = False  # its first questions are on the newer page
    continues: bool = False  # its last questions are on the older page


@dataclass
class HistoryPage:
    """A page of the candidate's questions, newest session first, grouped by session. Paged by question, not by
    session, so every page is at most HISTORY_ROWS_PER_PAGE rows. Never counted (a count reads the whole history):
    one row more than the page holds tells whether an older page exists."""

    object_list: list[HistorySession]
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


def _page_number(value) -> int:
    """The page asked for, from 1 to HISTORY_MAX_PAGE (an offset past the database's integers is an error there)."""
    try:
        return min(max(1, int(value)), HISTORY_MAX_PAGE)
    except (TypeError, ValueError):
        return 1


def _url_format(name: str, arity: int) -> str:
    """The URL `name` with `{0}`, `{1}`... where its ids go, to fill per row with `str.format`: one `reverse()` a
    page rather than three a row (about 60 us each)."""
    sentinels = [str(987_654_320 + n) for n in range(arity)]
    url = reverse(name, args=sentinels).replace("{", "{{").replace("}", "}}")
    for n, sentinel in enumerate(sentinels):
        url = url.replace(sentinel, f"{{{n}}}")
    return url


HISTORY_ROW_COLUMNS = ("session_id", "position", "question_id", "question__title", "skipped_at", "answer__status",
                       *(f"answer__grade__{name}" for name in HISTORY_GRADE_COLUMNS))


def history_page(*, user, number) -> HistoryPage:
    """A page of the user's session questions, newest session first, each with its answer's status and grade, and
    the sessions they belong to: two queries (one when the page is empty), the questions read through the
    (user, created_at, id) index on sessions whatever the history."""
    number = _page_number(number)
    start = (number - 1) * HISTORY_ROWS_PER_PAGE
    before = 1 if start else 0  # the row before the page: is its first session continued from the newer page?
    order = (F("session__created_at").desc(), F("session_id").desc(), F("position").asc(nulls_last=True), "pk")
    # The page's ids first, from the sessions index and the questions alone, then the answers and grades of those
    # rows only: an older page skips its offset without joining every answer and grade before it.
    ids = (SessionQuestion.objects.filter(opened_q("session__"), session__user=user).order_by(*order)
           .values("pk")[start - before:start + HISTORY_ROWS_PER_PAGE + 1])
    rows = list(SessionQuestion.objects.filter(pk__in=ids).order_by(*order).values_list(*HISTORY_ROW_COLUMNS))
    end = before + HISTORY_ROWS_PER_PAGE
    previous, page, following = rows[:before], rows[before:end], rows[end:]
    sessions = PracticeSession.objects.with_titles().in_bulk({row[0] for row in page}) if page else {}
    question_url = _url_format("practice:question", 2)
    compare_url, retry_url = _url_format("progress:compare", 1), _url_format("progress:retry", 1)
    statuses = dict(Answer.Status.choices)
    groups: list[HistorySession] = []
    for session_id, position, question_id, title, skipped_at, status, *grade in page:
        if session_id not in sessions:  # deleted between the two queries
            continue
        if not groups or groups[-1].session.pk != session_id:
            groups.append(HistorySession(session=sessions[session_id], rows=[]))
        answered = status is not None
        row = HistoryRow(
            position=position, title=title,
            status=statuses.get(status, status) if answered else "Skipped" if skipped_at else "Not answered",
            url=question_url.format(session_id, position) if position else "",
            compare_url=compare_url.format(question_id) if position and answered else "",
            retry_url=retry_url.format(question_id) if position and answered else "",
        )
        if status == Answer.Status.GRADED and grade[0] is not None:
            row.graded = True
            row.overall, row.key_points, row.trade_offs, row.failure_modes, row.clarity = grade[1:]
        groups[-1].rows.append(row)
    if groups:
        groups[0].continued = bool(previous) and previous[0][0] == groups[0].session.pk
        groups[-1].continues = bool(following) and following[0][0] == groups[-1].session.pk
    return HistoryPage(object_list=groups, number=number, has_next=bool(following))


def latest_attempt(*, user, question_id: int) -> Answer:
    """The user's latest answer to the question, or 404: there is nothing to retry without one."""
    attempt = (
        Answer.objects.filter(user=user, question_id=question_id, session_question__position__isnull=False)
        .select_related("session_question__session")
        .order_by("-submitted_at", "-pk")
        .first()
    )
    if attempt is None:
        raise Http404("No attempt at this question")
    return attempt


@dataclass
class ComparisonRow:
    kind: str
    text: str
    verdicts: list[str | None]  # per attempt: the verdict, "" when not graded, None when not in its rubric
    unsure: list[bool] = field(default_factory=list)  # per attempt: the grader was not sure of that verdict

    @property
    def cells(self) -> list[tuple[str | None, bool]]:
        return list(zip(self.verdicts, self.unsure or [False] * len(self.verdicts), strict=True))

    @property
    def kind_label(self) -> str:
        return RubricItem.Kind(self.kind).label


@dataclass
class Comparison:
    question: Question
    attempts: list[Answer]
    rows: list[ComparisonRow]


def attempt_comparison(*, user, question_id: int) -> Comparison:
    """The user's attempts at one question, oldest first, with each rubric item's verdict per attempt.

    Items come from each grade's snapshot of the rubric, so an item added or reworded later shows as absent from
    the attempts graded before it. 404 when the user never answered the question.
    """
    attempts = list(
        Answer.objects.filter(user=user, question_id=question_id, session_question__position__isnull=False)
        .select_related("question__exercise", "grade", "session_question__session__level", "code_submission")
        .order_by("submitted_at", "pk")
    )
    if not attempts:
        raise Http404("No attempt at this question")
    verdicts_by_attempt = []
    order: dict[tuple[str, str], None] = {}
    for attempt in attempts:
        grade = getattr(attempt, "grade", None)
        verdicts = {(item["kind"], item["text"]): item for item in grade.items} if grade else None
        order.update(dict.fromkeys(verdicts or {}))
        verdicts_by_attempt.append(verdicts)
    rows = []
    for kind, text in order:
        items = [None if v is None else v.get((kind, text)) for v in verdicts_by_attempt]
        rows.append(ComparisonRow(
            kind=kind, text=text,
            verdicts=["" if v is None else (item or {}).get("verdict") for v, item in zip(verdicts_by_attempt, items)],
            unsure=[item is not None and verdict_unsure(item) for item in items],
        ))
    return Comparison(question=attempts[0].question, attempts=attempts, rows=rows)
