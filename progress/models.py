from django.conf import settings
from django.db import models
from django.utils import timezone

from playbook.models import Category, Level, RoleTrack
from practice.models import Grade
from questions.models import Question


class Profile(models.Model):
    """What the candidate is aiming for; the dashboard ranks categories for this role track."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="progress_profile")
    target_role_track = models.ForeignKey(RoleTrack, null=True, blank=True, on_delete=models.SET_NULL,
                                          related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user} · {self.target_role_track or 'no target track'}"


class ReviewCardQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(user=user)

    def reviewable(self):
        """Cards of questions still published: an archived question is never brought back."""
        return self.filter(question__status=Question.Status.PUBLISHED)

    def due(self, now=None):
        return self.reviewable().filter(due__lte=now or timezone.now())


class ReviewCard(models.Model):
    """One question in one candidate's spaced-repetition deck, rescheduled by FSRS after every graded answer."""

    class Rating(models.IntegerChoices):  # the values of fsrs.Rating
        AGAIN = 1, "Again"
        HARD = 2, "Hard"
        GOOD = 3, "Good"
        EASY = 4, "Easy"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_cards")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="+",
                              help_text="The level of the session the question was last answered in.")
    fsrs_card = models.JSONField(help_text="fsrs.Card.to_dict(): state, step, stability, difficulty, due.")
    due = models.DateTimeField()
    last_score = models.DecimalField(max_digits=2, decimal_places=1)
    last_rating = models.PositiveSmallIntegerField(choices=Rating)
    last_reviewed_at = models.DateTimeField()
    review_count = models.PositiveIntegerField(default=0)

    objects = ReviewCardQuerySet.as_manager()

    class Meta:
        ordering = ["due"]
        constraints = [models.UniqueConstraint(fields=["user", "question"], name="one_review_card_per_question")]
        indexes = [models.Index(fields=["user", "due"], name="review_card_user_due")]

    def __str__(self) -> str:
        return f"{self.user} · {self.question} · due {self.due:%Y-%m-%d}"


class CardReview(models.Model):
    """A graded answer applied to its card. One per grade, so the same grade never reschedules a card twice."""

    grade = models.OneToOneField(Grade, on_delete=models.CASCADE, related_name="card_review")
    card = models.ForeignKey(ReviewCard, on_delete=models.CASCADE, related_name="reviews")
    score = models.DecimalField(max_digits=2, decimal_places=1)
    rating = models.PositiveSmallIntegerField(choices=ReviewCard.Rating)
    reviewed_at = models.DateTimeField()
    due = models.DateTimeField(help_text="When this review scheduled the card next.")

    class Meta:
        ordering = ["reviewed_at"]

    def __str__(self) -> str:
        return f"{self.card} · {self.get_rating_display()} at {self.reviewed_at:%Y-%m-%d}"


class ProgressCell(models.Model):
    """A candidate's graded attempts in one category x level, summed as each grade is saved (in the grade's
    transaction), so the dashboard reads a few rows whatever the length of the history. Rebuilt from the grades by
    `manage.py rebuild_progress`."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="+")
    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="+")
    answers = models.PositiveIntegerField(default=0)
    overall_sum = models.DecimalField(max_digits=12, decimal_places=1, default=0)
    # Dimension scores may be absent (a rubric without that kind of item): each has its own count.
    key_points_sum = models.DecimalField(max_digits=12, decimal_places=1, default=0)
    key_points_count = models.PositiveIntegerField(default=0)
    trade_offs_sum = models.DecimalField(max_digits=12, decimal_places=1, default=0)
    trade_offs_count = models.PositiveIntegerField(default=0)
    failure_modes_sum = models.DecimalField(max_digits=12, decimal_places=1, default=0)
    failure_modes_count = models.PositiveIntegerField(default=0)
    clarity_sum = models.DecimalField(max_digits=12, decimal_places=1, default=0)
    # The latest attempts, newest first, at most RECENT_KEPT: [submitted_at ISO, grade id, overall].
    latest = models.JSONField(default=list)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "category", "level"], name="one_progress_cell")]


class QuestionProgress(models.Model):
    """A candidate's graded attempts at one question: what the target track's means are read from."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="+")
    answers = models.PositiveIntegerField(default=0)
    overall_sum = models.DecimalField(max_digits=12, decimal_places=1, default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "question"], name="one_question_progress")]


class DayProgress(models.Model):
    """A candidate's graded attempts submitted on one day (in TIME_ZONE, UTC): which days the score chart reads the
    grades of (it draws the reader's own days, so it sums those grades itself; see `Dashboard.score_chart`)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    answers = models.PositiveIntegerField(default=0)
    overall_sum = models.DecimalField(max_digits=12, decimal_places=1, default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="one_day_progress")]
