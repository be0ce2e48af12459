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
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from storyline.analyze.dates import find_dates, is_anchor
from storyline.analyze.keywords import TOP_K, keywords
from storyline.analyze.language import DEFAULT_LANGUAGES, LanguageIdentifier
from storyline.analyze.morphology import WordMorph, agreeing_adjective, morph
from storyline.analyze.quotes import QuoteContext, find_quotes
from storyline.analyze.tokens import TOKEN_RE, split_sentences
from storyline.model import Analysis, Article, DateMention, LanguageGuess, Span, Token

#: A paragraph's own language is used for its morphology only when the guess is at least this sure;
#: otherwise the article's language is (a short Ukrainian paragraph without і/ї/є stays Ukrainian).
PARAGRAPH_LANGUAGE_CONFIDENCE = 0.5
MORPH_LANGUAGES = frozenset({"uk", "ru", "en"})
#: Characters after which the next word starts a sentence for capitalisation purposes.
_SENTENCE_OPENERS = frozenset("«„“\"'([—–-")


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

    @contextmanager
    def _timed(self, step: str) -> Iterator[None]:
        t0 = time.perf_counter()
        yield
        self.timings[step] += time.perf_counter() - t0

    def _analyze(
        self, text: str, segments: list[tuple[int, int]], published: dt.date | None, language: str | None
    ) -> Analysis:
        with self._timed("language"):
            guesses = self.identifier.guess_many([text[s:e] for s, e in segments])
            article_language = (
                LanguageGuess(language, 1.0)
                if language
                else self.identifier.combine(guesses, [e - s for s, e in segments])
            )
        sentences: list[tuple[int, int]] = []
        tokens: list[Token] = []
        morphs: list[WordMorph] = []
        dates: list[DateMention] = []
        for n, ((s, e), guess) in enumerate(zip(segments, guesses, strict=True)):
            segment = text[s:e]
            lang = (
                guess.code
                if guess.code in MORPH_LANGUAGES and guess.confidence >= PARAGRAPH_LANGUAGE_CONFIDENCE
                else article_language.code
            )
            with self._timed("sentences"):
                # A headline is one unit however many full stops it has ("Блінкен поговорив з
                # Лавровим. Москва критикує…"): readers, summaries and the gold treat it so.
                spans = [(s, e)] if n == 0 else split_sentences(segment, s)
            with self._timed("tokens+lemmas"):
                self._tokens(segment, s, spans, len(sentences), lang, tokens, morphs)
            sentences.extend(spans)
            with self._timed("dates"):
                anchor = next(
                    (d.start for d in reversed(dates) if is_anchor(d.start, d.end, d.precision, published)),
                    None,
                )
                dates.extend(find_dates(segment, published, s, anchor))
        with self._timed("quotes"):
            ctx = QuoteContext(
                text, tokens, morphs, sentences, segments[1:], lang=article_language.code, title=segments[0]
            )
            quotes = find_quotes(ctx)
        with self._timed("keywords"):
            kws = keywords(tokens, self.keyword_count)
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

    @staticmethod
    def _tokens(
        segment: str,
        offset: int,
        spans: list[tuple[int, int]],
        first_sentence: int,
        lang: str,
        tokens: list[Token],
        morphs: list[WordMorph],
    ) -> None:
        """Tokens of one paragraph with lemma, POS and sentence index (sentences are in order)."""
        first_token = len(tokens)
        k = 0
        at_start = True
        n_spans = len(spans)
        boundary = spans[0][1] if spans else len(segment) + offset
        append_token, append_morph = tokens.append, morphs.append
        for match in TOKEN_RE.finditer(segment):  # inlined tokenize(): this loop is the hot path
            word = match.group()
            start, end = match.start() + offset, match.end() + offset
            while k + 1 < n_spans and start >= boundary:
                k += 1
                boundary = spans[k][1]
                at_start = True
            m = morph(word, lang, at_start)
            append_token(Token(word, start, end, m.lemma, m.pos, first_sentence + k))
            append_morph(m)
            if at_start and (m.pos != "PUNCT" or word not in _SENTENCE_OPENERS):
                at_start = False
        _agree_name_adjectives(tokens, morphs, lang, first_token)


def _agree_name_adjectives(tokens: list[Token], morphs: list[WordMorph], lang: str, first: int) -> None:
    """Capitalised adjectives before a capitalised noun take the noun's gender and number in their lemma."""
    for i in range(first, len(tokens) - 1):
        tok, nxt = tokens[i], tokens[i + 1]
        if tok.pos != "ADJ" or not tok.lemma[:1].isupper() or not nxt.text[:1].isupper():
            continue
        noun = morphs[i + 1]
        if noun.pos not in ("NOUN", "PROPN") or not noun.tag:
            continue
        plural = "plur" in noun.tag or "Pltm" in noun.tag
        fixed = agreeing_adjective(tok.text, lang, noun.gender, plural)
        if fixed and fixed != tok.lemma:
            tok.lemma = fixed
