"""Which language an answer is written in, for the offline grader, which reads English only.

`py3langid` (a maintained fork of langid.py) ships its model inside the package, loads in about half a second once
per process and names the language of a paragraph in a tenth of a millisecond, offline. An answer counts as written
in another language only when it is long enough to tell and the model is sure: technical English full of terms,
code and formulas come out as English or as unsure (docs/grading.md, "Answers in other languages").
"""

import threading

MIN_WORDS = 5
SURE = 0.9
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
    if len(text.split()) < MIN_WORDS and len(text.strip()) < MIN_WORDS * 4:  # Chinese has no spaces
        return ""
    code, probability = _load().classify(text)
    return NAMES.get(code, "") if probability >= SURE else ""
