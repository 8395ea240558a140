"""Loading the take-home research and practice briefs (content/assignments.yaml), and take-home practice attempts."""

from django.core.exceptions import ValidationError
from django.db import transaction

from playbook.loading import SectionCounts, pick, remove_stale, required, unique_keys, upsert
from playbook.models import Category, Level
from practice.models import PracticeSession, SessionQuestion
from practice.services import session_of_questions
from questions.markdown import render_markdown
from questions.models import Question, RubricItem

from .models import AssignmentPattern, SelfReviewItem, TakeHomeAttempt, TakeHomeBrief, TechStackEntry

# Review questions are drafts: never drawn into normal practice nor counted in the bank, only reached from here.
REVIEW_QUESTION_PREFIX = "take-home-readme-"
REVIEW_PROMPT = (
    "Paste the README of your take-home here, exactly as you would hand it in. It is read the way a hiring "
    "manager skims a submission, item by item against the self-review checklist. When the grade is in, "
    "[your take-home practice](/assignments/practice/) shows it beside your self-review."
)


def _share(entry: dict, where: str) -> dict:
    return {"share_percent": required(entry, "share_percent", where),
            "share_at_least": bool(entry.get("share_at_least", False))}


def _text(entry: dict, name: str, where: str) -> str:
    return str(required(entry, name, where) or "").strip()


def _lines(entry: dict, name: str) -> list[str]:
    return [str(line).strip() for line in entry.get(name) or []]


@transaction.atomic
def assignments_load(*, data: dict) -> dict[str, SectionCounts]:
    """Assignment patterns, the tech-stack table, the self-review checklist and the practice briefs (each with its
    README review question), matched by key; a second load of unchanged content writes nothing."""
    counts = {name: SectionCounts() for name in ("Assignment patterns", "Tech stack entries", "Self-review items",
                                                 "README review questions", "Take-home briefs")}

    patterns = {pattern.key: pattern for pattern in AssignmentPattern.objects.all()}
    entries = data.get("patterns") or []
    pattern_keys = unique_keys(entries, "assignments.yaml patterns")
    for position, entry in enumerate(entries):
        where = f"assignments.yaml pattern {entry['key']}"
        upsert(AssignmentPattern, patterns, key=entry["key"], lookup={"key": entry["key"]}, where=where,
               counts=counts["Assignment patterns"],
               values={"name": str(required(entry, "name", where)).strip(),
                       "summary": str(required(entry, "summary", where)).strip(),
                       "typically_asks_for": [str(line).strip() for line in entry.get("typically_asks_for") or []],
                       "position": position, "source_note": str(required(entry, "source", where)).strip(),
                       **_share(entry, where)})

    stack = {tool.key: tool for tool in TechStackEntry.objects.all()}
    entries = data.get("tech_stack") or []
    stack_keys = unique_keys(entries, "assignments.yaml tech_stack")
    for position, entry in enumerate(entries):
        where = f"assignments.yaml tech_stack {entry['key']}"
        upsert(TechStackEntry, stack, key=entry["key"], lookup={"key": entry["key"]}, where=where,
               counts=counts["Tech stack entries"],
               values={"name": str(required(entry, "name", where)).strip(), "position": position,
                       "source_note": str(required(entry, "source", where)).strip(), **_share(entry, where)})

    review_items = _self_review_load(entries=data.get("self_review") or [], counts=counts["Self-review items"])
    brief_keys = _briefs_load(entries=data.get("briefs") or [], patterns=patterns, review_items=review_items,
                              counts=counts["Take-home briefs"], question_counts=counts["README review questions"])

    remove_stale(TakeHomeBrief.objects.exclude(key__in=brief_keys), counts=counts["Take-home briefs"])
    remove_stale(Question.objects.filter(key__startswith=REVIEW_QUESTION_PREFIX)
                 .exclude(key__in=[REVIEW_QUESTION_PREFIX + key for key in brief_keys]),
                 counts=counts["README review questions"])
    remove_stale(SelfReviewItem.objects.exclude(key__in=[item.key for item in review_items]),
                 counts=counts["Self-review items"])
    remove_stale(AssignmentPattern.objects.exclude(key__in=pattern_keys), counts=counts["Assignment patterns"])
    remove_stale(TechStackEntry.objects.exclude(key__in=stack_keys), counts=counts["Tech stack entries"])
    return counts


def _self_review_load(*, entries: list, counts: SectionCounts) -> list[SelfReviewItem]:
    existing = {item.key: item for item in SelfReviewItem.objects.all()}
    unique_keys(entries, "assignments.yaml self_review")
    items = []
    for position, entry in enumerate(entries):
        where = f"assignments.yaml self_review {entry['key']}"
        items.append(upsert(
            SelfReviewItem, existing, key=entry["key"], lookup={"key": entry["key"]}, where=where, counts=counts,
            values={"kind": _text(entry, "kind", where), "title": _text(entry, "title", where),
                    "why": _text(entry, "why", where), "advice": _text(entry, "advice", where),
                    "rubric_text": _text(entry, "rubric", where), "position": position,
                    "source_note": _text(entry, "source", where)}))
    return items


def _by_level(entry: dict, levels: dict[str, Level], where: str) -> dict:
    """Every level of the taxonomy needs a time box, so a candidate can practise the brief at any level."""
    given = required(entry, "by_level", where) or {}
    pick(levels, list(given), where, "level")
    missing = [key for key in levels if key not in given]
    if missing:
        raise ValidationError(f"{where}: no time box for the level {', '.join(missing)}")
    by_level = {}
    for key in levels:
        level_where = f"{where} level {key}"
        hours, days = required(given[key], "hours", level_where), required(given[key], "days", level_where)
        if not all(isinstance(value, int) and value > 0 for value in (hours, days)):
            raise ValidationError(f"{level_where}: hours and days must be whole numbers above zero")
        by_level[key] = {"hours": hours, "days": days, "requirements": _lines(given[key], "requirements")}
    return by_level


def _briefs_load(*, entries: list, patterns: dict[str, AssignmentPattern], review_items: list[SelfReviewItem],
                 counts: SectionCounts, question_counts: SectionCounts) -> list[str]:
    keys = unique_keys(entries, "assignments.yaml briefs")
    if entries and not review_items:
        raise ValidationError("assignments.yaml briefs: a README review needs the self_review checklist as its rubric")
    categories = {category.key: category for category in Category.objects.all()}
    levels = {level.key: level for level in Level.objects.ordered()}
    briefs = {brief.key: brief for brief in TakeHomeBrief.objects.all()}
    questions = {question.key: question for question in Question.objects.filter(
        key__in=[REVIEW_QUESTION_PREFIX + key for key in keys]).prefetch_related("levels", "rubric_items")}
    rubric = [(item.kind, item.rubric_text) for item in review_items]
    for position, entry in enumerate(entries):
        where = f"assignments.yaml brief {entry['key']}"
        pattern = pick(patterns, [required(entry, "pattern", where)], where, "pattern")[0]
        category = pick(categories, [required(entry, "category", where)], where, "category")[0]
        title = _text(entry, "title", where)
        example_readme = _text(entry, "example_readme", where)
        question = _review_question_load(
            key=REVIEW_QUESTION_PREFIX + entry["key"], existing=questions, rubric=rubric, counts=question_counts,
            where=where, values={"title": f"README review: {title}", "prompt": REVIEW_PROMPT,
                                 "prompt_html": render_markdown(REVIEW_PROMPT),
                                 "category_id": category.pk, "model_answer": example_readme,
                                 "model_answer_html": render_markdown(example_readme),
                                 "source_kind": Question.SourceKind.RESEARCH,
                                 "source_note": _text(entry, "source", where)},
            levels=list(levels.values()))
        upsert(TakeHomeBrief, briefs, key=entry["key"], lookup={"key": entry["key"]}, where=where, counts=counts,
               values={"pattern_id": pattern.pk, "title": title, "scenario": _text(entry, "scenario", where),
                       "requirements": _lines(entry, "requirements"), "deliverables": _lines(entry, "deliverables"),
                       "by_level": _by_level(entry, levels, where), "review_question_id": question.pk,
                       "position": position, "source_note": _text(entry, "source", where)})
    return keys


def _review_question_load(*, key: str, existing: dict, values: dict, rubric: list[tuple[str, str]],
                          levels: list[Level], counts: SectionCounts, where: str) -> Question:
    """The brief's README review question: a draft whose rubric is the self-review checklist.

    A changed checklist replaces the rubric and raises the rubric version, as an edit in the app does, so grades
    already given keep the version they were graded against.
    """
    question = existing.get(key)
    stored = [(item.kind, item.text) for item in question.rubric_items.all()] if question else None
    rubric_changed = stored != rubric
    version = question.rubric_version + (1 if rubric_changed else 0) if question else 1
    question = upsert(Question, existing, key=key, lookup={"key": key}, where=f"{where} README review",
                      counts=counts, m2m={"levels": levels},
                      values={**values, "status": Question.Status.DRAFT, "rubric_version": version})
    if rubric_changed:
        question.rubric_items.all().delete()
        RubricItem.objects.bulk_create(RubricItem(question=question, kind=kind, text=text, position=position)
                                       for position, (kind, text) in enumerate(rubric))
    return question


@transaction.atomic
def attempt_start(*, user, pattern: AssignmentPattern, level: Level) -> TakeHomeAttempt:
    """Start practising the pattern's brief at a level."""
    brief = pattern.briefs.order_by("position", "key").first()
    if brief is None:
        raise ValidationError(f"There is no practice brief for {pattern.name} yet. Choose another pattern.")
    attempt = TakeHomeAttempt(user=user, pattern=pattern, level=level, brief=brief)
    attempt.full_clean()
    attempt.save()
    return attempt


@transaction.atomic
def attempt_ticks_set(*, attempt: TakeHomeAttempt, ticks: list[str]) -> None:
    """Save which self-review items the submission has, in checklist order.

    Only the ticks column is written, so a README review started at the same moment is not overwritten.
    """
    known = list(SelfReviewItem.objects.values_list("key", flat=True))
    unknown = sorted(set(ticks) - set(known))
    if unknown:
        raise ValidationError(f"These are not on the self-review checklist: {', '.join(unknown)}.")
    attempt.ticks = [key for key in known if key in ticks]
    TakeHomeAttempt.objects.filter(pk=attempt.pk).update(ticks=attempt.ticks)


@transaction.atomic
def attempt_review_start(*, attempt: TakeHomeAttempt) -> PracticeSession:
    """The practice session in which the candidate pastes their README, graded against the self-review checklist.

    The attempt's session is reused while nothing has been submitted in it, so a double click opens one session;
    once a README has been submitted, a new session is started so a revised README can be graded as well.
    """
    locked = (TakeHomeAttempt.objects.select_for_update(of=("self",)).select_related("user", "brief__review_question")
              .get(pk=attempt.pk))
    if locked.review_session_id is not None and not SessionQuestion.objects.filter(
        session_id=locked.review_session_id, answer__isnull=False
    ).exists():
        attempt.review_session_id = locked.review_session_id
        return PracticeSession.objects.get(pk=locked.review_session_id)
    question = locked.brief.review_question
    session = session_of_questions(user=locked.user, question_ids=[question.pk], category_id=question.category_id,
                                   level_id=locked.level_id)
    TakeHomeAttempt.objects.filter(pk=locked.pk).update(review_session=session)
    attempt.review_session = session
    return session
