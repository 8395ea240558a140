"""Reads for the practice pages, each a fixed number of queries however much data there is."""

from django.db.models import Count
from django.shortcuts import get_object_or_404

from .models import PracticeSession, SessionQuestion


def session_for(*, user, session_id: int) -> PracticeSession:
    """The user's own session, or 404: another candidate's session does not exist for them."""
    return get_object_or_404(
        PracticeSession.objects.owned_by(user)
        .select_related("category", "level", "role_track")
        .annotate(question_count=Count("items")),
        pk=session_id,
    )


def session_question_for(*, session: PracticeSession, position: int) -> SessionQuestion:
    return get_object_or_404(
        SessionQuestion.objects.select_related("question", "answer", "answer__grade"),
        session=session,
        position=position,
    )


def session_items(*, session: PracticeSession) -> list[SessionQuestion]:
    return list(
        SessionQuestion.objects.filter(session=session)
        .select_related("question", "answer", "answer__grade")
        .order_by("position")
    )


def recent_sessions(*, user, limit: int = 5) -> list[PracticeSession]:
    return list(
        PracticeSession.objects.owned_by(user)
        .select_related("category", "level", "role_track")
        .annotate(question_count=Count("items", distinct=True), answered=Count("items__answer", distinct=True))
        .order_by("-created_at")[:limit]
    )
