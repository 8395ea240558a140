"""Background jobs that import an uploaded file: the model fields and the worker protocol shared by question imports
(moderation.ImportJob) and large bank files (banks.BankImport).

A job is saved with its bytes, then handed to the broker once committed. A worker claims it with a conditional
update; each batch it commits renews the claim and records progress in the same conditional update, so a worker
whose claim was taken over (it was slower than IMPORT_CLAIM_TIMEOUT_SECONDS) rolls its batch back and stops. The
sweep re-sends jobs the broker never took and jobs whose worker died; they resume after the last committed batch.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

logger = logging.getLogger(__name__)

STALE_BATCH = 100


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class BackgroundJob(models.Model):
    """The fields every import job has. Subclasses name their progress counters in PROGRESS_FIELDS
    (processed, total)."""

    Status = JobStatus
    PROGRESS_FIELDS: tuple[str, str]

    filename = models.CharField(max_length=255)
    content = models.BinaryField()
    size_bytes = models.PositiveBigIntegerField(default=0)
    status = models.CharField(max_length=10, choices=JobStatus, default=JobStatus.QUEUED, db_index=True)
    message = models.TextField(blank=True, help_text="Why the job failed, or its summary and warnings.")
    enqueued_at = models.DateTimeField(null=True, blank=True, help_text="Last time the job reached the broker.")
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in {JobStatus.DONE, JobStatus.FAILED}

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        processed, total = (getattr(self, name) for name in self.PROGRESS_FIELDS)
        return int(100 * processed / total) if total else 0


class ClaimLost(Exception):
    """Another worker took the job over (this one was slower than IMPORT_CLAIM_TIMEOUT_SECONDS between batches)."""


def _stale_before():
    return timezone.now() - timedelta(seconds=settings.IMPORT_CLAIM_TIMEOUT_SECONDS)


def job_enqueue(*, model: type[BackgroundJob], job_id: int, task) -> bool:
    """Send the job to the broker. A broker that is down leaves it queued; the sweep sends it again later."""
    try:
        task.apply_async(args=[job_id])
    except Exception:  # kombu raises several unrelated types for an unreachable broker
        logger.warning("Broker unreachable: %s %s stays queued for the sweep", model.__name__, job_id, exc_info=True)
        return False
    model.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(enqueued_at=timezone.now())
    return True


def jobs_stale(*, model: type[BackgroundJob]) -> list[int]:
    """Jobs the broker never took (it was down at upload) and jobs whose worker died mid-run, a batch at a time."""
    waiting = model.objects.filter(
        Q(status=JobStatus.QUEUED, enqueued_at__isnull=True)
        | Q(status=JobStatus.RUNNING, claimed_at__lt=_stale_before())
    ).values_list("pk", flat=True)
    return list(waiting[:STALE_BATCH])


def job_claim(*, model: type[BackgroundJob], job_id: int) -> bool:
    """Only one worker runs a job; a claim older than IMPORT_CLAIM_TIMEOUT_SECONDS (a worker that died) can be
    taken over."""
    claimable = Q(status=JobStatus.QUEUED) | Q(status=JobStatus.RUNNING, claimed_at__lt=_stale_before())
    return model.objects.filter(claimable, pk=job_id).update(status=JobStatus.RUNNING, claimed_at=timezone.now()) == 1


def job_heartbeat(job: BackgroundJob, **progress) -> None:
    """Record progress and renew the claim, inside the batch's transaction; raises ClaimLost (rolling the batch
    back) when another worker holds the job now."""
    now = timezone.now()
    if not type(job).objects.filter(pk=job.pk, claimed_at=job.claimed_at).update(claimed_at=now, **progress):
        raise ClaimLost
    job.claimed_at = now
    for name, value in progress.items():
        setattr(job, name, value)


def job_finish(job: BackgroundJob, status: str, message: str) -> BackgroundJob:
    job.status, job.message, job.finished_at = status, message, timezone.now()
    type(job).objects.filter(pk=job.pk).update(status=status, message=message, finished_at=job.finished_at)
    return job
