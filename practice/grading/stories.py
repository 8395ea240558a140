"""Behavioural answers judged as stories: a situation, what the candidate did, a result with a measure, a lesson.

Rubric items such as "Gives a concrete situation rather than only stating principles" or "States the result with
numbers" are about the shape of the story, not about particular words, so matching their words says nothing (a
story about a fraud model shares no words with "concrete situation"). Items of that kind are recognised by their
wording and judged on the answer's structure instead (STAR: situation, task, action, result).
"""

import re
from enum import Enum

from .text import normalise
from .types import Verdict


class Element(Enum):
    SITUATION = "a concrete situation"
    ACTION = "what you did yourself"
    RESULT = "a result with a measure"
    LESSON = "what you learned or would change"


_ITEM_PATTERNS = [
    (Element.SITUATION, r"\b(concrete|specific|real)\s+(situation|example|story|case|incident|project|time)\b"
                        r"|\brather than (only )?(stating|talking about) principles"),
    (Element.RESULT, r"^\W*(states?|describes?|shares?|gives?|reports?)\b.{0,40}\b(result|outcome|impact|effect)\b"),
    (Element.ACTION, r"\b(steps|actions?) (they|he|she|the candidate) took\b|\bwhat (they|the candidate) did\b"),
    (Element.LESSON, r"\b(what (they|the candidate) (learn\w*|would (change|do differently)))"
                     r"|\blessons? learn\w*"),
]

_FIRST_PERSON = r"\b(i|we|my|our|me|us)\b"
_PAST_VERB = (
    r"\b(\w{3,}ed|was|were|had|led|built|wrote|made|took|found|ran|saw|chose|set|put|kept|got|went|sent|spent|told|"
    r"thought|brought|began|knew|gave|met|paid|cut|shipped|rebuilt|rewrote|sat|held|left|lost|won|drove|fought)\b"
)
_SPECIFIC = (
    r"\d|\b(last|previous|former|first) (year|quarter|month|week|job|role|team|company|project)\b"
    r"|\bat my (last|previous|former|current)\b|\bwhen i (was|joined|worked)\b|\bin (19|20)\d\d\b"
)
_CHANGE = (
    r"\b(fell|dropped|rose|grew|increased|decreased|reduced|cut|improved|saved|halved|doubled|tripled|shrank|"
    r"went (down|up)|came down|from .{1,30} to |lower(ed)?|raised|boosted|sped up|down to|up to)\b"
)
_MEASURE = r"\d|\b(half|twice|double|third|quarter|percent|tenfold)\b"
_LESSON = (
    r"\b(i learn(ed|t)|lessons?|next time|in hindsight|looking back|i would (now )?(do|change|start|have)|since then|"
    r"i now|now i|taught me|i'd (do|change))\b"
)


def story_element(item_text: str) -> Element | None:
    """The story element a rubric item asks for, or None for an item about content."""
    text = normalise(item_text)
    for element, pattern in _ITEM_PATTERNS:
        if re.search(pattern, text):
            return element
    return None


def judge(element: Element, sentences: list[str]) -> tuple[Verdict, str]:
    """The verdict for one story element, and the sentence that shows it best."""
    lowered = [normalise(s) for s in sentences]
    if element == Element.SITUATION:
        narrative = [s for s, low in zip(sentences, lowered)
                     if re.search(_FIRST_PERSON, low) and re.search(_PAST_VERB, low)]
        specific = [s for s in narrative if re.search(_SPECIFIC, normalise(s))]
        if len(narrative) >= 2 and specific:
            return Verdict.COVERED, specific[0]
        return (Verdict.PARTLY, narrative[0]) if narrative else (Verdict.MISSED, "")
    if element == Element.ACTION:
        mine = [s for s, low in zip(sentences, lowered) if re.search(r"\bi\b", low) and re.search(_PAST_VERB, low)]
        ours = [s for s, low in zip(sentences, lowered) if re.search(r"\bwe\b", low) and re.search(_PAST_VERB, low)]
        if len(mine) >= 2:
            return Verdict.COVERED, mine[0]
        if mine or ours:
            return Verdict.PARTLY, (mine or ours)[0]
        return Verdict.MISSED, ""
    if element == Element.RESULT:
        changes = [s for s, low in zip(sentences, lowered) if re.search(_CHANGE, low)]
        measured = [s for s in changes if re.search(_MEASURE, normalise(s))]
        if measured:
            return Verdict.COVERED, measured[-1]  # a story's result comes last
        return (Verdict.PARTLY, changes[0]) if changes else (Verdict.MISSED, "")
    lessons = [s for s, low in zip(sentences, lowered) if re.search(_LESSON, low)]
    return (Verdict.COVERED, lessons[0]) if lessons else (Verdict.MISSED, "")
