"""Every exercise in content/exercises can be published: its fields are there, its reference solution passes
every visible and hidden test under CPython, and its starter code fails at least one hidden test."""

from pathlib import Path

import pytest
import yaml

from practice.exercises.content import exercise_problems, read_exercises
from practice.exercises.runner import run_tests

ROOT = Path(__file__).resolve().parents[2]
EXERCISES_DIR = ROOT / "content" / "exercises"
FILES = sorted(EXERCISES_DIR.glob("*.yaml"))
LEVELS = ("junior", "mid", "senior", "staff")


def _failures(outcome: dict) -> list[str]:
    if outcome["error"]:
        return [f"tests did not load: {outcome['error']}"]
    return [f"{r['name']}: {r['message']}" for r in outcome["results"] if not r["passed"]]


def test_there_are_exercises():
    assert FILES, "content/exercises holds no exercise"


@pytest.mark.parametrize("path", FILES, ids=[path.stem for path in FILES])
def test_exercise_is_complete(path):
    entry = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert exercise_problems(entry) == []
    assert entry["key"] == path.stem, "the file is named after its key"
    assert entry["source"]["kind"] in {"research", "real_interview", "original"}


def test_keys_are_unique_and_tests_are_found():
    exercises = read_exercises(EXERCISES_DIR)
    assert len({e["key"] for e in exercises}) == len(FILES)
    for exercise in exercises:
        assert 4 <= len(exercise["hidden_test_names"]) <= 12, f"{exercise['key']}: 4 to 12 hidden tests"


def test_every_level_has_exercises_and_the_guide_lists_them_all():
    exercises = read_exercises(EXERCISES_DIR)
    per_level = {level: sum(level in exercise["levels"] for exercise in exercises) for level in LEVELS}
    assert {level for exercise in exercises for level in exercise["levels"]} <= set(LEVELS)
    assert min(per_level.values()) >= 5, per_level
    guide = (ROOT / "docs" / "exercises.md").read_text(encoding="utf-8")
    assert [e["key"] for e in exercises if f"`{e['key']}`" not in guide] == [], "docs/exercises.md lists every exercise"


@pytest.mark.parametrize("exercise", read_exercises(EXERCISES_DIR) if FILES else [],
                         ids=lambda exercise: exercise["key"])
def test_solution_passes_and_starter_fails(exercise):
    support = exercise.get("support_code") or ""
    for kind in ("visible_tests", "hidden_tests"):
        outcome = run_tests(exercise["solution"], exercise[kind], support)
        assert _failures(outcome) == [], f"the reference solution fails {kind}"
        assert len(outcome["results"]) == len(exercise[kind.replace("tests", "test_names")])
    starter = run_tests(exercise["starter_code"], exercise["hidden_tests"], support)
    assert _failures(starter), "the starter code passes every hidden test: it gives the answer away"
