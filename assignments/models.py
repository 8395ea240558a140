from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models

from playbook.models import Level
from practice.models import PracticeSession
from questions.models import Question, RubricItem

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


class SelfReviewItem(models.Model):
    """One thing hiring managers look for in a take-home submission (a README that explains the problem, tests, ...).

    Candidates tick the items their submission has. The same items, in `rubric_text` wording, are the rubric of
    every brief's README review question, so the grader checks a pasted README against the same checklist.
    """

    key = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=20, choices=RubricItem.Kind)
    title = models.CharField(max_length=120)
    why = models.TextField(help_text="Why a hiring manager looks for it.")
    advice = models.TextField(help_text="What to add when the submission lacks it.")
    rubric_text = models.CharField(max_length=300, help_text="The item as the grader checks it, in a README's words.")
    position = models.PositiveSmallIntegerField(default=0)
    source_note = models.CharField(max_length=300)

    class Meta:
        ordering = ["position", "key"]

    def __str__(self) -> str:
        return self.title


@dataclass(frozen=True)
class BriefAtLevel:
    hours: int
    days: int
    requirements: list[str]


class TakeHomeBrief(models.Model):
    """A practice take-home for one assignment pattern: scenario, requirements, deliverables, and per level a time
    box and the extra requirements that level is expected to meet."""

    key = models.SlugField(max_length=60, unique=True)
    pattern = models.ForeignKey(AssignmentPattern, on_delete=models.CASCADE, related_name="briefs")
    title = models.CharField(max_length=200)
    scenario = models.TextField()
    requirements = models.JSONField(default=list, help_text="What every level builds.")
    deliverables = models.JSONField(default=list)
    # {"junior": {"hours": 4, "days": 3, "requirements": [...]}, ...}: one entry per level key.
    by_level = models.JSONField(default=dict)
    # The draft question a pasted README is graded against; created and kept in step by the content loader.
    review_question = models.OneToOneField(Question, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)
    source_note = models.CharField(max_length=500)

    class Meta:
        ordering = ["position", "key"]

    def __str__(self) -> str:
        return self.title

    def at_level(self, level: Level) -> BriefAtLevel | None:
        entry = self.by_level.get(level.key)
        if entry is None:
            return None
        return BriefAtLevel(hours=entry["hours"], days=entry["days"], requirements=entry.get("requirements") or [])


class TakeHomeAttemptQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(user=user)


class TakeHomeAttempt(models.Model):
    """A candidate's practice of one brief at one level: the self-review ticks, and the session that grades the
    README they paste (the newest one, when they have had it graded more than once)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="take_home_attempts")
    pattern = models.ForeignKey(AssignmentPattern, on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="+")
    brief = models.ForeignKey(TakeHomeBrief, on_delete=models.PROTECT, related_name="attempts")
    ticks = models.JSONField(default=list, blank=True, help_text="Keys of the self-review items ticked.")
    review_session = models.OneToOneField(
        PracticeSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="take_home_attempt"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TakeHomeAttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} · {self.brief_id} · {self.level_id}"

    def clean(self) -> None:
        if self.brief_id and self.pattern_id and self.brief.pattern_id != self.pattern_id:
            raise ValidationError("The brief belongs to another assignment pattern.")
