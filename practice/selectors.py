"""Reads for the practice pages, each a fixed number of queries however much data there is."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from .models import PracticeSession, SessionQuestion

MAIN_ITEMS = Q(items__follow_up_of__isnull=True)  # follow-ups hang off a question; they are not counted as questions
_WITH_ANSWERS = ("question", "answer", "answer__grade", "follow_up", "follow_up__answer", "follow_up__answer__grade")

def session_for(*, user, session_id: int) -> PracticeSession:
    """The user's own session, or 404: another candidate's session does not exist for them."""
    return get_object_or_404(
        PracticeSession.objects.owned_by(user)
        .select_related("category", "level", "role_track", "mock_round")
        .annotate(question_count=Count("items", filter=MAIN_ITEMS)),
        pk=session_id,
    )


def session_question_for(*, session: PracticeSession, position: int, follow_up: bool = False) -> SessionQuestion:
    """A question of the session by position, or the follow-up asked after it."""
    if follow_up:
        return get_object_or_404(
            SessionQuestion.objects.select_related("question", "answer", "answer__grade", "follow_up_of"),
            follow_up_of__session=session,
            follow_up_of__position=position,
        )
    return get_object_or_404(
        SessionQuestion.objects.select_related(*_WITH_ANSWERS, "question__exercise", "answer__code_submission"),
        session=session, position=position,
    )


def session_items(*, session: PracticeSession) -> list[SessionQuestion]:
    return list(
        SessionQuestion.objects.filter(session=session, follow_up_of__isnull=True)
        .select_related(*_WITH_ANSWERS)
        .order_by("position")
    )


def answers_of(items: list[SessionQuestion]):
    """The answers to these session questions and to the follow-ups asked after them (loaded with them)."""
    for item in items:
        for candidate in (item, getattr(item, "follow_up", None)):
            if candidate is not None and hasattr(candidate, "answer"):
                yield candidate.answer


def recent_sessions(*, user, limit: int = 5) -> list[PracticeSession]:
    return list(
        PracticeSession.objects.owned_by(user)
        .select_related("category", "level", "role_track")
        .annotate(
            question_count=Count("items", filter=MAIN_ITEMS, distinct=True),
            answered=Count("items__answer", filter=MAIN_ITEMS, distinct=True),
        )
        .order_by("-created_at")[:limit]
    )
