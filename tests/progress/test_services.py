from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from fsrs import Rating

from practice.grading.offline import OfflineGrader
from practice.models import Answer, Grade, SessionQuestion
from practice.services import answer_grade
from progress.models import CardReview, Profile, ReviewCard
from progress.services import (
    profile_set_target_track,
    rating_for_score,
    retry_session_start,
    review_schedule_from_grade,
    review_session_start,
)
from questions.models import Question
from tests.factories import (
    AnswerFactory,
    GradeFactory,
    LevelFactory,
    QuestionFactory,
    RoleTrackFactory,
    SessionQuestionFactory,
)
from tests.progress.factories import ReviewCardFactory


def grade_at(*, user, question, overall: str, when, level=None) -> Grade:
    """A graded answer to `question` in a session of its own, submitted at `when` (and graded an hour later:
    the review counts from the answer)."""
    session_question = SessionQuestionFactory(session__user=user, session__category=question.category,
                                              session__level=level or LevelFactory(), question=question, position=1)
    grade = GradeFactory(answer__session_question=session_question, overall=overall)
    Answer.objects.filter(pk=grade.answer_id).update(submitted_at=when)
    Grade.objects.filter(pk=grade.pk).update(created_at=when + timedelta(hours=1))
    return Grade.objects.select_related("answer").get(pk=grade.pk)


@pytest.mark.parametrize(("score", "rating"), [
    ("0.0", Rating.Again), ("1.5", Rating.Again),
    ("2.0", Rating.Hard), ("2.5", Rating.Hard),
    ("3.0", Rating.Good), ("4.0", Rating.Good),
    ("4.5", Rating.Easy), ("5.0", Rating.Easy),
])
def test_a_score_maps_to_the_documented_rating(score, rating):
    assert rating_for_score(Decimal(score)) == rating


# A fresh card goes straight to review (no learning steps); with desired retention 0.9 its interval in days is its
# initial stability, FSRS-6's default parameters w0..w3 = 0.212, 1.2931, 2.3065, 8.2956, rounded and at least 1.
@pytest.mark.parametrize(("score", "rating", "days"), [
    ("1.0", ReviewCard.Rating.AGAIN, 1),
    ("2.5", ReviewCard.Rating.HARD, 1),
    ("3.5", ReviewCard.Rating.GOOD, 2),
    ("5.0", ReviewCard.Rating.EASY, 8),
])
def test_a_first_grade_schedules_the_question_after_the_hand_computed_interval(candidate, score, rating, days):
    answered_at = timezone.now() - timedelta(minutes=5)
    grade = grade_at(user=candidate, question=QuestionFactory(), overall=score, when=answered_at)

    card = review_schedule_from_grade(grade_id=grade.pk)

    card.refresh_from_db()
    assert card.due - answered_at == timedelta(days=days)
    assert card.last_rating == rating and card.last_score == Decimal(score) and card.review_count == 1
    assert card.user == candidate and card.question == grade.answer.question
    assert card.fsrs_card["state"] == 2  # fsrs State.Review


def test_a_second_good_answer_two_days_later_pushes_the_review_out_to_eleven_days(candidate):
    # Good then Good: difficulty D0 = w4 - e^(2 w5) + 1 = 2.118; after 2 days retrievability
    # R = (1 + 0.9804 * 2 / 2.3065)^-0.1542 = 0.9095; the new stability
    # S = 2.3065 * (1 + e^w8 * (11 - D) * 2.3065^-w9 * (e^(w10 (1 - R)) - 1)) = 10.96, so 11 days.
    question = QuestionFactory()
    start = timezone.now() - timedelta(days=3)
    review_schedule_from_grade(grade_id=grade_at(user=candidate, question=question, overall="3.5", when=start).pk)
    second = grade_at(user=candidate, question=question, overall="4.0", when=start + timedelta(days=2))

    card = review_schedule_from_grade(grade_id=second.pk)

    assert card.due - (start + timedelta(days=2)) == timedelta(days=11)
    assert round(card.fsrs_card["stability"], 2) == 10.96
    assert card.review_count == 2 and card.reviews.count() == 2


def test_a_weak_answer_after_a_good_one_brings_the_question_back_the_next_day(candidate):
    question = QuestionFactory()
    start = timezone.now() - timedelta(days=3)
    review_schedule_from_grade(grade_id=grade_at(user=candidate, question=question, overall="4.0", when=start).pk)
    weak = grade_at(user=candidate, question=question, overall="1.0", when=start + timedelta(days=2))

    card = review_schedule_from_grade(grade_id=weak.pk)

    assert card.due - (start + timedelta(days=2)) == timedelta(days=1)
    assert card.last_rating == ReviewCard.Rating.AGAIN


def test_the_same_grade_never_reschedules_twice(candidate):
    grade = grade_at(user=candidate, question=QuestionFactory(), overall="3.0", when=timezone.now())
    card = review_schedule_from_grade(grade_id=grade.pk)

    assert review_schedule_from_grade(grade_id=grade.pk) is None

    again = ReviewCard.objects.get()
    assert again.due == card.due and again.review_count == 1 and again.fsrs_card == card.fsrs_card
    assert CardReview.objects.filter(grade=grade).count() == 1


def test_an_older_grade_applied_late_is_reviewed_as_of_the_later_one(candidate):
    question = QuestionFactory()
    now = timezone.now()
    older = grade_at(user=candidate, question=question, overall="3.0", when=now - timedelta(days=2))
    newer = grade_at(user=candidate, question=question, overall="3.0", when=now)
    review_schedule_from_grade(grade_id=newer.pk)

    card = review_schedule_from_grade(grade_id=older.pk)

    assert card.last_reviewed_at == now and card.review_count == 2


def test_a_grade_that_does_not_exist_schedules_nothing(db):
    assert review_schedule_from_grade(grade_id=123456) is None
    assert not ReviewCard.objects.exists()


def test_a_follow_up_grade_schedules_nothing(candidate, session_question):
    follow_up = SessionQuestion.objects.create(session=session_question.session, question=session_question.question,
                                               position=None, follow_up_of=session_question)
    grade = GradeFactory(answer__session_question=follow_up, overall="0.5")

    assert review_schedule_from_grade(grade_id=grade.pk) is None
    assert not ReviewCard.objects.exists()


def test_grading_an_answer_schedules_its_question_once_the_grade_is_committed(
    candidate, session_question, django_capture_on_commit_callbacks
):
    answer = AnswerFactory(session_question=session_question, text=(
        "The KV cache stores the keys and values of previous tokens, so decoding computes attention only for the "
        "new token. Its memory grows with sequence length and batch size."
    ))

    with django_capture_on_commit_callbacks(execute=True):
        grade = answer_grade(answer_id=answer.pk, grader=OfflineGrader())

    card = ReviewCard.objects.get(user=candidate, question=session_question.question)
    assert card.last_score == grade.overall
    assert card.level == session_question.session.level
    assert CardReview.objects.get().grade == grade


def test_review_session_start_takes_the_due_questions_most_overdue_first(candidate, cell):
    first, second, third = cell["questions"]
    now = timezone.now()
    ReviewCardFactory(user=candidate, question=second, level=cell["level"], due=now - timedelta(days=1))
    ReviewCardFactory(user=candidate, question=first, level=cell["level"], due=now - timedelta(days=3))
    ReviewCardFactory(user=candidate, question=third, level=cell["level"], due=now + timedelta(days=1))

    session = review_session_start(user=candidate)

    assert [item.question for item in session.items.order_by("position")] == [first, second]
    assert (session.user, session.category, session.level) == (candidate, cell["category"], cell["level"])
    assert session.role_track is None
    assert session.title == "Due reviews"


def test_review_session_start_takes_at_most_a_sessions_worth(candidate, settings):
    settings.PRACTICE_MAX_QUESTIONS = 2
    for _ in range(3):
        ReviewCardFactory(user=candidate)

    assert review_session_start(user=candidate).items.count() == 2


def test_review_session_start_leaves_out_archived_questions_and_other_candidates_cards(candidate, other_candidate):
    ReviewCardFactory(user=candidate, question=QuestionFactory(status=Question.Status.ARCHIVED))
    ReviewCardFactory(user=other_candidate)

    with pytest.raises(ValidationError, match="Nothing is due for review"):
        review_session_start(user=candidate)


def test_retry_starts_a_one_question_session_at_the_level_it_was_answered_at(candidate, session_question):
    answer = AnswerFactory(session_question=session_question)

    session = retry_session_start(user=candidate, attempt=answer)

    assert session.pk != session_question.session_id
    assert list(session.items.values_list("question", "position")) == [(session_question.question_id, 1)]
    assert session.level == session_question.session.level
    assert session.category == session_question.question.category


def test_retry_of_a_question_no_longer_published_is_refused(candidate, session_question):
    answer = AnswerFactory(session_question=session_question)
    Question.objects.filter(pk=answer.question_id).update(status=Question.Status.ARCHIVED)

    with pytest.raises(ValidationError, match="no longer published"):
        retry_session_start(user=candidate, attempt=answer)


def test_the_target_track_is_stored_and_can_be_cleared(candidate):
    track = RoleTrackFactory()

    profile_set_target_track(user=candidate, role_track=track)
    assert Profile.objects.get(user=candidate).target_role_track == track

    profile_set_target_track(user=candidate, role_track=None)
    assert Profile.objects.get(user=candidate).target_role_track is None
    assert Profile.objects.count() == 1



def test_a_review_session_keeps_to_the_level_of_its_most_overdue_question(candidate, cell):
    """A session has one level, and grading it moves each card to that level: a question due at another level
    waits for a session of its own instead of being counted (and rescheduled) at the wrong one."""
    first, second, third = cell["questions"]
    junior = LevelFactory(key="junior", name="Junior")
    now = timezone.now()
    ReviewCardFactory(user=candidate, question=first, level=cell["level"], due=now - timedelta(days=3))
    ReviewCardFactory(user=candidate, question=second, level=junior, due=now - timedelta(days=2))
    ReviewCardFactory(user=candidate, question=third, level=cell["level"], due=now - timedelta(days=1))

    session = review_session_start(user=candidate)

    assert session.level == cell["level"]
    assert [item.question for item in session.items.order_by("position")] == [first, third]
