"""Measuring the post reader against a dev set: files in the real export shapes and an answer key written by hand.

Matching rule for questions (one-to-one, greedy): both sides are normalised (lower case, words only, stop words and
question or task words such as "how", "explain", "describe" dropped, plurals made singular: "-ies" to "-y",
"-sses/-shes/-ches/-xes/-zes" lose "es", other "-s" is cut except after "s", "u" or "i"), then an extracted question
matches an expected one when rapidfuzz's token_set_ratio of the two is at least MATCH_THRESHOLD and the shorter
side has at least MIN_LENGTH_SHARE of the longer side's words (so "Explain attention." never matches a long
question about attention in vision transformers just by being a subset of it). Pairs are taken best score first
(ties in reading order), each question at most once. Precision = matched / extracted, recall = matched / expected,
over all posts.

The post classification is scored the same way, a post being positive when it reports interview questions.
Posts are split into a tuning half and a checking half by a hash of their id, so rules tuned on one half are
checked on the other.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from rapidfuzz import fuzz

from .extraction import read_post
from .parsing import parse

ANSWER_KEY = "answer_key.jsonl"
MATCH_THRESHOLD = 80
MIN_LENGTH_SHARE = 0.5
IGNORED = frozenset(
    "a an the and or of to in on at for with from by about as is are was were be been do does did have has had can "
    "could would should will you your i me my we our they their it its this that these those what which who how why "
    "when where explain describe tell walk through give if whether there any some please".split()
)


def singular(word: str) -> str:
    """English plurals to their singular, so "queries"/"query", "classes"/"class", "boxes"/"box" and
    "anagrams"/"anagram" compare equal; words ending in -ss, -us or -is ("class", "status", "analysis") stay."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    return word[:-1]


def normalise(text: str) -> list[str]:
    words = re.findall(r"[a-z0-9][a-z0-9+#]*", text.lower().replace("'", ""))
    return [singular(word) for word in words if word not in IGNORED]


def similarity(one: str, other: str) -> float:
    a, b = normalise(one), normalise(other)
    if not a or not b or min(len(a), len(b)) < MIN_LENGTH_SHARE * max(len(a), len(b)):
        return 0.0
    return fuzz.token_set_ratio(" ".join(a), " ".join(b))


def match(extracted: list[str], expected: list[str]) -> list[tuple[int, int, float]]:
    pairs = sorted((-similarity(x, y), i, j) for i, x in enumerate(extracted) for j, y in enumerate(expected))
    used_x, used_y, matched = set(), set(), []
    for negative, i, j in pairs:
        score = -negative
        if score < MATCH_THRESHOLD:
            break
        if i not in used_x and j not in used_y:
            used_x.add(i)
            used_y.add(j)
            matched.append((i, j, score))
    return matched


@dataclass
class Counts:
    true_positive: int = 0
    predicted: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.true_positive / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.expected if self.expected else 1.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "matched": self.true_positive, "extracted": self.predicted, "expected": self.expected}


@dataclass
class Result:
    posts: int = 0
    questions: Counts = field(default_factory=Counts)
    classification: Counts = field(default_factory=Counts)
    misses: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"posts": self.posts, "questions": self.questions.as_dict(),
                "classification": self.classification.as_dict()}


def half(post_id: str) -> str:
    return "tune" if int(hashlib.sha256(post_id.encode()).hexdigest(), 16) % 2 == 0 else "check"


def load(folder: Path) -> list[tuple[dict, str]]:
    """Each answer-key line with the text of its post, read from the export file by the importer's own parser."""
    texts: dict[tuple[str, str], str] = {}
    keys = [json.loads(line) for line in (folder / ANSWER_KEY).read_text().splitlines() if line.strip()]
    for name in sorted({key["file"] for key in keys}):
        for record in parse((folder / name).read_bytes()).records:
            if record.post_id:
                texts[(name, record.post_id)] = record.text[:settings.IMPORT_MAX_ROW_CHARS]
    missing = [f"{key['file']}#{key['post_id']}" for key in keys if (key["file"], str(key["post_id"])) not in texts]
    if missing:
        raise ValueError(f"The answer key names posts that are not in the files: {', '.join(missing[:10])}")
    return [(key, texts[(key["file"], str(key["post_id"]))]) for key in keys]


def evaluate(folder: Path) -> dict[str, Result]:
    results = {"all": Result(), "tune": Result(), "check": Result()}
    for key, text in load(folder):
        reading = read_post(text)
        extracted = [question.text for question in reading.questions] if reading.reports_interview else []
        expected = list(key.get("questions") or [])
        matched = match(extracted, expected)
        for result in (results["all"], results[half(str(key["post_id"]))]):
            result.posts += 1
            result.questions.true_positive += len(matched)
            result.questions.predicted += len(extracted)
            result.questions.expected += len(expected)
            result.classification.true_positive += int(reading.reports_interview and bool(key["reports_interview"]))
            result.classification.predicted += int(reading.reports_interview)
            result.classification.expected += int(bool(key["reports_interview"]))
        found = {i for i, _, _ in matched}
        hit = {j for _, j, _ in matched}
        if len(found) < len(extracted) or len(hit) < len(expected):
            results["all"].misses.append({
                "post": f"{key['file']}#{key['post_id']}",
                "extra": [q for i, q in enumerate(extracted) if i not in found],
                "missed": [q for j, q in enumerate(expected) if j not in hit],
            })
    return results
