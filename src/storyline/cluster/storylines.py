"""Storylines: events linked over weeks by the actors and themes they share, with a learned linker.

Events are visited in time order; each joins the open storyline it most probably continues, or opens
one. A storyline is open while its last event is less than :data:`STORY_GAP_DAYS` old: a thread that
went quiet for longer and comes back is, for a reader, a new storyline.

Why learned: a storyline's events are *different* happenings with the same actors (Blinken, Lavrov,
NATO) and theme (security guarantees), so no single similarity says "same thread". The entity overlap
with the whole storyline, with its closest event, the headline overlap, the term overlap and the time
since the thread last moved each carry part of it, and how they trade off was set by hand before
(one weighted cosine and one threshold) and got it wrong both ways: even with perfect events it
reached B³-F1 0.73. The same recipe as the event scorer (:mod:`.scorer`) replaces it: a logistic model
over :data:`STORY_FEATURES`, fitted on the *dev* half of the storyline gold by replaying the gold
events in time order against the storylines the index offers (:func:`replay_story_examples`), with
its link threshold chosen on dev B³ (``eval/train_cluster.py --storylines``). The model ships as
``models/storyline-scorer.json``.

Every storyline remembers its last :data:`STORY_RECENT` events' vectors for the "closest event"
features. This runs over the events the clusterer produced, far fewer than articles, and compares each
event with the open storylines an index over their top keys offers, so the cost per event stays
bounded; it is recomputed after every clustering run, so online and batch give the same storylines
whenever they give the same events.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from itertools import islice
from pathlib import Path

from storyline.cluster.events import EventState
from storyline.cluster.features import terms_from_text
from storyline.cluster.scorer import EventScorer
from storyline.cluster.vectors import add_into, dot, norm, top_keys

_DAY = 86400.0

STORY_MODEL_PATH = Path(__file__).with_name("models") / "storyline-scorer.json"

#: The linker's features, in the model file's order.
STORY_FEATURES: tuple[str, ...] = (
    "entities",  # cosine of the event's entities to the storyline's entity profile
    "terms",  # the same for terms
    "entities_max",  # best entity cosine to one of the storyline's recent events
    "terms_max",  # best term cosine to one of them
    "title_max",  # best headline-key cosine to one of them
    "lead_entity",  # 1 when the event's top entity is among the storyline's top entities
    "gap",  # days since the storyline's last event, / STORY_GAP_DAYS (0 when undated)
    "undated",  # 1 when the event or the storyline has no time
    "log_events",  # log of the storyline's event count
    "log_members",  # log of the event's article count
)

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
#: Candidate storylines scored per event (most index hits first).
STORY_MAX_CANDIDATES = 12
#: Events a storyline remembers for the closest-event features.
STORY_RECENT = 6
#: Top entities of a storyline checked for the event's lead entity.
STORY_LEAD_ENTITIES = 5
#: Member headlines read per event for its headline vector.
EVENT_TITLES = 10


@dataclass(slots=True)
class StoryState:
    id: str
    seq: int
    event_ids: list[str] = field(default_factory=list)
    terms: dict[str, float] = field(default_factory=dict)
    entities: dict[str, float] = field(default_factory=dict)
    first: float | None = None
    last: float | None = None
    #: (terms, entities, titles) unit vectors of the last STORY_RECENT events.
    recent: list[tuple[dict[str, float], dict[str, float], dict[str, float]]] = field(default_factory=list)


@dataclass(slots=True)
class EventProfile:
    """What the linker compares of one event: unit vectors, its lead entity, time, size."""

    event: EventState
    terms: dict[str, float]
    entities: dict[str, float]
    titles: dict[str, float]
    query: list[str]

    @classmethod
    def of(cls, event: EventState) -> EventProfile:
        terms, entities = _unit(event.centroid), _unit(event.entities)
        titles: dict[str, float] = {}
        for info in event.infos[:EVENT_TITLES]:
            add_into(titles, terms_from_text(info.title, ""), MAX_STORY_KEYS)
        query = top_keys(entities, STORY_QUERY_KEYS) + top_keys(terms, STORY_QUERY_KEYS)
        return cls(event, terms, entities, _unit(titles), query)


def storyline_id_for(event_id: str) -> str:
    return hashlib.sha1(f"storyline:{event_id}".encode()).hexdigest()[:16]


def _unit(vector: Mapping[str, float]) -> dict[str, float]:
    n = norm(vector)
    return {k: v / n for k, v in vector.items()} if n else {}


@cache
def default_story_scorer() -> EventScorer:
    """The shipped storyline model (read once)."""
    return EventScorer.load(STORY_MODEL_PATH, STORY_FEATURES)


def story_features(profile: EventProfile, story: StoryState, gap_days: float) -> dict[str, float]:
    """The linker's named features of an event against a storyline (see :data:`STORY_FEATURES`)."""
    s_terms, s_ents = norm(story.terms), norm(story.entities)
    cos_t = dot(profile.terms, story.terms) / s_terms if s_terms else 0.0
    cos_e = dot(profile.entities, story.entities) / s_ents if s_ents else 0.0
    max_t = max((dot(profile.terms, t) for t, _, _ in story.recent), default=0.0)
    max_e = max((dot(profile.entities, e) for _, e, _ in story.recent), default=0.0)
    max_title = max((dot(profile.titles, h) for _, _, h in story.recent), default=0.0)
    lead = top_keys(profile.entities, 1)
    lead_entity = 1.0 if lead and lead[0] in top_keys(story.entities, STORY_LEAD_ENTITIES) else 0.0
    event = profile.event
    undated = event.first is None or story.last is None
    gap = 0.0 if undated else max(0.0, (event.first or 0.0) - (story.last or 0.0)) / (gap_days * _DAY)
    return {
        "entities": cos_e,
        "terms": cos_t,
        "entities_max": max_e,
        "terms_max": max_t,
        "title_max": max_title,
        "lead_entity": lead_entity,
        "gap": gap,
        "undated": 1.0 if undated else 0.0,
        "log_events": math.log(max(len(story.event_ids), 1)),
        "log_members": math.log(max(len(event.members), 1)),
    }


class StoryIndex:
    """Open storylines and an inverted index over their top keys: the linker's state."""

    def __init__(self, gap_days: float = STORY_GAP_DAYS):
        self.gap_days = gap_days
        self.stories: list[StoryState] = []
        self.index: dict[str, dict[int, None]] = {}
        self.added = 0

    def candidates(self, profile: EventProfile) -> list[StoryState]:
        """Open storylines sharing the event's query keys, most hits first."""
        hits: dict[int, int] = {}
        for key in profile.query:
            for seq in islice(reversed(self.index.get(key, {})), STORY_POSTINGS_SCAN):
                hits[seq] = hits.get(seq, 0) + 1
        first = profile.event.first
        gap = self.gap_days * _DAY
        ranked = sorted(hits.items(), key=lambda kv: (-kv[1], -kv[0]))
        out = []
        for seq, _ in ranked:
            story = self.stories[seq]
            if first is not None and story.last is not None and first - story.last > gap:
                continue
            out.append(story)
            if len(out) >= STORY_MAX_CANDIDATES:
                break
        return out

    def open(self, event: EventState) -> StoryState:
        story = StoryState(storyline_id_for(event.id), len(self.stories))
        self.stories.append(story)
        return story

    def add(self, story: StoryState, profile: EventProfile) -> None:
        """Put the event into the storyline: profile, recent events, index keys, span."""
        event = profile.event
        story.event_ids.append(event.id)
        weight = math.log1p(len(event.members))  # a big event shapes its storyline more than a lone report
        add_into(story.terms, {k: v * weight for k, v in profile.terms.items()}, MAX_STORY_KEYS)
        add_into(story.entities, {k: v * weight for k, v in profile.entities.items()}, MAX_STORY_KEYS)
        story.recent.append((profile.terms, profile.entities, profile.titles))
        del story.recent[:-STORY_RECENT]
        for key in profile.query:
            posted = self.index.setdefault(key, {})
            posted.pop(story.seq, None)  # re-posted at the end: the most recently active come first
            posted[story.seq] = None
        if event.first is not None:
            story.first = event.first if story.first is None else min(story.first, event.first)
            story.last = event.last if story.last is None else max(story.last, event.last or event.first)
        self.added += 1
        if self.added % STORY_PRUNE_EVERY == 0:
            self._prune(event.first)

    def _prune(self, now: float | None) -> None:
        """Drop closed storylines from index keys that grew long."""
        if now is None:
            return
        gap = self.gap_days * _DAY
        for key in [k for k, v in self.index.items() if len(v) > STORY_POSTINGS_MAX]:
            posted = self.index[key]
            for seq in [s for s in posted if self._closed(s, now, gap)]:
                del posted[seq]

    def _closed(self, seq: int, now: float, gap: float) -> bool:
        last = self.stories[seq].last
        return last is not None and now - last > gap


def in_time_order(events: Iterable[EventState]) -> list[EventState]:
    return sorted(events, key=lambda e: (e.first is None, e.first or 0.0, e.seq))


def link_storylines(
    events: list[EventState],
    threshold: float | None = None,
    gap_days: float = STORY_GAP_DAYS,
    scorer: EventScorer | None = None,
) -> list[StoryState]:
    """Group events into storylines (see module docstring); every event ends up in exactly one.

    ``threshold`` None means the one stored with the model (chosen with it on dev).
    """
    scorer = scorer or default_story_scorer()
    threshold = scorer.join_threshold if threshold is None else threshold
    state = StoryIndex(gap_days)
    for event in in_time_order(events):
        profile = EventProfile.of(event)
        best, best_p = None, 0.0
        for story in state.candidates(profile):
            p = scorer.probability(story_features(profile, story, gap_days))
            if p > best_p:
                best, best_p = story, p
        if best is None or best_p < threshold:
            best = state.open(event)
        state.add(best, profile)
    return state.stories


def replay_story_examples(
    events: list[EventState], gold_story: Mapping[str, str], gap_days: float = STORY_GAP_DAYS
) -> tuple[list[list[float]], list[int]]:
    """Training rows from an oracle replay: each event against the storylines the index offers,
    labelled 1 for its gold storyline (``gold_story``: event id -> gold storyline id); the event then
    joins its gold storyline, as the linker would have had it been right."""
    state = StoryIndex(gap_days)
    by_gold: dict[str, StoryState] = {}
    rows: list[list[float]] = []
    labels: list[int] = []
    for event in in_time_order(events):
        profile = EventProfile.of(event)
        target = gold_story[event.id]
        for story in state.candidates(profile):
            f = story_features(profile, story, gap_days)
            rows.append([f[name] for name in STORY_FEATURES])
            labels.append(int(by_gold.get(target) is story))
        story = by_gold.get(target)
        if story is None:
            story = by_gold[target] = state.open(event)
        state.add(story, profile)
    return rows, labels
