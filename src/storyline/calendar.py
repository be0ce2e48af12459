"""Month and weekday names of Ukrainian, Russian and English, and regex alternations built from words.

Why one module: date words were listed in the metadata extractor (datelines, lead dates), the date
recogniser and the clustering features, each list a little different. Here each form is written once
with its language and grammatical role, and each user selects the roles it matches (the date
recogniser wants locatives, "у січні"; datelines want abbreviations, "9 июл").

:func:`alternation` turns a word list into a regex that matches exactly what the plain alternation of
the words, longest first, matches, but as a trie: Python's engine tries an alternation's items one by
one, so a plain alternation of a few hundred month forms costs a comparison per item at every position
it is tried, and a trie costs one per letter.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Language = Literal["uk", "ru", "en"]
#: What a form is: the name as cited, the genitive of "1 лютого", the locative of "у січні", the
#: accusative of "у вівторок"/"в среду", the dative or locative of "по понеділку", or an abbreviation.
Role = Literal["nominative", "genitive", "locative", "accusative", "dative", "abbreviation"]


@dataclass(frozen=True, slots=True)
class CalendarWord:
    """One written form of a month (1–12) or weekday (0 = Monday … 6 = Sunday)."""

    form: str
    number: int
    language: Language
    role: Role


def _words(table: dict[int, dict[tuple[Language, Role], str]]) -> tuple[CalendarWord, ...]:
    return tuple(
        CalendarWord(form, number, language, role)
        for number, by_role in table.items()
        for (language, role), forms in by_role.items()
        for form in forms.split()
    )


_N: Role = "nominative"
_G: Role = "genitive"
_L: Role = "locative"
_A: Role = "accusative"
_D: Role = "dative"
_ABBR: Role = "abbreviation"

#: Every month form, lower-case. English has no cases: its full names are listed as nominative.
MONTH_WORDS: tuple[CalendarWord, ...] = _words(
    {
        1: {
            ("uk", _N): "січень",
            ("uk", _G): "січня",
            ("uk", _L): "січні",
            ("uk", _ABBR): "січ",
            ("en", _N): "january",
            ("en", _ABBR): "jan",
            ("ru", _N): "январь",
            ("ru", _G): "января",
            ("ru", _L): "январе",
            ("ru", _ABBR): "янв",
        },
        2: {
            ("uk", _N): "лютий",
            ("uk", _G): "лютого",
            ("uk", _L): "лютому лютім",
            ("uk", _ABBR): "лют",
            ("en", _N): "february",
            ("en", _ABBR): "feb",
            ("ru", _N): "февраль",
            ("ru", _G): "февраля",
            ("ru", _L): "феврале",
            ("ru", _ABBR): "фев",
        },
        3: {
            ("uk", _N): "березень",
            ("uk", _G): "березня",
            ("uk", _L): "березні",
            ("uk", _ABBR): "бер",
            ("en", _N): "march",
            ("en", _ABBR): "mar",
            ("ru", _N): "март",
            ("ru", _G): "марта",
            ("ru", _L): "марте",
            ("ru", _ABBR): "мар",
        },
        4: {
            ("uk", _N): "квітень",
            ("uk", _G): "квітня",
            ("uk", _L): "квітні",
            ("uk", _ABBR): "квіт",
            ("en", _N): "april",
            ("en", _ABBR): "apr",
            ("ru", _N): "апрель",
            ("ru", _G): "апреля",
            ("ru", _L): "апреле",
            ("ru", _ABBR): "апр",
        },
        5: {
            ("uk", _N): "травень",
            ("uk", _G): "травня",
            ("uk", _L): "травні",
            ("uk", _ABBR): "трав",
            ("en", _N): "may",
            ("ru", _N): "май",
            ("ru", _G): "мая",
            ("ru", _L): "мае",
        },
        6: {
            ("uk", _N): "червень",
            ("uk", _G): "червня",
            ("uk", _L): "червні",
            ("uk", _ABBR): "черв",
            ("en", _N): "june",
            ("en", _ABBR): "jun",
            ("ru", _N): "июнь",
            ("ru", _G): "июня",
            ("ru", _L): "июне",
            ("ru", _ABBR): "июн",
        },
        7: {
            ("uk", _N): "липень",
            ("uk", _G): "липня",
            ("uk", _L): "липні",
            ("uk", _ABBR): "лип",
            ("en", _N): "july",
            ("en", _ABBR): "jul",
            ("ru", _N): "июль",
            ("ru", _G): "июля",
            ("ru", _L): "июле",
            ("ru", _ABBR): "июл",
        },
        8: {
            ("uk", _N): "серпень",
            ("uk", _G): "серпня",
            ("uk", _L): "серпні",
            ("uk", _ABBR): "серп",
            ("en", _N): "august",
            ("en", _ABBR): "aug",
            ("ru", _N): "август",
            ("ru", _G): "августа",
            ("ru", _L): "августе",
            ("ru", _ABBR): "авг",
        },
        9: {
            ("uk", _N): "вересень",
            ("uk", _G): "вересня",
            ("uk", _L): "вересні",
            ("uk", _ABBR): "вер",
            ("en", _N): "september",
            ("en", _ABBR): "sept sep",
            ("ru", _N): "сентябрь",
            ("ru", _G): "сентября",
            ("ru", _L): "сентябре",
            ("ru", _ABBR): "сен сент",
        },
        10: {
            ("uk", _N): "жовтень",
            ("uk", _G): "жовтня",
            ("uk", _L): "жовтні",
            ("uk", _ABBR): "жовт",
            ("en", _N): "october",
            ("en", _ABBR): "oct",
            ("ru", _N): "октябрь",
            ("ru", _G): "октября",
            ("ru", _L): "октябре",
            ("ru", _ABBR): "окт",
        },
        11: {
            ("uk", _N): "листопад",
            ("uk", _G): "листопада",
            ("uk", _L): "листопаді",
            ("uk", _ABBR): "лист",
            ("en", _N): "november",
            ("en", _ABBR): "nov",
            ("ru", _N): "ноябрь",
            ("ru", _G): "ноября",
            ("ru", _L): "ноябре",
            ("ru", _ABBR): "ноя",
        },
        12: {
            ("uk", _N): "грудень",
            ("uk", _G): "грудня",
            ("uk", _L): "грудні",
            ("uk", _ABBR): "груд",
            ("en", _N): "december",
            ("en", _ABBR): "dec",
            ("ru", _N): "декабрь",
            ("ru", _G): "декабря",
            ("ru", _L): "декабре",
            ("ru", _ABBR): "дек",
        },
    }
)

#: Every weekday form, lower-case; the Ukrainian apostrophe is written three ways in news ("'", "’",
#: "ʼ"), listed as the users had them.
WEEKDAY_WORDS: tuple[CalendarWord, ...] = _words(
    {
        0: {
            ("uk", _N): "понеділок",
            ("uk", _G): "понеділка",
            ("uk", _D): "понеділку",
            ("ru", _N): "понедельник",
            ("ru", _G): "понедельника",
            ("en", _N): "monday",
        },
        1: {
            ("uk", _N): "вівторок",
            ("uk", _G): "вівторка",
            ("uk", _D): "вівторку",
            ("ru", _N): "вторник",
            ("ru", _G): "вторника",
            ("en", _N): "tuesday",
        },
        2: {
            ("uk", _N): "середа",
            ("uk", _A): "середу",
            ("uk", _G): "середи",
            ("ru", _N): "среда",
            ("ru", _A): "среду",
            ("ru", _G): "среды",
            ("en", _N): "wednesday",
        },
        3: {
            ("uk", _N): "четвер",
            ("uk", _G): "четверга",
            ("ru", _N): "четверг",
            ("en", _N): "thursday",
        },
        4: {
            ("uk", _N): "п'ятниця п’ятниця",
            ("uk", _A): "п'ятницю п’ятницю пʼятницю",
            ("uk", _G): "п'ятниці п’ятниці",
            ("ru", _N): "пятница",
            ("ru", _A): "пятницу",
            ("ru", _G): "пятницы",
            ("en", _N): "friday",
        },
        5: {
            ("uk", _N): "субота",
            ("uk", _A): "суботу",
            ("uk", _G): "суботи",
            ("ru", _N): "суббота",
            ("ru", _A): "субботу",
            ("ru", _G): "субботы",
            ("en", _N): "saturday",
        },
        6: {
            ("uk", _N): "неділя",
            ("uk", _A): "неділю",
            ("uk", _G): "неділі",
            ("ru", _N): "воскресенье",
            ("ru", _G): "воскресенья",
            ("en", _N): "sunday",
        },
    }
)


def select(
    words: Iterable[CalendarWord],
    roles: Iterable[Role] | None = None,
    languages: Iterable[Language] | None = None,
    exclude: Iterable[str] = (),
) -> dict[str, int]:
    """form → number of the words in the given roles and languages (None: all), less ``exclude``."""
    wanted_roles = None if roles is None else frozenset(roles)
    wanted_languages = None if languages is None else frozenset(languages)
    skip = frozenset(exclude)
    return {
        w.form: w.number
        for w in words
        if (wanted_roles is None or w.role in wanted_roles)
        and (wanted_languages is None or w.language in wanted_languages)
        and w.form not in skip
    }


def cased(word: str) -> set[str]:
    """The word as written, Capitalised and UPPER: the three cases news writes a date word in."""
    return {word, word[:1].upper() + word[1:], word.upper()}


def cased_variants(words: Iterable[str]) -> list[str]:
    """:func:`cased` of every word, longest first."""
    return sorted({v for w in words for v in cased(w)}, key=len, reverse=True)


def alternation(words: Iterable[str]) -> str:
    """A regex matching what ``(?:w1|w2|…)`` of the words (escaped, longest first) matches, as a trie.

    Same matches and same order of preference: at a node the longer continuations are tried before
    the word that ends there, as the longest-first alternation would, so backtracking into it
    yields the same candidates in the same order. Empty for no words.
    """
    trie: dict[str, dict] = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    body = _render(trie)
    return f"(?:{body})" if body else ""


def _render(node: dict[str, dict]) -> str:
    branches = [re.escape(ch) + _render(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = "|".join(branches)
    if "" in node:
        return f"(?:{body})?"  # greedy: the longer words first, then the one ending here
    return body if len(branches) == 1 else f"(?:{body})"
