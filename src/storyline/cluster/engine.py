"""The clustering engine: articles in, events and storylines (titled, with entities, ranked) out.

:class:`ClusterEngine` wraps the online clusterer (with dedupe inside) and turns its state into model
records. It is what the CLI, the store and the evaluation use:

    engine = ClusterEngine()
    engine.add_articles(articles)          # any number of calls; articles are taken in time order
    result = engine.result()               # Event and Storyline records, ranked
    blob = engine.dumps()                  # the online state, to continue later (ClusterEngine.loads)

Order: articles are placed by publication time, undated ones after the dated ones of the same call, ties
by id (:func:`order_key`). Online (several calls) and batch (one call) see the same sequence when the
calls come in time order, and then give the same result.
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field

from storyline.cluster.events import ClusterParams, EventState, OnlineClusterer
from storyline.cluster.features import Features, extract_features, terms_from_text
from storyline.cluster.ranking import DEFAULT_WEIGHTS, RankingWeights, event_score, storyline_score
from storyline.cluster.storylines import link_storylines
from storyline.cluster.vectors import dot, norm, top_keys
from storyline.errors import StorageError
from storyline.model import Article, Event, Membership, Storyline

#: Main entities listed per event and per storyline.
TOP_ENTITIES = 6

STATE_FORMAT = 3  # 2: own dedupe band index; 3: pruning bounds, lazy norms, tuple buckets


@dataclass(slots=True)
class ClusterResult:
    events: list[Event] = field(default_factory=list)
    storylines: list[Storyline] = field(default_factory=list)

    def assignment(self) -> dict[str, str]:
        """article id -> event id."""
        return {m.article_id: e.id for e in self.events for m in e.members}

    def storyline_assignment(self) -> dict[str, str]:
        """article id -> storyline id."""
        return {m.article_id: e.storyline_id or e.id for e in self.events for m in e.members}


def order_key(article: Article) -> tuple[bool, float, str]:
    value = article.published.value
    if value is None:
        return (True, 0.0, article.id)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return (False, value.timestamp(), article.id)


def _order_key_features(f: Features) -> tuple[bool, float, str]:
    return (f.time is None, f.time or 0.0, f.article_id)


class ClusterEngine:
    """Online clustering plus storylines and ranking (see module docstring)."""

    def __init__(
        self, params: ClusterParams | None = None, weights: RankingWeights = DEFAULT_WEIGHTS
    ) -> None:
        self.clusterer = OnlineClusterer(params)
        self.weights = weights

    # ------------------------------------------------------------------------------------------ input
    def add_articles(self, articles: Iterable[Article]) -> list[Membership]:
        return self.add_features(extract_features(a) for a in articles)

    def add_features(self, features: Iterable[Features]) -> list[Membership]:
        return [self.clusterer.add(f) for f in sorted(features, key=_order_key_features)]

    # ------------------------------------------------------------------------------------------ state
    def dumps(self) -> bytes:
        """The online state (index, centroids, document frequencies, dedupe window) as bytes."""
        return pickle.dumps((STATE_FORMAT, self.clusterer, self.weights), protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def loads(cls, blob: bytes) -> ClusterEngine:
        try:
            fmt, clusterer, weights = pickle.loads(blob)
        except Exception as exc:  # a corrupt or foreign blob: the caller should rebuild
            raise StorageError(
                f"cluster state unreadable ({exc}); run `storyline cluster --rebuild`"
            ) from exc
        if fmt != STATE_FORMAT:
            raise StorageError("cluster state from another version; run `storyline cluster --rebuild`")
        engine = cls(clusterer.params, weights)
        engine.clusterer = clusterer
        return engine

    # ------------------------------------------------------------------------------------------ output
    def result(self, now: float | None = None) -> ClusterResult:
        """Events and storylines of everything added so far, ranked (score descending)."""
        states = self.clusterer.all_events()
        now = now if now is not None else self.clusterer.clock
        events = {s.id: to_event(s, now, self.weights) for s in states}
        storylines = []
        params = self.clusterer.params
        for story in link_storylines(states, params.story_threshold, params.story_gap_days):
            members = [events[i] for i in story.event_ids]
            for e in members:
                e.storyline_id = story.id
            storylines.append(_to_storyline(story.id, members, self.weights))
        ranked_events = sorted(events.values(), key=lambda e: (-e.score, e.id))
        storylines.sort(key=lambda s: (-s.score, s.id))
        return ClusterResult(ranked_events, storylines)


def cluster_articles(
    articles: Iterable[Article],
    params: ClusterParams | None = None,
    weights: RankingWeights = DEFAULT_WEIGHTS,
) -> ClusterResult:
    """Batch clustering: the online algorithm over all articles in time order, from scratch."""
    engine = ClusterEngine(params, weights)
    engine.add_articles(articles)
    return engine.result()


def _datetime(ts: float | None) -> dt.datetime | None:
    return None if ts is None else dt.datetime.fromtimestamp(ts, dt.UTC).replace(tzinfo=None)


def representative_title(state: EventState) -> str:
    """The member headline closest to the event centroid (originals first, then the earliest)."""
    best, best_key = "", None
    for n, info in enumerate(state.infos):
        keys = terms_from_text(info.title, "")
        length = norm(keys)
        sim = dot(keys, state.centroid) / length if length else 0.0
        key = (info.is_original, sim, -n)
        if best_key is None or key > best_key:
            best, best_key = info.title, key
    return best


def to_event(state: EventState, now: float | None, weights: RankingWeights = DEFAULT_WEIGHTS) -> Event:
    order = sorted(
        range(len(state.infos)), key=lambda i: (state.infos[i].time is None, state.infos[i].time or 0.0, i)
    )
    members = [state.members[i] for i in order]
    infos = [state.infos[i] for i in order]
    return Event(
        id=state.id,
        title=representative_title(state),
        members=members,
        first_published=_datetime(state.first),
        last_published=_datetime(state.last),
        entities=[state.names.get(k, k) for k in top_keys(state.entities, TOP_ENTITIES)],
        languages=sorted(state.languages),
        outlets=sorted({i.outlet for i in infos if i.outlet}),
        score=event_score(infos, now, weights),
    )


def _to_storyline(story_id: str, events: list[Event], weights: RankingWeights) -> Storyline:
    best = max(events, key=lambda e: (e.score, len(e.members), e.id))
    counts: dict[str, int] = {}
    for e in events:
        for name in e.entities:
            counts[name] = counts.get(name, 0) + len(e.members)
    firsts = [e.first_published for e in events if e.first_published]
    lasts = [e.last_published for e in events if e.last_published]
    ordered = sorted(
        events, key=lambda e: (e.first_published is None, e.first_published or dt.datetime.min, e.id)
    )
    return Storyline(
        id=story_id,
        title=best.title,
        event_ids=[e.id for e in ordered],
        entities=[k for k, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_ENTITIES]],
        first_published=min(firsts) if firsts else None,
        last_published=max(lasts) if lasts else None,
        score=storyline_score([e.score for e in events], weights),
    )
