"""The analysis' shortcuts give what the plain way gives, on real text: pymorphy3 readings taken straight
from its dictionary, one token split per article, per-segment adjective agreement."""

from __future__ import annotations

import pytest

from storyline.analyze import Analyzer, morphology, tokens
from storyline.analyze.analyzer import line_segments


def _articles(n: int, lang: str) -> list[str]:
    from tests.conftest import shared_path

    from storyline.analyze.corpus import shared_news

    shared_path("data", "news", "bsnlp_uk_ru.jsonl")
    return [text for text, text_lang, _ in shared_news() if text_lang == lang][:n]


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_dictionary_readings_are_pymorphy3s_parses(lang):
    """_readings (the dictionary shortcut where it applies) = MorphAnalyzer.parse: same forms, tags,
    normal forms, order, and the same Parse objects (score and methods stack) for inflection."""
    analyzer = morphology._pymorphy(lang)
    words = sorted(
        {
            w
            for text in _articles(150, lang)
            for w in tokens.split_tokens(text)[1::2]
            if any(c.isalpha() for c in w)
        }
    )
    shortcut = 0
    for word in words:
        word = morphology._plain_apostrophes(word)
        parses = analyzer.parse(word)
        readings = morphology._readings(word, lang)
        assert readings.words == [p.word for p in parses], word
        assert readings.tags == [p.tag for p in parses], word
        for k, p in enumerate(parses):
            assert readings.normal_form(k) == p.normal_form
            assert tuple(readings.parse(k)) == tuple(p)
        shortcut += morphology._dictionary_readings(word, lang) is not None
    assert len(words) > 3000
    # the shortcut is what most words take (were pymorphy3's units laid out otherwise, none would)
    assert shortcut > 0.8 * len(words)


def test_inflected_adjective_lemmas_come_through_the_shortcut():
    """A capitalised adjective inside a name is cited in the nominative (its Parse inflected)."""
    assert morphology._dictionary_readings("Одеської", "uk") is not None
    assert morphology.morph("Одеської", "uk").lemma == "Одеська"
    assert morphology.morph("Великої", "uk").lemma == "Велика"


def test_segments_not_separated_by_whitespace_are_tokenised_one_by_one():
    """With a paragraph left out of the segments, the text between two segments is not whitespace:
    the article is then split segment by segment, and the left-out paragraph has no tokens."""
    analyzer = Analyzer()
    checked = 0
    for text in _articles(80, "uk"):
        segments = line_segments(text)
        if len(segments) < 4:
            continue
        chosen = [segments[0], segments[1], *segments[3:]]
        analysis = analyzer._analyze(text, chosen, None, None)
        expected = [(w, a + s, b + s) for s, e in chosen for w, a, b in _tokens_of(text[s:e])]
        assert [(t.text, t.start, t.end) for t in analysis.tokens] == expected
        whole = analyzer._analyze(text, segments, None, None)
        left_out = segments[2]
        kept = [t for t in whole.tokens if not left_out[0] <= t.start < left_out[1]]
        assert [(t.text, t.start, t.lemma) for t in analysis.tokens] == [
            (t.text, t.start, t.lemma) for t in kept
        ]
        checked += 1
    assert checked >= 10


def _tokens_of(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in tokens.TOKEN_RE.finditer(text)]


def test_adjective_agrees_only_with_a_noun_of_its_own_paragraph():
    """'Сполученого Королівства' in one paragraph: the adjective takes the noun's neuter; split
    across two paragraphs, the paragraph's last word keeps its own analysis."""
    analyzer = Analyzer()
    one = analyzer.analyze_text("Візит\n\nПрем'єр Сполученого Королівства прибув до Києва.")
    two = analyzer.analyze_text("Візит\n\nПрем'єр Сполученого\n\nКоролівства прибув до Києва.")
    (agreed,) = [t for t in one.tokens if t.text == "Сполученого"]
    (alone,) = [t for t in two.tokens if t.text == "Сполученого"]
    assert agreed.lemma == "Сполучене"
    assert alone.lemma == morphology.morph("Сполученого", "uk").lemma != "Сполучене"
    # the article's last token: no noun after it
    (last,) = analyzer.analyze_text("Візит\n\nПрем'єр Сполученого").tokens[-1:]
    assert (last.text, last.lemma) == ("Сполученого", alone.lemma)


def test_plain_split_is_the_plain_token_pattern_split():
    """The character-class-first split pattern matches exactly what the plain token pattern does."""
    import re

    plain = re.compile(f"({tokens._PLAIN_TOKEN})", re.VERBOSE)
    texts = _articles(300, "uk") + _articles(300, "ru")
    texts.append("10th 1,5 2022-го a...b !?! x п'ять .... 01.02.2022 10:30 «Так» — (УНН)")
    for text in texts:
        assert tokens._PLAIN_SPLIT_RE.split(text) == plain.split(text)
