"""Repair of scraping damage: words glued together when markup between them was dropped.

Two kinds, both common in real scrapes:

- case junctions: "неприйнятнимиМосква" (a sentence end lost between two paragraphs) → "неприйнятними
  Москва"; "сили.Москва" → "сили. Москва". Split where a lower-case Cyrillic letter meets an upper-case
  one followed by lower case. Tokens that start in upper case ("МакКейн", "ДеНіро") are names written in
  camel case and are split only when both halves are dictionary words of ≥ 4 letters.
- dictionary splits: "Женевізасідання" is not a word; "Женеві" + "засідання" are. An unknown token is
  split at the point where both halves are known to pymorphy3's dictionary, each half at least
  ``MIN_PART`` letters, the left half not a bare prefix ("анти", "пост" …). Known words and short
  tokens are never touched, so real words and names stay whole.

Every split is returned as a Change (rule, where, before, after, offset) for audit.
"""

from __future__ import annotations

import functools
import re

from storyline.model import Change

MIN_PART = 4  # shorter halves ("мак", "кен") are too often accidental dictionary hits
# The right half must be longer still: an unknown inflected name splits into a stem and a short word
# far more often than two real words were glued ("Скрипалей" → "Скрип" + "алей").
MIN_RIGHT_PART = 5
MIN_UNKNOWN_LEN = MIN_PART + MIN_RIGHT_PART  # an unknown token shorter than this cannot hide two words
PREFIXES = frozenset(
    [
        "анти",
        "пост",
        "супер",
        "ультра",
        "мега",
        "гіпер",
        "квазі",
        "псевдо",
        "напів",
        "контр",
        "екстра",
        "інтер",
        "транс",
        "авіа",
        "агро",
        "електро",
        "радіо",
        "теле",
        "мікро",
        "макро",
        "нео",
        "само",
        "все",
        "багато",
        "мало",
        "високо",
        "низько",
        "широко",
        "вузько",
        "ново",
        "старо",
        "віце",
        "після",
        "перед",
        "понад",
        "через",
        "поза",
        "між",
        "над",
        "під",
        "пере",
        "роз",
        "без",
        "спів",
        "деза",
        "ново",
        "анти",
        "кібер",
        "медіа",
        "фото",
        "відео",
        "авто",
        "мото",
        "вело",
        "біо",
        "гео",
        "еко",
        "нано",
        "полі",
        "моно",
        "мульти",
        "топ",
        "пів",
        # Combining forms that make compounds, not glued words ("евроскептики", "коронавірусний").
        "євро",
        "евро",
        "корона",
        "відео",
        "видео",
        "аудіо",
        "аудио",
        "сверх",
        "понад",
        "одно",
        "двух",
        "трех",
        "много",
        "поли",
        "южно",
        "северо",
        "западно",
        "восточно",
        "південно",
        "північно",
        "західно",
        "східно",
        "обще",
        "загально",
        "нейро",
        "кардио",
        "онко",
        "вирус",
        "вірус",
        "госу",
        "держ",
        "спец",
        "контр",
        "пресс",
        "прес",
    ]
)

# Only tokens that could hide two words: long ones, or ones with a lower→upper junction inside.
_CANDIDATE = re.compile(
    r"[А-ЯІЇЄҐЁа-яіїєґё][А-ЯІЇЄҐЁа-яіїєґёʼ'’]*(?:[а-яіїєґё][А-ЯІЇЄҐЁ]|[А-ЯІЇЄҐЁа-яіїєґёʼ'’]{"
    + str(MIN_UNKNOWN_LEN - 1)
    + r"})[А-ЯІЇЄҐЁа-яіїєґёʼ'’]*"
)
_CASE_JUNCTION = re.compile(r"(?<=[а-яіїєґё])(?=[А-ЯІЇЄҐЁ][а-яіїєґё])")
_PUNCT_GLUE = re.compile(r"(?<=[а-яіїєґё]{2}[.!?;])(?=[А-ЯІЇЄҐЁ][а-яіїєґё])")
_UK_ONLY = re.compile(r"[іїєґІЇЄҐ]")
_RU_ONLY = re.compile(r"[ыэъёЫЭЪЁ]")
_OTHER = {"uk": "ru", "ru": "uk"}


@functools.cache
def _morph(lang: str):  # type: ignore[no-untyped-def]
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


@functools.cache
def _words(lang: str):  # type: ignore[no-untyped-def]
    return _morph(lang).dictionary.words


@functools.lru_cache(maxsize=200_000)
def is_known(word: str, lang: str) -> bool:
    """In the dictionary as written (lower-cased): an exact DAWG lookup, ~10x cheaper than
    ``word_is_known``, whose fuzzy substitutions we do not want when deciding to split."""
    return word.lower().replace("’", "'").replace("ʼ", "'") in _words(lang)


@functools.lru_cache(maxsize=50_000)
def _known_with_yo(word: str) -> bool:
    return "е" in word.lower() and _morph("ru").word_is_known(word.lower())


#: Parts of speech a left half may have: a whole inflected word. Adverbs, short adjectives and
#: prepositions ("высоко", "велико", "около") are what compounds start with, not glued words.
_FREE_POS = frozenset({"NOUN", "ADJF", "VERB", "INFN", "PRTF", "GRND", "NUMR", "NPRO"})
MIN_LEFT_FREE = 6  # "Женеві" + "засідання"; shorter left halves ("полу", "банк") are compound stems


@functools.lru_cache(maxsize=50_000)
def _stands_alone(left: str, lang: str) -> bool:
    """Whether ``left`` reads as a free word (not a compound's first stem) in ``lang``."""
    if len(left) < MIN_LEFT_FREE:
        return False
    lowered = left.lower()
    if any(lowered.startswith(p) and len(lowered) - len(p) < MIN_PART for p in PREFIXES):
        return False  # "антико|видной": a prefix plus a few letters is a compound's start
    return _morph(lang).parse(left.lower())[0].tag.POS in _FREE_POS


def _prefixed_compound(word: str, lang: str) -> bool:
    """ "антикитайскими" = "анти" + a known word: a derivation the dictionary lacks, not damage."""
    lowered = word.lower()
    return any(
        lowered.startswith(p) and is_known(lowered[len(p) :], lang)
        for p in PREFIXES
        if len(lowered) > len(p) + 3
    )


def text_language(text: str) -> str:
    """uk or ru, for choosing the dictionary: Ukrainian unless Russian-only letters dominate."""
    return "ru" if len(_RU_ONLY.findall(text)) > len(_UK_ONLY.findall(text)) else "uk"


def split_unknown(word: str, lang: str) -> tuple[str, str] | None:
    """The best split of an unknown glued token into two dictionary words, or None."""
    if len(word) < MIN_UNKNOWN_LEN or is_known(word, lang):
        return None
    # A word of the other Slavic language is not damage: a Russian title without ы/э/ъ/ё reads as
    # Ukrainian by its letters, and "Пакистана" must not become "Паки стана".
    # Russian texts drop the ё that the dictionary has ("оживленно"): ask pymorphy3, which knows that.
    if is_known(word, _OTHER[lang]) or _known_with_yo(word):
        return None
    if _prefixed_compound(word, lang):
        return None
    best: tuple[int, str, str] | None = None
    # One walk of the dictionary gives every known prefix; only those can be the left half.
    lowered = word.lower().replace("’", "'").replace("ʼ", "'")
    for prefix in _words(lang).prefixes(lowered):
        i = len(prefix)
        if i < MIN_PART or len(word) - i < MIN_RIGHT_PART or prefix in PREFIXES:
            continue
        left, right = word[:i], word[i:]
        if right[:1] in ("'", "’", "ʼ"):
            continue
        if is_known(right, lang) and _stands_alone(left, lang):
            score = min(len(left), len(right))
            if best is None or score > best[0]:
                best = (score, left, right)
    return (best[1], best[2]) if best else None


def _split_case_junction(word: str, lang: str) -> list[str]:
    parts = _CASE_JUNCTION.split(word)
    if len(parts) == 1:
        return parts
    # Camel-case names ("МакКейн") are legitimate; split them only into real words of reasonable length.
    if word[0].isupper() and not all(len(p) >= MIN_PART and is_known(p, lang) for p in parts):
        return [word]
    return parts


def repair_paragraph(text: str, where: str, changes: list[Change], lang: str | None = None) -> str:
    """Text with glued words split; each split recorded in ``changes``."""
    lang = lang or text_language(text)
    new = _PUNCT_GLUE.sub(" ", text)
    if new != text:
        for m in _PUNCT_GLUE.finditer(text):
            changes.append(
                Change(
                    "repair:punct-space", where, text[max(0, m.start() - 8) : m.start() + 8], " ", m.start()
                )
            )
        text = new
    out: list[str] = []
    last = 0
    for m in _CANDIDATE.finditer(text):
        word = m.group()
        replacement = _repair_word(word, lang)
        if replacement != word:
            out.append(text[last : m.start()])
            out.append(replacement)
            last = m.end()
            rule = (
                "repair:case-junction"
                if " " in replacement and _CASE_JUNCTION.search(word)
                else "repair:dictionary-split"
            )
            changes.append(Change(rule, where, word, replacement, m.start()))
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _repair_word(word: str, lang: str) -> str:
    parts = _split_case_junction(word, lang)
    repaired = []
    for part in parts:
        split = split_unknown(part, lang)
        repaired.extend(split if split else (part,))
    return " ".join(repaired)
