"""Small rules of English for text the product puts together from names."""

# Spelled-out capitals that start with a vowel sound: "an LLM", "an SQL query", "an X API response".
_VOWEL_SOUND_LETTERS = set("AEFHILMNORSX")
# Words said as words, not letter by letter, or whose first vowel sounds like "you" or "one".
_SAID_AS_WORDS = {"RAG", "NASA", "JSON", "JSONL"}
_CONSONANT_SOUND_STARTS = ("uni", "use", "usu", "uti", "eu", "one", "once", "ubiq")
_SILENT_H_STARTS = ("hour", "honest", "honour", "heir")


def indefinite_article(phrase: str) -> str:
    """"a" or "an" for the phrase, by how its first word sounds."""
    word = phrase.strip().split(" ", 1)[0].strip("\"'“(")
    if not word:
        return "a"
    if len(word) > 1 and word.isupper() and word.upper() not in _SAID_AS_WORDS:
        return "an" if word[0] in _VOWEL_SOUND_LETTERS else "a"
    if len(word) == 1 and word.isalpha():
        return "an" if word.upper() in _VOWEL_SOUND_LETTERS else "a"
    lower = word.lower()
    if lower.startswith(_SILENT_H_STARTS):
        return "an"
    if lower.startswith(_CONSONANT_SOUND_STARTS):
        return "a"
    return "an" if lower[0] in "aeiou" else "a"


def with_article(phrase: str) -> str:
    """"Agentic systems" -> "an Agentic systems"."""
    return f"{indefinite_article(phrase)} {phrase}"


def level_phrase(name: str) -> str:
    """"Senior" -> "Senior level", "Mid-level" -> "Mid-level": a level's name that already says "level" keeps one."""
    name = name.strip()
    return name if name.lower().endswith("level") else f"{name} level"


def clock(seconds: int | None) -> str:
    """350 -> "5:50", 3600 -> "60:00": minutes and seconds, as the page's timers count."""
    if seconds is None:
        return ""
    minutes, rest = divmod(max(0, int(seconds)), 60)
    return f"{minutes}:{rest:02d}"
