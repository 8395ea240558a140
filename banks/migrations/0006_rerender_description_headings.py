from django.db import migrations

BATCH = 500


def render_existing(apps, schema_editor):
    """Render the stored descriptions again: users' headings now start at h3, and links without an address are
    text (questions/0008 does the same for questions)."""
    from questions.markdown import render_markdown

    Bank = apps.get_model("banks", "Bank")
    batch = []
    for bank in Bank.objects.only("pk", "description").iterator(chunk_size=BATCH):
        bank.description_html = render_markdown(bank.description)
        batch.append(bank)
        if len(batch) == BATCH:
            Bank.objects.bulk_update(batch, ["description_html"])
            batch = []
    Bank.objects.bulk_update(batch, ["description_html"])


class Migration(migrations.Migration):

    dependencies = [
        ("banks", "0005_shared_background_job"),
        ("questions", "0008_rerender_markdown_headings"),
    ]

    operations = [
        migrations.RunPython(render_existing, migrations.RunPython.noop),
    ]
