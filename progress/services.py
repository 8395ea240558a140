"""Writes of the progress app: spaced-repetition scheduling, review and retry sessions, the target role track."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Subquery
from fsrs import Card, Rating, Scheduler

from playbook.models import RoleTrack
from practice.models import Answer, Grade, PracticeSession
from questions.models import Question

from .models import CardReview, Profile, ReviewCard

# A review here is answering an interview question again, which is worth doing days apart, not minutes: no
# (re)learning steps, so every rating schedules whole days straight away. No fuzzing, so a schedule can be
# predicted and tested. With desired retention 0.9 the interval in days is the card's stability, rounded, at least 1.
SCHEDULER = Scheduler(desired_retention=0.9, learning_steps=(), relearning_steps=(), enable_fuzzing=False)

REPAIR_BATCH = 500

# Upper bounds (exclusive) of the overall score for each rating; from 4.5 up the rating is Easy.
RATING_BELOW = ((Decimal("2"), Rating.Again), (Decimal("3"), Rating.Hard), (Decimal("4.5"), Rating.Good))


def rating_for_score(score: Decimal) -> Rating:
    """Map a 0-5 overall score to an FSRS rating: below 2 Again, below 3 Hard, below 4.5 Good, else Easy.

    Again brings a question back the next day; Easy, on a fresh card, eight days later.
    """
    for bound, rating in RATING_BELOW:
        if score < bound:
            return rating
    return Rating.Easy


def review_schedule_from_grade(*, grade_id: int) -> ReviewCard | None:
    """Reschedule the graded question for its candidate from the grade's overall score.

    Idempotent: a grade is applied at most once (CardReview is one-to-one with the grade), so a repeated or
    concurrent call never reschedules twice. Follow-up probes (session questions without a position) are not
    attempts at the question and schedule nothing. Returns the card, or None when there was nothing to do.
    """
    try:
        return _review_card_apply(grade_id)
    except IntegrityError:  # a concurrent call created the card first; its row lock now orders the two
        return _review_card_apply(grade_id)


@transaction.atomic
def _review_card_apply(grade_id: int) -> ReviewCard | None:
    grade = Grade.objects.select_related("answer__session_question__session", "answer__question").filter(
        pk=grade_id
    ).first()
    if grade is None or grade.answer.session_question.position is None:
        return None
    if grade.answer.question.status == Question.Status.DRAFT:  # a take-home README review, not a bank question
        return None
    answer = grade.answer
    card = ReviewCard.objects.select_for_update().filter(user_id=answer.user_id, question_id=answer.question_id).first()
    if CardReview.objects.filter(grade_id=grade_id).exists():
        return None
    # The review is the moment the candidate answered, not when the grade landed (the broker may have been down).
    reviewed_at = answer.submitted_at.astimezone(datetime.UTC)  # fsrs insists on UTC
    if card is None:
        card = ReviewCard(user_id=answer.user_id, question_id=answer.question_id)
        fsrs_card = Card(card_id=answer.question_id, due=reviewed_at)
    else:
        # A grade that lands after a later one (two workers) is applied as of the later review, never backwards.
        reviewed_at = max(reviewed_at, card.last_reviewed_at.astimezone(datetime.UTC))
        fsrs_card = Card.from_dict(card.fsrs_card)
    rating = rating_for_score(grade.overall)
    fsrs_card, _ = SCHEDULER.review_card(fsrs_card, rating, review_datetime=reviewed_at)
    card.level_id = answer.session_question.session.level_id
    card.fsrs_card = fsrs_card.to_dict()
    card.due = fsrs_card.due
    card.last_score = grade.overall
    card.last_rating = rating
    card.last_reviewed_at = reviewed_at
    card.review_count += 1
    card.save()
    CardReview.objects.create(grade=grade, card=card, score=grade.overall, rating=rating, reviewed_at=reviewed_at,
                              due=card.due)
    return card


def review_cards_repair(*, since: datetime.datetime) -> int:
    """Schedule every grade since `since` that should have moved a review card and has not (its scheduling failed,
    or it was graded before grade and card were written in one transaction). Returns how many were repaired."""
    missing = (
        Grade.objects.filter(created_at__gte=since, card_review__isnull=True,
                             answer__session_question__position__isnull=False)
        .exclude(answer__question__status=Question.Status.DRAFT)
        .order_by("created_at")
        .values_list("pk", flat=True)[:REPAIR_BATCH]
    )
    return sum(review_schedule_from_grade(grade_id=grade_id) is not None for grade_id in list(missing))


@transaction.atomic
def review_session_start(*, user) -> PracticeSession:
    """A practice session of the questions due for review, most overdue first, up to a session's maximum.

    A session has one level, and grading its answers counts them (and moves their cards) at that level, so it takes
    only the due questions at the level of the most overdue one; the others wait for a session of their own.
    The session's category is that of the first question; it is titled "Due reviews", each question shown with its own.
    """
    cards = ReviewCard.objects.owned_by(user).due().order_by("due", "pk")
    due = list(
        cards.filter(level_id=Subquery(cards.values("level_id")[:1]))
        .values_list("question_id", "level_id")[: settings.PRACTICE_MAX_QUESTIONS]
    )
    if not due:
        raise ValidationError("Nothing is due for review right now. Questions come back here as they fall due.")
    return _session_of_questions(user=user, question_ids=[question_id for question_id, _ in due],
                                 level_id=due[0][1], label="Due reviews")


@transaction.atomic
def retry_session_start(*, user, attempt: Answer) -> PracticeSession:
    """A one-question session to answer `attempt`'s question again, at the level it was answered at."""
    return _session_of_questions(user=user, question_ids=[attempt.question_id],
                                 level_id=attempt.session_question.session.level_id)


def _session_of_questions(*, user, question_ids: list[int], level_id: int, label: str = "") -> PracticeSession:
    published = Question.objects.published().in_bulk(question_ids)
    questions = [published[question_id] for question_id in question_ids if question_id in published]
    if not questions:
        raise ValidationError("This question is no longer published, so it cannot be practised again.")
    from practice.services import session_of_questions  # practice.services imports this module for its hook

    return session_of_questions(user=user, question_ids=[q.pk for q in questions],
                                category_id=questions[0].category_id, level_id=level_id, label=label)


def profile_set_target_track(*, user, role_track: RoleTrack | None) -> Profile:
    profile, _ = Profile.objects.update_or_create(user=user, defaults={"target_role_track": role_track})
    return profile
