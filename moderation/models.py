from django.conf import settings
from django.db import models

from playbook.jobs import BackgroundJob
from playbook.models import Category, Level
from questions.models import Question, Sighting

from .parsing import POST_FORMATS


class ImportJob(BackgroundJob):
    """One uploaded file (or one `import_questions` run) and its progress. The bytes are kept in the database so
    whichever worker runs the import can read them."""

    PROGRESS_FIELDS = ("processed_rows", "total_rows")

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    detected_format = models.CharField(max_length=60, blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)

    @property
    def row_unit(self) -> str:
        """What one of `total_rows` is: a post of Reddit or X, or a row of our own format (also of a file not read
        yet, or of a JSONL file that mixes the two)."""
        return "post" if self.detected_format in POST_FORMATS else "row"


class ImportPost(models.Model):
    """A Reddit or X post as the reader read it (title and body, capped at IMPORT_MAX_ROW_CHARS), kept so a moderator
    can check what was read from it and add the questions the reader missed."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="posts")
    row_number = models.PositiveIntegerField()
    text = models.TextField()
    platform = models.CharField(max_length=10, choices=Sighting.Platform, default=Sighting.Platform.OTHER)
    url = models.URLField(max_length=500, blank=True)
    posted_at = models.DateTimeField(null=True, blank=True)
    company = models.CharField(max_length=100, blank=True)
    role = models.CharField(max_length=100, blank=True)
    level = models.CharField(max_length=60, blank=True, help_text="As the row or the reader gave it.")
    notes = models.CharField(max_length=500, blank=True, help_text="What the import noted of the post (community, "
                                                                   "round), for the questions added from it.")

    class Meta:
        ordering = ["job", "row_number"]
        constraints = [models.UniqueConstraint(fields=["job", "row_number"], name="one_post_per_row")]

    def __str__(self) -> str:
        return f"{self.job_id} row {self.row_number}"


FLAG_LABELS = {
    "prompt_injection": "the post holds text addressed to a model (prompt injection)",
    "unsupported_span": "the reader gave evidence the post does not contain, and that question was dropped",
    "llm_failed": "the LLM could not read the post, so the offline rules did",
}
# An imported row's message; a warning about the row follows it after "; " ("imported for review; level 'expert' is
# unknown, so one was suggested").
IMPORTED_MESSAGE = "imported for review"


class ImportRowQuerySet(models.QuerySet):
    def pending_review(self):
        return self.filter(outcome=ImportRow.Outcome.IMPORTED, review_status=ImportRow.Review.PENDING)


class ImportRow(models.Model):
    """What happened to one question of one input row: imported (and then its review), a duplicate of an
    existing question, skipped, or an error."""

    class Outcome(models.TextChoices):
        IMPORTED = "imported", "Imported for review"
        DUPLICATE = "duplicate", "Duplicate"
        NEAR_DUPLICATE = "near_duplicate", "Near-duplicate"
        SKIPPED = "skipped", "Skipped"
        ERROR = "error", "Error"

    class Review(models.TextChoices):
        PENDING = "pending", "Pending review"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"
        MERGED = "merged", "Merged"

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="rows")
    row_number = models.PositiveIntegerField(help_text="CSV: spreadsheet row; JSONL: line; JSON: position from 1.")
    part = models.PositiveSmallIntegerField(default=1, help_text="Which question of the row's post.")
    outcome = models.CharField(max_length=20, choices=Outcome)
    message = models.TextField(blank=True)
    text = models.TextField(blank=True, help_text="The question as found in the row (cut short for errors).")
    question = models.ForeignKey(Question, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="import_rows", help_text="The question created, or the one matched.")
    similarity = models.PositiveSmallIntegerField(null=True, blank=True)
    nearest = models.ForeignKey(Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                help_text="The most similar existing question, suggested as a merge target.")
    nearest_similarity = models.PositiveSmallIntegerField(null=True, blank=True)
    category_from_row = models.BooleanField(default=False)
    level_from_row = models.BooleanField(default=False)
    suggested_category = models.ForeignKey(Category, null=True, blank=True, on_delete=models.SET_NULL,
                                           related_name="+")
    category_confidence = models.FloatField(null=True, blank=True)
    suggested_level = models.ForeignKey(Level, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    level_confidence = models.FloatField(null=True, blank=True)
    review_status = models.CharField(max_length=10, choices=Review, blank=True, db_index=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey(Question, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    evidence = models.TextField(blank=True, help_text="The words of the post the question was read from.")
    evidence_start = models.PositiveIntegerField(null=True, blank=True,
                                                 help_text="Character offset of the evidence in the post's text.")
    evidence_end = models.PositiveIntegerField(null=True, blank=True)
    reader = models.CharField(max_length=80, blank=True, help_text="What read the post: the rules or an LLM.")
    interview_round = models.CharField(max_length=100, blank=True)
    flags = models.CharField(max_length=200, blank=True, help_text="Comma-separated, e.g. prompt_injection.")
    rubric_drafted = models.BooleanField(default=False, help_text="The rubric and model answer were drafted by the "
                                                                  "LLM and not yet saved by a moderator.")

    objects = ImportRowQuerySet.as_manager()

    class Meta:
        ordering = ["job", "row_number", "part"]
        constraints = [models.UniqueConstraint(fields=["job", "row_number", "part"], name="one_result_per_row_part")]
        indexes = [models.Index(fields=["outcome", "review_status"])]

    def __str__(self) -> str:
        return f"{self.job_id} row {self.row_number}.{self.part}: {self.outcome}"

    @property
    def flag_labels(self) -> list[str]:
        """The row's flags in words, for the queue and the item page."""
        return [FLAG_LABELS.get(flag, flag.replace("_", " ")) for flag in self.flags.split(",") if flag]
