"""Graders sit behind one small interface: `grade(GradingRequest) -> GraderOutput`.

`get_grader()` picks the configured one; `scoring.score` turns any grader's verdicts into scores.
"""

from .offline import OfflineGrader
from .types import GraderOutput, GradingRequest


def get_grader():
    return OfflineGrader()


__all__ = ["GraderOutput", "GradingRequest", "OfflineGrader", "get_grader"]
