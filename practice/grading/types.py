"""What every grader takes and returns. Scores are not here: they come from `scoring.score` alone."""

from dataclasses import dataclass, field
from enum import StrEnum

UNSURE_BELOW = 0.6


class Kind(StrEnum):
    KEY_POINT = "key_point"
    TRADE_OFF = "trade_off"
    FAILURE_MODE = "failure_mode"


class Verdict(StrEnum):
    COVERED = "covered"
    PARTLY = "partly"
    MISSED = "missed"


class Clarity(StrEnum):
    CLEAR = "clear"
    ADEQUATE = "adequate"
    UNCLEAR = "unclear"


@dataclass(frozen=True)
class RubricPoint:
    kind: Kind
    text: str


@dataclass(frozen=True)
class GradingRequest:
    question: str
    rubric: list[RubricPoint]
    answer: str
    model_answer: str = ""
    guidance: str = ""  # the instructor's note to the grader: what to be strict or lenient about
    # A mock interviewer's follow-up: its question states the rubric item it probes, so saying that point back
    # answers nothing; only what the answer adds to the question counts.
    follow_up: bool = False


@dataclass
class ItemVerdict:
    kind: Kind
    text: str
    verdict: Verdict
    evidence: str = ""
    note: str = ""
    # How sure the grader is of this verdict, 0 to 1. Below UNSURE_BELOW the page marks the verdict "unsure".
    confidence: float = 1.0

    @property
    def unsure(self) -> bool:
        return self.confidence < UNSURE_BELOW


@dataclass
class GraderOutput:
    items: list[ItemVerdict]
    clarity: Clarity
    feedback: str
    grader: str
    prompt_version: str
    model: str = ""
    flags: list[str] = field(default_factory=list)
    input_tokens: int = 0
    output_tokens: int = 0
    latency_ms: int = 0
    # Below 1 when the points were drawn from a model answer instead of a written rubric (see scoring.score).
    full_credit_share: float = 1.0
    # Offline grader without a written rubric: the share of the model answer's words the answer states in prose
    # (scoring.score). None where it was not measured (a written rubric, or the LLM grader).
    reference_match: float | None = None
