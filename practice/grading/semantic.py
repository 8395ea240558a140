"""Sentence meaning for the offline grader: WordLlama embeddings, computed on the CPU from weights in the wheel.

WordLlama (`wordllama` on PyPI) ships its 16 MB model inside the package, so nothing is downloaded at run time and
the app stays offline. It is loaded once per process (about half a second; Celery workers load it at start, see
`warm_up`) and embeds a sentence in microseconds. Why this model and not a larger one: docs/grading.md.
"""

import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np

_lock = threading.Lock()
_model = None


def _load():
    global _model
    with _lock:
        if _model is None:
            import wordllama
            from wordllama import WordLlama

            # Without disable_download its tokenizer lookup tries the network; the weights are in the package.
            _model = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    return _model


def warm_up() -> None:
    """Load the model now (at worker start) instead of on the first answer graded."""
    _load()


CACHE_SIZE = 16384  # 1 KB a vector: at most 16 MB a process
_cache: OrderedDict[str, np.ndarray] = OrderedDict()
_cache_lock = threading.Lock()


def _cached(texts: list[str]) -> list[np.ndarray]:
    """The vectors of `texts`, those not seen lately embedded together in one call (least recently used go first)."""
    with _cache_lock:
        missing = [text for text in dict.fromkeys(texts) if text not in _cache]
    fresh = dict(zip(missing, _embed_uncached(missing))) if missing else {}
    with _cache_lock:
        vectors = []
        for text in texts:
            vector = fresh.get(text)
            if vector is None:
                vector = _cache.get(text)
                if vector is None:  # evicted by another thread meanwhile
                    vector = _embed_uncached([text])[0]
            _cache[text] = vector
            _cache.move_to_end(text)
            vectors.append(vector)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return vectors


def _embed_uncached(texts: list[str]) -> np.ndarray:
    model = _model or _load()
    return model.embed(texts, norm=True).astype(np.float32)


def embed(texts: list[str], *, cache: bool = False) -> np.ndarray:
    """Unit vectors, one row per text. `cache` keeps the vectors of texts seen again and again (rubric items, and
    single words for near-synonyms)."""
    if cache:
        return np.stack(_cached(texts))
    return _embed_uncached(texts)
