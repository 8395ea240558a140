"""Graders sit behind one small interface: `name`, `model`, `prompt_version` and
`grade(GradingRequest) -> GraderOutput`.

`get_grader()` picks the configured one (the LLM grader when OPENAI_API_KEY is set, else the offline grader);
`scoring.score` turns any grader's verdicts into scores.
"""

from django.conf import settings

from .offline import OfflineGrader
from .types import GraderOutput, GradingRequest


def get_grader(name: str | None = None):
    name = name or ("openai" if settings.OPENAI_API_KEY else "offline")
    if name == "openai":
        from .openai_grader import OpenAIGrader

        return OpenAIGrader()
    return OfflineGrader()


__all__ = ["GraderOutput", "GradingRequest", "OfflineGrader", "get_grader"]
