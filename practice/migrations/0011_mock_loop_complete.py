from django.db import migrations, models
from django.db.models import Exists, OuterRef, Subquery


def end_finished_loops(apps, schema_editor):
    """Until now only "End this loop" set ended_at, so those loops ended early. A loop whose every written round was
    finished ended when its last round was: the moment that finishing its last round now writes."""
    MockLoop = apps.get_model("practice", "MockLoop")
    MockRound = apps.get_model("practice", "MockRound")
    MockLoop.objects.filter(ended_at__isnull=False).update(ended_early=True)
    unfinished = MockRound.objects.filter(mock_loop=OuterRef("pk"), session__isnull=False, finished_at__isnull=True)
    last_finished = (MockRound.objects.filter(mock_loop=OuterRef("pk"), session__isnull=False,
                                              finished_at__isnull=False)
                     .order_by("-finished_at").values("finished_at")[:1])
    MockLoop.objects.filter(ended_at__isnull=True).exclude(Exists(unfinished)).update(
        ended_at=Subquery(last_finished))


def unend_finished_loops(apps, schema_editor):
    apps.get_model("practice", "MockLoop").objects.filter(ended_early=False).update(ended_at=None)


class Migration(migrations.Migration):

    dependencies = [
        ("practice", "0010_mock_loop_ended_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="mockloop",
            name="ended_early",
            field=models.BooleanField(
                default=False, help_text="Ended by the candidate (End this loop) before every round was finished."
            ),
        ),
        migrations.AlterField(
            model_name="mockloop",
            name="ended_at",
            field=models.DateTimeField(
                blank=True, help_text="When the loop ended: its last round was finished, or the candidate ended it early.",
                null=True,
            ),
        ),
        migrations.RunPython(end_finished_loops, unend_finished_loops),
    ]
