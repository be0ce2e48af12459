"""The analyze stage: language, sentences, tokens with lemmas, dates, quotes and keywords per article.

Cheap to construct; pymorphy3 dictionaries and lingua load on first use and are shared. The work per
article is one pass per paragraph (language, sentences, tokens, morphology, dates), then quotes and
keywords over the whole article. ``timings`` accumulates seconds per step so the benchmark can report
where the time goes.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise
from operator import attrgetter

from storyline.analyze.dates import find_article_dates
from storyline.analyze.keywords import TOP_K, keywords
from storyline.analyze.language import DEFAULT_LANGUAGES, LanguageIdentifier
from storyline.analyze.morphology import WordMorph, agreeing_adjective, cached_morph, morph_table
from storyline.analyze.quotes import QuoteContext, find_quotes
from storyline.analyze.tokens import TOKEN_RE, split_sentences
from storyline.model import Analysis, Article, LanguageGuess, Span, Token

#: A paragraph's own language is used for its morphology only when the guess is at least this sure;
#: otherwise the article's language is (a short Ukrainian paragraph without і/ї/є stays Ukrainian).
PARAGRAPH_LANGUAGE_CONFIDENCE = 0.5
MORPH_LANGUAGES = frozenset({"uk", "ru", "en"})
#: Characters after which the next word starts a sentence for capitalisation purposes.
_SENTENCE_OPENERS = frozenset("«„“\"'([—–-")
_TEXT = attrgetter("text")


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
        # Step times are summed by hand: a context manager per step and paragraph cost more than the
        # sentence splitter it would time.
        clock = time.perf_counter
        t0 = clock()
        guesses = self.identifier.guess_many([text[s:e] for s, e in segments])
        article_language = (
            LanguageGuess(language, 1.0)
            if language
            else self.identifier.combine(guesses, [e - s for s, e in segments])
        )
        t_language = clock() - t0
        t_sentences = t_tokens = 0.0
        sentences: list[tuple[int, int]] = []
        tokens: list[Token] = []
        morphs: list[WordMorph] = []
        bounds: list[int] = []  # index of each segment's first token
        for n, ((s, e), guess) in enumerate(zip(segments, guesses, strict=True)):
            t0 = clock()
            segment = text[s:e]
            lang = (
                guess.code
                if guess.code in MORPH_LANGUAGES and guess.confidence >= PARAGRAPH_LANGUAGE_CONFIDENCE
                else article_language.code
            )
            # A headline is one unit however many full stops it has ("Блінкен поговорив з Лавровим.
            # Москва критикує…"): readers, summaries and the gold treat it so.
            spans = [(s, e)] if n == 0 else split_sentences(segment, s)
            t1 = clock()
            bounds.append(len(tokens))
            _paragraph_tokens(text, spans, len(sentences), lang, tokens, morphs)
            sentences.extend(spans)
            t2 = clock()
            t_sentences += t1 - t0
            t_tokens += t2 - t1
        t0 = clock()
        bounds.append(len(tokens))
        words = [list(map(_TEXT, tokens[a:b])) for a, b in pairwise(bounds)]
        dates = find_article_dates(text, segments, published, words)
        t_dates = clock() - t0
        t0 = clock()
        ctx = QuoteContext(
            text, tokens, morphs, sentences, segments[1:], lang=article_language.code, title=segments[0]
        )
        quotes = find_quotes(ctx)
        t1 = clock()
        kws = keywords(tokens, self.keyword_count)
        t2 = clock()
        timings = self.timings
        timings["language"] += t_language
        timings["sentences"] += t_sentences
        timings["tokens+lemmas"] += t_tokens
        timings["dates"] += t_dates
        timings["quotes"] += t1 - t0
        timings["keywords"] += t2 - t1
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


def _paragraph_tokens(
    text: str,
    spans: list[tuple[int, int]],
    first_sentence: int,
    lang: str,
    tokens: list[Token],
    morphs: list[WordMorph],
) -> None:
    """Tokens of one paragraph's sentences (``spans`` into ``text``) with lemma, POS, sentence index.

    This loop is the analysis' hot path. Sentences are tokenized one by one, in place in the article
    text (a token never crosses a sentence boundary: boundaries sit on whitespace), so the sentence
    index is fixed per inner loop and offsets need no shifting. Words are looked up in the
    per-position morphology tables first; :func:`morph` (pymorphy3) is asked only on a miss.
    """
    finditer = TOKEN_RE.finditer
    append_token, append_morph = tokens.append, morphs.append
    opening_get = morph_table(lang, True).get
    inner_get = morph_table(lang, False).get
    adjectives: list[int] = []  # capitalised adjectives, for _agree_name_adjectives
    for k, (s, e) in enumerate(spans, first_sentence):
        at_start = True
        get = opening_get
        for match in finditer(text, s, e):
            word = match.group()
            m = get(word)
            if m is None:
                m = cached_morph(word, lang, at_start)
            pos = m.pos
            start, end = match.span()  # (not *match.span() in the call: star-arguments cost more)
            append_token(Token(word, start, end, m.lemma, pos, k))
            append_morph(m)
            if pos == "ADJ" and m.lemma[:1].isupper():
                adjectives.append(len(tokens) - 1)
            if at_start and (pos != "PUNCT" or word not in _SENTENCE_OPENERS):
                at_start = False
                get = inner_get
    if adjectives:
        _agree_name_adjectives(tokens, morphs, lang, adjectives)


def _agree_name_adjectives(
    tokens: list[Token], morphs: list[WordMorph], lang: str, adjectives: list[int]
) -> None:
    """Capitalised adjectives before a capitalised noun take the noun's gender and number in their lemma."""
    last = len(tokens) - 1
    for i in adjectives:
        if i >= last:
            continue
        tok, nxt = tokens[i], tokens[i + 1]
        if not nxt.text[:1].isupper():
            continue
        noun = morphs[i + 1]
        if noun.pos not in ("NOUN", "PROPN") or not noun.tag:
            continue
        plural = "plur" in noun.tag or "Pltm" in noun.tag
        fixed = agreeing_adjective(tok.text, lang, noun.gender, plural)
        if fixed and fixed != tok.lemma:
            tok.lemma = fixed
