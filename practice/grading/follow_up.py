"""The mock interviewer's follow-up: one question aimed at the most important point an answer missed.

Which point: trade-offs and failure modes before key points (interviewers at senior level drill there), missed
before partly covered, then rubric order. Offline the question is built from the rubric item's own words; with an
LLM configured the model writes it from the question, the item and the answer, falling back to the offline
wording if the call fails.
"""

import logging
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .text import content_stems, words
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


def _topic(item_text: str) -> str:
    """A few of the item's distinctive words, in the order it uses them, to point at without giving it away."""
    wanted = set(content_stems(item_text, drop_meta=True))
    picked, seen = [], set()
    for word in words(item_text):
        stem = content_stems(word, drop_meta=True)
        if stem and stem[0] in wanted and stem[0] not in seen and len(word) > 3:
            seen.add(stem[0])
            picked.append(word)
    return ", ".join(picked[:4]) or item_text.strip().rstrip(".")


def write_offline(item: dict) -> str:
    topic = _topic(item["text"])
    kind = Kind(item["kind"])
    if kind == Kind.TRADE_OFF:
        return (f"Let's stay on the trade-offs for a moment, thinking about {topic}. What do you gain and what do you "
                "pay, and when would you choose the other side?")
    if kind == Kind.FAILURE_MODE:
        return (f"Suppose this breaks in production around {topic}. How would it fail, how would you notice, and "
                "what would you do about it?")
    return f"You moved past one part quickly: {topic}. Can you walk me through it in more depth?"


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
