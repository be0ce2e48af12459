"""The shared month/weekday lexicon and the trie alternations built from it, on real news text."""

from __future__ import annotations

import re

import pytest
from tests.conftest import shared_path

from storyline import calendar


def _news_text(n: int) -> str:
    from storyline.analyze.corpus import shared_news

    shared_path("data", "news", "bsnlp_uk_ru.jsonl")
    return "\n".join(text for text, _, _ in list(shared_news())[:n])


def _plain(words: list[str]) -> str:
    return "(?:" + "|".join(map(re.escape, sorted(set(words), key=len, reverse=True))) + ")"


@pytest.mark.parametrize(
    "words",
    [
        calendar.cased_variants(calendar.select(calendar.MONTH_WORDS)),
        calendar.cased_variants(calendar.select(calendar.WEEKDAY_WORDS)),
        ["на", "наступного", "наступного дня", "наступний", "на наступний день", "н"],
    ],
)
def test_trie_alternation_matches_what_the_longest_first_alternation_matches(words):
    """Same spans, and the same backtracking order: with a continuation that only a shorter word
    satisfies ("березня" before "я"), both pick the same word."""
    text = _news_text(200)
    found = 0
    for tail in (r"(?!\w)", r"\w", r"\s+\d"):
        plain = re.compile(rf"(?<!\w){_plain(words)}{tail}")
        trie = re.compile(rf"(?<!\w){calendar.alternation(words)}{tail}")
        want = [m.span() for m in plain.finditer(text)]
        assert [m.span() for m in trie.finditer(text)] == want
        found += len(want)
    assert found > 20  # real text has these words: the comparison is not vacuous


def test_select_by_role_and_language():
    uk_genitive = calendar.select(calendar.MONTH_WORDS, ("genitive",), ("uk",))
    assert uk_genitive["лютого"] == 2 and uk_genitive["грудня"] == 12 and len(uk_genitive) == 12
    english_short = calendar.select(calendar.MONTH_WORDS, ("abbreviation",), ("en",))
    assert english_short["sept"] == english_short["sep"] == 9 and "may" not in english_short
    weekdays = calendar.select(calendar.WEEKDAY_WORDS, exclude=("пʼятницю",))
    assert weekdays["вівторок"] == 1 and weekdays["п'ятницю"] == 4 and "пʼятницю" not in weekdays
    assert calendar.alternation([]) == ""
