"""Which language an answer is written in, for the offline grader, which reads English only.

`py3langid` (a maintained fork of langid.py) ships its model inside the package, loads in about half a second once
per process and names the language of a paragraph in a tenth of a millisecond, offline. An answer counts as written
in another language only when it is long enough to tell and the model is sure: technical English full of terms,
code and formulas come out as English or as unsure. Quoted text is left out first (an English answer about
multilingual search quotes the queries it handles), a language of another script must also hold most of the
letters (one Thai word weighs more with the model than a sentence of English), and an answer with any sentence of
English in it (around a foreign prompt on a line of its own) is English (docs/grading.md).
"""

import re
import threading
import unicodedata
from collections import defaultdict

from .text import function_word_share

MIN_WORDS = 5
SURE = 0.9
ENGLISH_SHARE = 0.3  # of a sentence's words that are English function words: English prose has a third or more
# Codes the model splits one language into: Chinese as Mandarin, Cantonese and Wu, Arabic by region.
SAME_LANGUAGE = {"wuu": "zh", "yue": "zh", "ary": "ar", "arz": "ar", "nn": "no"}
LATIN_SCRIPT = frozenset(
    "af ca cs da de es et fi fr hr hu id is it lt lv ms nl no pl pt ro sk sl sv sw tl tr vi".split())
# Quoted text: "...", “...”, ‘...’, «...», „...“, `...`, and '...' (not an apostrophe: "it's", "models'").
QUOTED = re.compile("|".join([r'"[^"\n]*"', r"“[^”\n]*”", r"‘[^’\n]*’", r"«[^»\n]*»", r"„[^“”\n]*[“”]", r"`[^`\n]*`",
                              r"(?<!\w)'[^'\n]*'(?!\w)"]))
SENTENCE = re.compile(r"(?<=[.!?;:])\s+|\n+")
_lock = threading.Lock()
_identifier = None

# The languages an answer is refused in, by the name a candidate is told. Codes not here (Latin, Esperanto, "zxx" for
# no language: file names and identifiers) are never refused: technical English is sometimes taken for them.
NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan", "cs": "Czech",
    "da": "Danish", "de": "German", "el": "Greek", "es": "Spanish", "et": "Estonian", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian",
    "id": "Indonesian", "is": "Icelandic", "it": "Italian", "ja": "Japanese", "ko": "Korean", "lt": "Lithuanian",
    "lv": "Latvian", "ms": "Malay", "nl": "Dutch", "no": "Norwegian", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sr": "Serbian", "sv": "Swedish",
    "sw": "Swahili", "ta": "Tamil", "th": "Thai", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu",
    "vi": "Vietnamese", "zh": "Chinese",
}


def _load():
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def warm_up() -> None:
    _load()


def other_language(text: str) -> str:
    """The name of the language `text` is written in when that is surely not English, else ""."""
    unquoted = QUOTED.sub(" ", text)
    text = text if _too_short(unquoted) else unquoted  # an answer put in quotes whole is still the answer
    if _too_short(text):
        return ""
    code, probability = _best(text)
    if probability < SURE or code not in NAMES or (code not in LATIN_SCRIPT and _latin_share(text) >= 0.5):
        return ""
    # An English answer that shows text in another language on lines of its own (a blockquote, a list of test
    # queries, a prompt) still has sentences of English around it.
    if any(_english(sentence) for sentence in SENTENCE.split(text) if len(sentence.split()) >= 3):
        return ""
    return NAMES[code]


def _english(sentence: str) -> bool:
    """The model, or English's function words ("For Thai we need segmentation:" reads as Nigerian Pidgin to it)."""
    words = re.findall(r"[a-z']+", sentence.lower())
    return _best(sentence)[0] == "en" or bool(words) and function_word_share(words) >= ENGLISH_SHARE


def _too_short(text: str) -> bool:
    return len(text.split()) < MIN_WORDS and len(text.strip()) < MIN_WORDS * 4  # Chinese has no spaces


def _best(text: str) -> tuple[str, float]:
    probabilities: dict[str, float] = defaultdict(float)
    for code, probability in _load().rank(text):
        probabilities[SAME_LANGUAGE.get(code, code)] += probability
    return max(probabilities.items(), key=lambda pair: pair[1])


def _latin_share(text: str) -> float:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(unicodedata.name(ch, "").startswith("LATIN") for ch in letters) / len(letters) if letters else 1.0
