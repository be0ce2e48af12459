"""What clustering knows about an article: weighted word keys, entities, dates mentioned, time.

Features come from the best source available and degrade gracefully, because the stages that feed them
(Analysis, Entities) may be missing or may have failed on one article:

=================  ====================================  =============================================
feature            with analysis / mentions              fallback (raw text only)
=================  ====================================  =============================================
terms              content lemmas (NOUN, PROPN, ADJ,      word keys: lower-cased, uk/ru-folded
                   VERB, NUM), folded to keys             6-letter prefixes (:mod:`.text`)
entities           canonical entity ids of mentions       capitalised words inside sentences, and
                   (language-neutral: uk = ru)            acronyms, folded to keys
dates              resolved date mentions (month-day)     "1 лютого" / "21 января" / "March 3" regex
numbers            number tokens ("#130")                 the same
time               Article.published                      None (undated: no time decay)
=================  ====================================  =============================================

Title keys are counted :data:`TITLE_WEIGHT` times, because a headline names the happening; the body
is read up to :data:`MAX_BODY_WORDS` words, because the lead says what happened and the tail of a long
article drifts into background that other events share.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from storyline import calendar
from storyline.cluster.crosslingual import translate_keys
from storyline.cluster.text import SENTENCE_END_RE, fold, guess_language, key_of, words
from storyline.model import Article, Mention, Token

#: A title word counts like this many body words: headlines name the happening, bodies add context.
TITLE_WEIGHT = 3.0
#: Body words read per article: the lead and first paragraphs carry the event; it also bounds the cost.
MAX_BODY_WORDS = 300
#: Words kept for near-duplicate fingerprints (dedupe): enough to tell a reprint from a rewrite.
MAX_FINGERPRINT_WORDS = 400
#: Parts of speech whose lemmas are content words.
CONTENT_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB", "NUM", "X"})

#: Month words of "1 лютого" / "21 января" / "March 3" (uk/ru genitives, en names) -> month number.
_EN_MONTHS = calendar.select(calendar.MONTH_WORDS, ("nominative",), ("en",))
_MONTH_NUMBERS: dict[str, int] = {
    **calendar.select(calendar.MONTH_WORDS, ("genitive",), ("uk", "ru")),
    **_EN_MONTHS,
}
_DAY_MONTH_RE = re.compile(rf"\b([0-3]?\d)\s+({calendar.alternation(_MONTH_NUMBERS)})\b", re.IGNORECASE)
_MONTH_DAY_RE = re.compile(rf"\b({calendar.alternation(_EN_MONTHS)})\s+([0-3]?\d)\b", re.IGNORECASE)
_ACRONYM_RE = re.compile(r"^[A-ZА-ЯІЇЄҐ]{2,6}$")


@dataclass(slots=True)
class Features:
    """The clustering view of one article. ``terms`` and ``entities`` are raw counts (tf); IDF weighting
    happens in the clusterer, which knows the document frequencies seen so far."""

    article_id: str
    time: float | None  # POSIX seconds of publication (naive datetimes read as UTC); None = undated
    language: str
    outlet: str | None
    title: str
    terms: dict[str, float] = field(default_factory=dict)
    entities: dict[str, float] = field(default_factory=dict)
    entity_names: dict[str, str] = field(default_factory=dict)  # entity key -> a name as written
    dates: frozenset[str] = frozenset()  # "MM-DD" of dates mentioned: language- and year-neutral
    fingerprint: list[str] = field(default_factory=list)  # folded words, for near-duplicate shingles
    title_terms: dict[str, float] = field(default_factory=dict)  # the headline's keys (raw words)
    source: str = "text"  # "analysis" when lemmas/mentions were used, for the membership reason


def timestamp(value: dt.datetime | None) -> float | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.timestamp()


def extract_features(article: Article) -> Features:
    """Features of one article, from its analysis when there is one, else from its raw text."""
    analysis = article.analysis
    language = (
        article.language or (analysis.language.code if analysis else None) or guess_language(article.text)
    )
    feats = Features(
        article_id=article.id,
        time=timestamp(article.published.value),
        language=language,
        outlet=article.outlet,
        title=article.title,
    )
    text = article.text
    if analysis is not None and analysis.tokens:
        feats.terms = _terms_from_tokens(analysis.tokens, len(article.title))
        feats.source = "analysis"
    else:
        feats.terms = terms_from_text(article.title, article.body_text)
    feats.terms = translate_keys(feats.terms, language)
    feats.title_terms = translate_keys(terms_from_text(article.title, ""), language)
    if analysis is not None and analysis.mentions:
        feats.entities, feats.entity_names = _entities_from_mentions(analysis.mentions, len(article.title))
    else:
        feats.entities, feats.entity_names = _entity_proxies(article.title, article.body_text)
    feats.dates = _dates(article)
    feats.fingerprint = [fold(w) for w in words(text)[:MAX_FINGERPRINT_WORDS]]
    return feats


def _add_number(terms: Counter[str], token: str, weight: float) -> None:
    digits = token.replace(",", ".")
    if len(digits) >= 2:
        terms["#" + digits] += weight


def _terms_from_tokens(tokens: list[Token], title_end: int) -> dict[str, float]:
    terms: Counter[str] = Counter()
    body_words = 0
    for token in tokens:
        in_title = token.start < title_end
        if not in_title:
            if body_words >= MAX_BODY_WORDS:
                break
            body_words += 1
        weight = TITLE_WEIGHT if in_title else 1.0
        if token.text[:1].isdigit():
            _add_number(terms, token.text, weight)
            continue
        if token.pos not in CONTENT_POS:
            continue
        key = key_of(token.lemma or token.text)
        if key:
            terms[key] += weight
    return dict(terms)


def terms_from_text(title: str, body: str) -> dict[str, float]:
    terms: Counter[str] = Counter()
    for weight, tokens in ((TITLE_WEIGHT, words(title)), (1.0, words(body)[:MAX_BODY_WORDS])):
        for token in tokens:
            if token[:1].isdigit():
                _add_number(terms, token, weight)
                continue
            key = key_of(token)
            if key:
                terms[key] += weight
    return dict(terms)


def entity_key(name: str) -> str:
    """A language-neutral key for an entity name without an id: each word folded and cut."""
    parts = [fold(w)[:6] for w in words(name) if len(w) > 1]
    return "~" + " ".join(parts) if parts else ""


def _entities_from_mentions(
    mentions: list[Mention], title_end: int
) -> tuple[dict[str, float], dict[str, str]]:
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for mention in mentions:
        key = mention.entity_id or entity_key(mention.canonical or mention.text)
        if key:
            counts[key] += TITLE_WEIGHT if mention.span.start < title_end else 1.0
            names.setdefault(key, mention.canonical or mention.text)
    return dict(counts), names


def _entity_proxies(title: str, body: str) -> tuple[dict[str, float], dict[str, str]]:
    """Capitalised words inside sentences (and acronyms) as stand-ins for entities.

    A capitalised sentence-initial word is kept only when the same key is capitalised mid-sentence
    somewhere in the article: that keeps "Блінкен" at the start of a title and drops "Сьогодні".
    """
    inside: Counter[str] = Counter()
    initial: Counter[str] = Counter()
    names: dict[str, str] = {}
    for weight, text in ((TITLE_WEIGHT, title), (1.0, body)):
        previous_ends_sentence = True
        for match in re.finditer(r"\S+", text):
            raw = match.group()
            for token in words(raw)[:1]:
                if token[:1].isupper():
                    acronym = bool(_ACRONYM_RE.match(token))
                    key = fold(token)[:6] if acronym else key_of(token)
                    if key:
                        target = inside if (acronym or not previous_ends_sentence) else initial
                        target["~" + key] += weight
                        names.setdefault("~" + key, token)
            previous_ends_sentence = bool(SENTENCE_END_RE.search(raw)) or raw in ("—", "–", "-")
    for key, n in initial.items():
        if key in inside:
            inside[key] += n
    return dict(inside), {k: names[k] for k in inside}


def _dates(article: Article) -> frozenset[str]:
    analysis = article.analysis
    if analysis is not None and analysis.dates:
        found = {
            f"{d.start.month:02d}-{d.start.day:02d}"
            for d in analysis.dates
            if d.start is not None and d.precision in ("day", "minute", "second")
        }
        return frozenset(found)
    found = set()
    text = article.text[:5000]
    for day, month in _DAY_MONTH_RE.findall(text):
        found.add(_month_day(month, day))
    for month, day in _MONTH_DAY_RE.findall(text):
        found.add(_month_day(month, day))
    found.discard("")
    return frozenset(found)


def _month_day(month_word: str, day: str) -> str:
    month, d = _MONTH_NUMBERS.get(month_word.lower()), int(day)
    return f"{month:02d}-{d:02d}" if month and 1 <= d <= 31 else ""
