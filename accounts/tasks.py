from celery import shared_task
from django.conf import settings

from . import services


@shared_task
def purge_old_answer_texts() -> int:
    """Daily: blank answer texts older than ANSWER_RETENTION_DAYS. Idempotent, so a repeated run does no harm."""
    return services.answer_texts_purge(older_than_days=settings.ANSWER_RETENTION_DAYS)
