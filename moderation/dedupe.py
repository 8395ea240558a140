"""Exact and near-duplicate questions.

Texts are compared after `normalise` (no markup, lower case, no punctuation, no list markers). Equal normalised
texts are exact duplicates. Near-duplicates score rapidfuzz's token_set_ratio >= the threshold (90 by default,
IMPORT_NEAR_DUPLICATE_THRESHOLD) and the shorter text has at least half the words of the longer one: without that,
"What is RAG?" would match any longer question that contains its three words (token_set_ratio scores a subset 100).

Blocking keeps it fast: a text is scored only against earlier texts that share one of its BLOCK_KEYS rarest
words, found in an inverted index, so each lookup scores tens of candidates instead of the whole bank. In a large
index those words are shared by more texts: then only the MAX_CANDIDATES sharing the most of them are scored, so an
import's time grows with its rows, not with rows times bank.
"""

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

BLOCK_KEYS = 3
MAX_CANDIDATES = 24
MIN_LENGTH_RATIO = 0.5
TAG = re.compile(r"<[^>]{0,500}>")
LINK = re.compile(r"https?://\S+|\]\([^)]*\)")
LEAD = re.compile(r"^\s*(?:\d{1,3}[.):]|[-*•+]|q\d{0,3}[.):]|question\s*\d*\s*[.):]?)\s+", re.IGNORECASE)
NON_WORD = re.compile(r"[\W_]+")
STOPWORDS = frozenset(
    "a an and are as at be but by can could do does for from how i if in into is it its of on or so that the their "
    "them then there these they this to was we what when where which who why will with would you your".split()
)


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    text = LINK.sub(" ", TAG.sub(" ", text))
    text = LEAD.sub("", text.strip())
    return " ".join(NON_WORD.sub(" ", text.lower()).split())


@dataclass(frozen=True)
class Match:
    ref: Any  # what the caller added with the text: a question, or a row of the file being imported
    score: int
    exact: bool


class DuplicateFinder:
    """An index of normalised texts; `find` returns the best earlier text a new one duplicates, if any."""

    def __init__(self, *, threshold: int = 90):
        self.threshold = threshold
        self.texts: list[str] = []
        self.refs: list[Any] = []
        self.word_counts: list[int] = []
        self.exact: dict[str, int] = {}
        self.postings: dict[str, list[int]] = defaultdict(list)
        self._last_lookup: tuple[str, list[int]] = ("", [])

    def __len__(self) -> int:
        return len(self.texts)

    def add(self, normalised: str, ref: Any) -> None:
        if not normalised or normalised in self.exact:
            return
        index = len(self.texts)
        self.texts.append(normalised)
        self.refs.append(ref)
        self.word_counts.append(len(normalised.split()))
        self.exact[normalised] = index
        self._last_lookup = ("", [])
        for word in set(normalised.split()) - STOPWORDS:
            self.postings[word].append(index)

    def _candidates(self, normalised: str) -> list[int]:
        if self._last_lookup[0] == normalised:  # `nearest` right after `find` on the same text
            return self._last_lookup[1]
        words = [word for word in set(normalised.split()) - STOPWORDS if word in self.postings]
        rarest = sorted(words, key=lambda word: (len(self.postings[word]), word))[:BLOCK_KEYS]
        shared: Counter[int] = Counter()
        for word in rarest:
            shared.update(self.postings[word])
        candidates = list(shared)
        if len(candidates) > MAX_CANDIDATES:
            # A big index makes even the rarest words common: keep the texts sharing the most of them (a reworded
            # copy shares all or all but one), so the scoring per lookup stays bounded whatever the index's size.
            candidates = sorted(candidates, key=shared.__getitem__, reverse=True)[:MAX_CANDIDATES]
        candidates.sort()
        self._last_lookup = (normalised, candidates)
        return candidates

    def find(self, normalised: str) -> Match | None:
        if not normalised:
            return None
        if normalised in self.exact:
            return Match(self.refs[self.exact[normalised]], 100, exact=True)
        candidates = self._candidates(normalised)
        if not candidates:
            return None
        words = len(normalised.split())
        results = process.extract(normalised, [self.texts[i] for i in candidates], scorer=fuzz.token_set_ratio,
                                  processor=None, score_cutoff=self.threshold, limit=5)
        for _, score, position in results:
            other = self.word_counts[candidates[position]]
            if min(words, other) / max(words, other) >= MIN_LENGTH_RATIO:
                return Match(self.refs[candidates[position]], round(score), exact=False)
        return None

    def nearest(self, normalised: str) -> Match | None:
        """The most similar indexed text whatever its score (a merge suggestion for moderators)."""
        candidates = self._candidates(normalised)
        if not candidates:
            return None
        best = process.extractOne(normalised, [self.texts[i] for i in candidates], scorer=fuzz.token_sort_ratio,
                                  processor=None)
        return Match(self.refs[candidates[best[2]]], round(best[1]), exact=False) if best else None
