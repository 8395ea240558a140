from django.db import migrations


def rebuild(apps, schema_editor):
    from progress.rollups import progress_rebuild

    progress_rebuild(apps=apps)


class Migration(migrations.Migration):
    """Counts the grades saved before the rollups existed; later grades are counted as they are saved."""

    dependencies = [
        ("progress", "0002_progress_rollups"),
        ("practice", "0005_mock_loops"),
    ]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
