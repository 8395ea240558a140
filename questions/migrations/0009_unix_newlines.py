"""Text typed in a browser was stored with CRLF line breaks until the forms normalised them: exported bank files
showed quoted strings full of `\\r\\n`, and a question's first save after the fix would have bumped its rubric version
for a guidance that only changed its line breaks. Stored text gets plain newlines too."""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Replace

FIELDS = ("prompt", "model_answer", "grader_guidance")


def plain_newlines(apps, schema_editor):
    Question = apps.get_model("questions", "Question")
    for name in FIELDS:
        Question.objects.filter(**{f"{name}__contains": "\r"}).update(
            **{name: Replace(Replace(name, Value("\r\n"), Value("\n")), Value("\r"), Value("\n"))})


class Migration(migrations.Migration):
    dependencies = [("questions", "0008_rerender_markdown_headings")]

    operations = [migrations.RunPython(plain_newlines, migrations.RunPython.noop)]
