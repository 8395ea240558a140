import copy

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assignments.models import (
    AssignmentPattern,
    BriefAtLevel,
    SelfReviewItem,
    TakeHomeAttempt,
    TakeHomeBrief,
    TechStackEntry,
)
from assignments.services import (
    assignments_load,
    attempt_review_start,
    attempt_start,
    attempt_ticks_set,
)
from playbook.models import Level
from playbook.services import CONTENT_DIR, content_load, taxonomy_load
from practice.models import PracticeSession
from questions.models import Question, RubricItem
from tests.assignments.factories import (
    AssignmentPatternFactory,
    SelfReviewItemFactory,
    TakeHomeAttemptFactory,
    TakeHomeBriefFactory,
)
from tests.factories import AnswerFactory, LevelFactory

DATA = {
    "patterns": [
        {"key": "rag-systems", "name": "RAG systems", "share_percent": 40, "share_at_least": True,
         "summary": "Questions over documents.", "typically_asks_for": ["Document upload", " Citations "],
         "source": "000: patterns"},
        {"key": "document-processing", "name": "Document processing", "share_percent": 15,
         "summary": "Structured data from documents.", "source": "000: patterns"},
    ],
    "tech_stack": [
        {"key": "faiss", "name": "FAISS", "share_percent": 15, "share_at_least": True, "source": "000: stack"},
    ],
}


def test_it_creates_then_leaves_unchanged_entries_alone(db):
    first = assignments_load(data=DATA)
    second = assignments_load(data=DATA)

    assert first["Assignment patterns"].created == 2 and first["Tech stack entries"].created == 1
    assert second["Assignment patterns"].unchanged == 2 and second["Tech stack entries"].unchanged == 1
    rag = AssignmentPattern.objects.get(key="rag-systems")
    assert rag.share_label == "40%+" and rag.typically_asks_for == ["Document upload", "Citations"]
    assert AssignmentPattern.objects.get(key="document-processing").share_label == "15%"
    assert list(AssignmentPattern.objects.values_list("key", flat=True)) == ["rag-systems", "document-processing"]


def test_a_changed_share_updates_the_entry_and_a_dropped_entry_is_removed(db):
    assignments_load(data=DATA)
    changed = {"patterns": DATA["patterns"][:1], "tech_stack": [{**DATA["tech_stack"][0], "share_percent": 20}]}

    counts = assignments_load(data=changed)

    assert counts["Assignment patterns"].removed == 1 and counts["Tech stack entries"].updated == 1
    assert TechStackEntry.objects.get().share_percent == 20
    assert AssignmentPattern.objects.count() == 1


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"share_percent": 140}, "tech_stack faiss: share_percent: Ensure this value is less than or equal to 100"),
        ({"share_percent": None}, "'share_percent' is missing"),
        ({"name": None}, "'name' is missing"),
    ],
)
def test_a_bad_entry_is_refused_with_a_message(db, entry, message):
    tool = {**DATA["tech_stack"][0], **entry}
    tool = {key: value for key, value in tool.items() if value is not None}

    with pytest.raises(ValidationError, match=message):
        assignments_load(data={"patterns": [], "tech_stack": [tool]})

    assert not TechStackEntry.objects.exists()


# --- Self-review checklist and practice briefs ------------------------------------------------------------------

LEVEL_KEYS = ("junior", "mid", "senior", "staff")
REVIEW = [
    {"key": "explains-the-problem", "kind": "key_point", "title": "A README that explains the problem",
     "why": "Reviewers skim.", "advice": "Open with the problem.",
     "rubric": "Explains the problem the project solves", "source": "001: README quality"},
    {"key": "trade-offs", "kind": "trade_off", "title": "Trade-offs", "why": "Choices matter.",
     "advice": "Add a trade-offs section.", "rubric": "Explains the trade-offs made", "source": "004: portfolio"},
    {"key": "failure-analysis", "kind": "failure_mode", "title": "Failure analysis", "why": "Honesty.",
     "advice": "List known failures.", "rubric": "Analyses how the system fails", "source": "004: portfolio"},
]
BRIEF = {
    "key": "docs-assistant", "pattern": "rag-systems", "category": "llm-rag", "title": "Answer over the docs",
    "scenario": " A support team answers the same questions. ", "requirements": ["Cite sources", " Say I don't know "],
    "deliverables": ["A README"], "example_readme": "# DocsAnswer\n\nIt answers from the docs.", "source": "000: RAG",
    "by_level": {key: {"hours": hours, "days": 3, "requirements": [f"{key} extra"]}
                 for key, hours in zip(LEVEL_KEYS, (4, 6, 8, 10), strict=True)},
}


@pytest.fixture
def taxonomy(db):
    taxonomy_load(data=yaml.safe_load((CONTENT_DIR / "playbook.yaml").read_text(encoding="utf-8")))


def practice_data(**brief_changes) -> dict:
    return {"patterns": DATA["patterns"], "self_review": copy.deepcopy(REVIEW),
            "briefs": [{**copy.deepcopy(BRIEF), **brief_changes}]}


def test_a_brief_gets_a_draft_review_question_whose_rubric_is_the_checklist(taxonomy):
    counts = assignments_load(data=practice_data())

    brief = TakeHomeBrief.objects.select_related("pattern", "review_question__category").get()
    question = brief.review_question
    assert (counts["Take-home briefs"].created, counts["README review questions"].created,
            counts["Self-review items"].created) == (1, 1, 3)
    assert brief.pattern.key == "rag-systems" and brief.scenario == "A support team answers the same questions."
    assert brief.requirements == ["Cite sources", "Say I don't know"]
    assert brief.at_level(Level.objects.get(key="mid")) == BriefAtLevel(hours=6, days=3, requirements=["mid extra"])
    assert question.key == "take-home-readme-docs-assistant" and question.status == Question.Status.DRAFT
    assert question.title == "README review: Answer over the docs" and question.category.key == "llm-rag"
    assert question.model_answer == "# DocsAnswer\n\nIt answers from the docs."
    assert sorted(question.levels.values_list("key", flat=True)) == sorted(LEVEL_KEYS)
    assert list(question.rubric_items.values_list("kind", "text")) == [
        ("key_point", "Explains the problem the project solves"), ("trade_off", "Explains the trade-offs made"),
        ("failure_mode", "Analyses how the system fails")]
    for level in Level.objects.all():
        assert not Question.objects.for_cell(category=question.category, level=level).exists()


def test_loading_the_real_content_twice_writes_nothing_the_second_time(db):
    content_load()
    counts = {model: model.objects.count() for model in (SelfReviewItem, TakeHomeBrief, Question, RubricItem)}

    with CaptureQueriesContext(connection) as queries:
        report = content_load()

    writes = [q["sql"] for q in queries.captured_queries if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"}
              and any(table in q["sql"] for table in ("assignments_", "questions_"))]
    assert writes == []
    assert {model: model.objects.count() for model in counts} == counts
    assert counts[SelfReviewItem] == 9 and counts[TakeHomeBrief] == 4
    for name in ("Self-review items", "Take-home briefs", "README review questions"):
        section = report.sections[name]
        assert (section.created, section.updated, section.removed, section.unchanged) == (0, 0, 0, counts[
            SelfReviewItem if name == "Self-review items" else TakeHomeBrief]), name
    assert set(TakeHomeBrief.objects.values_list("pattern__key", flat=True)) == set(
        AssignmentPattern.objects.values_list("key", flat=True))
    assert not Question.objects.published().filter(key__startswith="take-home-readme-").exists()


def test_a_changed_checklist_replaces_the_rubric_and_raises_its_version(taxonomy):
    assignments_load(data=practice_data())
    data = practice_data()
    data["self_review"][1]["rubric"] = "Explains the trade-offs made and what each choice costs"

    counts = assignments_load(data=data)

    question = Question.objects.get(key="take-home-readme-docs-assistant")
    assert question.rubric_version == 2
    assert question.rubric_items.get(kind="trade_off").text == "Explains the trade-offs made and what each choice costs"
    assert counts["README review questions"].updated == 1 and counts["Self-review items"].updated == 1
    assert counts["Take-home briefs"].unchanged == 1


def test_a_review_question_published_by_hand_goes_back_to_draft(taxonomy):
    assignments_load(data=practice_data())
    Question.objects.filter(key="take-home-readme-docs-assistant").update(status=Question.Status.PUBLISHED)

    assignments_load(data=practice_data())

    assert Question.objects.get(key="take-home-readme-docs-assistant").status == Question.Status.DRAFT


def test_a_removed_brief_goes_with_its_question_unless_an_attempt_uses_it(taxonomy, candidate):
    assignments_load(data=practice_data())
    assignments_load(data={**practice_data(), "briefs": [BRIEF, {**BRIEF, "key": "second-brief"}]})
    TakeHomeAttemptFactory(user=candidate, brief=TakeHomeBrief.objects.get(key="second-brief"))

    counts = assignments_load(data={**practice_data(), "briefs": []})

    assert list(TakeHomeBrief.objects.values_list("key", flat=True)) == ["second-brief"]
    assert list(Question.objects.values_list("key", flat=True)) == ["take-home-readme-second-brief"]
    assert counts["Take-home briefs"].removed == 1 and counts["Take-home briefs"].kept_in_use == 1
    assert counts["README review questions"].removed == 1 and counts["README review questions"].kept_in_use == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"pattern": "quantum"}, "brief docs-assistant: unknown pattern quantum"),
        ({"category": "astrology"}, "brief docs-assistant: unknown category astrology"),
        ({"by_level": {key: BRIEF["by_level"][key] for key in LEVEL_KEYS[:3]}}, "no time box for the level staff"),
        ({"by_level": {**BRIEF["by_level"], "principal": BRIEF["by_level"]["staff"]}}, "unknown level principal"),
        ({"by_level": {**BRIEF["by_level"], "mid": {"hours": 0, "days": 3}}}, "level mid: hours and days must be"),
        ({"by_level": {**BRIEF["by_level"], "mid": {"days": 3}}}, "level mid: 'hours' is missing"),
        ({"scenario": None}, "brief docs-assistant: 'scenario' is missing"),
    ],
)
def test_an_invalid_brief_is_refused_with_a_message_and_nothing_is_saved(taxonomy, change, message):
    data = practice_data(**change)
    data["briefs"][0] = {key: value for key, value in data["briefs"][0].items() if value is not None}

    with pytest.raises(ValidationError, match=message):
        assignments_load(data=data)

    assert not TakeHomeBrief.objects.exists() and not Question.objects.exists() and not SelfReviewItem.objects.exists()


def test_briefs_without_a_checklist_are_refused(taxonomy):
    with pytest.raises(ValidationError, match="needs the self_review checklist"):
        assignments_load(data={**practice_data(), "self_review": []})


# --- Attempts ---------------------------------------------------------------------------------------------------


@pytest.fixture
def brief(db):
    return TakeHomeBriefFactory()


def test_starting_an_attempt_gives_the_patterns_brief_at_the_chosen_level(candidate, brief):
    level = LevelFactory(key="mid", name="Mid-level")

    attempt = attempt_start(user=candidate, pattern=brief.pattern, level=level)

    attempt.refresh_from_db()
    assert (attempt.user, attempt.pattern, attempt.brief, attempt.level) == (candidate, brief.pattern, brief, level)
    assert attempt.ticks == [] and attempt.review_session is None
    assert attempt.brief.at_level(level).hours == 6


def test_a_pattern_without_a_brief_cannot_be_practised(candidate):
    pattern = AssignmentPatternFactory(name="Document processing")

    with pytest.raises(ValidationError, match="There is no practice brief for Document processing yet"):
        attempt_start(user=candidate, pattern=pattern, level=LevelFactory())

    assert not TakeHomeAttempt.objects.exists()


def test_ticks_are_saved_in_checklist_order(candidate, brief):
    first, second, third = SelfReviewItemFactory.create_batch(3)
    attempt = TakeHomeAttemptFactory(user=candidate, brief=brief)

    attempt_ticks_set(attempt=attempt, ticks=[third.key, first.key])

    attempt.refresh_from_db()
    assert attempt.ticks == [first.key, third.key]
    attempt_ticks_set(attempt=attempt, ticks=[])
    attempt.refresh_from_db()
    assert attempt.ticks == []


def test_a_tick_not_on_the_checklist_is_refused_and_the_saved_ticks_are_kept(candidate, brief):
    item = SelfReviewItemFactory()
    attempt = TakeHomeAttemptFactory(user=candidate, brief=brief, ticks=[item.key])

    with pytest.raises(ValidationError, match="not on the self-review checklist: made-up"):
        attempt_ticks_set(attempt=attempt, ticks=[item.key, "made-up"])

    attempt.refresh_from_db()
    assert attempt.ticks == [item.key]


def test_the_readme_review_is_a_one_question_session_on_the_briefs_review_question(candidate, brief):
    attempt = TakeHomeAttemptFactory(user=candidate, brief=brief, level=LevelFactory(key="staff", name="Staff+"))

    session = attempt_review_start(attempt=attempt)

    attempt.refresh_from_db()
    assert attempt.review_session == session
    assert (session.user, session.category, session.level.key) == (candidate, brief.review_question.category, "staff")
    assert list(session.items.values_list("question_id", "position")) == [(brief.review_question_id, 1)]


def test_asking_again_before_pasting_reuses_the_session_and_after_pasting_opens_a_new_one(candidate, brief):
    attempt = TakeHomeAttemptFactory(user=candidate, brief=brief)
    first = attempt_review_start(attempt=attempt)

    assert attempt_review_start(attempt=attempt) == first
    AnswerFactory(session_question=first.items.get(), text="# My README")
    second = attempt_review_start(attempt=attempt)

    attempt.refresh_from_db()
    assert second != first and attempt.review_session == second
    assert PracticeSession.objects.filter(user=candidate).count() == 2
