"""An offline suggestion of category and level for an imported question, learnt from the published bank.

Each category (and each level) is the centroid of the TF-IDF vectors of its published questions (title, prompt
and tags). A new text gets the label whose centroid is most similar (cosine). Confidence is the margin between the
best and the second-best similarity, relative to the best: 0 is a tie, 1 means no other label matches at all.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from .dedupe import STOPWORDS, normalise


def _words(text: str) -> list[str]:
    return [word for word in normalise(text).split() if len(word) > 2 and word not in STOPWORDS]


@dataclass(frozen=True)
class Suggestion:
    label: int | None
    confidence: float


class CentroidClassifier:
    def __init__(self, examples: list[tuple[str, list[int]]]):
        """`examples`: (text, labels) pairs; a question at two levels counts for both."""
        documents = [(Counter(_words(text)), labels) for text, labels in examples]
        frequency = Counter(word for counts, _ in documents for word in counts)
        total = max(len(documents), 1)
        self.idf = {word: math.log((1 + total) / (1 + count)) + 1 for word, count in frequency.items()}
        sums: dict[int, Counter] = defaultdict(Counter)
        sizes: Counter = Counter()
        for counts, labels in documents:
            vector = self._unit(self._weights(counts))
            for label in labels:
                sums[label].update(vector)
                sizes[label] += 1
        self.centroids = {label: self._unit(vector) for label, vector in sums.items()}
        self.most_common = sizes.most_common(1)[0][0] if sizes else None

    def _weights(self, counts: Counter) -> dict[str, float]:
        return {word: count * self.idf.get(word, 0.0) for word, count in counts.items() if word in self.idf}

    @staticmethod
    def _unit(vector: dict[str, float]) -> dict[str, float]:
        norm = math.sqrt(sum(value * value for value in vector.values()))
        return {word: value / norm for word, value in vector.items()} if norm else {}

    def suggest(self, text: str) -> Suggestion:
        vector = self._unit(self._weights(Counter(_words(text))))
        scores = sorted(
            ((sum(weight * centroid.get(word, 0.0) for word, weight in vector.items()), label)
             for label, centroid in self.centroids.items()),
            reverse=True,
        )
        if not scores or scores[0][0] <= 0:
            return Suggestion(self.most_common, 0.0)
        best = scores[0][0]
        runner_up = scores[1][0] if len(scores) > 1 else 0.0
        return Suggestion(scores[0][1], round((best - runner_up) / best, 2))
