"""Query-side lemmatization for search, and a small fallback for articles that have no analysis yet.

Why a query term becomes a *set* of lemmas: the index holds whatever lemma the analyzer chose for each
token in context, but a two-word query has no context to disambiguate "Лавровим" (surname or the
adjective "лавровий"?). Matching any plausible lemma of the word, or the word itself, finds the article
whichever reading the analyzer picked; BM25 still ranks rare lemmas above common ones.

Ukrainian and Russian share the Cyrillic alphabet; a word with і/ї/є/ґ is Ukrainian, with ы/э/ъ/ё is
Russian, and any other Cyrillic word is looked up in both dictionaries.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

WORD_RE = re.compile(r"\w+(?:[’ʼ'`-]\w+)*", re.UNICODE)
UK_ONLY = set("іїєґ")
RU_ONLY = set("ыэъё")
# The analyzer writes every apostrophe as ASCII "'" in lemmas; queries must do the same to match.
APOSTROPHES = str.maketrans({"ʼ": "'", "’": "'", "`": "'", "‘": "'"})

# Function words of Ukrainian and Russian: they match nearly every article, so a query drops them, and
# they say nothing about what two sentences share.
_FUNCTION_WORDS = """і й та а але що як це цей ця ці той ті на в у з із зі до від по за для про при під над між через
    не ні так також вже ще би б же чи бо якщо коли де хто який яка яке які його її їх він вона воно вони
    ми ви я ти через після щодо проти серед без біля був була було були бути є має мати може свій себе наш ваш весь усі всі інший такий
    и во с со к ко от о об под между после против около среди без еще ли или если где кто который что это этот эта эти тот те его ее
    он она оно они мы вы ты был была было были быть есть свой себя весь все другой такой"""
STOPWORDS = frozenset(_FUNCTION_WORDS.split())
# Case endings of Ukrainian and Russian nouns, for names the dictionaries do not know ("Рааба", "Нисару"):
# the analyzer keeps such words as written, so the index holds "Рааб" in one article and "Рааба" in the
# next. A query for an unknown capitalised word matches every form of its guessed paradigm.
NAME_ENDINGS = (
    "",
    "а",
    "я",
    "у",
    "ю",
    "ом",
    "ем",
    "ові",
    "еві",
    "і",
    "е",
    "ою",
    "ей",
    "ой",
    "им",
    "ым",
    "и",
    "ы",
)
MIN_STEM = 3
# More parses than this add only rare readings that make a query match noise.
MAX_PARSES = 4


@dataclass(frozen=True, slots=True)
class WordToken:
    """A word of a text with its offsets and its best lemma (used when an article has no analysis)."""

    text: str
    start: int
    end: int
    lemma: str


@functools.cache
def _morph(lang: str):  # type: ignore[no-untyped-def]
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


def word_languages(word: str) -> tuple[str, ...]:
    """Which dictionaries to consult for one word."""
    letters = set(word.lower())
    if letters & UK_ONLY:
        return ("uk",)
    if letters & RU_ONLY:
        return ("ru",)
    if re.search(r"[а-яА-Я]", word):
        return ("uk", "ru")
    return ()


def normalize(word: str) -> str:
    return word.lower().translate(APOSTROPHES).strip("-'")


@functools.lru_cache(maxsize=200_000)
def lemma_candidates(word: str) -> frozenset[str]:
    """Every plausible lemma of ``word`` (lower-cased), always including the word itself."""
    surface = normalize(word)
    out = {surface} if surface else set()
    analyzer_lemma = _analyzer_lemma()
    for lang in word_languages(word):
        if word[:1].isupper() and not _morph(lang).word_is_known(word):
            out |= _paradigm_guess(word, lang)
        for parse in _morph(lang).parse(word)[:MAX_PARSES]:
            out.add(normalize(parse.normal_form))
        if analyzer_lemma is not None:
            # The analyzer's own choice, as a name and as a common word: "лавровим" → "Лавров".
            out.add(normalize(analyzer_lemma(word, lang)))
            out.add(normalize(analyzer_lemma(word[:1].upper() + word[1:], lang)))
    return frozenset(x for x in out if x)


def _paradigm_guess(word: str, lang: str) -> set[str]:
    """Every form of an unknown name's guessed paradigm, and what the analyzer makes of each form."""
    ending = max((e for e in NAME_ENDINGS if e and word.lower().endswith(e)), key=len, default="")
    stem = word[: len(word) - len(ending)] if len(word) - len(ending) >= MIN_STEM else word
    forms = {stem + e for e in NAME_ENDINGS}
    analyzer_lemma = _analyzer_lemma()
    out = {normalize(f) for f in forms}
    if analyzer_lemma is not None:
        out |= {normalize(analyzer_lemma(f, lang)) for f in forms}
    return out


@functools.cache
def _analyzer_lemma():  # type: ignore[no-untyped-def]
    """The analysis stage's lemmatizer, so the query sees words as the index does (None if absent)."""
    try:
        from storyline.analyze.morphology import lemma
    except ImportError:
        return None
    return lemma


@functools.lru_cache(maxsize=200_000)
def best_lemma(word: str, lang: str | None = None) -> str:
    """The most likely lemma (first pymorphy3 parse), lower-cased; the word itself when unknown."""
    langs = (lang,) if lang in ("uk", "ru") else word_languages(word)
    if not langs:
        return normalize(word)
    analyzer_lemma = _analyzer_lemma()
    if analyzer_lemma is not None:
        return normalize(analyzer_lemma(word, langs[0]))
    return normalize(_morph(langs[0]).parse(word)[0].normal_form)


def query_terms(query: str) -> list[frozenset[str]]:
    """The query as a list of words, each a set of alternative lemmas (all words must match).

    Function words are dropped unless the query has nothing else.
    """
    terms = [lemma_candidates(m.group()) for m in WORD_RE.finditer(query) if normalize(m.group())]
    content = [t for t in terms if not t & STOPWORDS]
    return content or terms


def words(text: str, lang: str | None = None) -> list[WordToken]:
    """Words with offsets and best lemmas: the fallback when an article has no stored analysis."""
    return [
        WordToken(m.group(), m.start(), m.end(), best_lemma(m.group(), lang))
        for m in WORD_RE.finditer(text)
        if normalize(m.group())
    ]
