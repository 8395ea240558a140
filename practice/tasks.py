from celery import shared_task

from . import services


@shared_task(acks_late=True, reject_on_worker_lost=True)
def grade_answer(answer_id: int) -> None:
    """Grade one answer. Safe to receive twice: the answer is claimed with a conditional update."""
    try:
        services.answer_grade(answer_id=answer_id)
    except Exception as error:
        services.answer_mark_failed(answer_id=answer_id, message=f"Grading failed: {type(error).__name__}")
        raise


@shared_task
def sweep_stale_answers() -> int:
    return services.answers_requeue_stale()
