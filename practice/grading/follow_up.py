"""The mock interviewer's follow-up: one question aimed at the most important point an answer missed.

Which point: trade-offs and failure modes before key points (interviewers at senior level drill there), missed
before partly covered, then rubric order. Offline the question is built from the whole rubric item, rephrased into
a question put to the candidate (the item is already shown beside the grade, so nothing is given away); with an LLM
configured the model writes it from the question, the item and the answer, falling back to the offline
wording if the call fails.
"""

import logging
import re
import secrets
import zlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .types import Kind, Verdict

logger = logging.getLogger(__name__)
PROMPT_FILE = Path(__file__).parent / "prompts" / "follow-up-v1.md"
KIND_PRIORITY = {Kind.TRADE_OFF: 0, Kind.FAILURE_MODE: 0, Kind.KEY_POINT: 1}
VERDICT_PRIORITY = {Verdict.MISSED: 0, Verdict.PARTLY: 1}


@dataclass(frozen=True)
class FollowUp:
    prompt: str
    kind: Kind
    focus: str
    writer: str


def choose_focus(items: list[dict]) -> dict | None:
    """The graded rubric item a follow-up should probe, or None when the answer covered everything."""
    open_items = [(i, item) for i, item in enumerate(items) if item["verdict"] in VERDICT_PRIORITY]
    if not open_items:
        return None
    _, item = min(
        open_items,
        key=lambda pair: (KIND_PRIORITY[Kind(pair[1]["kind"])], VERDICT_PRIORITY[Verdict(pair[1]["verdict"])], pair[0]),
    )
    return item


# Rubric items describe what a strong answer does ("Warns about ...", "Notes that ...", "Uses hybrid retrieval ...")
# or name the point itself ("Training-serving skew when ..."). The interviewer turns either into a question put to
# the candidate, in whole sentences.
_TOPIC_VERBS = {"warns", "notes", "mentions", "flags", "highlights"}  # "Warns about X", "Mentions X": X is the topic
_ADVERBS = {"always", "never", "also", "first", "only", "explicitly", "clearly", "openly"}
# Words that, second in an item, show its first word is a plural noun and not a verb ("Threads share memory ...").
_PLURAL_SUBJECT_NEXT = {"are", "can", "cannot", "could", "may", "might", "must", "should", "will", "would", "do",
                        "don't", "have", "include", "share", "surface", "get", "shift", "flow", "use", "sample", "make",
                        "needed", "hidden", "trained", "with", "or", "weights", "evaluation", "rubber-stamp", "fix:",
                        "law:", "saves", "activations", "batching", "longer", "cost", "need", "become"}
_RELATIVE_CLAUSE_NEXT = {"are", "is", "was", "were", "have", "has", "can"}  # "Joins that are ...": a noun
# "They" in an item is the candidate only in a few turns of phrase; elsewhere it is a thing ("as they arrive").
_CANDIDATE_AS_THEY = re.compile(r"\b(themselves|their own|they (?=would|had|did|were|could|still|\w+ed\b))")
_SECOND_PERSON = {"themselves": "yourself", "their own": "your own", "they ": "you "}
_TEMPLATES = {
    # A verb phrase in the base form, "{item}": "use hybrid retrieval with BM25 ..."
    "action": {
        Kind.KEY_POINT: ["You didn't say whether you would {item}. How would you go about that here?",
                         "One thing I didn't hear: would you {item}? Can you walk me through how?"],
        Kind.TRADE_OFF: ["Let's weigh one choice you skipped. Would you {item}? What would you gain, and what "
                         "would it cost you?",
                         "You didn't talk about one trade-off: would you {item}? When would you choose otherwise?"],
        Kind.FAILURE_MODE: ["What could go wrong if you didn't {item}? How would you notice?",
                            "Suppose this has been running in production for a month. Would you {item}? What goes "
                            "wrong if you don't?"],
    },
    # The item as it stands, describing a strong answer, "{item}": "removes PII, checks licensing, ..."
    "description": {
        Kind.KEY_POINT: ["One thing I was listening for is an answer that {item}. How would you do that here?"],
        Kind.TRADE_OFF: ["A strong answer here {item}. Where do you stand on that, and when would you choose the "
                         "other side?"],
        Kind.FAILURE_MODE: ["A strong answer here {item}. What could go wrong if you skipped that, and how would "
                            "you notice?"],
    },
    # A statement of fact, "{item}": "retrieving more chunks improves recall but increases latency"
    "fact": {
        Kind.KEY_POINT: ["You didn't mention that {item}. Why does that matter for this problem?"],
        Kind.TRADE_OFF: ["You didn't mention that {item}. How would that change the choice you made?"],
        Kind.FAILURE_MODE: ["You didn't mention that {item}. How would you notice it, and what would you do about "
                            "it?"],
    },
    # A thing to talk about, "{item}": "permission leaks when ACL filtering fails"
    "topic": {
        Kind.KEY_POINT: ["What about {item}? Can you talk me through it?"],
        Kind.TRADE_OFF: ["What about {item}? What would you gain, and what would it cost you?"],
        Kind.FAILURE_MODE: ["What about {item}? How would you catch that before your users do?"],
    },
    # The point itself, a noun phrase or a whole clause, "{item}": "training-serving skew when features are ..."
    "point": {
        Kind.KEY_POINT: ["You didn't cover one point: {item}. Can you walk me through it?",
                         "There is one point I didn't hear: {item}. How does that apply here?"],
        Kind.TRADE_OFF: ["One trade-off you didn't weigh: {item}. When would you accept that, and when not?"],
        Kind.FAILURE_MODE: ["One risk you didn't mention: {item}. How would you notice it, and what would you do "
                            "about it?"],
    },
}


def _is_verb(word: str, following: str) -> bool:
    """A third-person verb opening a description ("Uses", "Re-ranks"), not a plural noun ("Threads", "GPUs")."""
    bare = word.lower()
    return (bare.endswith("s") and not bare.endswith(("ss", "us", "'s")) and word[1:] == word[1:].lower()
            and following.lower() not in _PLURAL_SUBJECT_NEXT) or bare in {"is", "has", "does"}


def _base_form(verb: str) -> str:
    """"applies" -> "apply", "pushes" -> "push", "caches" -> "cache", "has" -> "have"."""
    verb = verb.lower()
    irregular = {"is": "be", "has": "have", "does": "do", "goes": "go", "caches": "cache"}
    if verb in irregular:
        return irregular[verb]
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if verb.endswith(("sses", "shes", "ches", "xes")):
        return verb[:-2]
    return verb[:-1]


def _second_person(text: str) -> str:
    return _CANDIDATE_AS_THEY.sub(lambda match: _SECOND_PERSON[match.group(0)], text)


def _lower_first(text: str) -> str:
    """Lower-case the first letter, but leave names and acronyms ("RAM", "RoPE", "GPUs") as written."""
    first_word = text.split(" ", 1)[0]
    if any(letter.isupper() for letter in first_word[1:]):
        return text
    return text[:1].lower() + text[1:]


def _has_later_verb(tokens: list[str]) -> bool:
    """"Removes PII, checks licensing": a later verb would stay third person, so the item is kept as it stands."""
    for before, word in zip(tokens, tokens[1:], strict=False):
        if (before.endswith(",") or before in {"and", "or", "then"}) and word.endswith("s") \
                and not word.endswith(("ss", "us", "'s")) and word.islower():
            return True
    return False


def phrase(text: str) -> tuple[str, str]:
    """The item's form (a key of _TEMPLATES) and its words for that template's slot."""
    text = _second_person(" ".join(text.split()).rstrip(". "))
    tokens = text.split(" ")
    if len(tokens) > 2 and tokens[0].lower() in _ADVERBS and _is_verb(tokens[1], tokens[2]):
        if _has_later_verb(tokens[2:]):
            return "description", _lower_first(text)
        return "action", " ".join([tokens[0].lower(), _base_form(tokens[1]), *tokens[2:]])
    if len(tokens) < 3:
        return "point", text
    first, rest = tokens[0], tokens[1:]
    if not _is_verb(first, rest[0]):
        return "point", _lower_first(text)
    if rest[0] == "that" and rest[1] not in _RELATIVE_CLAUSE_NEXT:  # "Notes that X", "Identifies that X"
        return "fact", " ".join(rest[1:])
    if first.lower() in _TOPIC_VERBS:
        return "topic", " ".join(rest[1:] if rest[0] in {"about", "of"} else rest)
    if _has_later_verb(rest):
        return "description", _lower_first(text)
    return "action", " ".join([_base_form(first), *rest])


def write_offline(item: dict) -> str:
    """The follow-up in the interviewer's words, built from the whole rubric item (its grade already shows it)."""
    form, slot = phrase(item["text"])
    choices = _TEMPLATES[form][Kind(item["kind"])]
    # The same item always gets the same wording; different items get different ones.
    template = choices[zlib.crc32(item["text"].encode()) % len(choices)]
    return template.format(item=slot)


def write_with_llm(*, question: str, item: dict, answer: str) -> str:
    import openai

    client = openai.OpenAI(api_key=settings.OPENAI_API_KEY, base_url=settings.OPENAI_BASE_URL,
                           timeout=settings.OPENAI_TIMEOUT_SECONDS, max_retries=1)
    boundary = secrets.token_hex(8)
    response = client.chat.completions.create(
        model=settings.OPENAI_MODEL,
        temperature=0.3,
        messages=[
            {"role": "system", "content": PROMPT_FILE.read_text()},
            {"role": "user", "content": (
                f"Question:\n{question}\n\nThe point to probe ({item['kind'].replace('_', '-')}): {item['text']}\n\n"
                f"ANSWER-{boundary}-START\n{answer}\nANSWER-{boundary}-END"
            )},
        ],
    )
    text = (response.choices[0].message.content or "").strip()
    if not text or len(text) > 600:
        raise ValueError("the model's follow-up was empty or too long")
    return text


def write_follow_up(*, question: str, items: list[dict], answer: str, use_llm: bool = True) -> FollowUp | None:
    item = choose_focus(items)
    if item is None:
        return None
    kind = Kind(item["kind"])
    if settings.OPENAI_API_KEY and use_llm:
        try:
            return FollowUp(write_with_llm(question=question, item=item, answer=answer), kind, item["text"], "openai")
        except Exception:  # any failure of the model keeps the interview going with the offline wording
            logger.warning("The LLM could not write a follow-up; using the offline wording", exc_info=True)
    return FollowUp(write_offline(item), kind, item["text"], "offline")
