"""The morning digest: the top storylines with their events' summaries (what ``storyline demo`` prints)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from storyline.model import to_dict
from storyline.views import data
from storyline.views.summary import summarize_event

if TYPE_CHECKING:
    from storyline.store import Store

# Events per storyline in the digest: the reader wants the arc, not every day of it.
EVENTS_PER_STORYLINE = 3
DIGEST_SENTENCES = 3


def top_storylines(
    store: Store, n: int = 5, events_per_storyline: int = EVENTS_PER_STORYLINE
) -> list[dict[str, Any]]:
    """The ``n`` best-scored storylines, each with its best events (in time order) and their summaries.

    Returns plain dicts (JSON-ready): ``{"id", "title", "score", "first_published", "last_published",
    "events": [{"id", "title", "date", "n_articles", "outlets", "summary": [{"text", "outlet",
    "article_id", "url"}]}]}``.
    """
    out = []
    for storyline in data.list_storylines(store, limit=n):
        events = data.storyline_events(store, storyline)
        best = sorted(events, key=lambda e: (-e.score, -len(e.members)))[:events_per_storyline]
        best.sort(key=lambda e: (e.first_published is None, e.first_published or 0, e.id))
        out.append(
            {
                "id": storyline.id,
                "title": storyline.title,
                "score": storyline.score,
                "first_published": to_dict(storyline.first_published),
                "last_published": to_dict(storyline.last_published),
                "n_events": len(events),
                "events": [_event_entry(store, e) for e in best],
            }
        )
    return out


def _event_entry(store: Store, event: Any) -> dict[str, Any]:
    articles = data.event_articles(store, event)
    summary = summarize_event(event, articles, DIGEST_SENTENCES)
    return {
        "id": event.id,
        "title": event.title,
        "date": event.first_published.date().isoformat() if event.first_published else None,
        "n_articles": len(articles),
        "outlets": summary.outlets,
        "summary": [
            {"text": s.text, "outlet": s.outlet, "article_id": s.article_id, "url": s.url}
            for s in summary.sentences
        ],
    }
