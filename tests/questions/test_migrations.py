"""Data migrations run on the real schema: their functions are called with the project's app registry."""

import importlib

import pytest
from django.apps import apps

from banks.models import Bank
from questions.models import Question
from tests.banks.conftest import make_instructor
from tests.banks.factories import BankFactory
from tests.factories import QuestionFactory

source_notes = importlib.import_module("questions.migrations.0007_source_notes_without_file_or_moderator")
questions_rerender = importlib.import_module("questions.migrations.0008_rerender_markdown_headings")
banks_rerender = importlib.import_module("banks.migrations.0006_rerender_description_headings")
questions_newlines = importlib.import_module("questions.migrations.0009_unix_newlines")
banks_newlines = importlib.import_module("banks.migrations.0007_unix_newlines")


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


@pytest.mark.django_db
def test_stored_markdown_is_rendered_again_with_users_headings_under_the_page_title():
    question = QuestionFactory(key="q-headings", prompt="# Big\n\nText")
    bank = BankFactory(owner=make_instructor(), description="# Week one\n\n[x](javascript:alert(1))")
    Question.objects.filter(pk=question.pk).update(prompt_html="<h1>Big</h1><p>Text</p>")
    Bank.objects.filter(pk=bank.pk).update(description_html="<h1>Week one</h1>")

    questions_rerender.render_existing(apps, None)
    banks_rerender.render_existing(apps, None)

    question.refresh_from_db()
    bank.refresh_from_db()
    assert "<h3>Big</h3>" in question.prompt_html and "<h1>" not in question.prompt_html
    assert "<h3>Week one</h3>" in bank.description_html and "<a" not in bank.description_html


@pytest.mark.django_db
def test_text_stored_with_browser_line_breaks_gets_plain_newlines():
    question = QuestionFactory(prompt="One.\r\n\r\nTwo.", model_answer="A.\rB.", grader_guidance="Be\r\nlenient.")
    bank = BankFactory(owner=make_instructor(), description="First.\r\nSecond.")

    questions_newlines.plain_newlines(apps, None)
    banks_newlines.plain_newlines(apps, None)

    question.refresh_from_db()
    bank.refresh_from_db()
    assert (question.prompt, question.model_answer, question.grader_guidance) == ("One.\n\nTwo.", "A.\nB.",
                                                                                   "Be\nlenient.")
    assert bank.description == "First.\nSecond."
