import secrets

from django.conf import settings
from django.db import models

from playbook.jobs import BackgroundJob
from questions.markdown import RenderedMarkdownField
from questions.models import Question


def new_share_token() -> str:
    return secrets.token_urlsafe(16)


class BankQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(owner=user)

    def active(self):
        return self.filter(status=Bank.Status.ACTIVE)

    def shared(self):
        """Banks a candidate may open: by their secret link, or published to everyone."""
        return self.active().filter(visibility__in=[Bank.Visibility.LINK, Bank.Visibility.PUBLIC])

    def public(self):
        return self.active().filter(visibility=Bank.Visibility.PUBLIC)


class Bank(models.Model):
    """An instructor's curated, ordered list of questions, which candidates can practise like a category."""

    class Visibility(models.TextChoices):
        PRIVATE = "private", "Private: only you"
        LINK = "link", "Anyone with the secret link"
        PUBLIC = "public", "Published to every candidate"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        ARCHIVED = "archived", "Archived"

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="banks")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="Markdown, shown to candidates.")
    description_html = RenderedMarkdownField()
    visibility = models.CharField(max_length=10, choices=Visibility, default=Visibility.PRIVATE)
    status = models.CharField(max_length=10, choices=Status, default=Status.ACTIVE)
    share_token = models.CharField(max_length=40, unique=True, default=new_share_token)
    position = models.PositiveIntegerField(default=0, help_text="Order in the owner's list.")
    questions = models.ManyToManyField(Question, through="BankQuestion", related_name="banks")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BankQuerySet.as_manager()

    class Meta:
        ordering = ["owner", "position", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_shared(self) -> bool:
        return self.status == self.Status.ACTIVE and self.visibility != self.Visibility.PRIVATE


class BankQuestion(models.Model):
    bank = models.ForeignKey(Bank, on_delete=models.CASCADE, related_name="entries")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="bank_entries")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["bank", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["bank", "question"], name="question_once_per_bank")]

    def __str__(self) -> str:
        return f"{self.bank_id} #{self.position}: {self.question_id}"


class BankImport(BackgroundJob):
    """A bank file too large to import inside the request (over BANK_FILE_SYNC_MAX_BYTES), imported by a worker.
    The bytes are kept in the database so whichever worker runs it can read them."""

    PROGRESS_FIELDS = ("processed_questions", "total_questions")

    bank = models.ForeignKey(Bank, on_delete=models.CASCADE, related_name="imports")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    total_questions = models.PositiveIntegerField(default=0)
    processed_questions = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True, help_text="Keys created, updated, unchanged, linked so far.")
