"""Sentence meaning for the offline grader: WordLlama embeddings, computed on the CPU from weights in the wheel.

WordLlama (`wordllama` on PyPI) ships its 16 MB model inside the package, so nothing is downloaded at run time and
the app stays offline. It is loaded once per process (about half a second; Celery workers load it at start, see
`warm_up`) and embeds a sentence in microseconds. Why this model and not a larger one: docs/grading.md.
"""

import threading
from functools import lru_cache
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


@lru_cache(maxsize=16384)  # 1 KB a vector: at most 16 MB a process
def _cached(text: str) -> np.ndarray:
    return _embed_uncached([text])[0]


def _embed_uncached(texts: list[str]) -> np.ndarray:
    model = _model or _load()
    return model.embed(texts, norm=True).astype(np.float32)


def embed(texts: list[str], *, cache: bool = False) -> np.ndarray:
    """Unit vectors, one row per text. `cache` keeps the vectors of texts seen again and again (rubric items, and
    single words for near-synonyms)."""
    if cache:
        return np.stack([_cached(text) for text in texts])
    return _embed_uncached(texts)
