"""Data migrations run on the real schema: their functions are called with the project's app registry."""

import importlib

import pytest
from django.apps import apps

from tests.factories import QuestionFactory

source_notes = importlib.import_module("questions.migrations.0007_source_notes_without_file_or_moderator")


@pytest.mark.django_db
@pytest.mark.parametrize("note,cleaned", [
    ("imported from reddit.json, row 3; Meta; onsite", "Meta; onsite"),
    ("imported from my export, 2024.csv, row 12", ""),
    ("Stripe; phone screen; added from the post by alice", "Stripe; phone screen"),
    ("imported from x.json, row 1; added from the post by bob", ""),
    ("Asked at Meta, row 3 of the loop", "Asked at Meta, row 3 of the loop"),
    ("Our own note: imported from a talk", "Our own note: imported from a talk"),
    ("Stripe; " + "x" * 440 + "; added from the po", "Stripe; " + "x" * 440),
])
def test_old_import_notes_lose_the_file_name_and_the_moderator_and_keep_the_rest(note, cleaned):
    question = QuestionFactory(key="import-0123456789abcdef", source_note=note)
    untouched = QuestionFactory(key="other", source_note="Written by the team")
    instructors = QuestionFactory(key="rag-eval", source_note="imported from our 2023 bank, row 4")

    source_notes.clean_notes(apps, None)

    for each in (question, untouched, instructors):
        each.refresh_from_db()
    assert (question.source_note, untouched.source_note) == (cleaned, "Written by the team")
    assert instructors.source_note == "imported from our 2023 bank, row 4"
