"""Outlet comparison: who covered an event, when, and which facts and voices each chose.

A fact is an entity, a number or a quoted speaker, found in the analysis. The comparison lays out, per
outlet, the first and last article, headlines side by side, the facts it reported, and the facts that
other outlets reported and it left out. "Whose quotes each chose" is the sharpest difference between
outlets (the seeds: one quotes Lavrov's criticism, the other Blinken's "open door"), so quotes are kept
whole, with the speaker as resolved by the entities stage when it could, as written otherwise.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Literal

from storyline.model import Article, Event

FactKind = Literal["entity", "number", "speaker"]

# A number worth comparing: digits with an optional decimal part and a unit that says what it counts.
NUMBER_RE = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[  ]\d{3})+|\d+(?:[.,]\d+)?)"
    r"(\s?(?:%|відсот\w*|процент\w*|млн|млрд|тис\.|тисяч\w*|мільйон\w*|мільярд\w*|миллион\w*|миллиард\w*|"
    r"доларів|долларов|гривень|рублей|євро|евро|осіб|людей|человек))?",
    re.IGNORECASE,
)
# Bare years and one-digit numbers ("2 дні") are context, not reported facts, unless they carry a unit.
YEAR_RANGE = range(1900, 2101)
MIN_BARE_NUMBER = 10
UNKNOWN_OUTLET = "(unknown outlet)"


@dataclass(slots=True)
class QuoteView:
    speaker: str | None
    text: str
    kind: str
    article_id: str


@dataclass(slots=True)
class HeadlineView:
    outlet: str
    title: str
    article_id: str
    published: str | None
    url: str | None


@dataclass(slots=True)
class OutletCoverage:
    outlet: str
    n_articles: int
    first: str | None
    last: str | None
    headlines: list[HeadlineView]
    entities: list[str]
    numbers: list[str]
    speakers: list[str]
    quotes: list[QuoteView]
    dates_mentioned: list[str] = field(default_factory=list)
    left_out: dict[str, list[str]] = field(default_factory=dict)  # kind -> facts others reported


@dataclass(slots=True)
class Fact:
    kind: FactKind
    value: str
    outlets: list[str]


@dataclass(slots=True)
class Comparison:
    event_id: str | None
    title: str
    outlets: list[OutletCoverage]
    shared: list[Fact]  # reported by every outlet (only meaningful with two or more)
    exclusive: list[Fact]  # reported by exactly one outlet
    facts: list[Fact]  # every fact, most widely reported first


def compare_event(event: Event, articles: list[Article]) -> Comparison:
    return compare_articles(articles, title=event.title, event_id=event.id)


def compare_articles(articles: list[Article], title: str = "", event_id: str | None = None) -> Comparison:
    """Compare the outlets of any set of articles (an event, a storyline, a hand-picked pair)."""
    by_outlet: dict[str, list[Article]] = defaultdict(list)
    for article in sorted(articles, key=_published_key):
        by_outlet[article.outlet or UNKNOWN_OUTLET].append(article)
    coverages = [_coverage(outlet, items) for outlet, items in by_outlet.items()]
    coverages.sort(key=lambda c: (c.first is None, c.first or "", c.outlet))
    facts = _facts(coverages)
    _fill_left_out(coverages, facts)
    everyone = len(coverages)
    return Comparison(
        event_id=event_id,
        title=title or (articles[0].title if articles else ""),
        outlets=coverages,
        shared=[f for f in facts if everyone > 1 and len(f.outlets) == everyone],
        exclusive=[f for f in facts if everyone > 1 and len(f.outlets) == 1],
        facts=facts,
    )


def _coverage(outlet: str, articles: list[Article]) -> OutletCoverage:
    dates = [a.published.value.isoformat() for a in articles if a.published.value]
    entities: dict[str, None] = {}
    numbers: dict[str, None] = {}
    speakers: dict[str, None] = {}
    quotes: list[QuoteView] = []
    mentioned: dict[str, None] = {}
    for article in articles:
        for number in numbers_in(article):
            numbers.setdefault(number)
        analysis = article.analysis
        if analysis is None:
            continue
        for mention in analysis.mentions:
            entities.setdefault(mention.canonical)
        for quote in analysis.quotes:
            speaker = quote.speaker_canonical or quote.speaker
            if speaker:
                speakers.setdefault(speaker)
            quotes.append(QuoteView(speaker, quote.text, quote.kind, article.id))
        for date in analysis.dates:
            if date.start is not None:
                span = (
                    date.start.isoformat() if date.end in (None, date.start) else f"{date.start}/{date.end}"
                )
                mentioned.setdefault(span)
    return OutletCoverage(
        outlet=outlet,
        n_articles=len(articles),
        first=min(dates, default=None),
        last=max(dates, default=None),
        headlines=[
            HeadlineView(
                outlet,
                a.title,
                a.id,
                a.published.value.isoformat() if a.published.value else None,
                a.url,
            )
            for a in articles
        ],
        entities=list(entities),
        numbers=list(numbers),
        speakers=list(speakers),
        quotes=quotes,
        dates_mentioned=sorted(mentioned),
    )


def numbers_in(article: Article) -> list[str]:
    """Numbers with their units from the body ("6,5 млн" → "6.5 млн"), without bare years."""
    found: dict[str, None] = {}
    for match in NUMBER_RE.finditer(article.body_text):
        digits = re.sub(r"[  ]", "", match.group(1)).replace(",", ".")
        unit = (match.group(2) or "").strip().lower()
        if not unit:
            try:
                value = float(digits)
            except ValueError:
                continue
            if value < MIN_BARE_NUMBER or (value.is_integer() and int(value) in YEAR_RANGE):
                continue
        found.setdefault(f"{digits} {unit}".strip())
    return list(found)


def _facts(coverages: list[OutletCoverage]) -> list[Fact]:
    outlets_of: dict[tuple[FactKind, str], list[str]] = defaultdict(list)
    for c in coverages:
        for kind, values in (("entity", c.entities), ("number", c.numbers), ("speaker", c.speakers)):
            for value in values:
                outlets_of[(kind, value)].append(c.outlet)  # type: ignore[index]
    facts = [Fact(kind, value, outlets) for (kind, value), outlets in outlets_of.items()]
    facts.sort(key=lambda f: (-len(f.outlets), f.kind, f.value))
    return facts


def _fill_left_out(coverages: list[OutletCoverage], facts: list[Fact]) -> None:
    for c in coverages:
        for fact in facts:
            if c.outlet not in fact.outlets:
                c.left_out.setdefault(fact.kind, []).append(fact.value)


def _published_key(article: Article) -> tuple[bool, str, str]:
    value = article.published.value
    return (value is None, value.isoformat() if value else "", article.id)
