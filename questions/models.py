from django.conf import settings
from django.db import models

from playbook.models import Category, Level, RoleTrack

from .markdown import RenderedMarkdownField


class Tag(models.Model):
    name = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Question.Status.PUBLISHED)

    def for_cell(self, *, category: Category, level: Level, role_track: RoleTrack | None = None):
        """Published questions of one category x level cell, optionally narrowed to a role track."""
        queryset = self.published().filter(category=category, levels=level)
        if role_track is not None:
            queryset = queryset.filter(role_tracks=role_track)
        return queryset.distinct()


class Question(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PENDING_REVIEW = "pending_review", "Pending review"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    class SourceKind(models.TextChoices):
        REAL_INTERVIEW = "real_interview", "Reported from a real interview"
        RESEARCH = "research", "Written from interview research"
        ORIGINAL = "original", "Original"
        REDDIT = "reddit", "Reddit"
        TWITTER = "twitter", "Twitter / X"
        INSTRUCTOR = "instructor", "Instructor"
        OTHER = "other", "Other"

    key = models.SlugField(max_length=120, unique=True, help_text="Stable identifier used by content files.")
    title = models.CharField(max_length=200)
    prompt = models.TextField(help_text="Markdown.")
    prompt_html = RenderedMarkdownField()
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="questions")
    levels = models.ManyToManyField(Level, related_name="questions")
    role_tracks = models.ManyToManyField(RoleTrack, related_name="questions", blank=True)
    tags = models.ManyToManyField(Tag, related_name="questions", blank=True)
    checklist_areas = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=20, choices=Status, default=Status.DRAFT, db_index=True)
    model_answer = models.TextField(blank=True, help_text="Markdown; shown after the candidate answers.")
    model_answer_html = RenderedMarkdownField()
    grader_guidance = models.TextField(
        blank=True, help_text="The author's note to the grader: what to be strict or lenient about."
    )
    rubric_version = models.PositiveIntegerField(default=1)
    source_kind = models.CharField(max_length=20, choices=SourceKind, default=SourceKind.ORIGINAL)
    source_url = models.URLField(max_length=500, blank=True)
    source_note = models.CharField(max_length=500, blank=True)
    # Digest of the content file entry last loaded into this row; load_content compares it to spot edits made in
    # the app, which it then leaves alone.
    loaded_digest = models.CharField(max_length=64, blank=True)
    # How many times the question was reported (its sightings); kept on the row so the practice page shows it
    # without a query of its own.
    sighting_count = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["category__position", "title"]

    def __str__(self) -> str:
        return self.title


class RubricItem(models.Model):
    class Kind(models.TextChoices):
        KEY_POINT = "key_point", "Key point"
        TRADE_OFF = "trade_off", "Trade-off"
        FAILURE_MODE = "failure_mode", "Failure mode"

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="rubric_items")
    kind = models.CharField(max_length=20, choices=Kind)
    text = models.TextField()
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["question", "position"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"


class QuestionRevision(models.Model):
    """The question as it stood at one rubric version. Grades keep the version they were graded against, so the
    history shows which rubric each grade used."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="revisions")
    rubric_version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    prompt = models.TextField()
    model_answer = models.TextField(blank=True)
    grader_guidance = models.TextField(blank=True)
    rubric = models.JSONField(default=list, help_text='[{"kind": "key_point", "text": "..."}, ...]')
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["question", "-rubric_version"]
        constraints = [
            models.UniqueConstraint(fields=["question", "rubric_version"], name="one_revision_per_rubric_version"),
        ]

    def __str__(self) -> str:
        return f"{self.question_id} v{self.rubric_version}"


class Sighting(models.Model):
    """One report of a question being asked: a post or tweet, where and when, at which company and for which role.

    Imports record one for each question they create and one more each time a later post asks the same question,
    so candidates can see how often it really comes up."""

    class Platform(models.TextChoices):
        REDDIT = "reddit", "Reddit"
        X = "x", "X (Twitter)"
        BLOG = "blog", "Blog"
        OTHER = "other", "Other"

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="sightings")
    platform = models.CharField(max_length=10, choices=Platform, default=Platform.OTHER)
    url = models.URLField(max_length=500, blank=True)
    posted_at = models.DateTimeField(null=True, blank=True)
    company = models.CharField(max_length=100, blank=True)
    role = models.CharField(max_length=100, blank=True)
    text = models.TextField(help_text="The question as the post worded it.")
    note = models.CharField(max_length=500, blank=True)
    # The same post imported twice has the same fingerprint, so it is never counted twice.
    fingerprint = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["question", "-posted_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["question", "fingerprint"], name="one_sighting_per_report")]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} {self.url or self.text[:40]}"
