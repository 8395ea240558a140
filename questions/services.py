"""Writes to the question bank."""

import hashlib
import json
from dataclasses import dataclass, field

from django.db import transaction

from playbook.models import Category, Level, RoleTrack

from .models import Question, RubricItem, Tag

RUBRIC_KINDS = {
    "key_points": RubricItem.Kind.KEY_POINT,
    "trade_offs": RubricItem.Kind.TRADE_OFF,
    "failure_modes": RubricItem.Kind.FAILURE_MODE,
}


def _canonical(entry: dict) -> dict:
    """The parts of a content entry that the bank stores, in one stable shape for comparison."""
    rubric = entry.get("rubric") or {}
    source = entry.get("source") or {}
    return {
        "title": entry["title"].strip(),
        "category": entry["category"],
        "levels": sorted(entry.get("levels") or []),
        "role_tracks": sorted(entry.get("role_tracks") or []),
        "tags": sorted({tag.strip().lower() for tag in entry.get("tags") or []}),
        "checklist_areas": sorted(entry.get("checklist_areas") or []),
        "prompt": entry["prompt"].strip(),
        "model_answer": (entry.get("model_answer") or "").strip(),
        "rubric": {name: [item.strip() for item in rubric.get(name) or []] for name in RUBRIC_KINDS},
        "source": {
            "kind": source.get("kind", "research"),
            "url": source.get("url") or "",
            "note": (source.get("note") or "").strip(),
        },
    }


def _digest(canonical: dict) -> str:
    return hashlib.sha256(json.dumps(canonical, sort_keys=True).encode()).hexdigest()


def _stored(question: Question) -> dict:
    items = list(question.rubric_items.all())
    return {
        "title": question.title,
        "category": question.category.key,
        "levels": sorted(level.key for level in question.levels.all()),
        "role_tracks": sorted(track.key for track in question.role_tracks.all()),
        "tags": sorted(tag.name for tag in question.tags.all()),
        "checklist_areas": sorted(question.checklist_areas),
        "prompt": question.prompt,
        "model_answer": question.model_answer,
        "rubric": {name: [i.text for i in items if i.kind == kind] for name, kind in RUBRIC_KINDS.items()},
        "source": {"kind": question.source_kind, "url": question.source_url, "note": question.source_note},
    }


@dataclass
class ContentReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_local_edits: list[str] = field(default_factory=list)


@dataclass
class Vocabulary:
    categories: dict[str, Category]
    levels: dict[str, Level]
    role_tracks: dict[str, RoleTrack]

    @classmethod
    def load(cls) -> "Vocabulary":
        return cls(
            categories={c.key: c for c in Category.objects.all()},
            levels={lv.key: lv for lv in Level.objects.all()},
            role_tracks={t.key: t for t in RoleTrack.objects.all()},
        )


@transaction.atomic
def questions_load_content(*, entries: list[dict], force: bool = False) -> ContentReport:
    """Create or update bank questions from content entries, matched by key.

    An entry whose stored row was edited in the app since it was loaded is left alone (reported in
    kept_local_edits) unless force is set, so a content reload never silently overwrites an instructor's edit.
    """
    vocabulary = Vocabulary.load()
    existing = {
        q.key: q
        for q in Question.objects.filter(key__in=[e["key"] for e in entries])
        .select_related("category")
        .prefetch_related("levels", "role_tracks", "tags", "rubric_items")
    }
    report = ContentReport()
    for entry in entries:
        canonical = _canonical(entry)
        digest = _digest(canonical)
        question = existing.get(entry["key"])
        if question is None:
            question = Question(key=entry["key"], status=Question.Status.PUBLISHED)
            _apply(question, canonical, vocabulary, digest, rubric_changed=True)
            report.created.append(entry["key"])
            continue
        if question.loaded_digest == digest:
            report.unchanged.append(entry["key"])
            continue
        stored = _stored(question)
        if _digest(stored) != question.loaded_digest and not force:
            report.kept_local_edits.append(entry["key"])
            continue
        rubric_changed = stored["rubric"] != canonical["rubric"]
        if rubric_changed:
            question.rubric_version += 1
        _apply(question, canonical, vocabulary, digest, rubric_changed=rubric_changed)
        report.updated.append(entry["key"])
    return report


def _apply(question: Question, c: dict, vocabulary: Vocabulary, digest: str, *, rubric_changed: bool) -> None:
    question.title = c["title"]
    question.prompt = c["prompt"]
    question.model_answer = c["model_answer"]
    question.category = vocabulary.categories[c["category"]]
    question.checklist_areas = c["checklist_areas"]
    question.source_kind = c["source"]["kind"]
    question.source_url = c["source"]["url"]
    question.source_note = c["source"]["note"]
    question.loaded_digest = digest
    question.full_clean(exclude=["levels", "role_tracks", "tags"])
    question.save()
    question.levels.set([vocabulary.levels[key] for key in c["levels"]])
    question.role_tracks.set([vocabulary.role_tracks[key] for key in c["role_tracks"]])
    tags = [Tag.objects.get_or_create(name=name)[0] for name in c["tags"]]
    question.tags.set(tags)
    if rubric_changed:
        question.rubric_items.all().delete()
        RubricItem.objects.bulk_create(
            RubricItem(question=question, kind=kind, text=text, position=position)
            for position, (kind, text) in enumerate(
                (kind, text) for name, kind in RUBRIC_KINDS.items() for text in c["rubric"][name]
            )
        )
