from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from fsrs import Card

from practice.models import Answer, Grade, PracticeSession, SessionQuestion
from progress.models import Profile, ReviewCard
from progress.rollups import progress_rebuild
from tests.factories import LevelFactory, QuestionFactory, UserFactory


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile

    user = factory.SubFactory(UserFactory)
    target_role_track = None


class ReviewCardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReviewCard

    user = factory.SubFactory(UserFactory)
    question = factory.SubFactory(QuestionFactory)
    level = factory.SubFactory(LevelFactory)
    fsrs_card = factory.LazyAttribute(lambda card: Card(card_id=card.question.pk, due=card.due).to_dict())
    due = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    last_score = Decimal("2.0")
    last_rating = ReviewCard.Rating.HARD
    last_reviewed_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    review_count = 1


def graded_history(*, user, questions, category, level, count: int, scores=(Decimal("3.5"),),
                   first_day=None) -> list[Grade]:
    """`count` graded answers by `user`, made in bulk (a few queries, not a few per answer), with the user's
    progress rollups rebuilt: sessions of
    len(questions) questions each, one answer a day backwards from `first_day`, scores cycling through `scores`."""
    first_day = first_day or timezone.now()
    session_count = -(-count // len(questions))
    sessions = PracticeSession.objects.bulk_create(
        PracticeSession(user=user, category=category, level=level, question_count=len(questions))
        for _ in range(session_count)
    )
    items = SessionQuestion.objects.bulk_create(
        SessionQuestion(session=session, question=question, position=position)
        for session in sessions
        for position, question in enumerate(questions, start=1)
    )[:count]
    answers = Answer.objects.bulk_create(
        Answer(session_question=item, user=user, question=item.question, text=f"Answer {n}",
               status=Answer.Status.GRADED)
        for n, item in enumerate(items)
    )
    for n, answer in enumerate(answers):  # auto_now_add sets the time on insert; move it afterwards
        answer.submitted_at = first_day - timedelta(days=count - 1 - n)
    Answer.objects.bulk_update(answers, ["submitted_at"])
    grades = Grade.objects.bulk_create(
        Grade(answer=answer, grader="offline", prompt_version="offline-1", rubric_version=1,
              overall=scores[n % len(scores)], key_points=Decimal("4.0"), trade_offs=Decimal("2.5"),
              failure_modes=Decimal("1.5"), clarity=Decimal("5.0"), clarity_verdict="clear", feedback="Feedback.",
              items=[{"kind": "key_point", "text": "Stores keys and values", "verdict": "covered",
                      "evidence": "keys", "note": ""}])
        for n, answer in enumerate(answers)
    )
    progress_rebuild(user_ids=[user.pk])
    return grades
