import random
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from progress.services import review_cards_repair

from . import services
from .grading.errors import MalformedOutputError, RetryableGradingError, UngradableAnswerError

# The sweep looks for grades without their review card this far back (the grade_created index keeps it cheap).
REVIEW_REPAIR_LOOKBACK = timedelta(days=7)


def retry_delay(retries: int, retry_after: float | None) -> float:
    """Exponential backoff with full jitter, never sooner than the server's Retry-After."""
    ceiling = min(settings.GRADING_RETRY_MAX_SECONDS, settings.GRADING_RETRY_BASE_SECONDS * 2**retries)
    return max(retry_after or 0.0, random.uniform(ceiling / 2, ceiling))


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def grade_answer(self, answer_id: int) -> None:
    """Grade one answer. Safe to receive twice: the answer is claimed with a conditional update."""
    try:
        services.answer_grade(answer_id=answer_id)
        services.follow_up_create(answer_id=answer_id)
    except RetryableGradingError as error:
        if self.request.retries >= settings.GRADING_MAX_RETRIES:
            services.answer_mark_failed(
                answer_id=answer_id,
                message=f"the grading service is unavailable ({error}) after {self.request.retries + 1} attempts",
            )
            return
        raise self.retry(countdown=retry_delay(self.request.retries, error.retry_after)) from error
    except MalformedOutputError:
        services.answer_mark_failed(answer_id=answer_id, message="the grader's reply could not be read")
    except UngradableAnswerError as error:
        services.answer_mark_failed(answer_id=answer_id, message=str(error))
    except Exception as error:
        services.answer_mark_failed(answer_id=answer_id, message=f"grading failed ({type(error).__name__})")
        raise


@shared_task
def sweep_stale_answers() -> int:
    review_cards_repair(since=timezone.now() - REVIEW_REPAIR_LOOKBACK)
    return services.answers_requeue_stale()
