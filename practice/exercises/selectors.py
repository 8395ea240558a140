"""Reads for the exercise pages, a fixed number of queries each."""

from django.http import Http404

from practice.selectors import session_question_of

from .models import Exercise


def exercise_of(*, user, session_id: int, position: int) -> Exercise:
    """The exercise behind a question of the user's own session, or 404."""
    item = session_question_of(user=user, session_id=session_id, position=position)
    exercise = getattr(item.question, "exercise", None)
    if exercise is None:
        raise Http404("This question has no runnable exercise")
    return exercise


def exercises_by_level() -> list[Exercise]:
    return list(
        Exercise.objects.filter(question__status="published")
        .select_related("question").prefetch_related("question__levels", "question__tags")
        .order_by("time_box_minutes", "question__title")
    )
