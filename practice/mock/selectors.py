"""Reads for mock-loop pages, a fixed number of queries each."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from playbook.models import Category, InterviewLoop
from practice.models import MockLoop, MockRound, SessionQuestion
from practice.selectors import answers_of


def loops_to_rehearse() -> list[InterviewLoop]:
    return list(
        InterviewLoop.objects.filter(rounds__categories__isnull=False).distinct().select_related("level").ordered()
    )


@dataclass
class RoundResult:
    mock_round: MockRound
    items: list[SessionQuestion] = field(default_factory=list)
    graded: int = 0
    answered: int = 0
    pending: int = 0
    follow_ups_answered: int = 0
    mean: float | None = None
    seconds_used: int | None = None

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


def mock_loop_for(*, user, mock_id: int) -> tuple[MockLoop, list[RoundResult]]:
    """The user's mock loop with every round's questions, answers, grades and follow-ups: three queries."""
    mock = get_object_or_404(MockLoop.objects.select_related("loop", "level"), pk=mock_id, user=user)
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
        grades = [float(a.grade.overall) for a in answers if hasattr(a, "grade")]
        results.append(RoundResult(
            mock_round=mock_round,
            items=round_items,
            graded=len(grades),
            answered=sum(1 for item in round_items if hasattr(item, "answer")),
            pending=sum(1 for a in answers if not a.is_finished),
            follow_ups_answered=sum(1 for a in answers if a.session_question_id not in {i.pk for i in round_items}),
            mean=sum(grades) / len(grades) if grades else None,
            seconds_used=_seconds_used(mock_round, round_items),
        ))
    return mock, results


def mock_round_for(*, user, mock_id: int, position: int) -> tuple[MockLoop, RoundResult]:
    mock, results = mock_loop_for(user=user, mock_id=mock_id)
    for result in results:
        if result.mock_round.position == position:
            return mock, result
    raise Http404("No such round")
