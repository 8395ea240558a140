import factory

from playbook.models import (
    ChecklistArea,
    ChecklistItem,
    ChecklistTick,
    InterviewLoop,
    LoopRound,
    ProcessFact,
    RoundType,
)
from tests.factories import CategoryFactory, UserFactory


class RoundTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoundType
        skip_postgeneration_save = True

    key = factory.Sequence(lambda n: f"round-type-{n}")
    name = factory.Sequence(lambda n: f"Round type {n}")
    tests = "LLMs, RAG and hallucination."
    length_min = 45
    length_max = 90
    length_unit = RoundType.Unit.MINUTES
    source_note = "002_479405e563a4d40b.txt: the interview-process table"

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.categories.set(extracted)


class InterviewLoopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterviewLoop

    key = factory.Sequence(lambda n: f"loop-{n}")
    company = factory.Sequence(lambda n: f"Company {n}")
    role = "Applied AI Engineer"
    kind = InterviewLoop.Kind.REPORTED
    summary = "Theory, coding, then a take-home."
    source_note = "002_479405e563a4d40b.txt: real loops from candidate reports"


class LoopRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LoopRound
        skip_postgeneration_save = True

    loop = factory.SubFactory(InterviewLoopFactory)
    position = factory.Sequence(lambda n: n + 1)
    round_type = factory.SubFactory(RoundTypeFactory)
    title = factory.Sequence(lambda n: f"Round {n}")
    length_min = 45
    length_max = 60
    length_unit = LoopRound.Unit.MINUTES

    @factory.post_generation
    def categories(obj, create, extracted, **kwargs):
        if create:
            obj.categories.set(extracted if extracted is not None else [CategoryFactory()])


class ProcessFactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcessFact

    key = factory.Sequence(lambda n: f"fact-{n}")
    label = "Median number of steps"
    value = "4"
    source_note = "002_479405e563a4d40b.txt: the interview process"


class ChecklistAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistArea
        django_get_or_create = ["key"]

    key = "rag"
    name = "RAG"
    summary = "Retrieval-augmented generation."
    category = factory.SubFactory(CategoryFactory)
    source_note = "002_479405e563a4d40b.txt: core knowledge checklist, RAG"


class ChecklistItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistItem

    area = factory.SubFactory(ChecklistAreaFactory)
    key = factory.Sequence(lambda n: f"item-{n}")
    title = factory.Sequence(lambda n: f"Checklist item {n}")
    description = "Fixed, recursive, semantic and parent-child chunking."
    tags = factory.LazyFunction(lambda: ["chunking"])
    position = factory.Sequence(lambda n: n)
    source_note = "002_479405e563a4d40b.txt: core knowledge checklist, RAG"


class ChecklistTickFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChecklistTick

    user = factory.SubFactory(UserFactory)
    item = factory.SubFactory(ChecklistItemFactory)
