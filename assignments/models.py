from django.core.validators import MaxValueValidator
from django.db import models

PERCENT = [MaxValueValidator(100)]


class Share(models.Model):
    """A percentage from a survey; "at least" when the source gives it as 40%+."""

    share_percent = models.PositiveSmallIntegerField(validators=PERCENT, help_text="Share of the surveyed sample.")
    share_at_least = models.BooleanField(default=False, help_text="The source gives the share as a lower bound.")

    class Meta:
        abstract = True

    @property
    def share_label(self) -> str:
        return f"{self.share_percent}%{'+' if self.share_at_least else ''}"


class AssignmentPattern(Share):
    """A kind of take-home assignment seen in real hiring, with its share of the sample it was counted in."""

    key = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    summary = models.TextField()
    typically_asks_for = models.JSONField(default=list, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    source_note = models.CharField(max_length=300)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class TechStackEntry(Share):
    """A tool and how often it appeared in the surveyed take-home solutions."""

    key = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=120)
    position = models.PositiveSmallIntegerField(default=0)
    source_note = models.CharField(max_length=300)

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "tech stack entries"

    def __str__(self) -> str:
        return f"{self.name} ({self.share_label})"
