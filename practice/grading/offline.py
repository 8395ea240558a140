"""The offline rubric grader: deterministic, no network.

For each rubric item it looks for the passage of the answer (one sentence, or two in a row) that states most of
the item's content words, weighting the words that are distinctive to the item above those the question itself
already uses (restating the question earns nothing). An item is covered when that passage states at least a third of
the item's weighted content, partly covered from a sixth. Only prose counts as evidence: a list of bare terms,
text copied from the rubric, and sentences addressed to the grader are ignored.
"""

from collections import Counter
from difflib import SequenceMatcher

from .injection import split_untrusted
from .scoring import MODEL_ANSWER_FULL_CREDIT_SHARE
from .text import content_stems, is_prose, sentences, words
from .types import Clarity, GraderOutput, GradingRequest, ItemVerdict, Kind, RubricPoint, Verdict

PROMPT_VERSION = "offline-1"
COVERED_AT = 1 / 3
PARTLY_AT = 1 / 6
QUESTION_WORD_WEIGHT = 0.3
RESTATEMENT_NOVELTY = 0.4
# Words so common in this field that meeting one says little about which point the answer makes.
GENERIC_STEMS = frozenset(
    content_stems(
        "model models data system systems use using used make time way thing things good better best approach "
        "result results work works problem problems case cases need needs different important also new first "
        "high low large small example user users process value values set number"
    )
)
GENERIC_WEIGHT = 0.5
SHORT_MODEL_ANSWER_WORDS = 25


class OfflineGrader:
    name = "offline"
    model = ""
    prompt_version = PROMPT_VERSION

    def grade(self, request: GradingRequest) -> GraderOutput:
        rubric = request.rubric or points_from_model_answer(request.model_answer)
        full_credit_share = 1.0 if request.rubric else MODEL_ANSWER_FULL_CREDIT_SHARE
        kept, injected = split_untrusted(request.answer)
        flags = ["prompt_injection"] if injected else []
        question_stems = set(content_stems(request.question))
        short_question = 0 < len(words(request.model_answer)) <= SHORT_MODEL_ANSWER_WORDS
        passages = [(text, stems) for text, stems in _passages(kept, direct=short_question)
                    if _adds_to(stems, question_stems)]
        item_stem_counts = Counter(s for point in rubric for s in set(content_stems(point.text, drop_meta=True)))

        items: list[ItemVerdict] = []
        for point in rubric:
            verdict = self._judge(point, passages, question_stems, item_stem_counts, len(rubric))
            if verdict.note == "copied from the rubric" and "rubric_copy" not in flags:
                flags.append("rubric_copy")
            items.append(verdict)

        clarity = judge_clarity(kept, short_question=short_question)
        if kept and not any(is_prose(s) for s in kept):
            flags.append("no_prose")
        return GraderOutput(
            items=items,
            clarity=clarity,
            feedback=write_feedback(items, clarity, flags),
            grader=self.name,
            prompt_version=PROMPT_VERSION,
            flags=flags,
            full_credit_share=full_credit_share,
        )

    def _judge(self, point, passages, question_stems, item_stem_counts, rubric_size) -> ItemVerdict:
        weights = _weights(point.text, question_stems, item_stem_counts, rubric_size)
        if not weights:
            return ItemVerdict(point.kind, point.text, Verdict.MISSED, note="no checkable words in this item")
        total = sum(weights.values())
        best_share, best_passage = 0.0, ""
        for passage, passage_stems in passages:
            matched = sum(w for s, w in weights.items() if s in passage_stems)
            share = matched / total
            if share > best_share:
                best_share, best_passage = share, passage
        if best_passage and _copies(point.text, best_passage):
            return ItemVerdict(point.kind, point.text, Verdict.MISSED, note="copied from the rubric")
        if best_share >= COVERED_AT:
            return ItemVerdict(point.kind, point.text, Verdict.COVERED, evidence=best_passage)
        if best_share >= PARTLY_AT:
            missing = [s for s in weights if s not in _stems_of(best_passage)]
            return ItemVerdict(
                point.kind, point.text, Verdict.PARTLY, evidence=best_passage,
                note=f"touched on; still missing: {', '.join(_readable(point.text, missing)[:4])}",
            )
        return ItemVerdict(point.kind, point.text, Verdict.MISSED)


def _weights(text: str, question_stems: set[str], item_stem_counts: Counter, rubric_size: int) -> dict[str, float]:
    weights: dict[str, float] = {}
    for s in content_stems(text, drop_meta=True):
        weight = 1.0
        if s in question_stems:
            weight *= QUESTION_WORD_WEIGHT
        if s in GENERIC_STEMS:
            weight *= GENERIC_WEIGHT
        if rubric_size > 2 and item_stem_counts[s] > rubric_size / 2:
            weight *= GENERIC_WEIGHT  # shared by most items: it names the topic, not this point
        weights[s] = max(weights.get(s, 0.0), weight)
    return weights


def _adds_to(passage_stems: set[str], question_stems: set[str]) -> bool:
    """False for a passage that mostly repeats the question's own words: restating the question says nothing."""
    if not passage_stems:
        return False
    new = [s for s in passage_stems if s not in question_stems]
    return len(new) / len(passage_stems) >= RESTATEMENT_NOVELTY


def _stems_of(passage: str) -> set[str]:
    return set(content_stems(passage))


def _passages(kept: list[str], *, direct: bool = False) -> list[tuple[str, set[str]]]:
    """Prose sentences, alone and in consecutive pairs, with their stems. Where the model answer itself is a few
    words (`direct`), a short answer is a direct answer, not a list of terms, and counts too."""
    prose = [s for s in kept if is_prose(s) or (direct and len(words(s)) <= SHORT_MODEL_ANSWER_WORDS)]
    passages = [(s, _stems_of(s)) for s in prose]
    passages += [(f"{a} {b}", _stems_of(a) | _stems_of(b)) for a, b in zip(prose, prose[1:])]
    return passages


def _copies(item_text: str, passage: str) -> bool:
    """True when the passage reproduces the rubric item's wording rather than making the point in its own words."""
    item_words, passage_words = words(item_text), words(passage)
    if len(item_words) < 8:
        return False
    matcher = SequenceMatcher(None, item_words, passage_words, autojunk=False)
    longest = max((block.size for block in matcher.get_matching_blocks()), default=0)
    return longest >= max(8, int(0.7 * len(item_words)))


def _readable(text: str, missing_stems: list[str]) -> list[str]:
    wanted = set(missing_stems)
    seen, out = set(), []
    for word in words(text):
        s = content_stems(word)
        if s and s[0] in wanted and s[0] not in seen:
            seen.add(s[0])
            out.append(word)
    return out


def judge_clarity(kept: list[str], *, short_question: bool = False) -> Clarity:
    """Unclear: a fragment or mostly not prose. Clear: enough connected prose in sentences of readable length.

    Brevity alone is not unclear: a two-sentence answer to a short question can be adequate.
    """
    tokens = [w for s in kept for w in words(s)]
    if len(tokens) < 12:
        # A short answer to a question whose model answer is short too ("push and pop") is a direct answer.
        return Clarity.ADEQUATE if tokens and short_question else Clarity.UNCLEAR
    prose_share = sum(1 for s in kept if is_prose(s)) / len(kept)
    if prose_share < 0.4:
        return Clarity.UNCLEAR
    mean_length = len(tokens) / len(kept)
    if len(tokens) >= 40 and prose_share >= 0.6 and mean_length <= 35:
        return Clarity.CLEAR
    return Clarity.ADEQUATE


def points_from_model_answer(model_answer: str) -> list[RubricPoint]:
    """Without a rubric, the points a model answer makes become the key points to look for."""
    parts = [s for s in sentences(model_answer) if len(content_stems(s)) >= 2]
    if len(parts) < 3:
        clauses = [c.strip() for s in parts for c in s.replace(";", ",").split(",")]
        parts = [c for c in clauses if len(content_stems(c)) >= 2] or parts
    if not parts and content_stems(model_answer):
        parts = [model_answer.strip()]  # "Iteration." or "push and pop" is still the point to look for
    return [RubricPoint(Kind.KEY_POINT, part) for part in parts]


KIND_LABEL = {Kind.KEY_POINT: "key point", Kind.TRADE_OFF: "trade-off", Kind.FAILURE_MODE: "failure mode"}


def write_feedback(items: list[ItemVerdict], clarity: Clarity, flags: list[str]) -> str:
    covered = sum(1 for item in items if item.verdict == Verdict.COVERED)
    lines = [f"You covered {covered} of {len(items)} rubric points."]
    missed = [item for item in items if item.verdict == Verdict.MISSED]
    partly = [item for item in items if item.verdict == Verdict.PARTLY]
    for kind in (Kind.TRADE_OFF, Kind.FAILURE_MODE, Kind.KEY_POINT):
        for item in missed:
            if item.kind == kind:
                lines.append(f"Missing {KIND_LABEL[kind]}: {item.text}")
    for item in partly:
        lines.append(f"Go further on this {KIND_LABEL[item.kind]}: {item.text}")
    if clarity != Clarity.CLEAR:
        lines.append(
            "Write it as a few connected sentences: say the point, then why it holds or what it costs."
            if clarity == Clarity.UNCLEAR
            else "Tighten the structure: one idea per sentence, and name each trade-off and failure mode outright."
        )
    if "prompt_injection" in flags:
        lines.append("Sentences addressed to the grader were ignored; they never change a score.")
    if "no_prose" in flags:
        lines.append("A list of terms is not an explanation: say what each one does and why it matters.")
    if "rubric_copy" in flags:
        lines.append("Text copied from the rubric earns no credit; make the point in your own words.")
    return "\n".join(lines)
