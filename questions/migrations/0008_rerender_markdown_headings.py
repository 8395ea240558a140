from django.db import migrations

BATCH = 500


def render_existing(apps, schema_editor):
    """Render the stored HTML again: users' headings now start at h3, and links without an address are text."""
    from questions.markdown import render_markdown

    Question = apps.get_model("questions", "Question")
    batch = []
    for question in Question.objects.only("pk", "prompt", "model_answer").iterator(chunk_size=BATCH):
        question.prompt_html = render_markdown(question.prompt)
        question.model_answer_html = render_markdown(question.model_answer)
        batch.append(question)
        if len(batch) == BATCH:
            Question.objects.bulk_update(batch, ["prompt_html", "model_answer_html"])
            batch = []
    Question.objects.bulk_update(batch, ["prompt_html", "model_answer_html"])


class Migration(migrations.Migration):

    dependencies = [
        ("questions", "0007_source_notes_without_file_or_moderator"),
    ]

    operations = [
        migrations.RunPython(render_existing, migrations.RunPython.noop),
    ]
