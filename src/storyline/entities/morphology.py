"""A small, cached, proper-name-aware view of pymorphy3 for the entities stage.

Why our own wrapper: the CRF's features must be *identical* at training time (tokens from the IOB files)
and at run time (tokens from ``article.analysis.tokens``), so the entities stage computes its morphology
from the surface word alone, through this one function, whatever the analyzer did. Every word form is
analysed once per process (``functools.lru_cache``): news repeats the same few thousand forms, and the
cache is what makes NER fast enough (see bench/entities.py).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import pymorphy3

#: Grammemes that matter for names: proper-name classes, abbreviation, indeclinable.
NAME_GRAMMEMES = ("Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Fixd", "Trad")
_NAME_SET = frozenset(NAME_GRAMMEMES)
_SHAPE_TAGS = frozenset({"anim", "inan", "masc", "femn", "neut", "plur", "sing", "Sgtm", "Pltm"})
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2")
GENDERS = ("masc", "femn", "neut", "ms-f")


@dataclass(frozen=True, slots=True)
class WordInfo:
    """What the NER features and the canonicaliser need to know about one word form."""

    lemma: str
    pos: str  # pymorphy POS of the best parse ("NOUN", "ADJF", "UNKN" …)
    case: str  # case of the best parse, "" if none
    grammemes: frozenset[str]  # union of NAME_GRAMMEMES over all parses
    known: bool  # in the dictionary (not guessed by a suffix predictor)
    tags: frozenset[str] = frozenset()  # animacy, gender, number of the best parse


@functools.cache
def analyzer(lang: str) -> pymorphy3.MorphAnalyzer:
    """One analyzer per language per process (loading takes ~0.1 s and ~15 MB)."""
    return pymorphy3.MorphAnalyzer(lang="ru" if lang == "ru" else "uk")


def morph_lang(lang: str | None) -> str:
    """pymorphy has uk and ru dictionaries; everything else is analysed as Ukrainian (harmless)."""
    return "ru" if lang == "ru" else "uk"


@functools.lru_cache(maxsize=200_000)
def word_info(word: str, lang: str = "uk") -> WordInfo:
    """The best parse's lemma/POS/case plus the name grammemes of *any* parse (cached per form)."""
    parses = analyzer(lang).parse(word)
    best = parses[0]
    tag = best.tag
    grammemes: set[str] = set()
    for p in parses:
        grammemes |= p.tag.grammemes & _NAME_SET
    known = any(type(m[0]).__name__ == "DictionaryAnalyzer" for m in best.methods_stack)
    return WordInfo(
        lemma=best.normal_form,
        pos=str(tag.POS or ("PNCT" if not word[:1].isalnum() else "UNKN")),
        case=str(tag.case or ""),
        grammemes=frozenset(grammemes),
        known=known,
        tags=frozenset(tag.grammemes & _SHAPE_TAGS),
    )


@functools.lru_cache(maxsize=100_000)
def parses(word: str, lang: str = "uk") -> tuple[pymorphy3.analyzer.Parse, ...]:
    """All parses of a form (cached): the canonicaliser chooses among them by entity type."""
    return tuple(analyzer(lang).parse(word))
