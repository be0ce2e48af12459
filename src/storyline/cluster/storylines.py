"""Storylines: events linked over weeks by the entities and themes they share.

Events are visited in time order; each joins the most similar open storyline or opens one. A storyline
is open while its last event is less than :data:`STORY_GAP_DAYS` old: a thread that went quiet for
longer and comes back is, for a reader, a new storyline. Similarity is the cosine of the event's entity
weights with the storyline's (who is involved: Blinken, Lavrov, NATO) mixed with the cosine of their
term centroids (what it is about: security guarantees, talks). Entities weigh more than for events,
because a storyline's events are *different* happenings with the same actors.

This runs over the events the clusterer produced, whose number is far below the number of articles, and
compares each event with open storylines only; it is recomputed after every clustering run, so online
and batch give the same storylines whenever they give the same events.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from itertools import islice

from storyline.cluster.events import EventState
from storyline.cluster.vectors import add_into, dot, norm, top_keys

_DAY = 86400.0

#: Score at or above which an event continues a storyline. Tuned on the dev gold: lower chains unrelated
#: threads that share a country ("США"), higher splits a thread whenever its vocabulary moves on.
STORY_THRESHOLD = 0.20
#: Entities carry a storyline; terms tell two threads about the same people apart.
W_STORY_ENTITIES = 0.6
W_STORY_TERMS = 0.4
#: A storyline accepts new events until it has been quiet for this long.
STORY_GAP_DAYS = 60.0
#: Keys kept per storyline profile.
MAX_STORY_KEYS = 300
#: Event keys (entities, then terms) used to look up candidate storylines.
STORY_QUERY_KEYS = 8
#: An index key listing more storylines than this is pruned of closed ones.
STORY_POSTINGS_MAX = 200
STORY_PRUNE_EVERY = 1000
#: Most recent storylines read per index key.
STORY_POSTINGS_SCAN = 50


@dataclass(slots=True)
class StoryState:
    id: str
    seq: int
    event_ids: list[str] = field(default_factory=list)
    terms: dict[str, float] = field(default_factory=dict)
    entities: dict[str, float] = field(default_factory=dict)
    first: float | None = None
    last: float | None = None


def storyline_id_for(event_id: str) -> str:
    return hashlib.sha1(f"storyline:{event_id}".encode()).hexdigest()[:16]


def _unit(vector: dict[str, float]) -> dict[str, float]:
    n = norm(vector)
    return {k: v / n for k, v in vector.items()} if n else {}


def link_storylines(
    events: list[EventState],
    threshold: float = STORY_THRESHOLD,
    gap_days: float = STORY_GAP_DAYS,
) -> list[StoryState]:
    """Group events into storylines (see module docstring); every event ends up in exactly one.

    Candidate storylines come from an index over the top keys of open storylines, so the cost per event
    stays bounded however many storylines the corpus has.
    """
    ordered = sorted(events, key=lambda e: (e.first is None, e.first or 0.0, e.seq))
    stories: list[StoryState] = []
    index: dict[str, dict[int, None]] = {}
    gap = gap_days * _DAY
    for n, event in enumerate(ordered, 1):
        terms, entities = _unit(event.centroid), _unit(event.entities)
        query = top_keys(entities, STORY_QUERY_KEYS) + top_keys(terms, STORY_QUERY_KEYS)
        candidates = {
            seq for key in query for seq in islice(reversed(index.get(key, {})), STORY_POSTINGS_SCAN)
        }
        best, best_score = None, 0.0
        for seq in sorted(candidates):
            story = stories[seq]
            if event.first is not None and story.last is not None and event.first - story.last > gap:
                continue
            s_terms, s_ents = norm(story.terms), norm(story.entities)
            cos_t = dot(terms, story.terms) / s_terms if s_terms else 0.0
            cos_e = dot(entities, story.entities) / s_ents if s_ents and entities else cos_t
            score = W_STORY_ENTITIES * cos_e + W_STORY_TERMS * cos_t
            if score > best_score:
                best, best_score = story, score
        if best is None or best_score < threshold:
            best = StoryState(storyline_id_for(event.id), len(stories))
            stories.append(best)
        best.event_ids.append(event.id)
        weight = math.log1p(len(event.members))  # a big event shapes its storyline more than a lone report
        add_into(best.terms, {k: v * weight for k, v in terms.items()}, MAX_STORY_KEYS)
        add_into(best.entities, {k: v * weight for k, v in entities.items()}, MAX_STORY_KEYS)
        for key in query:
            index.setdefault(key, {})[best.seq] = None
        if event.first is not None:
            best.first = event.first if best.first is None else min(best.first, event.first)
            best.last = event.last if best.last is None else max(best.last, event.last or event.first)
        if n % STORY_PRUNE_EVERY == 0:
            _prune(index, stories, event.first, gap)
    return stories


def _prune(
    index: dict[str, dict[int, None]], stories: list[StoryState], now: float | None, gap: float
) -> None:
    """Drop closed storylines from index keys that grew long (run every :data:`STORY_PRUNE_EVERY` events)."""
    if now is None:
        return
    for key in [k for k, v in index.items() if len(v) > STORY_POSTINGS_MAX]:
        posted = index[key]
        for seq in [s for s in posted if stories[s].last is not None and now - stories[s].last > gap]:
            del posted[seq]
