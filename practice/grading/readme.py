"""The README review's problem item judged on where a README says it, not on its words.

"Explains the problem the project solves, who it helps, and what it does about it" shares no words with a good
opening ("Support agents answer the same refund questions every day; this service answers from the docs and cites
the pages"), so word matching marked it missed for every README that states its problem in words of its own. A
README states its problem in its opening paragraph, under the title, or in a section named for it ("Problem",
"Why", "Motivation", "Background", "Overview", "About"); that is what is read here.
"""

import re

from .text import is_prose, normalise, sentences, words
from .types import Verdict

_PROBLEM_ITEM = re.compile(r"\bproblem\b.{0,30}\b(?:solves?|addresses|tackles)\b")
_PROBLEM_SECTION = re.compile(r"^(?:the\s+)?(?:problem|why|motivation|background|overview|about|purpose|context|"
                              r"what\s+(?:it|this)\s+(?:does|is))\b", re.IGNORECASE)
# "This repository contains my solution to the take-home" says what the repository is, not what problem it solves
_ABOUT_THE_SUBMISSION = re.compile(r"\b(?:this|the)\s+(?:repo|repository|project)\s+(?:contains|holds|is\s+my)\b|"
                                   r"\bmy\s+(?:solution|submission)\b|\btake[- ]home\b|\bassignment\b")
STATED_WORDS = 15  # an opening this long, or of two sentences, states a problem; a shorter one names it


def is_problem_item(item_text: str) -> bool:
    return bool(_PROBLEM_ITEM.search(normalise(item_text)))


def judge_problem(answer: str, kept: list[str]) -> tuple[Verdict, str]:
    """The verdict for the problem item, and the sentence that states it. `answer` is the README as written (its
    headings are read from it), `kept` its sentences the grader reads (text addressed to the grader is not)."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n|\n(?=\s*#)", answer) if block.strip()]
    for text in (_section(blocks), _opening(blocks)):
        said = [s for s in sentences(text) if s in kept and is_prose(s)
                and not _ABOUT_THE_SUBMISSION.search(normalise(s))]
        if len(said) >= 2 or sum(len(words(s)) for s in said) >= STATED_WORDS:
            return Verdict.COVERED, said[0]
        if said:
            return Verdict.PARTLY, said[0]
    return Verdict.MISSED, ""


def _heading(block: str) -> str:
    return block.lstrip("#").strip(" *:") if block.startswith("#") else ""


def _opening(blocks: list[str]) -> str:
    """The paragraphs under the title, before the next heading."""
    start = 1 if blocks and _heading(blocks[0]) else 0
    return "\n\n".join(_until_heading(blocks[start:]))


def _section(blocks: list[str]) -> str:
    """The paragraphs under a heading that names the problem ("## Why", "## Problem")."""
    for index, block in enumerate(blocks):
        if _PROBLEM_SECTION.match(_heading(block)):
            return "\n\n".join(_until_heading(blocks[index + 1:]))
    return ""


def _until_heading(blocks: list[str]) -> list[str]:
    run = []
    for block in blocks:
        if _heading(block):
            break
        run.append(block)
    return run
