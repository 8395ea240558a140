"""Reads for mock-loop pages, a fixed number of queries each."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Exists, F, Func, OuterRef, Prefetch, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from playbook.models import Category, InterviewLoop
from practice.models import MockLoop, MockRound, SessionQuestion, open_loop_q
from practice.selectors import answers_of


def loops_to_rehearse() -> list[InterviewLoop]:
    return list(
        InterviewLoop.objects.filter(rounds__categories__isnull=False).distinct().select_related("level").ordered()
    )


def _count(rows) -> Subquery:
    return Subquery(rows.order_by().annotate(count=Func(F("pk"), function="COUNT")).values("count"))


def mock_loops_of(*, user) -> list[MockLoop]:
    """The user's mock loops, the open ones first, then newest first, each with its progress: one query. A loop
    ended early counts the rounds with an answer, since "End this loop" finished the rest."""
    rounds = MockRound.objects.filter(mock_loop=OuterRef("pk"), session__isnull=False)
    questions = SessionQuestion.objects.filter(session__mock_round__mock_loop=OuterRef("pk"),
                                               follow_up_of__isnull=True)
    answered_in_round = SessionQuestion.objects.filter(session=OuterRef("session"), follow_up_of__isnull=True,
                                                       answer__isnull=False)
    return list(
        MockLoop.objects.owned_by(user).select_related("loop", "level")
        .annotate(
            is_open=open_loop_q(),
            rounds_total=_count(rounds),
            rounds_finished=_count(rounds.filter(finished_at__isnull=False)),
            rounds_answered=_count(rounds.filter(Exists(answered_in_round))),
            questions_total=_count(questions),
            questions_answered=_count(questions.filter(answer__isnull=False)),
        )
        .order_by("-is_open", "-created_at", "-pk")
    )


def _mean(scores: list[float]) -> float | None:
    return sum(scores) / len(scores) if scores else None


@dataclass
class RoundResult:
    """One round's questions and figures. Its mean is over the main answers only: a follow-up probes one rubric item
    of an answer, so its grade is shown beside the mean (`follow_up_mean`), never averaged into it."""

    mock_round: MockRound
    items: list[SessionQuestion] = field(default_factory=list)
    grades: list[float] = field(default_factory=list)
    follow_up_grades: list[float] = field(default_factory=list)
    answered: int = 0
    pending: int = 0
    follow_ups_answered: int = 0
    seconds_used: int | None = None

    @property
    def graded(self) -> int:
        return len(self.grades)

    @property
    def mean(self) -> float | None:
        return _mean(self.grades)

    @property
    def follow_up_mean(self) -> float | None:
        return _mean(self.follow_up_grades)

    @property
    def by_category(self) -> list[tuple[Category, list[SessionQuestion]]]:
        """The round's questions under their own categories, in the order the categories first come up."""
        groups: dict[int, tuple[Category, list[SessionQuestion]]] = {}
        for item in self.items:
            groups.setdefault(item.question.category_id, (item.question.category, []))[1].append(item)
        return list(groups.values())

    @property
    def unanswered(self) -> list[SessionQuestion]:
        return [item for item in self.items if not hasattr(item, "answer")]

    @property
    def practisable(self) -> bool:
        return self.mock_round.session_id is not None

    @property
    def complete(self) -> bool:
        """Every question and follow-up of the round has a finished answer: the clock has stopped, "Finish" is all
        that is left."""
        return _answered_and_graded(self.items)

    @property
    def over_time(self) -> bool:
        limit = self.mock_round.time_limit_seconds
        return bool(limit and self.seconds_used and self.seconds_used > limit)

    @property
    def seconds_left(self) -> int:
        """Of the round's time limit, never below zero (see `seconds_over`)."""
        return max(0, (self.mock_round.time_limit_seconds or 0) - (self.seconds_used or 0))

    @property
    def seconds_over(self) -> int:
        return self.seconds_used - self.mock_round.time_limit_seconds if self.over_time else 0


def _answered_and_graded(items: list[SessionQuestion]) -> bool:
    """Every question of the round and every follow-up it has asked has an answer, and none is still being graded
    (a grade may ask a follow-up): the round's work is done, so its clock stops."""
    asked = [*items, *(item.follow_up for item in items if hasattr(item, "follow_up"))]
    return bool(items) and all(hasattr(item, "answer") and item.answer.is_finished for item in asked)


def _seconds_used(mock_round: MockRound, items: list[SessionQuestion]) -> int | None:
    """From the round's start to its end: "Finish this round", or the last answer submitted once every question has
    one, whichever came first. A round still open counts until now."""
    if mock_round.started_at is None:
        return None
    ends: list[datetime] = [mock_round.finished_at] if mock_round.finished_at else []
    if _answered_and_graded(items):
        ends.append(max(answer.submitted_at for answer in answers_of(items)))
    end = min(ends) if ends else timezone.now()
    return max(0, int((end - mock_round.started_at).total_seconds()))


@dataclass
class LoopSummary:
    mock: MockLoop
    results: list[RoundResult]

    @property
    def overall(self) -> float | None:
        """The mean of the graded rounds' means: main answers only, like each round's."""
        return _mean([r.mean for r in self.results if r.mean is not None])

    @property
    def follow_up_mean(self) -> float | None:
        return _mean([grade for r in self.results for grade in r.follow_up_grades])

    @property
    def pending(self) -> int:
        return sum(r.pending for r in self.results)

    @property
    def seconds_used(self) -> int:
        return sum(r.seconds_used or 0 for r in self.results)

    @property
    def next_round(self) -> RoundResult | None:
        return next((r for r in self.results if r.practisable and r.mock_round.finished_at is None), None)

    @property
    def is_open(self) -> bool:
        """As `MockLoop.objects.open()`, read from the rounds loaded here."""
        return self.mock.ended_at is None and self.next_round is not None

    @property
    def is_complete(self) -> bool:
        """Every written round finished by the candidate: read from the rounds, like `is_open`."""
        return not self.mock.ended_early and self.next_round is None

    @property
    def written_rounds(self) -> list[RoundResult]:
        return [r for r in self.results if r.practisable]

    @property
    def rounds_graded(self) -> int:
        return sum(1 for r in self.results if r.mean is not None)

    @property
    def rounds_answered(self) -> int:
        return sum(1 for r in self.results if r.answered)

    @property
    def questions_total(self) -> int:
        return sum(len(r.items) for r in self.results)

    @property
    def questions_answered(self) -> int:
        return sum(r.answered for r in self.results)


def owned_mock_loop(*, user, mock_id: int) -> MockLoop:
    """The user's mock loop with its loop and level, in one query; another user's is a 404."""
    return get_object_or_404(MockLoop.objects.owned_by(user).select_related("loop", "level"), pk=mock_id)


def mock_loop_for(*, user, mock_id: int) -> LoopSummary:
    """The user's mock loop with every round's questions, answers, grades and follow-ups: three queries. Another
    user's loop is a 404."""
    mock = owned_mock_loop(user=user, mock_id=mock_id)
    items = SessionQuestion.objects.filter(follow_up_of__isnull=True).select_related(
        "question__category", "answer", "answer__grade", "follow_up", "follow_up__answer", "follow_up__answer__grade"
    ).order_by("position")
    rounds = (
        MockRound.objects.filter(mock_loop=mock)
        .select_related("loop_round", "loop_round__round_type", "session")
        .prefetch_related(Prefetch("session__items", queryset=items, to_attr="main_items"))
        .order_by("position")
    )
    results = []
    for mock_round in rounds:
        round_items = mock_round.session.main_items if mock_round.session else []
        answers = list(answers_of(round_items))
        main_ids = {item.pk for item in round_items}
        main = [a for a in answers if a.session_question_id in main_ids]
        follow_ups = [a for a in answers if a.session_question_id not in main_ids]
        results.append(RoundResult(
            mock_round=mock_round,
            items=round_items,
            grades=[float(a.grade.overall) for a in main if hasattr(a, "grade")],
            follow_up_grades=[float(a.grade.overall) for a in follow_ups if hasattr(a, "grade")],
            answered=len(main),
            pending=sum(1 for a in answers if not a.is_finished),
            follow_ups_answered=len(follow_ups),
            seconds_used=_seconds_used(mock_round, round_items),
        ))
    return LoopSummary(mock=mock, results=results)


def mock_round_for(*, user, mock_id: int, position: int) -> tuple[MockLoop, RoundResult]:
    summary = mock_loop_for(user=user, mock_id=mock_id)
    for result in summary.results:
        if result.mock_round.position == position:
            return summary.mock, result
    raise Http404("No such round")
