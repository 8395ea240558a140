import factory

from assignments.models import (
    AssignmentPattern,
    SelfReviewItem,
    TakeHomeAttempt,
    TakeHomeBrief,
    TechStackEntry,
)
from questions.models import Question, RubricItem
from tests.factories import LevelFactory, QuestionFactory, UserFactory


class AssignmentPatternFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssignmentPattern

    key = factory.Sequence(lambda n: f"pattern-{n}")
    name = factory.Sequence(lambda n: f"Pattern {n}")
    share_percent = 40
    share_at_least = True
    summary = "Answer questions over a set of documents."
    typically_asks_for = factory.LazyFunction(lambda: ["Document upload", "Answers with citations"])
    source_note = "000_edffeecf78117121.txt: common assignment patterns"


class TechStackEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TechStackEntry

    key = factory.Sequence(lambda n: f"tool-{n}")
    name = factory.Sequence(lambda n: f"Tool {n}")
    share_percent = 60
    share_at_least = True
    source_note = "000_edffeecf78117121.txt: tech stack frequency"


class SelfReviewItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SelfReviewItem

    key = factory.Sequence(lambda n: f"review-item-{n}")
    kind = RubricItem.Kind.KEY_POINT
    title = factory.Sequence(lambda n: f"Checklist item {n}")
    why = "Hiring managers look for it first."
    advice = "Add a section that shows it."
    rubric_text = factory.Sequence(lambda n: f"Describes checklist item number {n} in the README")
    position = factory.Sequence(lambda n: n)
    source_note = "001_48a25f4a0423d8ac.txt: what hiring managers look for"


def _by_level() -> dict:
    return {key: {"hours": hours, "days": 3, "requirements": [f"Extra work expected at {key} level."]}
            for key, hours in (("junior", 4), ("mid", 6), ("senior", 8), ("staff", 10))}


class TakeHomeBriefFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TakeHomeBrief

    key = factory.Sequence(lambda n: f"brief-{n}")
    pattern = factory.SubFactory(AssignmentPatternFactory)
    title = factory.Sequence(lambda n: f"Answer questions over documentation ({n})")
    scenario = "A support team answers the same questions every day."
    requirements = factory.LazyFunction(lambda: ["Retrieve the relevant chunks.", "Cite every source."])
    deliverables = factory.LazyFunction(lambda: ["A repository with a README."])
    by_level = factory.LazyFunction(_by_level)
    review_question = factory.SubFactory(QuestionFactory, status=Question.Status.DRAFT,
                                         key=factory.Sequence(lambda n: f"take-home-readme-brief-{n}"))
    source_note = "000_edffeecf78117121.txt: common assignment patterns"


class TakeHomeAttemptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TakeHomeAttempt

    user = factory.SubFactory(UserFactory)
    brief = factory.SubFactory(TakeHomeBriefFactory)
    pattern = factory.SelfAttribute("brief.pattern")
    level = factory.SubFactory(LevelFactory)
    ticks = factory.LazyFunction(list)
