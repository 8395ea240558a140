"""The one rule that turns verdicts into scores, shared by every grader.

1. Each rubric item earns credit by its verdict: covered 1, partly 0.5, missed 0.
2. Key points, trade-offs and failure modes each score 5 x the mean credit of their items (no items: no score).
   When no rubric was written and the points were drawn from the model answer, half of those points earn full
   marks (`full_credit_share` 0.5): a model answer says more than the question requires, and human graders give
   full marks to an answer that makes its main points (measured on the public SAF dev set, see docs/grading.md).
   When the question says how many things it wants ("Name two challenges", "Give 2 reasons and 1 weakness") and
   the model answer offers more, as many points as the question asks for earn full marks (`full_credit_share`
   asked / drawn, at least 0.1, never above 0.5): an answer that names the two challenges asked for has answered,
   whichever two of the model answer's eight it chose.
3. Content is the weighted mean of the dimensions present: key points 0.5, trade-offs 0.25, failure modes 0.25
   (weights of absent dimensions are shared out in proportion).
   Where the offline grader graded without a written rubric, content also weighs how much of the model answer the
   answer says (the LLM grader measures no word share, so its verdicts alone decide): the word share is
   5 x the share of the model answer's content words (weighted as for an item) that the answer states in prose, full
   from 30 % (`reference_match`, offline grader only; a word said in a near-synonym counts in part; lowered in
   proportion when the question asks for fewer things than the model answer offers), and content is
   the mean of the word share and the higher of the word share and the verdicts' content. Few points are drawn from
   a short model answer, so verdicts alone give coarse scores (0, 2.5 or 5); the word share grades between them, and
   an answer that says the model answer in words no single point was found in still earns marks (measured on two
   public human-graded sets, see docs/grading.md).
4. Clarity scores clear 5, adequate 3, unclear 1. Only an unclear answer loses points (content x 0.8): human
   graders on both public sets give full marks to a plain, correct answer, so "adequate" costs nothing. Clarity
   never adds points, so fluent text that covers nothing still scores 0.
5. Overall = content x clarity factor, rounded to the nearest half point (halves round up). Dimension scores are
   rounded to one decimal.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .types import Clarity, GraderOutput, ItemVerdict, Kind, Verdict

MODEL_ANSWER_FULL_CREDIT_SHARE = 0.5
ASKED_COUNT_FLOOR = 0.1  # even "name one" of a long model answer needs a tenth of its points
# "Name two challenges", "Describe two benefits and two drawbacks", "state at least 4 of the differences", "Give 2
# reasons for your decision and 1 potential weakness": a count that is the object of a request verb (or follows "and"
# after one), followed by a word. Not a number in the scenario ("Explain how a process with two threads ...",
# "Describe how TCP handles 3 duplicate ACKs"), a range ("in 1-2 sentences") or an amount ("1 million requests").
_COUNT = r"(?P<n>one|two|three|four|five|six|[1-6])(?![-–]?\w)"
_NOUN = r"(?=\s+(?!(?:sentences?|words?|lines?|times?|paragraphs?|minutes?|million|thousand|hundred|percent)\b)[a-z])"
ASKED = re.compile(r"\b(?:name|give|list|state|describe|discuss|mention|explain|provide|identify|outline)\s+"
                   rf"(?:(?:me|us)\s+)?(?:the\s+|at\s+least\s+|exactly\s+)?{_COUNT}{_NOUN}", re.IGNORECASE)
AND_COUNT = re.compile(rf"\band\s+(?:at\s+least\s+)?{_COUNT}{_NOUN}", re.IGNORECASE)
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
REFERENCE_MATCH_FULL_CREDIT = 0.3
CREDIT = {Verdict.COVERED: 1.0, Verdict.PARTLY: 0.5, Verdict.MISSED: 0.0}
WEIGHTS = {Kind.KEY_POINT: 0.5, Kind.TRADE_OFF: 0.25, Kind.FAILURE_MODE: 0.25}
CLARITY_SCORE = {Clarity.CLEAR: 5.0, Clarity.ADEQUATE: 3.0, Clarity.UNCLEAR: 1.0}
CLARITY_FACTOR = {Clarity.CLEAR: 1.0, Clarity.ADEQUATE: 1.0, Clarity.UNCLEAR: 0.8}


@dataclass(frozen=True)
class Scores:
    overall: Decimal
    key_points: Decimal | None
    trade_offs: Decimal | None
    failure_modes: Decimal | None
    clarity: Decimal


def _one_decimal(value: float) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _half_point(value: float) -> Decimal:
    doubled = Decimal(str(value * 2)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    return (doubled / 2).quantize(Decimal("0.1"))


def asked_count(question: str) -> int:
    """How many things the question asks for, summed over its requests: "Name the two modes ... and name one
    downside" is 3; 0 when it does not say."""
    total = 0
    for sentence in re.split(r"(?<=[.?!])\s+", question):
        if first := ASKED.search(sentence):
            total += sum(_number(count["n"]) for count in ASKED.finditer(sentence))
            total += sum(_number(count["n"]) for count in AND_COUNT.finditer(sentence, first.end()))
    return total


def _number(word: str) -> int:
    return NUMBERS.get(word.lower()) or int(word)


def model_answer_full_credit_share(question: str, points: int) -> float:
    """The share of the points drawn from a model answer that earns full marks (rule 2)."""
    asked = asked_count(question)
    if not asked or not points:
        return MODEL_ANSWER_FULL_CREDIT_SHARE
    return min(MODEL_ANSWER_FULL_CREDIT_SHARE, max(asked / points, ASKED_COUNT_FLOOR))


def score_output(output: GraderOutput) -> Scores:
    return score(output.items, output.clarity, full_credit_share=output.full_credit_share,
                 reference_match=output.reference_match)


def score(items: list[ItemVerdict], clarity: Clarity, *, full_credit_share: float = 1.0,
          reference_match: float | None = None) -> Scores:
    by_kind: dict[Kind, float] = {}
    for kind in Kind:
        credits = [CREDIT[item.verdict] for item in items if item.kind == kind]
        if credits:
            by_kind[kind] = 5 * min(1.0, sum(credits) / len(credits) / full_credit_share)
    total_weight = sum(WEIGHTS[kind] for kind in by_kind)
    content = sum(WEIGHTS[kind] * value for kind, value in by_kind.items()) / total_weight if total_weight else 0.0
    if reference_match is not None:
        # Points drawn from a model answer are few and coarse (0, 2.5 or 5); the word share grades between them.
        full = REFERENCE_MATCH_FULL_CREDIT * min(1.0, full_credit_share / MODEL_ANSWER_FULL_CREDIT_SHARE)
        word_share = 5 * min(1.0, reference_match / full)
        content = (max(content, word_share) + word_share) / 2
    overall = min(5.0, max(0.0, content * CLARITY_FACTOR[clarity]))

    def dimension(kind: Kind) -> Decimal | None:
        return _one_decimal(by_kind[kind]) if kind in by_kind else None

    return Scores(
        overall=_half_point(overall),
        key_points=dimension(Kind.KEY_POINT),
        trade_offs=dimension(Kind.TRADE_OFF),
        failure_modes=dimension(Kind.FAILURE_MODE),
        clarity=_one_decimal(CLARITY_SCORE[clarity]),
    )
