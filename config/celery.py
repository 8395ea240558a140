import os
from pathlib import Path

from celery import Celery
from celery.signals import worker_init, worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("playbook")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def prepare(sender: Celery, **kwargs) -> None:
    from django.conf import settings

    # kombu's filesystem transport fails on the first send unless its folders exist.
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        folder = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get(key)
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
    sender.add_periodic_task(
        settings.GRADING_SWEEP_INTERVAL_SECONDS,
        sender.signature("practice.tasks.sweep_stale_answers"),
        name="re-enqueue answers left queued",
    )
    sender.add_periodic_task(
        60, sender.signature("moderation.tasks.sweep_stale_imports"), name="re-enqueue imports left queued"
    )
    sender.add_periodic_task(
        60, sender.signature("banks.tasks.sweep_stale_bank_imports"), name="re-enqueue bank file imports left queued"
    )
    sender.add_periodic_task(
        24 * 60 * 60,
        sender.signature("accounts.tasks.purge_old_answer_texts"),
        name="blank answer texts older than ANSWER_RETENTION_DAYS",
    )


@worker_init.connect
@worker_process_init.connect
def warm_up_grader(**kwargs) -> None:
    """Load the offline grader's sentence-embedding and language models (about 0.5 s each) when a worker starts, so
    no candidate's first answer waits for them. worker_init covers the solo and threads pools and loads them in the
    prefork parent, whose children inherit them; worker_process_init covers a child that starts without them
    (warm_up is a no-op once loaded)."""
    from practice.grading import language, semantic

    semantic.warm_up()
    language.warm_up()
