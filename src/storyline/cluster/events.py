"""Online event clustering: each arriving article joins the most similar recent event or opens one.

The algorithm, per article, in time order (after Miranda et al. 2018, "Multilingual clustering of
streaming news", with one learned article–event scorer):

1. Weigh its keys: sublinear tf × IDF of the stream so far (:mod:`.vectors`), title keys counted
   :data:`~storyline.cluster.features.TITLE_WEIGHT` times, top :data:`MAX_ARTICLE_TERMS` kept.
2. Version shortcut: a near copy (dedupe) of an article still in an active event joins that event.
3. Candidates: the events posted under the article's :data:`QUERY_KEYS` rarest-weighted terms and
   entities in an inverted index that holds *recent* events only (active in the last
   :data:`EVENT_WINDOW_DAYS`), at most :data:`MAX_CANDIDATES` of them. The index forgets old events, so
   the work per article does not grow with the corpus.
4. Score (:meth:`OnlineClusterer.similarity`): centroid cosines of terms and entities for every
   candidate, then for the :data:`MAX_SCORED` closest the full feature set (closest of the event's
   :data:`RECENT_MEMBERS` recent members, a shared mentioned date, time distance, whether the
   article's language is new to the event, event size) goes through the learned scorer
   (:mod:`.scorer`): the probability that the article belongs to the event. A candidate whose upper
   bound (its closest-member features from a per-event bound, :class:`RecentBound`) can neither beat
   the best score so far nor reach :data:`MERGE_THRESHOLD` is not scored: the same decision for less
   work (:meth:`OnlineClusterer._branch_and_bound`).
5. Join the best candidate if that probability reaches the model's join threshold (tuned with it on
   dev); otherwise open a new event. If a second candidate also scores above
   :data:`MERGE_THRESHOLD`, the article bridges the two and they are merged (the older event survives).
6. Every decision is kept in :attr:`storyline.model.Membership.reason`: rule, score and its parts, the
   strongest shared keys, how many candidates were compared.

Batch re-clustering is this same loop over all articles from scratch in time order, so online and batch
agree exactly on the same order (tests/cluster/test_events.py checks it, with the state pickled between
batches as the CLI does).
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import islice, repeat
from operator import itemgetter
from typing import Any

from storyline.cluster.features import Features, terms_from_text
from storyline.cluster.scorer import EventScorer, default_scorer, feature_vector
from storyline.cluster.vectors import (
    DocumentFrequencies,
    add_into,
    dot,
    max_into,
    norm,
    top_keys,
    weigh,
)
from storyline.dedupe import VersionAssignment, VersionGrouper
from storyline.model import Membership

_DAY = 86400.0

# ----------------------------------------------------------------------------------------- thresholds
# The similarity is a probability from the learned scorer (:mod:`.scorer`), fitted on the dev half of
# eval/gold/events; its join threshold is stored with it. Never tuned on the test half.

#: An article that scores this high with two events shows they are one happening: merge them.
MERGE_THRESHOLD = 0.85

#: Time: no penalty within the grace period of the event's span, then exp(-gap / TAU).
TIME_GRACE_DAYS = 2.0
TIME_DECAY_DAYS = 5.0
#: An event leaves the candidate index when nothing joined it for this long ("reported within days").
EVENT_WINDOW_DAYS = 7.0

#: Bounds that make the cost per article constant.
MAX_ARTICLE_TERMS = 60  # weighted keys kept per article
MAX_ARTICLE_ENTITIES = 20
MAX_TITLE_TERMS = 20
MAX_CENTROID_TERMS = 250  # keys kept per event centroid
QUERY_KEYS = 10  # article terms used to look up candidates
QUERY_ENTITIES = 5  # article entities used to look up candidates
POSTINGS_SCAN = 64  # most recent events read per index key
#: Events compared by centroid per article (ranked by index hits). 8, not 20: on the 30k bench stream
#: (pipeline features) the event an article joins is the first by hits in 96.8% of joins and within the
#: first 8 in 99.7%; B3 against the generator's own events is higher with 8 on three seeds (0.686 vs
#: 0.679 mean), dev and test B3 identical from 6 to 20; clustering alone +20% (same-process A/B).
MAX_CANDIDATES = 8
MAX_SCORED = 6  # of those, the closest by centroid are scored in full (member by member)
RECENT_MEMBERS = 8  # member vectors an active event keeps for the closest-member features
MAX_EVENT_KEYS = 120  # index keys per event

#: Slack on the pruning bound (probability units): float rounding moves a score by ~1e-15, so a candidate
#: is skipped only when even its bound plus this margin is below what it would have to beat.
PRUNE_MARGIN = 1e-9
#: The scorer features the pruning bound is written for: the closest-member maxima enter them only
#: through ``terms_max``, ``entities_max``, ``title_max`` and their ``*_cross`` products. A model over
#: other features is scored in full, candidate by candidate (exact, slower).
BOUNDED_FEATURES = frozenset(
    {
        "terms",
        "entities",
        "terms_max",
        "entities_max",
        "date",
        "decay",
        "undated",
        "cross",
        "terms_cross",
        "entities_cross",
        "terms_max_cross",
        "log_size",
        "terms_decay",
        "entities_decay",
        "title_max",
        "title_max_cross",
        "date_conflict",
        "date_share",
        "since_start",
    }
)


@dataclass(slots=True)
class ClusterParams:
    """The clustering knobs in one object (defaults are the named constants above).

    ``join_threshold`` None means the threshold stored with the scorer model (tuned with it on dev).
    """

    join_threshold: float | None = None
    merge_threshold: float = MERGE_THRESHOLD
    grace_days: float = TIME_GRACE_DAYS
    decay_days: float = TIME_DECAY_DAYS
    window_days: float = EVENT_WINDOW_DAYS
    dedupe: bool = True
    #: Headline keys added to an article's index query: the headline names the happening.
    title_query_keys: int = 3
    story_threshold: float | None = None  # None: the storyline model's (storyline.cluster.storylines)
    story_gap_days: float = 60.0  # see storyline.cluster.storylines.STORY_GAP_DAYS
    scorer: EventScorer | None = None  # None: the shipped model

    def resolved_scorer(self) -> EventScorer:
        return self.scorer if self.scorer is not None else default_scorer()

    def resolved_join_threshold(self) -> float:
        if self.join_threshold is not None:
            return self.join_threshold
        return self.resolved_scorer().join_threshold


@dataclass(slots=True)
class MemberInfo:
    """What an event remembers of each member for titles, outlets and ranking."""

    article_id: str
    title: str
    outlet: str | None
    language: str
    time: float | None
    version_group: str | None
    is_original: bool


@dataclass(slots=True)
class RecentBound:
    """Per key, the largest weight among an event's recent members: an upper bound for pruning.

    For an article with non-negative weights, ``dot(article.terms, bound.terms)`` is at least its dot
    product with every member folded in, so at least its best term cosine to a recent member (the
    ``terms_max`` feature); the same for entities and headlines. Members are folded in as they join and
    the bound is rebuilt from the recent list every :data:`RECENT_MEMBERS` joins, so it covers the recent
    members plus fewer than that many older ones: looser than the exact maximum, but three dot products
    instead of 3 × :data:`RECENT_MEMBERS`.
    """

    terms: dict[str, float] = field(default_factory=dict)
    entities: dict[str, float] = field(default_factory=dict)
    titles: dict[str, float] = field(default_factory=dict)
    folded: int = 0  # members folded in since the last rebuild

    def add(self, terms: dict[str, float], entities: dict[str, float], title: dict[str, float]) -> None:
        max_into(self.terms, terms)
        max_into(self.entities, entities)
        max_into(self.titles, title)
        self.folded += 1

    @classmethod
    def of(cls, event: EventState) -> RecentBound:
        """The bound of exactly the event's recent members."""
        bound = cls()
        for terms, entities in event.recent:
            max_into(bound.terms, terms)
            max_into(bound.entities, entities)
        for title in event.recent_titles:
            max_into(bound.titles, title)
        return bound


@dataclass(slots=True)
class EventState:
    """A live event: its members, centroid, entities, dates and index keys.

    ``centroid_norm`` and ``entities_norm`` are -1.0 while stale: a join changes the vectors, and the
    norms are recomputed only when the event is next compared (:meth:`norms`), because most events take
    several joins between two comparisons that need them.
    """

    id: str
    seq: int  # creation order; the older of two merged events survives
    members: list[Membership] = field(default_factory=list)
    infos: list[MemberInfo] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)
    centroid_norm: float = 0.0
    entities: dict[str, float] = field(default_factory=dict)
    entities_norm: float = 0.0
    names: dict[str, str] = field(default_factory=dict)  # entity key -> a surface name
    dates: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    first: float | None = None
    last: float | None = None
    touched: float = 0.0  # stream clock at the last change: what eviction looks at
    keys: dict[str, None] = field(default_factory=dict)  # index keys, oldest first
    merged: list[str] = field(default_factory=list)
    active: bool = True
    #: (terms, entities) of the last RECENT_MEMBERS members: what "closest member" compares against.
    recent: list[tuple[dict[str, float], dict[str, float]]] = field(default_factory=list)
    #: Weighted title keys of the last RECENT_MEMBERS members: headlines name the happening.
    recent_titles: list[dict[str, float]] = field(default_factory=list)
    #: Upper bound of the recent members' vectors, for candidate pruning (None once closed).
    bound: RecentBound | None = None

    def norms(self) -> tuple[float, float]:
        """(centroid norm, entities norm), recomputed if a join made them stale."""
        if self.centroid_norm < 0.0:
            self.centroid_norm = norm(self.centroid)
        if self.entities_norm < 0.0:
            self.entities_norm = norm(self.entities)
        return self.centroid_norm, self.entities_norm


@dataclass(slots=True)
class _Item:
    """An article weighed for comparison."""

    feats: Features
    terms: dict[str, float]
    entities: dict[str, float]
    query: list[str]
    title: dict[str, float]


def event_id_for(article_id: str) -> str:
    """Events are named after their first article, so the same order gives the same ids."""
    return hashlib.sha1(f"event:{article_id}".encode()).hexdigest()[:16]


class OnlineClusterer:
    """Places articles into events one at a time (see module docstring). Picklable: that is its state."""

    #: Skip the full score of candidates that provably cannot win (:meth:`_branch_and_bound`); the
    #: result is the same either way (tests/cluster/test_online_events.py compares the two).
    prune: bool = True

    def __init__(
        self, params: ClusterParams | None = None, on_close: Callable[[EventState], None] | None = None
    ):
        self.params = params or ClusterParams()
        self.dfs = DocumentFrequencies()
        self.versions = VersionGrouper() if self.params.dedupe else None
        self.events: dict[str, EventState] = {}  # every event still held (active and closed)
        self.postings: dict[str, dict[str, None]] = {}
        self.article_event: dict[str, str] = {}  # articles of active events -> event id
        self.clock: float | None = None
        self._heap: list[tuple[float, int, str]] = []
        self._seq = 0
        self.on_close = on_close  # a sink for closed events (bench, streaming); None keeps them

    def __getstate__(self) -> dict[str, Any]:
        state = {k: getattr(self, k) for k in self.__dict__}
        state["on_close"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    # ------------------------------------------------------------------------------------------ public
    def add_many(self, items: Iterable[Features]) -> list[Membership]:
        return [self.add(f) for f in items]

    def add(self, feats: Features) -> Membership:
        """Place one article; returns its membership (with the reason)."""
        self.advance_clock(feats)
        version = (
            self.versions.add(feats.article_id, feats.fingerprint, feats.time)
            if self.versions is not None
            else None
        )
        item = self.admit(feats)
        if version is not None and not version.is_original and version.group_id in self.article_event:
            event = self.events[self.article_event[version.group_id]]
            member = Membership(
                feats.article_id,
                round(version.similarity, 4),
                {"rule": "version", "of": version.group_id, "jaccard": version.similarity},
            )
            self._join(event, item, member, version)
            return member
        scored = self._score_candidates(item)
        if scored and scored[0][0] >= self.params.resolved_join_threshold():
            score, parts, event = scored[0]
            reason = {"rule": "similar", **parts, "shared": self.explain(item, event)}
            member = Membership(feats.article_id, round(score, 4), reason)
            self._join(event, item, member, version)
            bridged = [e for s, _, e in scored[1:] if s >= self.params.merge_threshold]
            if score >= self.params.merge_threshold and bridged:
                self._merge(event, bridged, feats.article_id)
            return member
        event = self._new_event(feats.article_id)
        best = round(scored[0][0], 4) if scored else 0.0
        considered = scored[0][1]["candidates"] if scored else 0
        member = Membership(
            feats.article_id, 1.0, {"rule": "new", "best_other": best, "candidates": considered}
        )
        self._join(event, item, member, version)
        return member

    def similarity(self, item: _Item, event: EventState) -> tuple[float, dict[str, Any]]:
        """P(article belongs to event) from the learned scorer, with the parts (for the reason)."""
        return self._score(item, event, self._centroid_cosines(item, event))

    def _centroid_cosines(self, item: _Item, event: EventState) -> tuple[float, float]:
        centroid_norm, entities_norm = event.norms()
        cos_t = dot(item.terms, event.centroid) / centroid_norm if centroid_norm else 0.0
        cos_e = dot(item.entities, event.entities) / entities_norm if entities_norm else 0.0
        return cos_t, cos_e

    def features(
        self, item: _Item, event: EventState, cosines: tuple[float, float] | None = None
    ) -> dict[str, float]:
        """The scorer's named features of an article against an event (see :mod:`.scorer`)."""
        cos_t, cos_e = cosines if cosines is not None else self._centroid_cosines(item, event)
        recent = event.recent
        max_t = max(map(dot, repeat(item.terms), map(_TERMS, recent)), default=cos_t)
        max_e = max(map(dot, repeat(item.entities), map(_ENTITIES, recent)), default=cos_e)
        max_title = max(map(dot, repeat(item.title), event.recent_titles), default=0.0)
        return self._feature_vector(item, event, cos_t, cos_e, max_t, max_e, max_title)

    def _feature_vector(
        self,
        item: _Item,
        event: EventState,
        cos_t: float,
        cos_e: float,
        max_t: float,
        max_e: float,
        max_title: float,
    ) -> dict[str, float]:
        date = 1.0 if item.feats.dates and not item.feats.dates.isdisjoint(event.dates) else 0.0
        decay = self._decay(item.feats.time, event)
        return feature_vector(
            terms=cos_t,
            entities=cos_e,
            terms_max=max_t,
            entities_max=max_e,
            date=date,
            decay=decay if decay is not None else 0.0,
            undated=decay is None,
            cross=item.feats.language not in event.languages,
            size=len(event.members),
            title_max=max_title,
            article=item.feats,
            event=event,
        )

    def _score(
        self, item: _Item, event: EventState, cosines: tuple[float, float]
    ) -> tuple[float, dict[str, Any]]:
        f = self.features(item, event, cosines)
        score = self.params.resolved_scorer().probability(f)
        parts = {
            "terms": round(f["terms"], 4),
            "entities": round(f["entities"], 4),
            "terms_max": round(f["terms_max"], 4),
            "entities_max": round(f["entities_max"], 4),
            "dates": f["date"],
            "decay": None if f["undated"] else round(f["decay"], 4),
            "cross": f["cross"] == 1.0,
        }
        return score, parts

    def explain(self, item: _Item, event: EventState) -> list[str]:
        """The keys that weigh most in the article's similarity to the event (for the reason)."""
        return _shared(item.terms, event.centroid, 5) + _shared(item.entities, event.entities, 3)

    def close_all(self) -> None:
        """End of stream: every event leaves the index (for a final result; the state stays usable)."""
        for event in list(self.events.values()):
            if event.active:
                self._close(event)

    def all_events(self) -> list[EventState]:
        return sorted(self.events.values(), key=lambda e: e.seq)

    # ------------------------------------------------------------------------------------------ internals
    def advance_clock(self, feats: Features) -> None:
        """Move the stream clock to the article's time and close events that went quiet."""
        if feats.time is not None and (self.clock is None or feats.time > self.clock):
            self.clock = feats.time
        self._evict()

    def admit(self, feats: Features) -> _Item:
        """Count the article in the document frequencies, then weigh it (IDF includes itself)."""
        term_dfs: list[int] | None = self.dfs.add(feats.terms)
        entity_dfs = self.dfs.add(feats.entities, count_doc=False)
        if not feats.entities.keys().isdisjoint(feats.terms.keys()):
            term_dfs = None  # a key in both families was counted twice: read its final frequency
        return self._weigh(feats, term_dfs, entity_dfs)

    def _weigh(
        self, feats: Features, term_dfs: list[int] | None = None, entity_dfs: list[int] | None = None
    ) -> _Item:
        """The article's weighted vectors and index query (``*_dfs``: frequencies :meth:`admit` has)."""
        terms = weigh(feats.terms, self.dfs, MAX_ARTICLE_TERMS, term_dfs)
        entities = weigh(feats.entities, self.dfs, MAX_ARTICLE_ENTITIES, entity_dfs)
        query = top_keys(terms, QUERY_KEYS) + top_keys(entities, QUERY_ENTITIES)
        headline = feats.title_terms or terms_from_text(feats.title, "")
        title = weigh(headline, self.dfs, MAX_TITLE_TERMS)
        if self.params.title_query_keys:
            query += [k for k in top_keys(title, self.params.title_query_keys) if k not in query]
        return _Item(feats, terms, entities, query, title)

    def candidates(self, item: _Item) -> list[EventState]:
        """Recent events sharing the article's query keys, most hits first (at most MAX_CANDIDATES)."""
        hits: Counter[str] = Counter()
        postings = self.postings
        for key in item.query:
            posted = postings.get(key)
            if posted:
                hits.update(islice(reversed(posted), POSTINGS_SCAN))  # counted in C
        events = self.events
        items: Iterable[tuple[str, int]] = hits.items()
        if len(hits) > MAX_CANDIDATES:  # only events with at least the cut's hits can rank in the head
            cut = sorted(hits.values(), reverse=True)[MAX_CANDIDATES - 1]
            items = [kv for kv in items if kv[1] >= cut]
        ranked = sorted(items, key=lambda kv: (-kv[1], -events[kv[0]].seq))[:MAX_CANDIDATES]
        return [events[event_id] for event_id, _ in ranked]

    def closest_candidates(self, item: _Item) -> tuple[list[tuple[tuple[float, float], EventState]], int]:
        """Centroid cosines for every candidate (cheap); the MAX_SCORED closest, and how many there were.

        These are the events the scorer sees, in production and in training (:mod:`.learn`).
        """
        near = [(self._centroid_cosines(item, e), e) for e in self.candidates(item)]
        near.sort(key=lambda t: (-(t[0][0] + t[0][1]), t[1].seq))
        return near[:MAX_SCORED], len(near)

    def _score_candidates(self, item: _Item) -> list[tuple[float, dict[str, Any], EventState]]:
        """The full score of the closest candidates that can matter, best first.

        Every candidate that could be the best one, or score high enough to be bridged to it
        (:data:`MERGE_THRESHOLD`), is scored in full; the others are left out (see
        :meth:`_branch_and_bound`), so the list's head and every score in it are what scoring all of
        them gives.
        """
        closest, considered = self.closest_candidates(item)
        scorer = self.params.resolved_scorer()
        if self.prune and len(closest) > 1 and _prunable(scorer) and _non_negative(item):
            scored = self._branch_and_bound(item, closest, scorer)
        else:
            scored = [(*self._score(item, event, cosines), event) for cosines, event in closest]
        scored.sort(key=lambda t: (-t[0], t[2].seq))
        for t in scored:
            t[1]["candidates"] = considered
        return scored

    def _branch_and_bound(
        self,
        item: _Item,
        closest: list[tuple[tuple[float, float], EventState]],
        scorer: EventScorer,
    ) -> list[tuple[float, dict[str, Any], EventState]]:
        """Full scores of the closest candidate, then of the others that could still matter.

        A candidate's score is bounded from above by the scorer's probability with its closest-member
        maxima replaced by their bounds (:class:`RecentBound`, capped at 1: the vectors are unit
        length); every other feature is exact, and the model grows with those maxima
        (:func:`_prunable`). The closest candidate by centroid (usually the winner) is scored at once;
        the others are visited by bound, highest first: once a bound is below both the best full score
        so far and the merge threshold, that candidate and all after it can neither win nor be bridged,
        and are not scored. Which event wins, its score and reason, and every bridged event are
        unchanged.
        """
        (cosines, event), rest = closest[0], closest[1:]
        score, parts = self._score(item, event, cosines)
        scored = [(score, parts, event)]
        best = score
        merge = self.params.merge_threshold
        bounds = sorted(
            ((self._upper_bound(item, event, cosines, scorer), n) for n, (cosines, event) in enumerate(rest)),
            key=lambda t: (-t[0], t[1]),
        )
        for bound, n in bounds:
            if bound + PRUNE_MARGIN < min(best, merge):
                break
            cosines, event = rest[n]
            score, parts = self._score(item, event, cosines)
            scored.append((score, parts, event))
            best = max(best, score)
        return scored

    def _upper_bound(
        self, item: _Item, event: EventState, cosines: tuple[float, float], scorer: EventScorer
    ) -> float:
        """A probability the candidate's full score cannot exceed (inf when there is no bound)."""
        bound = event.bound
        if bound is None or not event.recent:
            return math.inf
        # Float dot products of unit vectors stay within ~1e-14 of the real ones: widen by the margin.
        up = 1.0 + PRUNE_MARGIN
        max_t = min(dot(item.terms, bound.terms) * up, up)
        max_e = min(dot(item.entities, bound.entities) * up, up)
        max_title = min(dot(item.title, bound.titles) * up, up)
        cos_t, cos_e = cosines
        return scorer.probability(self._feature_vector(item, event, cos_t, cos_e, max_t, max_e, max_title))

    def _decay(self, time: float | None, event: EventState) -> float | None:
        """1 inside the event's span and its grace period, then exp(-days / TAU); None when undated."""
        if time is None or event.first is None or event.last is None:
            return None
        if event.first <= time <= event.last:
            gap = 0.0
        else:
            gap = min(abs(time - event.first), abs(time - event.last)) / _DAY
        over = gap - self.params.grace_days
        return 1.0 if over <= 0 else math.exp(-over / self.params.decay_days)

    def _new_event(self, article_id: str) -> EventState:
        self._seq += 1
        event = EventState(id=event_id_for(article_id), seq=self._seq)
        self.events[event.id] = event
        return event

    def _join(
        self, event: EventState, item: _Item, member: Membership, version: VersionAssignment | None
    ) -> None:
        feats = item.feats
        if version is not None:
            member.version_group = version.group_id
            member.is_original = version.is_original
        event.members.append(member)
        event.infos.append(
            MemberInfo(
                feats.article_id,
                feats.title,
                feats.outlet,
                feats.language,
                feats.time,
                member.version_group,
                member.is_original,
            )
        )
        self.accumulate(event, item)
        self._touch(event)
        self.article_event[feats.article_id] = event.id
        self._post(event, item.query)

    def accumulate(self, event: EventState, item: _Item) -> None:
        """Add an article's vectors, dates, language and time to an event's profile."""
        feats = item.feats
        add_into(event.centroid, item.terms, MAX_CENTROID_TERMS)
        add_into(event.entities, item.entities, MAX_CENTROID_TERMS)
        event.centroid_norm = event.entities_norm = -1.0  # stale until the next comparison
        event.recent.append((item.terms, item.entities))
        del event.recent[:-RECENT_MEMBERS]
        event.recent_titles.append(item.title)
        del event.recent_titles[:-RECENT_MEMBERS]
        if event.bound is None or event.bound.folded >= RECENT_MEMBERS:
            event.bound = RecentBound.of(event)  # drop the members that left the recent list
        else:
            event.bound.add(item.terms, item.entities, item.title)
        for key in item.entities:
            if key not in event.names:
                event.names[key] = feats.entity_names.get(key, key.lstrip("~"))
        for d in feats.dates:
            event.dates[d] = event.dates.get(d, 0) + 1
        event.languages[feats.language] = event.languages.get(feats.language, 0) + 1
        if feats.time is not None:
            event.first = feats.time if event.first is None else min(event.first, feats.time)
            event.last = feats.time if event.last is None else max(event.last, feats.time)

    def _touch(self, event: EventState) -> None:
        event.touched = self.clock if self.clock is not None else 0.0
        heapq.heappush(self._heap, (event.touched, event.seq, event.id))

    def _post(self, event: EventState, keys: Iterable[str]) -> None:
        """Post keys as the event's most recent (moving known ones to the end); unpost the oldest past
        MAX_EVENT_KEYS. A recency list, not the first keys forever: a long-running event, or one that
        gains a second language, stays findable by its new vocabulary."""
        for key in keys:
            posted = self.postings.setdefault(key, {})
            if key in event.keys:
                del event.keys[key]
                posted.pop(event.id, None)
            event.keys[key] = None
            posted[event.id] = None
        while len(event.keys) > MAX_EVENT_KEYS:
            old = next(iter(event.keys))
            del event.keys[old]
            posted = self.postings.get(old)
            if posted is not None:
                posted.pop(event.id, None)
                if not posted:
                    del self.postings[old]

    def _unpost(self, event: EventState) -> None:
        for key in event.keys:
            posted = self.postings.get(key)
            if posted is not None:
                posted.pop(event.id, None)
                if not posted:
                    del self.postings[key]
        event.keys = {}

    def _merge(self, survivor: EventState, others: list[EventState], bridge: str) -> None:
        for other in sorted(others, key=lambda e: e.seq):
            keep, gone = (survivor, other) if survivor.seq < other.seq else (other, survivor)
            self._absorb(keep, gone, bridge)
            survivor = keep

    def _absorb(self, keep: EventState, gone: EventState, bridge: str) -> None:
        gone_keys = sorted(gone.keys)
        self._unpost(gone)
        for member in gone.members:
            member.reason = {**member.reason, "merged_from": gone.id, "bridge": bridge}
            self.article_event[member.article_id] = keep.id
        keep.members.extend(gone.members)
        keep.infos.extend(gone.infos)
        add_into(keep.centroid, gone.centroid, MAX_CENTROID_TERMS)
        add_into(keep.entities, gone.entities, MAX_CENTROID_TERMS)
        keep.centroid_norm = keep.entities_norm = -1.0
        for k, v in gone.names.items():
            keep.names.setdefault(k, v)
        for d, n in gone.dates.items():
            keep.dates[d] = keep.dates.get(d, 0) + n
        for lang, n in gone.languages.items():
            keep.languages[lang] = keep.languages.get(lang, 0) + n
        times = [t for t in (keep.first, keep.last, gone.first, gone.last) if t is not None]
        if times:
            keep.first, keep.last = min(times), max(times)
        keep.recent = (keep.recent + gone.recent)[-RECENT_MEMBERS:]
        keep.recent_titles = (keep.recent_titles + gone.recent_titles)[-RECENT_MEMBERS:]
        keep.bound = RecentBound.of(keep)
        keep.merged.append(gone.id)
        keep.merged.extend(gone.merged)
        del self.events[gone.id]
        self._post(keep, gone_keys)
        self._touch(keep)

    def _evict(self) -> None:
        if self.clock is None:
            return
        horizon = self.clock - self.params.window_days * _DAY
        heap = self._heap
        while heap and heap[0][0] < horizon:
            touched, _, event_id = heapq.heappop(heap)
            event = self.events.get(event_id)
            if event is None or not event.active or event.touched != touched:
                continue  # merged away, already closed, or touched again since (a newer heap entry)
            self._close(event)

    def _close(self, event: EventState) -> None:
        self._unpost(event)
        event.active = False
        for info in event.infos:
            self.article_event.pop(info.article_id, None)
        # Closed events keep members for output but drop what only comparison needs.
        event.norms()
        event.recent = []
        event.recent_titles = []
        event.bound = None
        if self.on_close is not None:
            self.on_close(event)
            del self.events[event.id]


_TERMS = itemgetter(0)
_ENTITIES = itemgetter(1)


def _prunable(scorer: EventScorer) -> bool:
    """Whether the scorer's probability grows with the closest-member maxima, as pruning assumes.

    True for a model over exactly :data:`BOUNDED_FEATURES` whose weights on ``terms_max``,
    ``entities_max`` and ``title_max`` stay non-negative with their ``*_cross`` parts added (a cross-
    language article adds them); any other model is scored in full.
    """
    w = scorer.weights
    if w.keys() != BOUNDED_FEATURES:
        return False
    return (
        w["terms_max"] + min(0.0, w["terms_max_cross"]) >= 0.0
        and w["entities_max"] >= 0.0
        and w["title_max"] + min(0.0, w["title_max_cross"]) >= 0.0
    )


def _non_negative(item: _Item) -> bool:
    """The bound needs non-negative article weights (tf-idf weights are, unless a key's df exceeds
    the document count, which only a term key that is also an entity key could do)."""
    return (
        min(item.terms.values(), default=0.0) >= 0.0
        and min(item.entities.values(), default=0.0) >= 0.0
        and min(item.title.values(), default=0.0) >= 0.0
    )


def _shared(a: dict[str, float], b: dict[str, float], n: int) -> list[str]:
    common = sorted((-(a[k] * b[k]), k) for k in a.keys() & b.keys())  # (-weight, key): a native sort
    return [k for _, k in common[:n]]
