from celery import shared_task

from . import services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def import_bank_file(job_id: int) -> None:
    """Import one large bank file. Safe to receive twice: the job is claimed with a conditional update, and a job
    whose worker died resumes after its last committed batch."""
    services.bank_import_job_run(job_id=job_id)


@shared_task
def sweep_stale_bank_imports() -> int:
    return services.bank_import_jobs_requeue_stale()
