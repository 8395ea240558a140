"""Writes of mock-loop mode: a real interview loop rehearsed round by round, at one level, against the clock."""

import random
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from limits.usage import user_lock
from playbook.models import InterviewLoop, Level
from playbook.wording import level_phrase
from practice.models import Answer, MockLoop, MockRound
from practice.services import session_of_questions
from questions.models import Question

QUESTIONS_PER_ROUND = 2
FOLLOW_UP_LEVELS = {"senior", "staff"}


class MockLoopAlreadyOpen(Exception):
    """The candidate already has this loop open at this level: carry on with `mock` rather than start a copy."""

    def __init__(self, mock: MockLoop):
        super().__init__(f"{mock.loop} at {level_phrase(mock.level.name)} is already open.")
        self.mock = mock


def _round_questions(categories: list, level: Level, used: set[int]) -> list[Question]:
    """Up to QUESTIONS_PER_ROUND published questions, taking the round's categories in turn, never repeating.

    Runnable exercises come first where a category has them, so a coding round is rehearsed by writing code that
    runs against tests, under the round's countdown."""
    pools = []
    for category in categories:
        rows = Question.objects.for_cell(category=category, level=level).values_list("id", "exercise")
        ids = [q for q, _ in rows if q not in used]
        random.shuffle(ids)
        runnable = {q for q, exercise in rows if exercise is not None}
        ids.sort(key=lambda question_id: question_id in runnable)  # pop() takes from the end: exercises first
        pools.append(ids)
    picked: list[int] = []
    while len(picked) < QUESTIONS_PER_ROUND and any(pools):
        for pool in pools:
            if pool and len(picked) < QUESTIONS_PER_ROUND:
                picked.append(pool.pop())
    used.update(picked)
    return picked


@transaction.atomic
def mock_loop_start(*, user, loop: InterviewLoop, level: Level) -> MockLoop:
    """A new mock loop, unless the candidate has this loop open at this level already (going Back and pressing
    Start again): then MockLoopAlreadyOpen names it. The user's row is locked first, so a double submit starts one.
    """
    user_lock(user_id=user.pk)
    already_open = (MockLoop.objects.owned_by(user).open().filter(loop=loop, level=level)
                    .select_related("loop", "level").order_by("-created_at", "-pk").first())
    if already_open is not None:
        raise MockLoopAlreadyOpen(already_open)
    rounds = list(loop.rounds.select_related("round_type").prefetch_related("categories").order_by("position"))
    if not any(r.categories.all() for r in rounds):
        raise ValidationError(f"{loop} has no rounds that can be rehearsed in writing.")
    mock = MockLoop.objects.create(user=user, loop=loop, level=level)
    used: set[int] = set()
    practisable = 0
    for loop_round in rounds:
        categories = list(loop_round.categories.all())
        question_ids = _round_questions(categories, level, used) if categories else []
        session = None
        if question_ids:
            session = session_of_questions(
                user=user, question_ids=question_ids, category_id=categories[0].pk, level_id=level.pk,
                asks_follow_ups=level.key in FOLLOW_UP_LEVELS,
            )
            practisable += 1
        minutes = loop_round.length_max or loop_round.round_type.length_max
        unit = loop_round.length_unit or loop_round.round_type.length_unit
        MockRound.objects.create(
            mock_loop=mock, loop_round=loop_round, position=loop_round.position, session=session,
            time_limit_seconds=minutes * 60 if session and minutes and unit == "minutes" else None,
        )
    if not practisable:
        raise ValidationError(
            f"There are no published questions at {level_phrase(level.name)} for this loop's rounds yet.")
    return mock


def mock_round_start(*, mock_round: MockRound) -> None:
    """Start the round's countdown the first time it is opened; reopening never restarts it, and a round finished
    before it was opened (its loop was ended) never starts."""
    if mock_round.started_at is None and mock_round.finished_at is None and mock_round.session_id:
        now = timezone.now()
        MockRound.objects.filter(pk=mock_round.pk, started_at__isnull=True, finished_at__isnull=True).update(
            started_at=now)
        mock_round.started_at = now


def mock_round_finish(*, mock_round: MockRound) -> None:
    """"Finish this round". Finishing the last written round still open completes the loop: it ends the way "End this
    loop" ends it, at the same moment, but not early. The loop's row is locked first, so two tabs finishing its last
    two rounds at once still complete it."""
    if not mock_round.session_id or mock_round.finished_at is not None:
        return
    with transaction.atomic():
        list(MockLoop.objects.select_for_update().filter(pk=mock_round.mock_loop_id).values_list("pk", flat=True))
        now = timezone.now()
        if MockRound.objects.filter(pk=mock_round.pk, finished_at__isnull=True).update(
            started_at=mock_round.started_at or now, finished_at=now
        ):
            _mock_loop_close(mock_id=mock_round.mock_loop_id, now=now, early=False)


@transaction.atomic
def mock_loop_end(*, mock: MockLoop) -> bool:
    """"End this loop" on an open loop: it ends early, and is no longer offered to continue. Answers and grades stay.
    False, and nothing written, if the loop was not open (already ended, or every round finished): ending twice is
    harmless."""
    now = timezone.now()
    if not _mock_loop_close(mock_id=mock.pk, now=now, early=True):
        return False
    mock.ended_at, mock.ended_early = now, True
    return True


def _mock_loop_close(*, mock_id: int, now: datetime, early: bool) -> bool:
    """The one way a loop ends, inside the caller's transaction: early, when it is open ("End this loop"), or not,
    when its last round has just been finished. `ended_at` is set once. A round still open is finished with its clock
    stopped at its last answer (at its start when nothing was answered: days away from an open round are not time
    spent on it); one not yet opened is never started. False, and nothing written, if the loop was not in that state.
    """
    loops = MockLoop.objects.filter(pk=mock_id)
    loops = loops.open() if early else loops.done_but_not_ended()
    if not loops.update(ended_at=now, ended_early=early):
        return False
    last_answer = (Answer.objects.filter(session_question__session=OuterRef("session"))
                   .order_by("-submitted_at").values("submitted_at")[:1])
    MockRound.objects.filter(mock_loop_id=mock_id, session__isnull=False, finished_at__isnull=True).update(
        finished_at=Coalesce(Subquery(last_answer), F("started_at"), Value(now)))
    return True
