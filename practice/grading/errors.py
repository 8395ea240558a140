"""Errors a grader raises that the grading task handles. Kept apart from the LLM grader so that the task module,
which every web worker imports on its first submit, never loads the openai SDK."""


class RetryableGradingError(Exception):
    """The server is busy or unreachable; try again later (after retry_after seconds, when it said so)."""

    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class MalformedOutputError(Exception):
    """The model's output did not fit the schema, even after one repair attempt."""


class UngradableAnswerError(Exception):
    """This grader cannot judge this answer at all (the offline grader reads English only); the message says why, in
    words for the candidate. Retrying does not help."""
