from django.db import models


class AssignmentPattern(models.Model):
    """A kind of take-home assignment seen in real hiring, with its share of the sample it was counted in."""

    key = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    share_percent = models.PositiveSmallIntegerField(help_text="Share of surveyed assignments of this type.")
    summary = models.TextField()
    typically_asks_for = models.JSONField(default=list)
    position = models.PositiveSmallIntegerField(default=0)
    source_note = models.CharField(max_length=300)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name
