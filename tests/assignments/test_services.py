import pytest
from django.core.exceptions import ValidationError

from assignments.models import AssignmentPattern, TechStackEntry
from assignments.services import assignments_load

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
