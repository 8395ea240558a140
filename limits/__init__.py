"""Abuse and cost limits: per-user counts of what was stored, per-IP windows in the cache, the LLM budget.

Every limit is a setting (docs/limits-and-accounts.md). A request over a limit raises `LimitReached`, which the
middleware turns into a 429 page, unless the view catches it to keep the user's form (an answer's text) on screen.
"""


class LimitReached(Exception):
    """A user or client went over a limit; `message` says which and when to try again."""

    def __init__(self, message: str, *, retry_after_seconds: int):
        super().__init__(message)
        self.message = message
        self.retry_after_seconds = max(1, retry_after_seconds)
