from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from playbook.models import Category, Level, RoleTrack
from questions.models import Question


def opened_q(prefix: str = "") -> models.Q:
    """Sessions the candidate has opened: a mock-loop round's questions count once the round is started. `prefix`
    reaches the session through a relation (`"session__"` from its questions)."""
    return models.Q(**{f"{prefix}mock_round__isnull": True}) | models.Q(
        **{f"{prefix}mock_round__started_at__isnull": False})


class PracticeSessionQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(user=user)

    def with_titles(self):
        """Everything `PracticeSession.title` reads, joined in: the round or take-home a session belongs to."""
        return self.select_related(*TITLE_RELATIONS)

    def opened(self):
        return self.filter(opened_q())


TITLE_RELATIONS = ("category", "level", "role_track", "mock_round__loop_round", "take_home_attempt__brief")


class PracticeSession(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="practice_sessions")
    category = models.ForeignKey(Category, on_delete=models.PROTECT)
    level = models.ForeignKey(Level, on_delete=models.PROTECT)
    role_track = models.ForeignKey(RoleTrack, null=True, blank=True, on_delete=models.PROTECT)
    asks_follow_ups = models.BooleanField(
        default=False, help_text="After each graded answer the interviewer asks one follow-up (mock loops, senior+)."
    )
    label = models.CharField(
        max_length=220, blank=True, default="",  # "Bank: " and a bank's title of up to 200 characters
        help_text="What the session gathers when its questions may span categories (a bank, due reviews); "
                  "blank for a category session.",
    )
    question_count = models.PositiveSmallIntegerField(
        default=0, help_text="Questions the session was built with (follow-ups not counted); set when it is built."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PracticeSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at", "-id"], name="session_user_created")]

    def __str__(self) -> str:
        return f"{self.user} · {self.category} · {self.level}"

    @property
    def title(self) -> str:
        """What the session is, in the candidate's words. A take-home README review and a mock-loop round carry a
        category only because every session does (their first question's); they are named for what they are."""
        attempt = getattr(self, "take_home_attempt", None)
        if attempt is not None:
            return f"Take-home README review: {attempt.brief.title}"
        mock_round = getattr(self, "mock_round", None)
        if mock_round is not None:
            return f"Mock loop round {mock_round.position}: {mock_round.loop_round.title}"
        return self.label or self.category.name

    @property
    def spans_categories(self) -> bool:
        """Its questions may come from several categories, so each is labelled with its own."""
        return bool(self.label) or getattr(self, "mock_round", None) is not None


class SessionQuestion(models.Model):
    """A question's place in a session; at most one answer each, so a double submit cannot duplicate it.

    A follow-up is a session question of its own, attached to the one it follows (no position of its own): the
    interviewer's prompt and the one rubric item it probes, which is all its answer is graded against.
    """

    session = models.ForeignKey(PracticeSession, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(null=True, blank=True)
    shown_at = models.DateTimeField(null=True, blank=True)
    skipped_at = models.DateTimeField(
        null=True, blank=True, help_text="Skipped without an answer: no grade, no review card, in no progress figure."
    )
    follow_up_of = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="follow_up"
    )
    follow_up_prompt = models.TextField(blank=True)
    focus_kind = models.CharField(max_length=20, blank=True)
    focus_text = models.TextField(blank=True)
    follow_up_writer = models.CharField(max_length=20, blank=True, help_text="offline or openai")

    class Meta:
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="one_question_per_position"),
            models.UniqueConstraint(
                fields=["session", "question"],
                condition=models.Q(follow_up_of__isnull=True),
                name="question_once_per_session",
            ),
        ]

    def get_absolute_url(self) -> str:
        if self.is_follow_up:
            return reverse("practice:follow_up", args=[self.session_id, self.follow_up_of.position])
        return reverse("practice:question", args=[self.session_id, self.position])

    @property
    def is_follow_up(self) -> bool:
        return self.follow_up_of_id is not None

    @property
    def is_open(self) -> bool:
        """Neither answered nor skipped: where "continue" takes the candidate. Reads the answer loaded with it."""
        return self.skipped_at is None and not hasattr(self, "answer")


class Answer(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        GRADING = "grading", "Grading"
        GRADED = "graded", "Graded"
        FAILED = "failed", "Failed"

    session_question = models.OneToOneField(SessionQuestion, on_delete=models.CASCADE, related_name="answer")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    text = models.TextField(help_text="Stored verbatim.")
    time_spent_seconds = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED, db_index=True)
    submitted_at = models.DateTimeField(auto_now_add=True, db_index=True)
    enqueued_at = models.DateTimeField(null=True, blank=True, help_text="Last time grading reached the broker.")
    claimed_at = models.DateTimeField(null=True, blank=True, help_text="When a worker started grading.")
    attempts = models.PositiveSmallIntegerField(default=0)
    regrades = models.PositiveSmallIntegerField(default=0, help_text="Times the candidate asked to grade it again.")
    failure_message = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["user", "submitted_at"], name="answer_user_submitted")]

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.GRADED, self.Status.FAILED}

    @property
    def grading_delayed(self) -> bool:
        """Queued but never handed to the broker, or handed to it and not taken by a worker for longer than the sweep
        waits (no worker is running), or claimed by a worker that stopped renewing its claim (it died): the sweep
        hands the answer to a worker again when there is one."""
        if self.status == self.Status.QUEUED:
            return self.enqueued_at is None or (
                (timezone.now() - self.enqueued_at).total_seconds() > settings.GRADING_STALE_AFTER_SECONDS)
        if self.status == self.Status.GRADING and self.claimed_at is not None:
            silent_for = (timezone.now() - self.claimed_at).total_seconds()
            return silent_for > 2 * settings.GRADING_HEARTBEAT_SECONDS
        return False

    @property
    def can_regrade(self) -> bool:
        return self.status == self.Status.FAILED and self.regrades < settings.GRADING_MAX_REGRADES


class Grade(models.Model):
    class Clarity(models.TextChoices):
        CLEAR = "clear", "Clear"
        ADEQUATE = "adequate", "Adequate"
        UNCLEAR = "unclear", "Unclear"

    class Fallback(models.TextChoices):
        USER_BUDGET = "user_budget", "your daily LLM grading budget is used up"
        SITE_BUDGET = "site_budget", "the site's daily LLM grading budget is used up"

    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="grade")
    grader = models.CharField(max_length=20)
    model = models.CharField(max_length=100, blank=True)
    prompt_version = models.CharField(max_length=40)
    rubric_version = models.PositiveIntegerField()
    overall = models.DecimalField(max_digits=2, decimal_places=1)
    key_points = models.DecimalField(max_digits=2, decimal_places=1, null=True)
    trade_offs = models.DecimalField(max_digits=2, decimal_places=1, null=True)
    failure_modes = models.DecimalField(max_digits=2, decimal_places=1, null=True)
    clarity = models.DecimalField(max_digits=2, decimal_places=1)
    clarity_verdict = models.CharField(max_length=10, choices=Clarity)
    feedback = models.TextField()
    # The rubric as graded, item by item: kind, text, verdict, evidence, note. A snapshot, so a later rubric edit
    # never changes what this grade shows.
    items = models.JSONField(default=list)
    flags = models.JSONField(default=list, help_text="For example prompt_injection, rubric_copy.")
    input_tokens = models.PositiveIntegerField(default=0)
    output_tokens = models.PositiveIntegerField(default=0)
    cost_usd = models.DecimalField(max_digits=10, decimal_places=6, default=0)
    latency_ms = models.PositiveIntegerField(default=0)
    # Same question and rubric version, answer text, grader, model and prompt version: same key. A new answer with
    # a key already graded reuses that grade instead of calling the model again.
    request_key = models.CharField(max_length=64, db_index=True, blank=True)
    reused = models.BooleanField(default=False, help_text="Copied from an identical earlier request.")
    fallback = models.CharField(max_length=20, choices=Fallback, blank=True,
                                help_text="Why the offline grader stood in for the configured LLM grader.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)


class HumanGrade(models.Model):
    """A staff member's score for an answer: the reference that graders are measured against."""

    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="human_grade")
    score = models.DecimalField(max_digits=2, decimal_places=1)
    note = models.CharField(max_length=500, blank=True)
    graded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True, db_index=True)


class GradeDisputeQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)

    def for_staff(self):
        """Everything the staff queue and decision page show: the question, the answer, its grade and who filed,
        and the decision as it stands."""
        return self.select_related("grade__answer__question", "grade__answer__user", "resolved_by").with_decision()

    def with_decision(self):
        """The staff decision as it stands, joined in the same query: the answer's human grade, which a resolution
        writes and staff may change later on the answer's page (see `GradeDispute.decision_score`)."""
        human_grade = "grade__answer__human_grade__"
        return self.annotate(human_score=models.F(f"{human_grade}score"), human_note=models.F(f"{human_grade}note"),
                             human_scored_at=models.F(f"{human_grade}updated_at"))


class GradeDispute(models.Model):
    """A candidate's "I disagree with this grade", with one sentence of why, until staff resolve it.

    Staff resolve it with a score of their own, which is recorded as the answer's HumanGrade (the reference the
    grader-quality page measures graders against). The grade itself is kept as the grader gave it.

    The HumanGrade is the one truth of the decision: staff may change it later on the answer's page, and every
    place that shows the decision reads it from there (`GradeDisputeQuerySet.with_decision`). `staff_score` and
    `staff_note` keep what staff said when they resolved the dispute, so a later change shows as one.
    """

    REASON_MAX_LENGTH = 300

    grade = models.ForeignKey(Grade, on_delete=models.CASCADE, related_name="disputes")
    reason = models.CharField(max_length=REASON_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    staff_score = models.DecimalField(max_digits=2, decimal_places=1, null=True, blank=True)
    staff_note = models.CharField(max_length=500, blank=True)

    objects = GradeDisputeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["grade"], condition=models.Q(resolved_at__isnull=True), name="one_open_dispute_per_grade"
            ),
        ]
        indexes = [models.Index(fields=["resolved_at", "created_at"], name="dispute_queue")]

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None

    # The properties below need the row read `with_decision()`. Without the human grade (deleted in the admin) the
    # decision is what staff said when they resolved the dispute.

    @property
    def decision_score(self) -> Decimal | None:
        """The staff score as it stands now; None while the dispute is open. The note the candidate reads stays the
        one given with the decision (`staff_note`): a human grade's note is written for measuring graders."""
        if self.is_open:
            return None
        return self.human_score if self.human_score is not None else self.staff_score

    @property
    def decision_changed(self) -> bool:
        """Staff changed the answer's human grade to another score after resolving the dispute."""
        return not self.is_open and self.human_score is not None and self.human_score != self.staff_score

    @property
    def decision_changed_at(self):
        return self.human_scored_at if self.decision_changed else None

    @property
    def score_changed(self) -> bool:
        """The decision differs from the grader's score."""
        return self.decision_score is not None and self.decision_score != self.grade.overall


class MockLoopQuerySet(models.QuerySet):
    def owned_by(self, user):
        return self.filter(user=user)

    def open(self):
        """Loops with a round of questions still to finish that the candidate has not ended: the ones offered to
        continue, and the ones starting the same loop again leads back to."""
        return self.filter(open_loop_q())

    def done_but_not_ended(self):
        """Loops not ended yet whose every written round is finished: a loop whose last round was just finished."""
        return self.filter(ended_at__isnull=True).exclude(models.Exists(_unfinished_rounds()))


def _unfinished_rounds() -> models.QuerySet:
    return MockRound.objects.filter(mock_loop=models.OuterRef("pk"), session__isnull=False, finished_at__isnull=True)


def open_loop_q() -> models.Q:
    """What makes a mock loop open, for a filter or an annotation (the list of loops sorts open ones first)."""
    return models.Q(models.Exists(_unfinished_rounds()), ended_at__isnull=True)


class MockLoop(models.Model):
    """A rehearsal of a whole interview loop at one level: each round in order, against the clock."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mock_loops")
    loop = models.ForeignKey("playbook.InterviewLoop", on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey(Level, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(
        null=True, blank=True,
        help_text="When the loop ended: its last round was finished, or the candidate ended it early.",
    )
    ended_early = models.BooleanField(
        default=False, help_text="Ended by the candidate (End this loop) before every round was finished."
    )

    objects = MockLoopQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} · {self.loop} · {self.level}"


class MockRound(models.Model):
    """One round of a mock loop. A round that free text cannot rehearse has no session and shows advice."""

    mock_loop = models.ForeignKey(MockLoop, on_delete=models.CASCADE, related_name="rounds")
    loop_round = models.ForeignKey("playbook.LoopRound", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    session = models.OneToOneField(
        PracticeSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="mock_round"
    )
    time_limit_seconds = models.PositiveIntegerField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["mock_loop", "position"]
        constraints = [models.UniqueConstraint(fields=["mock_loop", "position"], name="one_mock_round_per_position")]

    def __str__(self) -> str:
        return f"{self.mock_loop} · round {self.position}"
