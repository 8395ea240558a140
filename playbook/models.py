from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class TaxonomyQuerySet(models.QuerySet):
    def ordered(self):
        return self.order_by("position", "name")


class TaxonomyItem(models.Model):
    """A fixed vocabulary entry loaded from content/playbook.yaml, addressed by its stable key."""

    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    position = models.PositiveSmallIntegerField(default=0)
    source_note = models.CharField(max_length=300, blank=True)

    objects = TaxonomyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Category(TaxonomyItem):
    summary = models.TextField(blank=True)

    class Meta(TaxonomyItem.Meta):
        verbose_name_plural = "categories"


class Level(TaxonomyItem):
    emphasis = models.TextField(help_text="What interviews at this level emphasise.")


class RoleTrack(TaxonomyItem):
    summary = models.TextField(blank=True)


class TypicalLength(models.Model):
    """How long a round usually takes, as a range in minutes or days; empty when no source reports it."""

    class Unit(models.TextChoices):
        MINUTES = "minutes", "minutes"
        DAYS = "days", "days"

    length_min = models.PositiveSmallIntegerField(null=True, blank=True)
    length_max = models.PositiveSmallIntegerField(null=True, blank=True)
    length_unit = models.CharField(max_length=10, choices=Unit, blank=True)

    class Meta:
        abstract = True

    def clean(self) -> None:
        parts = (self.length_min, self.length_max, self.length_unit or None)
        if any(part is None for part in parts) and any(part is not None for part in parts):
            raise ValidationError("Give a length's minimum, maximum and unit together, or none of them.")
        if self.length_min is not None and self.length_min > self.length_max:
            raise ValidationError("A length's minimum cannot be more than its maximum.")

    @property
    def length_label(self) -> str:
        if self.length_min is None:
            return ""
        unit = "min" if self.length_unit == self.Unit.MINUTES else ("day" if self.length_max == 1 else "days")
        if self.length_min == self.length_max:
            return f"{self.length_min} {unit}"
        return f"{self.length_min}–{self.length_max} {unit}"


class RoundType(TaxonomyItem, TypicalLength):
    """A kind of interview round (recruiter screen, AI system design, ...) with what it usually tests."""

    tests = models.TextField(help_text="What this kind of round tests.")
    categories = models.ManyToManyField(Category, related_name="round_types", blank=True)

    class Meta(TaxonomyItem.Meta):
        pass


class InterviewLoopQuerySet(models.QuerySet):
    def ordered(self):
        return self.order_by("position", "company")


class InterviewLoop(models.Model):
    """A whole interview process, from first call to offer, as an ordered list of rounds."""

    class Kind(models.TextChoices):
        REPORTED = "reported", "Reported by candidates"
        STAFF_PROCESS = "staff-process", "Staff-level hiring process"
        MIXED = "mixed", "Typical mixed loop"

    key = models.SlugField(max_length=80, unique=True)
    company = models.CharField(max_length=120)
    role = models.CharField(max_length=120, blank=True, help_text="Empty when the source does not name the role.")
    level = models.ForeignKey(Level, null=True, blank=True, on_delete=models.SET_NULL, related_name="loops")
    kind = models.CharField(max_length=20, choices=Kind)
    summary = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)
    source_note = models.CharField(max_length=300)

    objects = InterviewLoopQuerySet.as_manager()

    class Meta:
        ordering = ["position", "company"]

    def __str__(self) -> str:
        return f"{self.company}: {self.role}" if self.role else self.company

    @property
    def rehearsable(self) -> bool:
        """Whether a mock loop can rehearse it: some round has categories. Reads the rounds prefetched with it."""
        return any(loop_round.categories.all() for loop_round in self.rounds.all())


class LoopRound(TypicalLength):
    """One round of a loop. Rounds with categories can be rehearsed in free text; the others carry advice."""

    loop = models.ForeignKey(InterviewLoop, on_delete=models.CASCADE, related_name="rounds")
    position = models.PositiveSmallIntegerField(help_text="1 for the first round.")
    round_type = models.ForeignKey(RoundType, on_delete=models.PROTECT, related_name="loop_rounds")
    title = models.CharField(max_length=160)
    categories = models.ManyToManyField(Category, related_name="loop_rounds", blank=True)
    advice = models.TextField(blank=True)

    class Meta:
        ordering = ["loop", "position"]
        constraints = [models.UniqueConstraint(fields=["loop", "position"], name="unique_round_position_per_loop")]

    def __str__(self) -> str:
        return f"{self.loop}: {self.position}. {self.title}"


class ProcessFact(models.Model):
    """A headline figure about interview processes as a whole (median steps, duration, ...)."""

    key = models.SlugField(max_length=60, unique=True)
    label = models.CharField(max_length=120)
    value = models.CharField(max_length=60)
    detail = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    source_note = models.CharField(max_length=300)

    class Meta:
        ordering = ["position", "label"]

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"


class ChecklistArea(TaxonomyItem):
    """A group of the core knowledge checklist; its key is what questions list in checklist_areas."""

    summary = models.TextField(blank=True)
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="checklist_areas",
        help_text="The practice category closest to this area.",
    )

    class Meta(TaxonomyItem.Meta):
        pass


class ChecklistItem(models.Model):
    area = models.ForeignKey(ChecklistArea, on_delete=models.CASCADE, related_name="items")
    key = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=120)
    description = models.TextField()
    tags = models.JSONField(default=list, blank=True, help_text="Question tags that find related questions.")
    position = models.PositiveSmallIntegerField(default=0)
    source_note = models.CharField(max_length=300)

    class Meta:
        ordering = ["area__position", "position"]

    def __str__(self) -> str:
        return self.title


class ChecklistTick(models.Model):
    """A candidate's mark that they can explain a checklist item."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checklist_ticks")
    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="ticks")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "item"], name="unique_tick_per_user_and_item")]

    def __str__(self) -> str:
        return f"{self.user} ticked {self.item}"
