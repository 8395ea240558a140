"""While a worker grades an answer it renews its claim, so a claim that stops being renewed means the worker died
and another one may take the answer over after GRADING_CLAIM_TIMEOUT_SECONDS, not after the longest grading."""

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import connections
from django.utils import timezone

from .models import Answer

logger = logging.getLogger(__name__)


@contextmanager
def claim_heartbeat(*, answer_id: int) -> Iterator[None]:
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(settings.GRADING_HEARTBEAT_SECONDS):
                try:
                    renewed = Answer.objects.filter(pk=answer_id, status=Answer.Status.GRADING).update(
                        claimed_at=timezone.now()
                    )
                except Exception:  # a database blip: the next beat tries again
                    logger.warning("Could not renew the claim on answer %s", answer_id, exc_info=True)
                    continue
                if not renewed:  # graded, released or failed meanwhile
                    return
        finally:
            connections.close_all()  # this thread's connections only

    thread = threading.Thread(target=beat, name=f"claim-heartbeat-{answer_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
