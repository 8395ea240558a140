"""Loading the product's content (content/*.yaml) into the database, and the candidate's checklist ticks."""

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch

from assignments.services import assignments_load
from practice.exercises.content import question_entry, read_exercises
from practice.exercises.services import exercises_load
from questions.services import ContentReport, questions_load_content

from .loading import SectionCounts, pick, remove_stale, required, unique_keys, upsert
from .models import (
    Category,
    ChecklistArea,
    ChecklistItem,
    ChecklistTick,
    InterviewLoop,
    Level,
    LoopRound,
    ProcessFact,
    RoleTrack,
    RoundType,
)

CONTENT_DIR = Path(settings.BASE_DIR) / "content"


def _read_yaml(path: Path):
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValidationError(f"{path.name} is not valid YAML: {error}") from None


@transaction.atomic
def taxonomy_load(*, data: dict) -> None:
    for model, items, extra in (
        (Category, data["categories"], "summary"),
        (Level, data["levels"], "emphasis"),
        (RoleTrack, data["role_tracks"], "summary"),
    ):
        for position, item in enumerate(items):
            model.objects.update_or_create(
                key=item["key"],
                defaults={"name": item["name"], "position": position, "source_note": item["source"],
                          extra: item[extra].strip()},
            )


@dataclass
class PlaybookContentReport(ContentReport):
    """The question bank's report, plus counts for every other kind of content, by section name."""

    sections: dict[str, SectionCounts] = field(default_factory=dict)


@transaction.atomic
def content_load(*, content_dir: Path = CONTENT_DIR, force: bool = False) -> PlaybookContentReport:
    """Load the taxonomy, the question bank (with the coding exercises, each a question of its own), loops,
    assignments and the checklist; safe to run again and again.

    A content file that does not exist is skipped; any invalid file rolls the whole load back.
    """
    taxonomy_load(data=_read_yaml(content_dir / "playbook.yaml"))
    entries: list[dict] = []
    for path in sorted((content_dir / "questions").glob("*.yaml")):
        entries.extend(_read_yaml(path) or [])
    exercises = read_exercises(content_dir / "exercises")
    entries.extend(question_entry(exercise) for exercise in exercises)
    report = PlaybookContentReport(**vars(questions_load_content(entries=entries, force=force)))
    report.sections.update(exercises_load(exercises=exercises))
    for name, loader in (("loops.yaml", loops_load), ("assignments.yaml", assignments_load),
                         ("checklist.yaml", checklist_load)):
        if (content_dir / name).exists():
            report.sections.update(loader(data=_read_yaml(content_dir / name) or {}))
    return report


def _length(entry: dict, where: str) -> dict:
    length = entry.get("length")
    if length is None:
        return {"length_min": None, "length_max": None, "length_unit": ""}
    return {
        "length_min": required(length, "min", f"{where} length"),
        "length_max": required(length, "max", f"{where} length"),
        "length_unit": required(length, "unit", f"{where} length"),
    }


def _text(entry: dict, name: str, where: str) -> str:
    return str(required(entry, name, where) or "").strip()


@transaction.atomic
def loops_load(*, data: dict) -> dict[str, SectionCounts]:
    """Round types, process facts and interview loops (with their rounds) from content/loops.yaml."""
    categories = {category.key: category for category in Category.objects.all()}
    levels = {level.key: level for level in Level.objects.all()}
    counts = {name: SectionCounts() for name in ("Round types", "Process facts", "Loops", "Loop rounds")}

    round_types = {rt.key: rt for rt in RoundType.objects.prefetch_related("categories")}
    entries = data.get("round_types") or []
    keys = unique_keys(entries, "loops.yaml round_types")
    for position, entry in enumerate(entries):
        where = f"loops.yaml round type {entry['key']}"
        upsert(RoundType, round_types, key=entry["key"], lookup={"key": entry["key"]}, where=where,
               counts=counts["Round types"],
               values={"name": _text(entry, "name", where), "tests": _text(entry, "tests", where),
                       "position": position, "source_note": _text(entry, "source", where), **_length(entry, where)},
               m2m={"categories": pick(categories, entry.get("categories") or [], where, "category")})

    facts = {fact.key: fact for fact in ProcessFact.objects.all()}
    entries = data.get("process_facts") or []
    fact_keys = unique_keys(entries, "loops.yaml process_facts")
    for position, entry in enumerate(entries):
        where = f"loops.yaml process fact {entry['key']}"
        upsert(ProcessFact, facts, key=entry["key"], lookup={"key": entry["key"]}, where=where,
               counts=counts["Process facts"],
               values={"label": _text(entry, "label", where), "value": _text(entry, "value", where),
                       "detail": str(entry.get("detail") or "").strip(), "position": position,
                       "source_note": _text(entry, "source", where)})

    loops = {
        loop.key: loop
        for loop in InterviewLoop.objects.prefetch_related(
            Prefetch("rounds", queryset=LoopRound.objects.prefetch_related("categories"))
        )
    }
    entries = data.get("loops") or []
    loop_keys = unique_keys(entries, "loops.yaml loops")
    for position, entry in enumerate(entries):
        where = f"loops.yaml loop {entry['key']}"
        level_key = entry.get("level")
        loop = upsert(InterviewLoop, loops, key=entry["key"], lookup={"key": entry["key"]}, where=where,
                      counts=counts["Loops"],
                      values={"company": _text(entry, "company", where), "role": str(entry.get("role") or ""),
                              "level_id": pick(levels, [level_key], where, "level")[0].pk if level_key else None,
                              "kind": _text(entry, "kind", where), "summary": _text(entry, "summary", where),
                              "position": position, "source_note": _text(entry, "source", where)})
        _rounds_load(loop=loop, entries=required(entry, "rounds", where), where=where, round_types=round_types,
                     categories=categories, counts=counts["Loop rounds"])

    remove_stale(InterviewLoop.objects.exclude(key__in=loop_keys), counts=counts["Loops"])
    remove_stale(ProcessFact.objects.exclude(key__in=fact_keys), counts=counts["Process facts"])
    remove_stale(RoundType.objects.exclude(key__in=keys), counts=counts["Round types"])
    return counts


def _rounds_load(*, loop: InterviewLoop, entries: list, where: str, round_types: dict, categories: dict,
                 counts: SectionCounts) -> None:
    """Rounds are stored by their position in the loop; rounds past the end of the list are removed."""
    existing = {r.position: r for r in loop.rounds.all()}
    for position, entry in enumerate(entries, start=1):
        round_where = f"{where} round {position}"
        round_type = pick(round_types, [required(entry, "type", round_where)], round_where, "round type")[0]
        round_categories = pick(categories, entry.get("categories") or [], round_where, "category")
        length = _length(entry, round_where) if "length" in entry else {
            "length_min": round_type.length_min, "length_max": round_type.length_max,
            "length_unit": round_type.length_unit,
        }
        advice = str(entry.get("advice") or "").strip()
        if round_categories and length["length_unit"] != RoundType.Unit.MINUTES:
            raise ValidationError(f"{round_where}: a round that can be practised needs a typical length in minutes")
        if not round_categories and not advice:
            raise ValidationError(f"{round_where}: a round that cannot be practised needs advice instead")
        upsert(LoopRound, existing, key=position, lookup={"loop": loop, "position": position}, where=round_where,
               counts=counts,
               values={"round_type_id": round_type.pk, "title": _text(entry, "title", round_where),
                       "advice": advice, **length},
               m2m={"categories": round_categories})
    remove_stale(loop.rounds.filter(position__gt=len(entries)), counts=counts)


@transaction.atomic
def checklist_load(*, data: dict) -> dict[str, SectionCounts]:
    """The knowledge checklist's areas and items from content/checklist.yaml. Ticks on removed items go with them."""
    categories = {category.key: category for category in Category.objects.all()}
    counts = {"Checklist areas": SectionCounts(), "Checklist items": SectionCounts()}
    areas = {area.key: area for area in ChecklistArea.objects.all()}
    items = {item.key: item for item in ChecklistItem.objects.all()}
    entries = data.get("areas") or []
    area_keys = unique_keys(entries, "checklist.yaml areas")
    item_keys = unique_keys([i for e in entries for i in e.get("items") or []], "checklist.yaml items")
    for position, entry in enumerate(entries):
        where = f"checklist.yaml area {entry['key']}"
        category_key = entry.get("category")
        area = upsert(ChecklistArea, areas, key=entry["key"], lookup={"key": entry["key"]}, where=where,
                      counts=counts["Checklist areas"],
                      values={"name": _text(entry, "name", where), "summary": str(entry.get("summary") or "").strip(),
                              "category_id": pick(categories, [category_key], where, "category")[0].pk
                              if category_key else None,
                              "position": position, "source_note": _text(entry, "source", where)})
        for item_position, item in enumerate(required(entry, "items", where)):
            item_where = f"checklist.yaml item {item['key']}"
            upsert(ChecklistItem, items, key=item["key"], lookup={"key": item["key"]}, where=item_where,
                   counts=counts["Checklist items"],
                   values={"area_id": area.pk, "title": _text(item, "title", item_where),
                           "description": _text(item, "description", item_where),
                           "tags": sorted({str(tag).strip().lower() for tag in item.get("tags") or []}),
                           "position": item_position, "source_note": _text(item, "source", item_where)})
    remove_stale(ChecklistItem.objects.exclude(key__in=item_keys), counts=counts["Checklist items"])
    remove_stale(ChecklistArea.objects.exclude(key__in=area_keys), counts=counts["Checklist areas"])
    return counts


@transaction.atomic
def checklist_tick_set(*, user, item: ChecklistItem, ticked: bool) -> None:
    """Tick or untick one item for one candidate; setting the state it already has changes nothing."""
    if ticked:
        ChecklistTick.objects.get_or_create(user=user, item=item)
    else:
        ChecklistTick.objects.filter(user=user, item=item).delete()
