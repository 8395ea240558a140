import shutil
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assignments.models import AssignmentPattern, TechStackEntry
from playbook.loading import SectionCounts, remove_stale
from playbook.models import (
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
from playbook.services import CONTENT_DIR, checklist_tick_set, content_load
from questions.models import Question, RubricItem, Tag
from tests.playbook.factories import ChecklistItemFactory, ChecklistTickFactory, LoopRoundFactory, RoundTypeFactory

COUNTED_MODELS = [
    Category, Level, RoleTrack, Question, Question.levels.through, Question.role_tracks.through, Question.tags.through,
    RubricItem, Tag, RoundType, RoundType.categories.through, InterviewLoop, LoopRound, LoopRound.categories.through,
    ProcessFact, AssignmentPattern, TechStackEntry, ChecklistArea, ChecklistItem,
]
# Tables owned by the loops, assignments and checklist loaders (the taxonomy's update_or_create is older behaviour).
OWN_TABLES = ("playbook_roundtype", "playbook_interviewloop", "playbook_loopround", "playbook_processfact",
              "playbook_checklistarea", "playbook_checklistitem", "assignments_")


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in COUNTED_MODELS}


def read(name: str):
    return yaml.safe_load((CONTENT_DIR / name).read_text(encoding="utf-8"))


@pytest.fixture
def content_dir(tmp_path) -> Path:
    """A copy of the real taxonomy with no questions, loops, assignments or checklist: tests add what they need."""
    shutil.copy(CONTENT_DIR / "playbook.yaml", tmp_path / "playbook.yaml")
    (tmp_path / "questions").mkdir()
    return tmp_path


def write(folder: Path, name: str, data) -> None:
    (folder / name).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def small_loops(**first_round) -> dict:
    return {
        "round_types": [
            {"key": "technical-coding", "name": "Technical / coding",
             "length": {"min": 45, "max": 60, "unit": "minutes"}, "tests": "Algorithms.", "categories": ["coding"],
             "source": "002: table"},
            {"key": "take-home", "name": "Take-home", "length": {"min": 1, "max": 7, "unit": "days"},
             "tests": "Building.", "categories": [], "source": "002: table"},
        ],
        "process_facts": [{"key": "median-steps", "label": "Median steps", "value": "4", "source": "002: process"}],
        "loops": [{
            "key": "acme", "company": "Acme", "role": "AI engineer", "level": "senior", "kind": "reported",
            "summary": "Coding then a take-home.", "source": "002: real loops",
            "rounds": [
                {"type": "technical-coding", "title": "Coding", "categories": ["coding"], **first_round},
                {"type": "take-home", "title": "Take-home", "categories": [], "advice": "Keep it small."},
            ],
        }],
    }


def test_loading_the_content_twice_leaves_every_count_unchanged(db):
    first = content_load()
    after_first = row_counts()

    second = content_load()

    assert row_counts() == after_first
    assert all(after_first.values()), after_first
    # The bank's questions, and one draft README review question for each take-home brief.
    assert len(first.created) + len(read("assignments.yaml")["briefs"]) == after_first["questions.Question"]
    assert second.created == [] and second.updated == [] and len(second.unchanged) == len(first.created)
    assert set(second.sections) == {"Round types", "Process facts", "Loops", "Loop rounds", "Assignment patterns",
                                    "Tech stack entries", "Self-review items", "README review questions",
                                    "Take-home briefs", "Checklist areas", "Checklist items", "Exercises"}
    for name, counts in second.sections.items():
        assert (counts.created, counts.updated, counts.removed) == (0, 0, 0), name
        assert counts.unchanged == first.sections[name].created > 0, name


def test_a_second_load_writes_no_row_of_loops_assignments_or_the_checklist(db):
    content_load()

    with CaptureQueriesContext(connection) as queries:
        content_load()

    writes = [q["sql"] for q in queries.captured_queries
              if q["sql"].split()[0] in {"INSERT", "UPDATE", "DELETE"} and any(t in q["sql"] for t in OWN_TABLES)]
    assert writes == []


def test_the_loaded_content_matches_the_files(db):
    content_load()

    loops, assignments, checklist = read("loops.yaml"), read("assignments.yaml"), read("checklist.yaml")
    assert RoundType.objects.count() == len(loops["round_types"])
    assert ProcessFact.objects.count() == len(loops["process_facts"]) == 5
    assert list(InterviewLoop.objects.ordered().values_list("key", flat=True)) == [lp["key"] for lp in loops["loops"]]
    assert LoopRound.objects.count() == sum(len(loop["rounds"]) for loop in loops["loops"])
    assert AssignmentPattern.objects.count() == 4 and TechStackEntry.objects.count() == 8
    assert list(ChecklistArea.objects.ordered().values_list("key", flat=True)) == [
        "llm-fundamentals", "rag", "agents", "fine-tuning", "llmops", "safety"]
    assert ChecklistItem.objects.count() == sum(len(area["items"]) for area in checklist["areas"]) == 25
    assert len(assignments["tech_stack"]) == 8


def test_every_loop_gives_a_mock_loop_ordered_rounds_with_categories_and_minutes(db):
    content_load()

    for loop in InterviewLoop.objects.prefetch_related("rounds__categories", "rounds__round_type"):
        rounds = list(loop.rounds.all())
        assert [r.position for r in rounds] == list(range(1, len(rounds) + 1)), loop.key
        assert any(r.categories.all() for r in rounds), f"{loop.key} has nothing to practise"
        for loop_round in rounds:
            if loop_round.categories.all():
                assert loop_round.length_unit == "minutes" and loop_round.length_min <= loop_round.length_max
            else:
                assert loop_round.advice, f"{loop.key} round {loop_round.position} has neither categories nor advice"


def test_every_checklist_area_a_question_names_exists(db):
    content_load()

    named = {area for areas in Question.objects.values_list("checklist_areas", flat=True) for area in areas}
    assert named and named <= set(ChecklistArea.objects.values_list("key", flat=True))


def test_a_round_without_a_length_takes_its_round_types_length(db, content_dir):
    write(content_dir, "loops.yaml", small_loops())

    content_load(content_dir=content_dir)

    coding, take_home = LoopRound.objects.order_by("position")
    assert (coding.length_min, coding.length_max, coding.length_unit) == (45, 60, "minutes")
    assert (take_home.length_min, take_home.length_max, take_home.length_unit) == (1, 7, "days")
    assert coding.length_label == "45–60 min" and take_home.length_label == "1–7 days"
    assert InterviewLoop.objects.get().level.key == "senior"


def test_changing_a_loop_updates_it_in_place_and_drops_rounds_past_the_end(db, content_dir):
    write(content_dir, "loops.yaml", small_loops())
    content_load(content_dir=content_dir)
    loop_id = InterviewLoop.objects.get().pk
    changed = small_loops(title="Coding with NumPy", length={"min": 30, "max": 30, "unit": "minutes"})
    changed["loops"][0]["rounds"].pop()
    write(content_dir, "loops.yaml", changed)

    report = content_load(content_dir=content_dir)

    assert InterviewLoop.objects.get().pk == loop_id
    assert list(LoopRound.objects.values_list("title", "length_min")) == [("Coding with NumPy", 30)]
    rounds = report.sections["Loop rounds"]
    assert (rounds.updated, rounds.removed, rounds.unchanged) == (1, 1, 0)
    assert report.sections["Loops"].unchanged == 1


def test_content_removed_from_the_files_is_removed_from_the_database(db, content_dir):
    write(content_dir, "loops.yaml", small_loops())
    content_load(content_dir=content_dir)
    write(content_dir, "loops.yaml", {"round_types": [], "process_facts": [], "loops": []})

    report = content_load(content_dir=content_dir)

    assert not InterviewLoop.objects.exists() and not LoopRound.objects.exists()
    assert not RoundType.objects.exists() and not ProcessFact.objects.exists()
    assert report.sections["Loops"].removed == 1 and report.sections["Round types"].removed == 2


@pytest.mark.parametrize(
    ("change_first_round", "message"),
    [
        (lambda r: r.update(categories=["quantum"]), "loops.yaml loop acme round 1: unknown category quantum"),
        (lambda r: r.update(type="whiteboard"), "unknown round type whiteboard"),
        (lambda r: r.update(length={"min": 2, "max": 3, "unit": "days"}), "needs a typical length in minutes"),
        (lambda r: r.update(categories=[]), "a round that cannot be practised needs advice instead"),
        (lambda r: r.update(length={"min": 90, "max": 30, "unit": "minutes"}), "round 1: A length's minimum cannot be"),
        (lambda r: r.pop("title"), "loops.yaml loop acme round 1: 'title' is missing"),
    ],
)
def test_invalid_loops_are_refused_with_a_message_and_nothing_is_saved(db, content_dir, change_first_round, message):
    loops = small_loops()
    change_first_round(loops["loops"][0]["rounds"][0])
    write(content_dir, "loops.yaml", loops)

    with pytest.raises(ValidationError, match=message):
        content_load(content_dir=content_dir)

    assert not InterviewLoop.objects.exists() and not RoundType.objects.exists() and not Category.objects.exists()


def test_a_key_used_twice_is_refused(db, content_dir):
    loops = small_loops()
    loops["process_facts"].append(dict(loops["process_facts"][0]))
    write(content_dir, "loops.yaml", loops)

    with pytest.raises(ValidationError, match="the key median-steps is used more than once"):
        content_load(content_dir=content_dir)


def test_editing_a_checklist_item_keeps_its_ticks_and_removing_it_removes_them(db, content_dir, candidate):
    checklist = {"areas": [{"key": "rag", "name": "RAG", "category": "llm-rag", "source": "002: checklist", "items": [
        {"key": "chunking", "title": "Chunking", "description": "Sizes.", "tags": ["Chunking"], "source": "002"},
        {"key": "citations", "title": "Citations", "description": "Sources.", "source": "002"},
    ]}]}
    write(content_dir, "checklist.yaml", checklist)
    content_load(content_dir=content_dir)
    chunking = ChecklistItem.objects.get(key="chunking")
    assert chunking.tags == ["chunking"] and chunking.area.category.key == "llm-rag"
    checklist_tick_set(user=candidate, item=chunking, ticked=True)
    checklist_tick_set(user=candidate, item=ChecklistItem.objects.get(key="citations"), ticked=True)

    checklist["areas"][0]["items"][0]["title"] = "Chunking strategies"
    del checklist["areas"][0]["items"][1]
    write(content_dir, "checklist.yaml", checklist)
    report = content_load(content_dir=content_dir)

    assert list(ChecklistItem.objects.values_list("key", "title")) == [("chunking", "Chunking strategies")]
    assert list(ChecklistTick.objects.values_list("item__key", flat=True)) == ["chunking"]
    items = report.sections["Checklist items"]
    assert (items.updated, items.removed) == (1, 1)


def test_a_row_that_a_record_still_protects_is_kept_and_counted(db):
    used = RoundTypeFactory()
    LoopRoundFactory(round_type=used)
    RoundTypeFactory()
    counts = SectionCounts()

    remove_stale(RoundType.objects.all(), counts=counts)

    assert list(RoundType.objects.all()) == [used]
    assert (counts.removed, counts.kept_in_use) == (1, 1)
    assert "1 no longer in the content but kept" in str(counts)


def test_ticking_twice_keeps_one_tick_and_unticking_removes_only_the_users_own(db, candidate, other_candidate):
    item = ChecklistItemFactory()
    theirs = ChecklistTickFactory(user=other_candidate, item=item)

    checklist_tick_set(user=candidate, item=item, ticked=True)
    checklist_tick_set(user=candidate, item=item, ticked=True)
    assert ChecklistTick.objects.filter(user=candidate, item=item).count() == 1

    checklist_tick_set(user=candidate, item=item, ticked=False)
    checklist_tick_set(user=candidate, item=item, ticked=False)
    assert list(ChecklistTick.objects.all()) == [theirs]
