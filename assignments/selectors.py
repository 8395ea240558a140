"""Reads for the assignments pages, each a fixed number of queries however many rows there are."""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Exists, OuterRef, Subquery
from django.shortcuts import get_object_or_404

from practice.models import Answer, Grade, SessionQuestion

from .models import AssignmentPattern, BriefAtLevel, SelfReviewItem, TakeHomeAttempt, TakeHomeBrief, TechStackEntry


def assignment_patterns() -> list[AssignmentPattern]:
    """Each pattern, marked with whether it has a practice brief."""
    return list(AssignmentPattern.objects.annotate(
        has_brief=Exists(TakeHomeBrief.objects.filter(pattern=OuterRef("pk")))))


def tech_stack() -> list[TechStackEntry]:
    return list(TechStackEntry.objects.all())


def self_review_items() -> list[SelfReviewItem]:
    return list(SelfReviewItem.objects.all())


def self_review_item_count() -> int:
    return SelfReviewItem.objects.count()


def recent_attempts(*, user, limit: int = 10) -> list[TakeHomeAttempt]:
    """The candidate's latest attempts, each with the overall score of its README review once graded."""
    readme_grade = Grade.objects.filter(
        answer__session_question__session=OuterRef("review_session"), answer__session_question__position=1
    ).values("overall")[:1]
    return list(
        TakeHomeAttempt.objects.owned_by(user)
        .select_related("pattern", "level", "brief")
        .annotate(readme_score=Subquery(readme_grade))[:limit]
    )


@dataclass
class SelfReviewEntry:
    item: SelfReviewItem
    ticked: bool
    readme_verdict: str  # "covered", "partly" or "missed" once the README is graded, else ""
    readme_verdict_item: dict | None = None  # the grade's item behind it (with the grader's confidence)


@dataclass
class AttemptPage:
    """An attempt with everything its page shows: the brief at the attempt's level, the self-review and the README
    review (the session question where the README is pasted, with its answer and grade)."""

    attempt: TakeHomeAttempt
    items: list[SelfReviewItem]
    review: SessionQuestion | None

    @cached_property
    def brief_at_level(self) -> BriefAtLevel | None:
        return self.attempt.brief.at_level(self.attempt.level)

    @property
    def answer(self) -> Answer | None:
        return getattr(self.review, "answer", None)

    @property
    def grade(self) -> Grade | None:
        return getattr(self.answer, "grade", None)

    @property
    def entries(self) -> list[SelfReviewEntry]:
        verdicts = {entry["text"]: entry for entry in self.grade.items} if self.grade else {}
        ticked = set(self.attempt.ticks)
        return [
            SelfReviewEntry(item, item.key in ticked, verdicts.get(item.rubric_text, {}).get("verdict", ""),
                            verdicts.get(item.rubric_text))
            for item in self.items
        ]

    @property
    def missing(self) -> list[SelfReviewEntry]:
        return [entry for entry in self.entries if not entry.ticked]

    @property
    def ticked_count(self) -> int:
        return len(self.items) - len(self.missing)


def attempt_for(*, user, attempt_id: int) -> TakeHomeAttempt:
    """The user's own attempt, or 404: another candidate's attempt does not exist for them."""
    return get_object_or_404(TakeHomeAttempt.objects.owned_by(user).select_related("pattern", "level", "brief"),
                             pk=attempt_id)


def attempt_page(*, user, attempt_id: int) -> AttemptPage:
    attempt = attempt_for(user=user, attempt_id=attempt_id)
    review = None
    if attempt.review_session_id is not None:
        review = (SessionQuestion.objects.select_related("answer", "answer__grade")
                  .filter(session_id=attempt.review_session_id, position=1).first())
    return AttemptPage(attempt=attempt, items=self_review_items(), review=review)
