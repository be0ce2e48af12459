"""The analyze stage: language, sentences, tokens with lemmas, dates, quotes and keywords per article.

Cheap to construct; pymorphy3 dictionaries and lingua load on first use and are shared. The work per
article is one pass per paragraph (language, sentences, tokens, morphology, dates), then quotes and
keywords over the whole article. ``timings`` accumulates CPU seconds per step so the benchmark can
report where the time goes.
"""

from __future__ import annotations

import datetime as dt
import gc
import time
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from itertools import accumulate, chain, count, pairwise, repeat
from operator import attrgetter, sub
from typing import cast

from storyline.analyze.dates import find_article_dates
from storyline.analyze.keywords import TOP_K, keywords
from storyline.analyze.language import DEFAULT_LANGUAGES, LanguageIdentifier
from storyline.analyze.morphology import WordMorph, agreeing_adjective, cached_morph, morph_table
from storyline.analyze.quotes import QuoteContext, find_quotes
from storyline.analyze.tokens import split_sentences, split_tokens
from storyline.model import Analysis, Article, LanguageGuess, Span, Token

#: A paragraph's own language is used for its morphology only when the guess is at least this sure;
#: otherwise the article's language is (a short Ukrainian paragraph without і/ї/є stays Ukrainian).
PARAGRAPH_LANGUAGE_CONFIDENCE = 0.5
MORPH_LANGUAGES = frozenset({"uk", "ru", "en"})
#: Characters after which the next word starts a sentence for capitalisation purposes.
_SENTENCE_OPENERS = frozenset("«„“\"'([—–-")
_LEMMA = attrgetter("lemma")
_POS = attrgetter("pos")


def _as_date(value: dt.date | dt.datetime | str | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def line_segments(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of each non-empty line: the first is the title, the rest are paragraphs."""
    segments = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            segments.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return segments


class Analyzer:
    """The ``analyze`` pipeline stage (see :mod:`storyline.pipeline`)."""

    name = "analyze"
    version = "1"

    def __init__(self, languages: Sequence[str] = DEFAULT_LANGUAGES, keyword_count: int = TOP_K) -> None:
        self.identifier = LanguageIdentifier(languages)
        self.keyword_count = keyword_count
        self.timings: Counter[str] = Counter()

    def __call__(self, article: Article) -> Article:
        segments = [(0, len(article.title)), *article.paragraph_offsets()]
        analysis = self._analyze(article.text, segments, _as_date(article.published.value), article.language)
        analysis.content_hash = article.content_hash
        article.analysis = analysis
        if not article.language:
            article.language = analysis.language.code
        return article

    def analyze_text(
        self,
        text: str,
        *,
        published: dt.date | dt.datetime | str | None = None,
        language: str | None = None,
    ) -> Analysis:
        """Analyse raw text: first non-empty line the title, every further non-empty line a paragraph."""
        return self._analyze(text, line_segments(text), _as_date(published), language)

    def _analyze(
        self, text: str, segments: list[tuple[int, int]], published: dt.date | None, language: str | None
    ) -> Analysis:
        """:meth:`_steps` with the cyclic garbage collector paused.

        Why: one article allocates about a thousand short-lived container objects (tokens first), so
        CPython's collector ran a young-generation pass every article, promoted the live ones, and every
        few hundred articles walked the whole heap — the word caches' hundreds of thousands of objects —
        in a full collection: 0.3-0.5 ms per article, 7 % of the analysis, all for garbage that plain
        reference counting frees anyway (the analysis makes no reference cycles). Paused, the article's
        objects are freed by reference counting before the collector looks again. The collector's
        state is put back as it was (a host that disabled it keeps it disabled).
        """
        enabled = gc.isenabled()
        if enabled:
            gc.disable()
        try:
            return self._steps(text, segments, published, language)
        finally:
            if enabled:
                gc.enable()

    def _steps(
        self, text: str, segments: list[tuple[int, int]], published: dt.date | None, language: str | None
    ) -> Analysis:
        # Step times are CPU seconds of this process (so a busy machine does not inflate them), one
        # clock reading per step and article: the paragraphs are split into sentences in one loop and
        # tokenized in the next.
        clock = time.process_time
        t0 = clock()
        guesses = self.identifier.guess_many([text[s:e] for s, e in segments])
        article_language = (
            LanguageGuess(language, 1.0)
            if language
            else self.identifier.combine(guesses, [e - s for s, e in segments])
        )
        t1 = clock()
        # A headline is one unit however many full stops it has ("Блінкен поговорив з Лавровим.
        # Москва критикує…"): readers, summaries and the gold treat it so.
        title_start, title_end = segments[0]
        paragraph_spans = [[(title_start, title_end)]]
        paragraph_spans += [split_sentences(text[s:e], s) for s, e in segments[1:]]
        t2 = clock()
        sentences = [span for spans in paragraph_spans for span in spans]
        fallback = article_language.code
        langs = [
            guess.code
            if guess.code in MORPH_LANGUAGES and guess.confidence >= PARAGRAPH_LANGUAGE_CONFIDENCE
            else fallback
            for guess in guesses
        ]
        words, bounds, tokens, morphs = _article_tokens(text, segments, paragraph_spans, langs)
        t3 = clock()
        dates = find_article_dates(text, segments, published, [words[b:c] for b, c in pairwise(bounds)])
        t4 = clock()
        ctx = QuoteContext(
            text, tokens, morphs, sentences, segments[1:], lang=article_language.code, title=segments[0]
        )
        quotes = find_quotes(ctx)
        t5 = clock()
        kws = keywords(tokens, self.keyword_count)
        t6 = clock()
        timings = self.timings
        timings["language"] += t1 - t0
        timings["sentences"] += t2 - t1
        timings["tokens+lemmas"] += t3 - t2
        timings["dates"] += t4 - t3
        timings["quotes"] += t5 - t4
        timings["keywords"] += t6 - t5
        return Analysis(
            language=article_language,
            paragraph_languages=guesses[1:],
            sentences=[Span(s, e) for s, e in sentences],
            tokens=tokens,
            dates=dates,
            quotes=quotes,
            keywords=kws,
            version=self.version,
        )


def _split_article(
    text: str, segments: list[tuple[int, int]]
) -> tuple[list[str], list[int], list[int], list[int]]:
    """(words, starts, ends, bounds) of the tokens of every segment; segment ``k``'s tokens are
    ``bounds[k]:bounds[k + 1]``.

    Why one split of the whole article instead of one per segment: the segments (title, paragraphs)
    are separated by whitespace, which no token contains or looks at beyond, so the article's tokens
    are its segments' tokens one after another; one regex call and one pass of offsets then replace a
    dozen of each. Segments that are not so separated (never from :meth:`Analyzer.analyze_text` or an
    :class:`Article`) are split one by one.
    """
    lo, hi = segments[0][0], segments[-1][1]
    if all(text[e:s].isspace() for (_, e), (s, _) in pairwise(segments)):
        parts = split_tokens(text[lo:hi])
        offsets = list(accumulate(map(len, parts), initial=lo))
        starts = offsets[1:-1:2]
        bounds = [bisect_left(starts, s) for s, _ in segments]
        bounds.append(len(starts))
        return parts[1::2], starts, offsets[2::2], bounds
    words: list[str] = []
    starts, ends, bounds = [], [], []
    for s, e in segments:
        bounds.append(len(words))
        parts = split_tokens(text[s:e])
        offsets = list(accumulate(map(len, parts), initial=s))
        words += parts[1::2]
        starts += offsets[1:-1:2]
        ends += offsets[2::2]
    bounds.append(len(words))
    return words, starts, ends, bounds


def _article_tokens(
    text: str,
    segments: list[tuple[int, int]],
    paragraph_spans: list[list[tuple[int, int]]],
    langs: list[str],
) -> tuple[list[str], list[int], list[Token], list[WordMorph]]:
    """(words, bounds, tokens, morphs) of the article: its tokens with lemma, POS and sentence index,
    and the :class:`WordMorph` of each; segment ``k`` (title or paragraph, split into the sentences
    ``paragraph_spans[k]``, its words analysed in language ``langs[k]``) has tokens
    ``bounds[k]:bounds[k + 1]``.

    This is the analysis' hot path, so it works on whole lists at C speed instead of a Python step per
    token: one ``split`` gives the words and the gaps between them (their running lengths are the
    offsets), one ``map`` over the mid-sentence morphology table per language gives the analyses, and
    :class:`Token` objects are built by ``map`` too. Python code runs once per sentence (its first
    word(s) take the sentence-start analysis, see :func:`_sentence_openings`), for table misses, which
    ask :func:`cached_morph` (pymorphy3), and for capitalised adjectives.
    """
    words, starts, ends, bounds = _split_article(text, segments)
    n = len(words)
    single = len(set(langs)) == 1
    if single:
        found: list[WordMorph | None] = list(map(morph_table(langs[0], False).get, words))
    else:
        found = []
        for lang, (b, c) in zip(langs, pairwise(bounds), strict=True):
            found += map(morph_table(lang, False).get, words[b:c])
    # the index of each sentence's first token (a sentence without tokens repeats the next one's)
    firsts: list[int] = []
    for spans, (b, c), lang in zip(paragraph_spans, pairwise(bounds), langs, strict=True):
        if b == c:
            firsts += repeat(b, len(spans))
            continue
        seg_firsts = [bisect_left(starts, a, b, c) for a, _ in spans]
        _sentence_openings(words, found, seg_firsts, c, lang)
        firsts += seg_firsts
    if not all(found):  # (a WordMorph is a non-empty tuple: true; a miss is None)
        _fill_misses(words, found, langs[0] if single else _lang_of(langs, bounds))
    ready = cast("list[WordMorph]", found)
    lemmas = list(map(_LEMMA, ready))
    poses = list(map(_POS, ready))
    if "ADJ" in poses:
        _agree_name_adjectives(words, ready, lemmas, poses, bounds, langs)
    counts = map(sub, [*firsts[1:], n], firsts)
    sentence_ids = chain.from_iterable(map(repeat, count(), counts))
    tokens = list(map(Token, words, starts, ends, lemmas, poses, sentence_ids))
    return words, bounds, tokens, ready


def _lang_of(langs: list[str], bounds: list[int]) -> Callable[[int], str]:
    """The language of token ``i``: that of the segment holding it."""
    return lambda i: langs[bisect_right(bounds, i) - 1]


def _sentence_openings(
    words: list[str], found: list[WordMorph | None], firsts: list[int], end: int, lang: str
) -> None:
    """Give each sentence's first word the sentence-start analysis, in place; after opening punctuation
    («, —, "(") the word that follows takes it too. ``firsts`` are the first token indices of one
    segment's sentences, ``end`` the index after its last token."""
    opening_get = morph_table(lang, True).get
    for i, stop in zip(firsts, [*firsts[1:], end], strict=True):
        while i < stop:
            word = words[i]
            m = opening_get(word)
            if m is None:
                m = cached_morph(word, lang, True)
            found[i] = m
            if m.pos != "PUNCT" or word not in _SENTENCE_OPENERS:
                break
            i += 1


def _fill_misses(words: list[str], found: list[WordMorph | None], lang: str | Callable[[int], str]) -> None:
    """Analyse the words the mid-sentence table did not hold (``None`` in ``found``), in place;
    ``lang`` is the language of all, or a function giving each token's."""
    for i, m in enumerate(found):
        if m is None:
            found[i] = cached_morph(words[i], lang if isinstance(lang, str) else lang(i), False)


def _agree_name_adjectives(
    words: list[str],
    morphs: list[WordMorph],
    lemmas: list[str],
    poses: list[str],
    bounds: list[int],
    langs: list[str],
) -> None:
    """Capitalised adjectives before a capitalised noun of the same segment take the noun's gender and
    number in their lemma (in ``lemmas``, in place)."""
    i = -1
    try:
        while True:
            i = poses.index("ADJ", i + 1)
            if not lemmas[i][:1].isupper():
                continue
            k = bisect_right(bounds, i) - 1
            if i + 1 >= bounds[k + 1] or not words[i + 1][:1].isupper():
                continue  # (the segment's last token has no noun after it)
            noun = morphs[i + 1]
            if noun.pos not in ("NOUN", "PROPN") or not noun.tag:
                continue
            plural = "plur" in noun.tag or "Pltm" in noun.tag
            fixed = agreeing_adjective(words[i], langs[k], noun.gender, plural)
            if fixed and fixed != lemmas[i]:
                lemmas[i] = fixed
    except ValueError:  # no further adjective
        return
