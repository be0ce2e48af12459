"""A storyline's timeline: its events on a date axis, the happenings its articles date, key quotes.

Two kinds of points: *events* sit at their first publication day; *mentioned* points come from the
resolved date expressions in the events' articles ("10-13 січня" in an article of 21 January places
the Geneva, Brussels and Vienna talks on 10–13 January). A mentioned date within
:data:`SAME_DAY_TOLERANCE` days of the article's own publication is the event itself ("вчора",
"1 лютого" in a 1 February article) and adds nothing; one further than :data:`MAX_REACH_DAYS` away is
background history ("у 2014 році"), not part of this storyline's time axis.

The plot (articles per day per outlet) uses matplotlib's Agg backend: no display, safe in a server.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from storyline.model import Article, Event, Quote, Storyline
from storyline.views.compare import QuoteView

SAME_DAY_TOLERANCE = 1
MAX_REACH_DAYS = 92
# Mentioned dates must be at least day- or week-precise to sit on a daily axis.
PRECISE = frozenset({"day", "week", "second", "minute"})
CONTEXT_CHARS = 160
PLOT_TOP_OUTLETS = 8
# Quotes longer than this are usually mis-segmented paragraphs; shorter than MIN are fragments.
QUOTE_MAX_CHARS = 300
QUOTE_MIN_CHARS = 20


@dataclass(slots=True)
class TimelineEntry:
    date: str | None  # ISO date; None for an undated event
    kind: Literal["event", "mentioned"]
    title: str
    event_id: str
    date_end: str | None = None  # for mentioned intervals ("10-13 січня")
    n_articles: int = 0
    outlets: list[str] = field(default_factory=list)
    key_quote: QuoteView | None = None
    context: str | None = None  # for mentioned dates: the sentence that dates the happening
    mentions: int = 0  # how many articles date it so


@dataclass(slots=True)
class Timeline:
    storyline_id: str | None
    title: str
    entries: list[TimelineEntry]


def build_timeline(storyline: Storyline | None, events: list[tuple[Event, list[Article]]]) -> Timeline:
    entries: list[TimelineEntry] = []
    for event, articles in events:
        day = _event_day(event, articles)
        entries.append(
            TimelineEntry(
                date=day.isoformat() if day else None,
                kind="event",
                title=event.title,
                event_id=event.id,
                n_articles=len(articles),
                outlets=sorted({a.outlet for a in articles if a.outlet}),
                key_quote=key_quote(articles),
            )
        )
        entries.extend(mentioned_dates(event, articles))
    entries.sort(key=lambda e: (e.date is None, e.date or "", e.kind != "mentioned", e.event_id))
    return Timeline(storyline.id if storyline else None, storyline.title if storyline else "", entries)


def _event_day(event: Event, articles: list[Article]) -> dt.date | None:
    if event.first_published:
        return event.first_published.date()
    days = [a.published.value.date() for a in articles if a.published.value]
    return min(days, default=None)


def mentioned_dates(event: Event, articles: list[Article]) -> list[TimelineEntry]:
    """Happenings the event's articles date away from their own publication day, most-cited first."""
    found: dict[tuple[dt.date, dt.date], list[str]] = defaultdict(list)
    for article in articles:
        published = article.published.value.date() if article.published.value else None
        if article.analysis is None or published is None:
            continue
        for mention in article.analysis.dates:
            if mention.start is None or mention.precision not in PRECISE:
                continue
            end = mention.end or mention.start
            distance = min(abs((mention.start - published).days), abs((end - published).days))
            if distance <= SAME_DAY_TOLERANCE or distance > MAX_REACH_DAYS:
                continue
            found[(mention.start, end)].append(_context(article, mention.span.start, mention.span.end))
    entries = []
    for (start, end), contexts in found.items():
        entries.append(
            TimelineEntry(
                date=start.isoformat(),
                date_end=end.isoformat() if end != start else None,
                kind="mentioned",
                title=event.title,
                event_id=event.id,
                context=contexts[0],
                mentions=len(contexts),
            )
        )
    return entries


def _context(article: Article, start: int, end: int) -> str:
    """The sentence around a date mention, shortened to :data:`CONTEXT_CHARS`."""
    text = article.text
    if article.analysis is not None:
        for s in article.analysis.sentences:
            if s.start <= start < s.end:
                sentence = text[s.start : s.end].strip()
                break
        else:
            sentence = text[max(0, start - 80) : end + 80]
    else:
        sentence = text[max(0, start - 80) : end + 80]
    return sentence if len(sentence) <= CONTEXT_CHARS else sentence[: CONTEXT_CHARS - 1] + "…"


def key_quote(articles: list[Article]) -> QuoteView | None:
    """The quote most worth showing: a speaker quoted by the most articles, direct, not too long."""
    candidates: list[tuple[Quote, str]] = [
        (q, a.id)
        for a in articles
        if a.analysis is not None
        for q in a.analysis.quotes
        if QUOTE_MIN_CHARS <= len(q.text) <= QUOTE_MAX_CHARS
    ]
    if not candidates:
        return None
    speaker_articles = Counter()
    for a in articles:
        if a.analysis is not None:
            speaker_articles.update({q.speaker_canonical or q.speaker for q in a.analysis.quotes} - {None})

    def value(item: tuple[Quote, str]) -> tuple[int, bool, bool, int]:
        q = item[0]
        speaker = q.speaker_canonical or q.speaker
        return (
            speaker_articles[speaker] if speaker else 0,
            q.kind == "direct",
            speaker is not None,
            -len(q.text),
        )

    quote, article_id = max(candidates, key=value)
    return QuoteView(quote.speaker_canonical or quote.speaker, quote.text, quote.kind, article_id)


def render_text(timeline: Timeline) -> str:
    """The timeline as plain lines: date, marker, title, outlets, key quote or dating sentence."""
    lines = [timeline.title] if timeline.title else []
    for e in timeline.entries:
        when = e.date or "undated"
        if e.date_end:
            when += f"…{e.date_end}"
        if e.kind == "event":
            outlets = ", ".join(e.outlets[:4]) + (" …" if len(e.outlets) > 4 else "")
            lines.append(f"{when}  ● {e.title}  [{e.n_articles} art.; {outlets}]")
            if e.key_quote:
                who = e.key_quote.speaker or "?"
                lines.append(f"{'':12}  “{e.key_quote.text}” — {who}")
        else:
            lines.append(f"{when}  ○ {e.context}  (dated in: {e.title})")
    return "\n".join(lines)


def articles_per_day(articles: list[Article]) -> dict[str, Counter[dt.date]]:
    """outlet -> day -> number of articles (undated articles are left out)."""
    out: dict[str, Counter[dt.date]] = defaultdict(Counter)
    for a in articles:
        if a.published.value is not None:
            out[a.outlet or "unknown"][a.published.value.date()] += 1
    return out


def plot_articles_per_day(articles: list[Article], path: Path, title: str = "") -> Path:
    """A stacked bar chart of articles per day per outlet (top outlets, the rest as "other").

    The format follows the file suffix (.png, .svg, .pdf).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    counts = articles_per_day(articles)
    totals = Counter({outlet: sum(days.values()) for outlet, days in counts.items()})
    top = [outlet for outlet, _ in totals.most_common(PLOT_TOP_OUTLETS)]
    series: dict[str, Counter[dt.date]] = {outlet: counts[outlet] for outlet in top}
    other: Counter[dt.date] = Counter()
    for outlet, days in counts.items():
        if outlet not in top:
            other.update(days)
    if other:
        series["other"] = other
    days = sorted({d for c in series.values() for d in c})
    fig, ax = plt.subplots(figsize=(10, 4))
    bottom = [0] * len(days)
    for outlet, c in series.items():
        heights = [c.get(d, 0) for d in days]
        ax.bar(days, heights, bottom=bottom, label=outlet, width=0.8)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.set_ylabel("articles per day")
    ax.set_title(title or "Articles per day per outlet")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    fig.autofmt_xdate()
    if series:
        ax.legend(fontsize="small", ncol=2)
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path
