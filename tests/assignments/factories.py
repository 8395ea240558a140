import factory

from assignments.models import AssignmentPattern, TechStackEntry


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
