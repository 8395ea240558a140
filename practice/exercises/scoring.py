"""The fixed rule that scores an exercise answer (documented in docs/exercises.md).

1. The spoken explanation is graded by the usual grader against the rubric and scored by practice.grading.scoring
   (0-5, the "spoken score").
2. With test results: overall = 0.7 x 5 x (hidden tests passed / hidden tests) + 0.3 x spoken score, rounded to the
   nearest half point (halves round up). The share counts only the hidden tests the exercise defines, whatever the
   browser reported beyond them.
3. Without test results (no JavaScript: nothing ran): overall = the spoken score.

The results are self-reported by the candidate's browser; they count for this practice score and nothing else.
"""

from decimal import ROUND_HALF_UP, Decimal

from practice.grading.scoring import score
from practice.grading.types import Clarity, ItemVerdict, Kind, Verdict

TESTS_WEIGHT = Decimal("0.7")
SPOKEN_WEIGHT = Decimal("0.3")


def spoken_score(*, items: list[dict], clarity_verdict: str) -> Decimal:
    """The explanation's score from a grade's stored verdicts (the same rule every grade uses)."""
    verdicts = [ItemVerdict(Kind(item["kind"]), item["text"], Verdict(item["verdict"])) for item in items]
    return score(verdicts, Clarity(clarity_verdict)).overall


def tests_points(*, hidden_passed: int, hidden_total: int) -> Decimal:
    return TESTS_WEIGHT * 5 * Decimal(hidden_passed) / Decimal(hidden_total)


def exercise_overall(*, spoken: Decimal, hidden_passed: int | None, hidden_total: int) -> Decimal:
    if hidden_passed is None or not hidden_total:
        return spoken
    value = tests_points(hidden_passed=hidden_passed, hidden_total=hidden_total) + SPOKEN_WEIGHT * spoken
    return ((value * 2).quantize(Decimal("1"), rounding=ROUND_HALF_UP) / 2).quantize(Decimal("0.1"))
