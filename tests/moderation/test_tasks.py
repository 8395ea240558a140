from datetime import timedelta

from django.utils import timezone
from kombu.exceptions import OperationalError

from moderation import services
from moderation.models import ImportJob
from moderation.tasks import import_questions_job, sweep_stale_imports
from tests.moderation import samples

DATA = samples.own_json({"text": "What does a reranker add to retrieval?"})


def test_the_task_imports_the_job_and_a_second_delivery_does_nothing(bank):
    job = services.import_job_create(filename="q.json", data=DATA)
    import_questions_job.run(job.pk)
    import_questions_job.run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.processed_rows, job.rows.count()) == ("done", 1, 1)


def test_a_job_is_enqueued_only_after_it_is_committed(bank, enqueue_import, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = services.import_job_create(filename="q.json", data=DATA, enqueue=True)
        enqueue_import.assert_not_called()
    for callback in callbacks:
        callback()
    enqueue_import.assert_called_once_with(args=[job.pk])


def test_with_the_broker_down_the_job_waits_and_the_sweep_sends_it_later(bank, enqueue_import,
                                                                         django_capture_on_commit_callbacks):
    enqueue_import.side_effect = OperationalError("[Errno 111] Connection refused")
    with django_capture_on_commit_callbacks(execute=True):
        job = services.import_job_create(filename="q.json", data=DATA, enqueue=True)
    job.refresh_from_db()
    assert (job.status, job.enqueued_at) == ("queued", None)

    enqueue_import.side_effect = None
    assert sweep_stale_imports.run() == 1
    job.refresh_from_db()
    assert job.enqueued_at is not None
    assert sweep_stale_imports.run() == 0  # sent once; a busy worker is not flooded with copies


def test_the_sweep_resends_a_job_whose_worker_died(bank, enqueue_import):
    job = services.import_job_create(filename="q.json", data=DATA)
    ImportJob.objects.filter(pk=job.pk).update(status="running", claimed_at=timezone.now() - timedelta(hours=1))
    assert sweep_stale_imports.run() == 1
    enqueue_import.assert_called_once_with(args=[job.pk])
