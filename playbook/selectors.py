"""Reads for the loops and checklist pages, each a fixed number of queries however much content there is."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from questions.models import Question

from .models import ChecklistArea, ChecklistItem, ChecklistTick, InterviewLoop, Level, LoopRound, ProcessFact, RoundType

RELATED_QUESTIONS_SHOWN = 3


def process_facts() -> list[ProcessFact]:
    return list(ProcessFact.objects.all())


def round_types() -> list[RoundType]:
    return list(RoundType.objects.ordered().prefetch_related("categories"))


def loops() -> list[InterviewLoop]:
    """Every loop with its level and the titles of its rounds in order."""
    return list(
        InterviewLoop.objects.ordered()
        .select_related("level")
        .prefetch_related(Prefetch("rounds", queryset=LoopRound.objects.order_by("position").only("loop", "title")))
    )


def loop_for(*, key: str) -> InterviewLoop:
    """One loop with its rounds in order, each with its round type and categories; 404 for an unknown key."""
    rounds = LoopRound.objects.order_by("position").select_related("round_type").prefetch_related("categories")
    return get_object_or_404(
        InterviewLoop.objects.select_related("level").prefetch_related(Prefetch("rounds", queryset=rounds)), key=key
    )


def levels() -> list[Level]:
    return list(Level.objects.ordered())


@dataclass
class ChecklistEntry:
    """`questions`: the closest first; the page shows RELATED_QUESTIONS_SHOWN and folds the rest."""
    item: ChecklistItem
    ticked: bool
    questions: list[Question]

    @property
    def question_count(self) -> int:
        return len(self.questions)

    @property
    def first_questions(self) -> list[Question]:
        return self.questions[:RELATED_QUESTIONS_SHOWN]

    @property
    def more_questions(self) -> list[Question]:
        return self.questions[RELATED_QUESTIONS_SHOWN:]


@dataclass
class ChecklistAreaProgress:
    area: ChecklistArea
    entries: list[ChecklistEntry]

    @property
    def total(self) -> int:
        return len(self.entries)

    @property
    def ticked(self) -> int:
        return sum(entry.ticked for entry in self.entries)

    @property
    def percent(self) -> int:
        return round(100 * self.ticked / self.total) if self.total else 0


def checklist_item_for(*, key: str) -> ChecklistItem:
    return get_object_or_404(ChecklistItem.objects.select_related("area"), key=key)


def checklist(*, user, area: ChecklistArea | None = None) -> list[ChecklistAreaProgress]:
    """The checklist (or one area of it) with the user's ticks and the published questions on each item.

    Anonymous visitors get it with nothing ticked. Only `user`'s own ticks are ever read.
    """
    areas = ChecklistArea.objects.ordered().select_related("category").prefetch_related(
        Prefetch("items", queryset=ChecklistItem.objects.order_by("position"))
    )
    ticks = ChecklistTick.objects.none()
    if user.is_authenticated:
        ticks = ChecklistTick.objects.filter(user=user)
    if area is not None:
        areas = areas.filter(pk=area.pk)
        ticks = ticks.filter(item__area=area)
    areas = list(areas)
    ticked = set(ticks.values_list("item_id", flat=True)) if user.is_authenticated else set()
    questions = _published_questions_with_tags()
    return [
        ChecklistAreaProgress(
            area=area,
            entries=[_entry(item, area.key, ticked, questions) for item in area.items.all()],
        )
        for area in areas
    ]


def _published_questions_with_tags() -> list[tuple[Question, set[str]]]:
    published = Question.objects.published()
    tags: dict[int, set[str]] = defaultdict(set)
    for question_id, name in Question.tags.through.objects.filter(question__in=published).values_list(
        "question_id", "tag__name"
    ):
        tags[question_id].add(name)
    questions = (
        published.select_related("category")
        .only("key", "title", "checklist_areas", "category__key", "category__name")
        .order_by("title")
    )
    return [(question, tags[question.pk]) for question in questions]


def _entry(item: ChecklistItem, area_key: str, ticked: set[int],
           questions: list[tuple[Question, set[str]]]) -> ChecklistEntry:
    """Questions sharing a tag with the item, most tags in common first, then those filed under the item's area.

    An item without tags takes the questions filed under its area.
    """
    item_tags = set(item.tags)
    ranked = []
    for question, tags in questions:
        in_area = area_key in question.checklist_areas
        shared = len(item_tags & tags)
        if shared or (in_area and not item_tags):
            ranked.append((-shared, not in_area, question.title, question))
    ranked.sort(key=lambda row: row[:3])
    return ChecklistEntry(
        item=item,
        ticked=item.pk in ticked,
        questions=[row[3] for row in ranked],
    )
