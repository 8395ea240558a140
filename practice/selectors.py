"""Reads for the practice pages, each a fixed number of queries however much data there is."""

from django.db.models import F, Func, OuterRef, Subquery
from django.shortcuts import get_object_or_404

from questions.models import Question

from .grading.types import UNSURE_BELOW
from .models import TITLE_RELATIONS, Grade, GradeDispute, PracticeSession, SessionQuestion

_WITH_ANSWERS = ("question", "question__category", "answer", "answer__grade")
_WITH_FOLLOW_UPS = (*_WITH_ANSWERS, "follow_up", "follow_up__answer", "follow_up__answer__grade")


def _with_answers(session: PracticeSession) -> tuple[str, ...]:
    """What to join to a session's questions: their follow-ups only when the session asks them."""
    return _WITH_FOLLOW_UPS if session.asks_follow_ups else _WITH_ANSWERS


def _known_without_follow_ups(session: PracticeSession, items: list[SessionQuestion]) -> list[SessionQuestion]:
    """A session that asks no follow-ups has none: say so on each item, so reading `item.follow_up` runs no query."""
    if not session.asks_follow_ups:
        for item in items:
            SessionQuestion.follow_up.related.set_cached_value(item, None)
    return items


def session_for(*, user, session_id: int) -> PracticeSession:
    """The user's own session, or 404: another candidate's session does not exist for them."""
    return get_object_or_404(
        PracticeSession.objects.owned_by(user)
        .with_titles()
        .select_related("category", "level", "role_track", "mock_round"),
        pk=session_id,
    )


def follow_up_for(*, session: PracticeSession, position: int) -> SessionQuestion:
    """The follow-up asked after the session's question at `position`, or 404."""
    return get_object_or_404(
        SessionQuestion.objects.select_related("question", "answer", "answer__grade", "follow_up_of"),
        follow_up_of__session=session,
        follow_up_of__position=position,
    )


_SESSION_WITH_TITLES = tuple(f"session__{relation}" for relation in TITLE_RELATIONS)


def session_question_of(*, user, session_id: int, position: int) -> SessionQuestion:
    """A question of the user's own session by position, with its session (`item.session`, titles joined), or 404.

    One query, the session joined in, for the question page's hot path; the follow-up asked after it is read by a
    second query only when the session asks follow-ups."""
    item = get_object_or_404(
        SessionQuestion.objects.select_related("session", *_SESSION_WITH_TITLES, *_WITH_ANSWERS,
                                               "question__exercise", "answer__code_submission"),
        session__user=user, session_id=session_id, position=position,
    )
    if item.session.asks_follow_ups:
        follow_up = (SessionQuestion.objects.select_related("answer", "answer__grade", "question")
                     .filter(follow_up_of=item).first())
        SessionQuestion.follow_up.related.set_cached_value(item, follow_up)
        return item
    return _known_without_follow_ups(item.session, [item])[0]


def session_items(*, session: PracticeSession) -> list[SessionQuestion]:
    items = (
        SessionQuestion.objects.filter(session=session, follow_up_of__isnull=True)
        .select_related(*_with_answers(session))
        .order_by("position")
    )
    return _known_without_follow_ups(session, list(items))


def first_open_item(items: list[SessionQuestion], *, after: int = 0) -> SessionQuestion | None:
    """The first question after position `after` that is neither answered nor skipped, else the first before it."""
    open_items = [item for item in items if item.is_open]
    return next((item for item in open_items if item.position > after), open_items[0] if open_items else None)


def next_open_item(*, session: PracticeSession, after: int) -> SessionQuestion | None:
    """Where skipping a question leads: one query."""
    items = SessionQuestion.objects.filter(session=session, follow_up_of__isnull=True).select_related("answer")
    return first_open_item(list(items.order_by("position")), after=after)


def answers_of(items: list[SessionQuestion]):
    """The answers to these session questions and to the follow-ups asked after them (loaded with them)."""
    for item in items:
        for candidate in (item, getattr(item, "follow_up", None)):
            if candidate is not None and hasattr(candidate, "answer"):
                yield candidate.answer


def recent_sessions(*, user, limit: int = 5) -> list[PracticeSession]:
    """The user's latest sessions with how many of their questions are answered. The count is a subquery run for
    the `limit` sessions returned only: read through the (user, created_at) index, it costs the same however many
    sessions the user or the site has (a join and GROUP BY made PostgreSQL scan every answer on the site)."""
    answered = (
        SessionQuestion.objects.filter(session=OuterRef("pk"), follow_up_of__isnull=True, answer__isnull=False)
        .order_by().annotate(count=Func(F("pk"), function="COUNT")).values("count")
    )
    return list(
        PracticeSession.objects.owned_by(user).opened()
        .with_titles()
        .annotate(answered=Subquery(answered))
        .order_by("-created_at", "-pk")[:limit]
    )


def published_question_for(*, key: str) -> Question:
    """A published question by key, or 404: drafts and archived questions cannot be practised on their own."""
    return get_object_or_404(Question.objects.published().select_related("category"), key=key)


def grade_of_owner(*, user, answer_id: int) -> Grade:
    """The grade of the user's own answer, or 404: another candidate's grade does not exist for them."""
    return get_object_or_404(
        Grade.objects.select_related("answer__question", "answer__session_question__follow_up_of"),
        answer_id=answer_id, answer__user=user,
    )


def grade_latest_dispute(*, grade: Grade) -> GradeDispute | None:
    """The grade's latest dispute (open, or resolved with the staff decision as it stands), or None. One query."""
    dispute = grade.disputes.with_decision().order_by("-created_at", "-id").first()
    if dispute is not None:
        dispute.grade = grade
    return dispute


def verdict_unsure(verdict: dict) -> bool:
    """A stored verdict (a Grade.items entry) the grader was not sure of. Grades from before confidences were stored
    carry none and count as sure."""
    confidence = verdict.get("confidence")
    return confidence is not None and confidence < UNSURE_BELOW
