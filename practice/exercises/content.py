"""Reading exercise files (content/exercises/*.yaml, format in docs/exercises.md) and checking their shape."""

import ast
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError

EXERCISE_CATEGORY = "coding"
QUESTION_KEY_PREFIX = "exercise-"
REQUIRED_TEXT = ("key", "title", "statement", "starter_code", "visible_tests", "hidden_tests", "solution",
                 "model_answer")
RUBRIC_MINIMUM = {"key_points": 3, "trade_offs": 1, "failure_modes": 1}


def defined_tests(source: str, *, where: str) -> list[str]:
    """The top-level test_* functions of a test source, in definition order (the order the runner calls them)."""
    try:
        tree = ast.parse(source)
    except SyntaxError as error:
        raise ValidationError(f"{where}: the tests are not valid Python ({error.msg}, line {error.lineno})") from None
    names = [node.name for node in tree.body
             if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test_")]
    return list(dict.fromkeys(names))


def exercise_problems(entry: dict) -> list[str]:
    """What is missing or malformed in one exercise entry; empty when it can be loaded."""
    problems = [f"{name} is missing" for name in REQUIRED_TEXT
                if not isinstance(entry.get(name), str) or not entry[name].strip()]
    if not entry.get("levels"):
        problems.append("levels is missing")
    if not entry.get("tags"):
        problems.append("tags is missing")
    minutes = entry.get("time_box_minutes")
    if not isinstance(minutes, int) or not 5 <= minutes <= 90:
        problems.append("time_box_minutes must be a whole number of minutes from 5 to 90")
    rubric = entry.get("rubric") or {}
    for name, minimum in RUBRIC_MINIMUM.items():
        if len(rubric.get(name) or []) < minimum:
            problems.append(f"rubric.{name} needs at least {minimum} item{'s' if minimum > 1 else ''}")
    if not ((entry.get("source") or {}).get("note") or "").strip():
        problems.append("source.note is missing")
    return problems


def read_exercises(folder: Path) -> list[dict]:
    """Every exercise in the folder, checked, with its test names added; a bad file raises a clear error."""
    exercises: list[dict] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.yaml")):
        try:
            entry = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            raise ValidationError(f"exercises/{path.name} is not valid YAML: {error}") from None
        where = f"exercises/{path.name}"
        if not isinstance(entry, dict):
            raise ValidationError(f"{where}: an exercise file holds one mapping of fields")
        problems = exercise_problems(entry)
        if problems:
            raise ValidationError(f"{where}: {'; '.join(problems)}")
        if entry["key"] in seen:
            raise ValidationError(f"{where}: the key {entry['key']} is used twice")
        seen.add(entry["key"])
        entry["visible_test_names"] = defined_tests(entry["visible_tests"], where=f"{where} visible_tests")
        entry["hidden_test_names"] = defined_tests(entry["hidden_tests"], where=f"{where} hidden_tests")
        if not entry["visible_test_names"] or not entry["hidden_test_names"]:
            raise ValidationError(f"{where}: visible_tests and hidden_tests each need at least one test_ function")
        exercises.append(entry)
    return exercises


def question_entry(exercise: dict) -> dict:
    """The bank question an exercise becomes: progress, reviews, history and mock loops all work on questions."""
    return {
        "key": QUESTION_KEY_PREFIX + exercise["key"],
        "title": exercise["title"],
        "category": EXERCISE_CATEGORY,
        "levels": exercise["levels"],
        "role_tracks": exercise.get("role_tracks") or [],
        "tags": [*exercise["tags"], "runnable"],
        "prompt": exercise["statement"],
        "model_answer": exercise["model_answer"],
        "rubric": exercise["rubric"],
        "source": exercise["source"],
    }
