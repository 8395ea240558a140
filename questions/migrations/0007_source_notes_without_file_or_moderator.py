"""Imported questions made before 7 December showed candidates the uploaded file's name and row ("imported from
reddit.json, row 3") and a moderator's username ("added from the post by alice") in their source note; imports no
longer write either. This takes them out of the notes already written and leaves the rest of each note as it was."""

import re

from django.db import migrations
from django.db.models import Q

FILE_AND_ROW = re.compile(r"^imported from .*?, row \d+(?:; |$)")
MODERATOR = re.compile(r"(?:^|; )added from the po[^;]*$")  # "added from the post by alice", or cut short at 500


def clean_note(note: str) -> str:
    return MODERATOR.sub("", FILE_AND_ROW.sub("", note))


def clean_notes(apps, schema_editor):
    question_model = apps.get_model("questions", "Question")
    changed = []
    noted = Q(source_note__startswith="imported from ") | Q(source_note__contains="added from the po")
    # only questions an import made (their keys say so): an instructor's own note is theirs to word
    for question in question_model.objects.filter(noted, key__startswith="import-").only("source_note"):
        note = clean_note(question.source_note)
        if note != question.source_note:
            question.source_note = note
            changed.append(question)
    question_model.objects.bulk_update(changed, ["source_note"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("questions", "0006_drop_unused_sighting_fingerprint_index")]

    operations = [migrations.RunPython(clean_notes, migrations.RunPython.noop)]
