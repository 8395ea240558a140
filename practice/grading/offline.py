"""The offline rubric grader: deterministic, no network.

For each rubric item it looks for the passage of the answer (one sentence, or two in a row) that states the item,
by two kinds of evidence:

- words: the share of the item's content words the passage states, weighting words distinctive to the item above
  those the question itself already uses (restating the question earns nothing); a word the passage does not use
  counts in part when the passage has one close to it in meaning ("quick" for "fast", "RAM" for "memory", by the
  cosine of the two words alone, `WORD_FLOOR`);
- meaning: the cosine between the passage and the item in a sentence-embedding model (`semantic`), which meets
  "K and V tensors of earlier tokens" and "keys and values for tokens already processed".

The match is the word share, raised by meaning at most `SEMANTIC_LIFT` above it: meaning alone can find a point
half-stated, never fully, so fluent text near the topic cannot collect points it does not make. An item is covered
from a match of a third, partly covered from a sixth; a terse answer to an item of two or three words ("push and
pop") needs three quarters of it.
Story items ("gives a concrete situation") are judged on the story's structure (`stories`). Only prose counts as
evidence unless the reference itself is not prose or the question asks for a list ("Name two ..."): a list of bare
terms, text copied from the rubric, and sentences addressed to the grader are ignored. Each verdict carries a
confidence: low when words and meaning disagree or the match sits on a threshold.
"""

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np

from . import readme, semantic, stories
from .errors import UngradableAnswerError
from .injection import split_untrusted
from .language import other_language
from .scoring import model_answer_full_credit_share
from .text import (
    ANSWER_CONTENT_WORDS,
    acronyms,
    content_stems,
    content_words,
    is_prose,
    meta_words,
    normalise,
    sentences,
    stem,
    words,
)
from .types import Clarity, GraderOutput, GradingRequest, ItemVerdict, Kind, RubricPoint, Verdict

PROMPT_VERSION = "offline-10"
COVERED_AT = 1 / 3
PARTLY_AT = 1 / 6
SHORT_POINT_WEIGHT = 2.5  # an item of two or three content words: half of it is a different answer
SHORT_POINT_COVERED_AT = 0.75
TERSE_ANSWER_WORDS = 6
HEADING_WORDS = 6
SEMANTIC_FLOOR = 0.45  # cosine at which meaning starts to count
SEMANTIC_SPAN = 0.4  # cosine above the floor at which meaning counts in full
SEMANTIC_LIFT = 0.3
WORD_FLOOR = 0.4  # cosine of two words below which they say different things
NEAR_THRESHOLD = 0.05
OFF_TOPIC_SHARED_WORDS = 0.15  # share of the answer's content words found in the question and its reference
OFF_TOPIC_MIN_WORDS = 30  # a short answer that misses is wrong or terse, not about something else
REPEATED_MIN_SENTENCES = 6  # from this many sentences, an answer of which half or more are repeats is padded
QUESTION_WORD_WEIGHT = 0.3
RESTATEMENT_NOVELTY = 0.4
ANSWER_NOVELTY = 0.2  # share of an answer's content words the question does not already use
POINTS_PER_SENTENCE = 3  # a sentence that seems to state more points than this shares the topic's words, nothing more
STATED_OUTRIGHT = 0.6  # a match this strong (most of an item's words, in its passage) is never demoted for that
CROWDED_NOTE = "its sentence states other points better"
# Words so common in this field that meeting one says little about which point the answer makes.
GENERIC_STEMS = frozenset(
    content_stems(
        "model models data system systems use using used time way thing things good better best approach "
        "result results work works problem problems case cases need needs different important also new first "
        "high low large small example user users process value values set number"
    )
)
GENERIC_WEIGHT = 0.5
_ANSWER_CONTENT_STEMS = frozenset(content_stems(" ".join(ANSWER_CONTENT_WORDS)))
SHORT_MODEL_ANSWER_WORDS = 25
_YES_NO = re.compile(r"^\W*(yes|no|true|false)\b")
# "List three ...", "Name two ...", "state at least 4 ...": the question asks for terms, so terms are an answer.
_LIST_REQUEST = re.compile(
    r"(?:^|[.?!:]\s+)(?:please\s+)?(?:list|name|enumerate|write[- ]?down)\b"
    r"|\bat least (?:\d+|two|three|four|five)\b"
    r"|\b(?:list|name|state|give)\s+(?:the\s+)?(?:\d+|two|three|four|five)\b",
    re.IGNORECASE,
)
_OPPOSITE = {"yes": "no", "no": "yes", "true": "false", "false": "true"}


@dataclass(frozen=True)
class Passage:
    text: str
    stems: frozenset[str]
    words: tuple[str, ...]


class OfflineGrader:
    name = "offline"
    model = ""
    prompt_version = PROMPT_VERSION

    def grade(self, request: GradingRequest) -> GraderOutput:
        rubric = request.rubric or points_from_model_answer(request.model_answer)
        full_credit_share = 1.0 if request.rubric else model_answer_full_credit_share(request.question, len(rubric))
        kept, injected = split_untrusted(request.answer)
        if language := other_language(" ".join(kept)):
            # Its verdicts would be noise: cognates earn a German answer 4.5 and a Spanish one 2.5, Chinese 0.
            raise UngradableAnswerError(f"the offline grader reads English only, and this answer reads as {language}; "
                                        "write it in English to have it graded")
        flags = ["prompt_injection"] if injected else []
        once = list(dict.fromkeys(kept))
        if len(kept) >= REPEATED_MIN_SENTENCES and len(once) <= len(kept) / 2:
            flags.append("repetition")  # a paragraph pasted over and over says it once, and reads badly
        kept = once
        question_stems = set(content_stems(request.question))
        short_question = 0 < len(words(request.model_answer)) <= SHORT_MODEL_ANSWER_WORDS
        list_request = bool(_LIST_REQUEST.search(request.question))
        any_form = short_question or list_request or _not_prose(request.model_answer)
        passages = prose = _passages(kept, any_form=any_form)
        if request.follow_up or _adds_to(_stems_of(request.model_answer), question_stems):
            # Restating the question says nothing, unless the reference does too: "compilation or run-time error?";
            # a follow-up's question states its point, so saying it back never answers it.
            passages = [p for p in passages if _adds_to(p.stems, question_stems)]
        # Meta words ("Explains", "Mentions") describe an answer in a written criterion; in a model answer they are
        # content: "The address of a location in memory." is about an address.
        meta = meta_words(criteria=bool(request.rubric))
        item_stem_counts = Counter(s for point in rubric for s in set(content_stems(point.text, meta=meta)))
        similarity = _similarity(passages, rubric)
        near_words = NearWords(prose, question_stems)  # the words of every passage: it serves items and reference
        contradiction = _contradicts(request.model_answer, kept)
        terse = len(words(" ".join(kept))) <= TERSE_ANSWER_WORDS

        items: list[ItemVerdict] = []
        matches: dict[int, float] = {}  # by item: how well its best passage states it, for the judged items
        for index, point in enumerate(rubric):
            if contradiction:
                items.append(ItemVerdict(point.kind, point.text, Verdict.MISSED, confidence=0.8,
                                         note=f"the answer says “{contradiction}”, the reverse of the reference"))
                continue
            element = stories.story_element(point.text)
            if element:
                items.append(_story_verdict(point, element, kept))
                continue
            if readme.is_problem_item(point.text):
                verdict, evidence = readme.judge_problem(request.answer, kept)
                items.append(ItemVerdict(point.kind, point.text, verdict, evidence=evidence, confidence=0.7,
                                         note="judged on where the README states its problem"))
                continue
            verdict, matches[len(items)] = self._judge(
                point, passages, similarity[:, index], near_words, question_stems, item_stem_counts, len(rubric),
                terse=terse, written_rubric=bool(request.rubric), lift=0.0 if injected else SEMANTIC_LIFT)
            if verdict.note == "copied from the rubric" and "rubric_copy" not in flags:
                flags.append("rubric_copy")
            items.append(verdict)
        _few_points_per_sentence(items, matches, kept)

        clarity = judge_clarity(kept, short_form_asked=short_question or list_request)
        if "repetition" in flags:
            clarity = Clarity.UNCLEAR
        if kept and not any_form and not any(is_prose(s) for s in kept):
            flags.append("no_prose")
        if _off_topic(request, kept, items):
            flags.append("off_topic")
            clarity = Clarity.ADEQUATE if clarity == Clarity.CLEAR else clarity  # fluent, but not an answer
        return GraderOutput(
            items=items,
            clarity=clarity,
            feedback=write_feedback(items, clarity, flags),
            grader=self.name,
            prompt_version=PROMPT_VERSION,
            flags=flags,
            full_credit_share=full_credit_share,
            # Over all the prose: the reference's own weights already discount the words the question uses.
            reference_match=None if request.rubric else 0.0 if contradiction else (
                _reference_match(request, prose, near_words, question_stems, terse=terse, near=not injected)),
        )

    def _judge(self, point, passages, similarities, near_words, question_stems, item_stem_counts, rubric_size, *,
               terse: bool = False, written_rubric: bool = True,
               lift: float = SEMANTIC_LIFT) -> tuple[ItemVerdict, float]:
        """The item's verdict, and how well its best passage states it (0 to 1). `lift`: how far meaning may raise
        the word match. An answer that addresses the grader gets no benefit of the doubt: its points must be made in
        words."""
        weights = _weights(point.text, question_stems, item_stem_counts, rubric_size, criteria=written_rubric)
        if not weights:
            return ItemVerdict(point.kind, point.text, Verdict.MISSED, note="no checkable words in this item"), 0.0
        total = sum(weights.values())
        item_sims = near_words.against(point.text, weights)
        # A terse answer to a terse point is judged whole: "push and enqueue" names something else than "push and pop".
        short = terse and total <= SHORT_POINT_WEIGHT
        covered_at = SHORT_POINT_COVERED_AT if short else COVERED_AT
        partly_at = covered_at if short else PARTLY_AT
        best = (0.0, 0.0, 0.0, None)  # match, word share, meaning, passage
        for passage, similarity in zip(passages, similarities):
            near = {} if short or not lift else near_words.credit(item_sims, passage)
            share = sum(w * (1.0 if s in passage.stems else near.get(s, 0.0)) for s, w in weights.items()) / total
            meaning = min(1.0, max(0.0, (float(similarity) - SEMANTIC_FLOOR) / SEMANTIC_SPAN))
            match = max(share, min(meaning, share + lift))
            if match > best[0]:
                best = (match, share, meaning, passage)
        match, share, meaning, passage = best
        # Only a written rubric's criteria can be copied: a point drawn from a model answer is an answer, and people
        # give full marks to one that states it in the reference's own words (docs/grading.md, `offline-5`).
        if passage and written_rubric and _copies(point.text, passage.text):
            return ItemVerdict(point.kind, point.text, Verdict.MISSED, note="copied from the rubric"), 0.0

        def band(value: float) -> Verdict:
            value += 1e-9  # a share of exactly a sixth is a sixth, whatever the floating-point sum says
            return Verdict.COVERED if value >= covered_at else Verdict.PARTLY if value >= partly_at else Verdict.MISSED

        verdict = band(match)
        confidence = 0.9 if band(share) == band(meaning) else 0.65 if verdict == band(share) else 0.5
        if any(abs(match - threshold) < NEAR_THRESHOLD for threshold in {covered_at, partly_at}):
            confidence = min(confidence, 0.55)
        evidence = passage.text if passage and verdict != Verdict.MISSED else ""
        return ItemVerdict(point.kind, point.text, verdict, evidence=evidence, confidence=confidence), match


def _few_points_per_sentence(items: list[ItemVerdict], matches: dict[int, float], sentences: list[str]) -> None:
    """A sentence found to state more than POINTS_PER_SENTENCE items keeps the ones it states best; each of the
    others drops a step (covered to partly, partly to missed) unless the sentence states it outright (a match of
    STATED_OUTRIGHT). "A LEFT JOIN only returns rows that match in both tables" shares words with five items of the join
    question and states none of them: people make a point or two a sentence, and a sentence that seems to make five is
    one in the topic's words (docs/grading.md, `offline-9`). A dense sentence that does make four points says most of
    each point's words, so it keeps them all. A passage of two sentences counts for both."""
    by_sentence: dict[str, list[int]] = {}
    for index in matches:
        if items[index].verdict != Verdict.MISSED:
            for sentence in (s for s in sentences if s in items[index].evidence):
                by_sentence.setdefault(sentence, []).append(index)
    demoted = {index for indices in by_sentence.values()
               for index in sorted(indices, key=lambda i: -matches[i])[POINTS_PER_SENTENCE:]
               if matches[index] < STATED_OUTRIGHT}
    for index in demoted:
        item = items[index]
        item.verdict = Verdict.PARTLY if item.verdict == Verdict.COVERED else Verdict.MISSED
        item.evidence = item.evidence if item.verdict == Verdict.PARTLY else ""
        item.note = item.note or CROWDED_NOTE


def _reference_match(request: GradingRequest, passages: list[Passage], near_words: "NearWords",
                     question_stems: set[str], *, terse: bool = False, near: bool = True) -> float:
    """The share of the model answer's weighted content words that the answer's prose states.
    `near`: a word said in a near-synonym counts in part (not for an answer that addresses the grader).

    A terse answer is judged whole, as its verdicts are: "push and enqueue" states half of "push and pop", which is
    a different answer, not half of one; it counts only when it states nearly all of the reference."""
    said = frozenset().union(*(passage.stems for passage in passages))
    if not terse and said and len(said - question_stems) / len(said) < ANSWER_NOVELTY:
        return 0.0  # the question said back at length; "Run time." to "compilation or run-time error?" still counts
    weights = _weights(request.model_answer, question_stems, Counter(), 1, criteria=False)
    total = sum(weights.values())
    credit = {s: 1.0 for s in weights if s in said}
    if near and not terse:
        credit = {**near_words.credit(near_words.against(request.model_answer, weights)), **credit}
    match = sum(w * credit.get(s, 0.0) for s, w in weights.items()) / total if total else 0.0
    return 0.0 if terse and match < SHORT_POINT_COVERED_AT else match


class NearWords:
    """Partial credit for a word of a point that a passage does not use but says in a word close in meaning
    ("quick" for "fast": cosine 0.68, credit 0.47): its best cosine with one of the passage's words, from
    `WORD_FLOOR` (nothing) to 1 (all). Words, not passages, so a near word can only stand in for a word of the
    point. The answer's words are embedded once per grade."""

    def __init__(self, passages: list[Passage], question_stems: set[str]):
        # A word the question already uses stands in for nothing: "sizeof operator" is not "the size of its operand".
        self.words = list(dict.fromkeys(w for passage in passages for w in passage.words
                                        if stem(w) not in question_stems))
        self.column = {word: index for index, word in enumerate(self.words)}
        self.vectors = semantic.embed(self.words, cache=True) if self.words else None

    def against(self, point: str, weights: dict[str, float]) -> tuple[list[str], np.ndarray]:
        """The point's weighted words (as stems) and their cosine with every word of the answer."""
        point_words = list(dict.fromkeys(w for w in content_words(point) if stem(w) in weights))
        if not point_words or self.vectors is None:
            return [], np.zeros((0, 0), dtype=np.float32)
        return [stem(w) for w in point_words], semantic.embed(point_words, cache=True) @ self.vectors.T

    def credit(self, point_sims: tuple[list[str], np.ndarray], passage: Passage | None = None) -> dict[str, float]:
        """Credit per stem of the point, from the words of one passage (or of the whole answer)."""
        stems, sims = point_sims
        if not stems:
            return {}
        if passage is not None:
            sims = sims[:, [self.column[w] for w in passage.words if w in self.column]]
        if not sims.shape[1]:
            return {}
        best = np.clip((sims.max(axis=1) - WORD_FLOOR) / (1 - WORD_FLOOR), 0.0, 1.0)
        credit: dict[str, float] = {}
        for point_stem, value in zip(stems, best.tolist()):
            credit[point_stem] = max(credit.get(point_stem, 0.0), value)
        return credit


def _story_verdict(point: RubricPoint, element: stories.Element, kept: list[str]) -> ItemVerdict:
    """A story item's words say nothing about the story ("rather than stating principles" is met by a sentence on
    principles), so its verdict comes from the story's structure alone."""
    verdict, evidence = stories.judge(element, kept)
    note = f"judged on the story's structure: {element.value}"
    return ItemVerdict(point.kind, point.text, verdict, evidence=evidence, confidence=0.7, note=note)


def _similarity(passages: list[Passage], rubric: list[RubricPoint]) -> np.ndarray:
    """Cosine of every passage (rows) with every rubric item (columns)."""
    if not passages or not rubric:
        return np.zeros((len(passages), len(rubric)), dtype=np.float32)
    return semantic.embed([p.text for p in passages]) @ semantic.embed([p.text for p in rubric], cache=True).T


def _contradicts(model_answer: str, kept: list[str]) -> str:
    """The answer's opening "yes" or "no" when the reference opens with the opposite, else ""."""
    reference, answer = _YES_NO.match(normalise(model_answer)), _YES_NO.match(normalise(kept[0])) if kept else None
    if reference and answer and answer.group(1) == _OPPOSITE[reference.group(1)]:
        return answer.group(1)
    return ""


def _off_topic(request: GradingRequest, kept: list[str], items: list[ItemVerdict]) -> bool:
    """True for an answer of a paragraph or more that makes none of the points and shares almost no words with the
    question and its reference. (Sentence embeddings were tried here: on long texts they rate any two paragraphs of
    technical prose as close.)"""
    answer = " ".join(kept)
    if len(words(answer)) < OFF_TOPIC_MIN_WORDS or any(item.verdict != Verdict.MISSED for item in items):
        return False
    topic = " ".join([request.question, request.model_answer, *(p.text for p in request.rubric)])
    spelt_out = acronyms([topic, answer])
    answer_stems, topic_stems = _with_acronyms(_stems_of(answer), spelt_out) - GENERIC_STEMS, _stems_of(topic)
    return len(answer_stems & topic_stems) <= OFF_TOPIC_SHARED_WORDS * len(answer_stems)


def _not_prose(reference: str) -> bool:
    """True when the reference answer is itself a table, a list of steps or a formula rather than sentences."""
    parts = sentences(reference)
    return bool(parts) and sum(1 for part in parts if is_prose(part)) < len(parts) / 2


def _weights(text: str, question_stems: set[str], item_stem_counts: Counter, rubric_size: int, *,
             criteria: bool) -> dict[str, float]:
    """`criteria`: the text is a written rubric item, whose meta words ("Explains that ...") are not content; in a
    model answer only `ANSWER_META_WORDS` are dropped, and the meta words that are content there count as common words
    (by stem: "stated" and "keyed" too)."""
    weights: dict[str, float] = {}
    for s in content_stems(text, meta=meta_words(criteria=criteria)):
        weight = 1.0
        if s in question_stems:
            weight *= QUESTION_WORD_WEIGHT
        if s in GENERIC_STEMS or (not criteria and s in _ANSWER_CONTENT_STEMS):
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


def _stems_of(passage: str) -> frozenset[str]:
    return frozenset(content_stems(passage))


def _passages(kept: list[str], *, any_form: bool = False) -> list[Passage]:
    """Prose sentences, alone and in consecutive pairs. Where the reference is short or not prose itself
    (`any_form`), a short answer is a direct answer and a table row is a row, not a list of terms: they count too."""
    prose = [s for s in kept if is_prose(s) or (any_form and words(s))]
    passages = [_passage(s) for s in prose]
    passages += [_passage(f"{a} {b}") for a, b in zip(prose, prose[1:])]
    # A heading belongs to the paragraph under it: "Known failures" then "It fails on scanned PDFs." is one passage.
    passages += [_passage(f"{a} {b}") for a, b in zip(kept, kept[1:])
                 if not is_prose(a) and len(words(a)) <= HEADING_WORDS and is_prose(b)]
    return passages


def _passage(text: str) -> Passage:
    terms = tuple(dict.fromkeys(content_words(text)))
    return Passage(text, frozenset(stem(w) for w in terms), terms)


def _with_acronyms(stems: set[str], spelt_out: dict[str, frozenset[str]]) -> frozenset[str]:
    """Stems that say an acronym say its words too, and the words say the acronym: "DQDB" is "Distributed Queue Dual
    Buses"."""
    said = set(stems)
    for acronym, expansion in spelt_out.items():
        if acronym in stems:
            said |= expansion
        elif expansion <= stems:
            said.add(acronym)
    return frozenset(said)


def _copies(item_text: str, passage: str) -> bool:
    """True when the passage reproduces a rubric item's wording rather than making the point in its own words."""
    item_words, passage_words = words(item_text), words(passage)
    if len(item_words) < 8:
        return False
    matcher = SequenceMatcher(None, item_words, passage_words, autojunk=False)
    longest = max((block.size for block in matcher.get_matching_blocks()), default=0)
    return longest >= max(8, int(0.7 * len(item_words)))


def judge_clarity(kept: list[str], *, short_form_asked: bool = False) -> Clarity:
    """Unclear: a fragment or mostly not prose. Clear: enough connected prose in sentences of readable length.

    Brevity alone is not unclear where the question asks for a short answer or a list (`short_form_asked`): "push
    and pop", or three terms for "Name three ...", is a direct answer and adequate.
    """
    tokens = [w for s in kept for w in words(s)]
    if len(tokens) < 12:
        return Clarity.ADEQUATE if tokens and short_form_asked else Clarity.UNCLEAR
    prose_share = sum(1 for s in kept if is_prose(s)) / len(kept)
    if prose_share < 0.4:
        return Clarity.ADEQUATE if short_form_asked else Clarity.UNCLEAR
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
MISSING_LISTED = 3


def write_feedback(items: list[ItemVerdict], clarity: Clarity, flags: list[str]) -> str:
    """What a person would tell the candidate: each missing idea once, in the rubric's own words, most useful first.

    The page lists every verdict beside this text, so the feedback names at most three missing points.
    """
    covered = sum(1 for item in items if item.verdict == Verdict.COVERED)
    partly = [item for item in items if item.verdict == Verdict.PARTLY]
    missed = sorted((item for item in items if item.verdict == Verdict.MISSED),
                    key=lambda item: list(KIND_LABEL).index(item.kind))
    lines = []
    if "off_topic" in flags:
        # Said as what was seen: an answer in words of its own ("a node near the frame generator wins the slot")
        # can be on topic and share none of the reference's words.
        lines.append("This answer does not seem to address the question asked: it shares almost no words with the "
                     "question or its reference. Read the question again and answer it directly.")
    summary = f"You covered {covered} of {len(items)} rubric points"
    lines.append(summary + (f" and touched on {len(partly)} more." if partly else "."))
    if missed and not covered and not partly:
        lines.append(f"Start with the main idea: {missed[0].text}")
    else:
        for item in missed[:MISSING_LISTED]:
            lines.append(f"Missing {KIND_LABEL[item.kind]}: {item.text}")
        if len(missed) > MISSING_LISTED:
            lines.append(f"…and {len(missed) - MISSING_LISTED} more, in the verdicts on this page.")
    for item in partly[:MISSING_LISTED]:
        lines.append(f"State this {KIND_LABEL[item.kind]} outright, in a sentence of its own: {item.text}"
                     if item.note == CROWDED_NOTE else f"Say more about this {KIND_LABEL[item.kind]}: {item.text}")
    if clarity == Clarity.UNCLEAR:
        lines.append("Write it as a few connected sentences: say the point, then why it holds or what it costs.")
    elif clarity == Clarity.ADEQUATE and "off_topic" not in flags and covered < len(items):  # nothing to tighten
        # in an answer that makes every point (a one-sentence follow-up that scores 5)
        kinds = {item.kind for item in items}
        lines.append("Tighten the structure: one idea per sentence"
                     + (", and name each trade-off and failure mode outright." if kinds - {Kind.KEY_POINT} else "."))
    if "prompt_injection" in flags:
        lines.append("Sentences addressed to the grader were ignored; they never change a score.")
    if "repetition" in flags:
        lines.append("Most of this answer repeats itself: say each point once.")
    if "no_prose" in flags:
        lines.append("A list of terms is not an explanation: say what each one does and why it matters.")
    if "rubric_copy" in flags:
        lines.append("Text copied from the rubric earns no credit; make the point in your own words.")
    return "\n".join(lines)
