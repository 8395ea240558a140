"""Everything stored about one user, for "My data": one query per kind of record, whatever the amount."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q
from django.utils import timezone

from practice.models import Answer, PracticeSession
from progress.models import CardReview, Profile, ReviewCard

# Kinds exported with readable columns; every other table with a column referring to the user is exported too,
# with its own columns, under its app_label.model name (checklist ticks, question banks, ...).
NAMED_KINDS = {"sessions": "Practice sessions", "answers": "Answers with their grades",
               "review_cards": "Questions scheduled for review", "card_reviews": "Review history"}
NAMED_MODELS = {PracticeSession, Answer, ReviewCard, Profile}


def user_relations() -> list[tuple[type[models.Model], list[str]]]:
    """Every model with a foreign key or one-to-one field to the user model, with the names of those fields."""
    user_model = get_user_model()
    relations = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.concrete_fields if f.is_relation and f.related_model is user_model]
        if names:
            relations.append((model, names))
    return relations


def _other_relations() -> dict[str, tuple[type[models.Model], list[str]]]:
    return {model._meta.label_lower: (model, names) for model, names in user_relations() if model not in NAMED_MODELS}


def export_kinds() -> dict[str, str]:
    """Every kind of record that can be exported, with a name for people."""
    others = {kind: str(model._meta.verbose_name_plural).capitalize()
              for kind, (model, _) in _other_relations().items()}
    return {**NAMED_KINDS, **others}


def _sessions(user) -> list[dict]:
    sessions = (
        PracticeSession.objects.owned_by(user)
        .select_related("category", "level", "role_track")
        .prefetch_related("items__question")
        .order_by("created_at", "pk")
    )
    return [
        {
            "session_id": s.pk,
            "started_at": s.created_at,
            "category": s.category.key,
            "level": s.level.key,
            "role_track": s.role_track.key if s.role_track else "",
            "question_keys": [item.question.key for item in s.items.all()],
        }
        for s in sessions
    ]


def _answers(user) -> list[dict]:
    answers = (
        Answer.objects.filter(user=user)
        .select_related("question", "session_question", "grade", "human_grade")
        .order_by("submitted_at", "pk")
    )
    rows = []
    for answer in answers:
        grade = getattr(answer, "grade", None)
        human = getattr(answer, "human_grade", None)
        rows.append({
            "answer_id": answer.pk,
            "session_id": answer.session_question.session_id,
            "position": answer.session_question.position,
            "question_key": answer.question.key,
            "question_title": answer.question.title,
            "submitted_at": answer.submitted_at,
            "time_spent_seconds": answer.time_spent_seconds,
            "status": answer.status,
            "text": answer.text,
            "overall": grade.overall if grade else None,
            "key_points": grade.key_points if grade else None,
            "trade_offs": grade.trade_offs if grade else None,
            "failure_modes": grade.failure_modes if grade else None,
            "clarity": grade.clarity if grade else None,
            "feedback": grade.feedback if grade else "",
            "rubric_verdicts": grade.items if grade else [],
            "flags": grade.flags if grade else [],
            "graded_by": f"{grade.grader} {grade.model}".strip() if grade else "",
            "human_score": human.score if human else None,
        })
    return rows


def _review_cards(user) -> list[dict]:
    cards = ReviewCard.objects.owned_by(user).select_related("question", "level").order_by("due", "pk")
    return [
        {
            "question_key": card.question.key,
            "question_title": card.question.title,
            "level": card.level.key,
            "due": card.due,
            "last_score": card.last_score,
            "last_rating": card.get_last_rating_display(),
            "last_reviewed_at": card.last_reviewed_at,
            "review_count": card.review_count,
            "fsrs_card": card.fsrs_card,
        }
        for card in cards
    ]


def _card_reviews(user) -> list[dict]:
    reviews = (
        CardReview.objects.filter(card__user=user).select_related("card__question", "grade").order_by("reviewed_at")
    )
    return [
        {
            "question_key": review.card.question.key,
            "answer_id": review.grade.answer_id,
            "score": review.score,
            "rating": review.get_rating_display(),
            "reviewed_at": review.reviewed_at,
            "scheduled_for": review.due,
        }
        for review in reviews
    ]


NAMED_EXPORTS = {"sessions": _sessions, "answers": _answers, "review_cards": _review_cards,
                 "card_reviews": _card_reviews}


def export_rows(*, user, kind: str) -> list[dict] | None:
    """The user's records of one kind as flat dicts, or None for a kind that does not exist."""
    if kind in NAMED_EXPORTS:
        return NAMED_EXPORTS[kind](user)
    relation = _other_relations().get(kind)
    if relation is None:
        return None
    model, names = relation
    refers_to_user = Q()
    for name in names:
        refers_to_user |= Q(**{name: user})
    return list(model._default_manager.filter(refers_to_user).order_by("pk").values())


def account_export(*, user) -> dict:
    """The whole export: the account, the progress profile, and every kind of record."""
    profile = Profile.objects.select_related("target_role_track").filter(user=user).first()
    return {
        "exported_at": timezone.now(),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
        },
        "progress_profile": {
            "target_role_track": profile.target_role_track.key if profile and profile.target_role_track else "",
        },
        **{kind: export_rows(user=user, kind=kind) for kind in export_kinds()},
    }


def account_summary(*, user) -> dict[str, int]:
    """How much is stored, for the My data page: three counts."""
    return {
        "sessions": PracticeSession.objects.owned_by(user).count(),
        "answers": Answer.objects.filter(user=user).count(),
        "review_cards": ReviewCard.objects.owned_by(user).count(),
    }
