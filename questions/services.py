"""Writes to the question bank."""

import hashlib
import json
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from playbook.models import Category, Level, RoleTrack

from .markdown import render_markdown
from .models import Question, QuestionRevision, RubricItem, Tag

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


def question_render(question: Question) -> None:
    """Render the prompt and the model answer to sanitised HTML, stored on the row: pages show it as it is."""
    question.prompt_html = render_markdown(question.prompt)
    question.model_answer_html = render_markdown(question.model_answer)


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
        stored = _stored(question)
        if _digest(stored) == digest or (question.loaded_digest == digest and not force):
            report.unchanged.append(entry["key"])
            continue
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
    question_render(question)
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


# --- Questions written in the app (instructors) -------------------------------------------------------------


@dataclass
class QuestionDraft:
    """What the question editor submits: every field an author can change, the rubric as text per kind."""

    title: str
    prompt: str
    category: Category
    levels: list[Level]
    role_tracks: list[RoleTrack] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    model_answer: str = ""
    grader_guidance: str = ""
    rubric: dict[str, list[str]] = field(default_factory=dict)  # {"key_points": [...], "trade_offs": [...], ...}


def _rubric_rows(rubric: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(kind, text.strip()) for name, kind in RUBRIC_KINDS.items()
            for text in rubric.get(name, []) if text.strip()]


def _revision_record(question: Question, editor) -> QuestionRevision:
    items = question.rubric_items.order_by("position")
    return QuestionRevision.objects.create(
        question=question,
        rubric_version=question.rubric_version,
        title=question.title,
        prompt=question.prompt,
        model_answer=question.model_answer,
        grader_guidance=question.grader_guidance,
        rubric=[{"kind": item.kind, "text": item.text} for item in items],
        edited_by=editor,
    )


def tags_for(names: list[str]) -> list[Tag]:
    slugs = sorted({slugify(name)[:60] for name in names if slugify(name)})
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=slugs)}
    missing = [Tag(name=slug) for slug in slugs if slug not in existing]
    Tag.objects.bulk_create(missing, ignore_conflicts=True)
    if missing:
        existing = {tag.name: tag for tag in Tag.objects.filter(name__in=slugs)}
    return list(existing.values())


def question_key_for(title: str) -> str:
    """A readable, unique key: the title's slug and a random suffix (keys never change once given)."""
    return f"{slugify(title)[:100] or 'question'}-{secrets.token_hex(4)}"


def question_matches_draft(question: Question, draft: QuestionDraft) -> bool:
    """Whether saving `draft` would change nothing (compared the way the editor saves it)."""
    return (
        question.title == draft.title.strip() and question.prompt == draft.prompt.strip()
        and question.category_id == draft.category.pk and question.model_answer == draft.model_answer.strip()
        and question.grader_guidance == draft.grader_guidance.strip()
        and {level.pk for level in question.levels.all()} == {level.pk for level in draft.levels}
        and {track.pk for track in question.role_tracks.all()} == {track.pk for track in draft.role_tracks}
        and {tag.name for tag in question.tags.all()} == {slugify(name)[:60] for name in draft.tags if slugify(name)}
        and [(item.kind, item.text) for item in question.rubric_items.all()] == _rubric_rows(draft.rubric)
    )


def _question_apply(question: Question, draft: QuestionDraft) -> None:
    question.title = draft.title.strip()
    question.prompt = draft.prompt.strip()
    question.category = draft.category
    question.model_answer = draft.model_answer.strip()
    question.grader_guidance = draft.grader_guidance.strip()
    question_render(question)
    question.full_clean(exclude=["levels", "role_tracks", "tags"])
    question.save()
    question.levels.set(draft.levels)
    question.role_tracks.set(draft.role_tracks)
    question.tags.set(tags_for(draft.tags))


def _rubric_replace(question: Question, rows: list[tuple[str, str]]) -> None:
    question.rubric_items.all().delete()
    RubricItem.objects.bulk_create(
        RubricItem(question=question, kind=kind, text=text, position=position)
        for position, (kind, text) in enumerate(rows)
    )


@transaction.atomic
def question_create(*, author, draft: QuestionDraft, key: str = "") -> Question:
    """A new draft question written by `author`, with its rubric and its first revision."""
    question = Question(key=key or question_key_for(draft.title), status=Question.Status.DRAFT,
                        source_kind=Question.SourceKind.INSTRUCTOR, created_by=author)
    _question_apply(question, draft)
    _rubric_replace(question, _rubric_rows(draft.rubric))
    _revision_record(question, author)
    return question


@transaction.atomic
def question_update(*, question: Question, editor, draft: QuestionDraft) -> bool:
    """Save an edit. When the rubric or the grader guidance changes, the rubric version goes up by one and the
    new state is kept as a revision; returns whether that happened."""
    question = Question.objects.select_for_update().get(pk=question.pk)
    rows = _rubric_rows(draft.rubric)
    current = [(item.kind, item.text) for item in question.rubric_items.order_by("position")]
    rubric_changed = rows != current or draft.grader_guidance.strip() != question.grader_guidance
    if rubric_changed:
        question.rubric_version += 1
    _question_apply(question, draft)
    if rubric_changed:
        _rubric_replace(question, rows)
        _revision_record(question, editor)
    return rubric_changed


def questions_not_practisable(*, question_ids: list[int]) -> dict[int, str]:
    """What each question still lacks before a candidate can practise it (a key point to grade against, a level),
    for those that lack something. Two queries whatever the number of questions."""
    with_key_point = set(RubricItem.objects.filter(question_id__in=question_ids, kind=RubricItem.Kind.KEY_POINT)
                         .values_list("question_id", flat=True))
    with_level = set(Question.levels.through.objects.filter(question_id__in=question_ids)
                     .values_list("question_id", flat=True))
    missing = {}
    for pk in question_ids:
        problems = [problem for problem, ok in (("add at least one key point to the rubric", pk in with_key_point),
                                                ("choose at least one level", pk in with_level)) if not ok]
        if problems:
            missing[pk] = " and ".join(problems)
    return missing


def question_publish(*, question: Question) -> None:
    """Draft to published: a question needs a level and at least one key point to be graded, so no candidate ever
    gets "0 of 0 rubric points"."""
    if problem := questions_not_practisable(question_ids=[question.pk]).get(question.pk):
        raise ValidationError(f"This question cannot be published yet: {problem}.")
    Question.objects.filter(pk=question.pk).update(status=Question.Status.PUBLISHED)
    question.status = Question.Status.PUBLISHED


def question_unpublish(*, question: Question) -> None:
    """Back to draft: no new session gets it; sessions that already hold it keep it."""
    Question.objects.filter(pk=question.pk).update(status=Question.Status.DRAFT)
    question.status = Question.Status.DRAFT
