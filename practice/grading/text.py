"""Text handling shared by the graders: sentences and content words. Text addressed to the grader: `injection`."""

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because been before being below
    between both but by can cannot could did do does doing don't down during each either else etc even ever every
    few for from further get gets got had has have having he her here hers herself him himself his how however i
    if in into is isn't it it's its itself just least less let like likely may me might more most much must my
    myself neither no nor not now of off often on once one only onto or other otherwise our ours ourselves out
    over own per quite rather really same several shall she should since so some such than that the their theirs
    them themselves then there these they this those though through thus to too under until up upon us usually
    very via was we were what whatever when where whether which while who whom whose why will with within without
    make makes made making
    would yet you your yours yourself yourselves
    """.split()
)

# Words rubric notes use to describe an answer rather than to state its content ("Explains that ...").
RUBRIC_META_WORDS = frozenset(
    """
    acknowledge acknowledges address addresses answer answers articulate articulates candidate clearly correct
    correctly define defines demonstrate demonstrates describe describes discuss discusses distinguish
    distinguishes e.g eg example explain explains explicitly give gives good i.e identify identifies ie include
    includes mention mentions name names note notes point points propose proposes provide provides recognise
    recognises recognize recognizes show shows state states suggest suggests understand understands warn warns
    strong weak answer's important key concrete specific specifically properly appropriately etc least
    compare compares contrast contrasts weigh weighs use uses considers consider covers cover argue argues
    recommend recommends choose chooses list lists justify justifies candidates
    """.split()
)

# Of those, the nouns and adjectives that are the content of an answer as often as they describe one: "The address of
# a location in memory", "a list of nodes", "the primary key", "strong consistency". In a model answer they count (at
# the weight of a common word, `offline.GENERIC_WEIGHT`); the other meta words ("important", "use", "give") do not.
ANSWER_CONTENT_WORDS = frozenset(
    "address addresses key list lists name names point points state states strong weak".split()
)
ANSWER_META_WORDS = RUBRIC_META_WORDS - ANSWER_CONTENT_WORDS


def meta_words(*, criteria: bool) -> frozenset[str]:
    """The words that describe an answer rather than state it: all rubric meta words in a written criterion, only the
    few that never state content in a model answer."""
    return RUBRIC_META_WORDS if criteria else ANSWER_META_WORDS

_WORD = re.compile(r"[a-z0-9]+(?:[+#][a-z0-9+#]*)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*•>#]|\d+[.)])\s)")
_BRITISH = re.compile(r"(?<=[a-z]{3})is(e|ed|es|ing|ation|ations|er|ers)$")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return text.replace("’", "'")


# A Snowball stemmer keeps the word it works on in the object, so threads must not share one: the worker grades on
# a threads pool, and a shared stemmer gave one thread another's stem or raised IndexError.
_stemmers = threading.local()


def _snowball():
    stemmer = getattr(_stemmers, "english", None)
    if stemmer is None:
        stemmer = _stemmers.english = snowballstemmer.stemmer("english")
    return stemmer


# Snowball keeps comparatives apart from their adjective ("lower" is not "low"); an answer that says "low
# temperature" states the same idea as a reference that says "lower values". The common gradable adjectives:
_GRADABLE = (
    "low high fast slow large small long short cheap big great wide deep simple easy hard safe strong weak new old "
    "close sharp quick late early few dense sparse tight loose light heavy rich poor clean"
).split()


def _comparatives(adjective: str) -> dict[str, str]:
    stem_ = adjective[:-1] if adjective.endswith("e") else adjective
    if adjective.endswith("y"):
        stem_ = adjective[:-1] + "i"
    elif adjective == "big":
        stem_ = "bigg"
    return {stem_ + "er": adjective, stem_ + "est": adjective}


_COMPARATIVE_OF = {form: base for adjective in _GRADABLE for form, base in _comparatives(adjective).items()}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem, British spellings first folded to American ("normalise" meets "normalize")."""
    word = _COMPARATIVE_OF.get(word, word)
    return _snowball().stemWord(_BRITISH.sub(lambda m: "iz" + m.group(1), word))


def words(text: str) -> list[str]:
    return _WORD.findall(normalise(text))


def content_words(text: str, *, meta: frozenset[str] = frozenset()) -> list[str]:
    """The words that carry meaning, in order, without stopwords and the `meta` words (`RUBRIC_META_WORDS` for a
    written criterion, `ANSWER_META_WORDS` for a model answer)."""
    return [
        word for word in words(text)
        if word not in STOPWORDS and word not in meta
        and (len(word) > 1 or word.isdigit())
    ]


def content_stems(text: str, *, meta: frozenset[str] = frozenset()) -> list[str]:
    """Stems of the content words, in order."""
    return [stem(word) for word in content_words(text, meta=meta)]


def sentences(text: str) -> list[str]:
    """Sentences, with hard-wrapped lines joined; a blank line or a list marker starts a new block."""
    out = []
    for block in _PARAGRAPH_BREAK.split(text or ""):
        joined = " ".join(line.strip() for line in block.splitlines())
        for part in _SENTENCE_END.split(joined):
            # a list marker, quote or heading mark, but not the bold of "**MCP** standardises ...", which evidence
            # quotes as the candidate wrote it
            part = re.sub(r"^(?:[-*•>]+\s+|#+\s*|>+|\d+[.)]\s*)", "", part.strip())
            if part and any(ch.isalnum() for ch in part):
                out.append(part)
    return out


_ACRONYM = re.compile(r"\b([A-Z]{2,6})s?\b")
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z0-9']*")
_ACRONYM_JOINERS = frozenset("of and the for with to in on by".split())
MAX_ACRONYMS = 30  # a text is read for this many at most: all capitals would make every short word a candidate


def acronyms(texts: list[str]) -> dict[str, frozenset[str]]:
    """Acronyms the texts spell out, as stems: {"dqdb": {"distribut", "queue", "dual", "buse"}} when the question
    says "Distributed Queue Dual Buses" and the answer "DQDB". Only spellings found in the texts count, written as a
    name (each word capitalised) or right before the acronym in brackets ("key-value (KV) cache"): "binary search" is
    not what "BS" stands for. Text in capitals throughout is shouting, not names, and is not read."""
    texts = [text for text in texts if text and not _shouted(text)]
    candidates = [a for text in texts for a in _ACRONYM.findall(text) if a.lower() not in STOPWORDS]
    found: dict[str, frozenset[str]] = {}
    for acronym in list(dict.fromkeys(candidates))[:MAX_ACRONYMS]:
        for text in texts:
            expansion = _spelt_out(acronym, text)
            if expansion:
                stems = frozenset(stem(w.lower()) for w in expansion)
                for form in (acronym.lower(), acronym.lower() + "s"):  # Snowball keeps the s of "DQDBs"
                    found[stem(form)] = stems
                break
    return found


def _shouted(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 20 and sum(ch.isupper() for ch in letters) > 0.6 * len(letters)


def _spelt_out(acronym: str, text: str) -> list[str]:
    """The first run of words whose initials spell `acronym` (joiners such as "of" may sit between them), written as
    a name or followed by the acronym in brackets."""
    tokens = list(_NAME_WORD.finditer(text))
    letters = acronym.lower()
    shortest = 3 if len(letters) == 2 else 2
    for start, first in enumerate(tokens):
        if first.group()[0].lower() != letters[0]:
            continue
        expansion, index = [first], start + 1
        while len(expansion) < len(letters) and index < len(tokens):
            word = tokens[index]
            index += 1
            if word.group().lower() in _ACRONYM_JOINERS:
                continue
            if word.group()[0].lower() != letters[len(expansion)]:
                break
            expansion.append(word)
        names = [word.group() for word in expansion]
        if len(names) < len(letters) or any(w.lower() in STOPWORDS or len(w) < shortest or w.upper() == w
                                            for w in names):
            continue
        defined = re.match(rf"\s*\(\s*{acronym}s?\s*\)", text[expansion[-1].end():])
        if defined or all(w[0].isupper() for w in names):
            return names
    return []


_HYPHENATED_TERM = re.compile(r"(?<=\w)-(?=\w)")


def function_word_share(tokens: list[str]) -> float:
    """The share of `tokens` that are English function words ("the", "of", "is"): about a third of English prose,
    few of a list of terms, code, a formula or another language."""
    return sum(token in STOPWORDS for token in tokens) / len(tokens) if tokens else 0.0


def is_prose(sentence: str) -> bool:
    """True for a sentence written to be read: enough words, and function words between the terms.

    A list of terms ("KV cache prefill latency quantization") is not prose; it earns no credit on its own.
    """
    # A hyphenated term is one term: the "of" in "out-of-memory" does not make a list of terms a sentence.
    tokens = words(_HYPHENATED_TERM.sub("", sentence))
    if len(tokens) < 4:
        return False
    segments = [segment.split() for segment in re.split(r"[,;/|]", sentence) if segment.strip()]
    if len(segments) >= 4 and sorted(len(seg) for seg in segments)[len(segments) // 2] <= 2:
        return False  # a comma-separated list of terms
    share = function_word_share(tokens)
    return share > 0 and share >= 0.08
