"""The reader views over a store: by id in, view record out. The CLI and the HTTP API call only these.

Each function loads what its view needs (the event, its member articles with analyses) and raises
:class:`storyline.errors.NotFound` for an unknown id, which the CLI turns into exit code 3 and the API
into a 404 problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from storyline.errors import NotFound
from storyline.model import Event, Storyline
from storyline.views import data
from storyline.views.compare import Comparison, compare_event
from storyline.views.summary import EventSummary, StorylineLine, storyline_lines, summarize_event
from storyline.views.timeline import Timeline, build_timeline, plot_articles_per_day

if TYPE_CHECKING:
    from storyline.store import Store


@dataclass(slots=True)
class StorylineSummary:
    storyline_id: str
    title: str
    lines: list[StorylineLine]


def require_event(store: Store, event_id: str) -> Event:
    event = data.get_event(store, event_id)
    if event is None:
        raise NotFound("event", event_id)
    return event


def require_storyline(store: Store, storyline_id: str) -> Storyline:
    storyline = data.get_storyline(store, storyline_id)
    if storyline is None:
        raise NotFound("storyline", storyline_id)
    return storyline


def event_summary(store: Store, event_id: str, n_sentences: int | None = None) -> EventSummary:
    event = require_event(store, event_id)
    return summarize_event(event, data.event_articles(store, event), n_sentences)


def storyline_summary(store: Store, storyline_id: str) -> StorylineSummary:
    storyline = require_storyline(store, storyline_id)
    pairs = []
    for event in data.storyline_events(store, storyline):
        pairs.append((event, summarize_event(event, data.event_articles(store, event), 3)))
    return StorylineSummary(storyline.id, storyline.title, storyline_lines(pairs))


def event_comparison(store: Store, event_id: str) -> Comparison:
    event = require_event(store, event_id)
    return compare_event(event, data.event_articles(store, event))


def storyline_timeline(store: Store, storyline_id: str, plot: Path | None = None) -> Timeline:
    """The storyline's timeline; with ``plot``, also a chart of its articles per day per outlet."""
    storyline = require_storyline(store, storyline_id)
    events = [(e, data.event_articles(store, e)) for e in data.storyline_events(store, storyline)]
    if plot is not None:
        every = [a for _, articles in events for a in articles]
        plot_articles_per_day(every, plot, title=storyline.title)
    return build_timeline(storyline, events)
