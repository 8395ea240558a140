"""Loading the question bank from content files: idempotent, and never silently overwriting edits made in the app."""

import copy

import pytest

from questions.models import Question
from questions.services import questions_load_content
from tests.factories import CategoryFactory, LevelFactory, RoleTrackFactory

ENTRY = {
    "key": "llm-rag-kv-cache",
    "title": "What does the KV cache buy you?",
    "category": "llm-rag",
    "levels": ["senior"],
    "role_tracks": ["llm-app"],
    "tags": ["inference"],
    "prompt": "Explain the KV cache.",
    "rubric": {"key_points": ["Stores keys and values", "Skips recomputing the prefix", "Grows with length"],
               "trade_offs": ["Memory against throughput"], "failure_modes": ["Out-of-memory under load"]},
    "model_answer": "It caches keys and values.",
    "source": {"kind": "research", "note": "002_479405e563a4d40b.txt: LLM fundamentals"},
}


@pytest.fixture
def vocabulary(db):
    CategoryFactory(), LevelFactory(), RoleTrackFactory()


def test_loading_twice_creates_once_and_then_changes_nothing(vocabulary):
    first = questions_load_content(entries=[ENTRY])
    second = questions_load_content(entries=[ENTRY])

    assert (first.created, second.unchanged, second.created, second.updated) == ([ENTRY["key"]], [ENTRY["key"]], [],
                                                                                 [])
    assert Question.objects.count() == 1


def test_a_question_edited_in_the_app_is_kept_and_reported(vocabulary):
    questions_load_content(entries=[ENTRY])
    Question.objects.filter(key=ENTRY["key"]).update(title="An instructor's better title")
    changed = copy.deepcopy(ENTRY)
    changed["prompt"] = "Explain the KV cache and its memory cost."

    report = questions_load_content(entries=[changed])

    assert report.kept_local_edits == [ENTRY["key"]]
    question = Question.objects.get(key=ENTRY["key"])
    assert (question.title, question.prompt) == ("An instructor's better title", "Explain the KV cache.")


def test_force_overwrites_an_edit_made_in_the_app(vocabulary):
    questions_load_content(entries=[ENTRY])
    Question.objects.filter(key=ENTRY["key"]).update(title="An instructor's better title")

    report = questions_load_content(entries=[ENTRY], force=True)

    assert report.updated == [ENTRY["key"]]
    assert Question.objects.get(key=ENTRY["key"]).title == ENTRY["title"]


def test_a_changed_rubric_bumps_the_rubric_version_and_replaces_its_items(vocabulary):
    questions_load_content(entries=[ENTRY])
    changed = copy.deepcopy(ENTRY)
    changed["rubric"]["trade_offs"] = ["Cache size against batch size"]

    questions_load_content(entries=[changed])

    question = Question.objects.get(key=ENTRY["key"])
    assert question.rubric_version == 2
    assert list(question.rubric_items.filter(kind="trade_off").values_list("text", flat=True)) == [
        "Cache size against batch size"]
