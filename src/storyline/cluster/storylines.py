"""Storylines: events linked over weeks by the actors and themes they share — a global clustering of
events with a learned link probability.

A storyline's events are *different* happenings with the same actors (Blinken, Lavrov, NATO) and theme
(security guarantees), so no single similarity says "same thread". Each pair of events that could be
linked gets a probability from a logistic model over :data:`STORY_FEATURES` (entity and headline
cosines, the shared-neighbour term similarity, the days both mention, the time between them), and the
events are then grouped by average-linkage agglomerative clustering over those probabilities:
two groups merge while the mean link probability over their pairs of events is at least the model's
threshold.

Why global, not a single greedy pass: the linker this replaces visited events in time order and
attached each to the best open storyline above one probability. Whatever joined first shaped the
storyline's profile, so a broad thread kept growing (one us_election storyline absorbed the whole
crawl: vote count, lawsuits, impeachment, inauguration, 2018 midterms), while tight threads whose
events came a day apart stayed in pieces (the November 2018 Brexit agreement: six storylines for 26
articles), and topics wanted opposite thresholds (about 0.1 for Brexit, 0.4 for the US election).
Average linkage asks every event of a candidate merge, not the first or the closest one, and the
result does not depend on the visiting order. Relative rules on the greedy pass (link when the best
storyline beats the second by a margin or a ratio) did not help (dev B³-F1 ≤ 0.711, the same as one
threshold).

Why shared neighbours: two reports of one thread often share few words with each other but many
neighbours (two regional Russian vaccination pages both resemble the Sputnik-V explainers). Each event
keeps its :data:`STORY_NEIGHBOURS` most similar candidates by term cosine; the cosine of two events'
neighbour lists is the ``terms_snn`` feature (Jarvis–Patrick's shared-nearest-neighbour similarity). It
separated same-storyline pairs from others better than any direct cosine (ROC AUC over dev pairs 0.851
against 0.811 for terms).

Why events, not articles, weigh equally in the linkage: weighting each pair by the two events' article
counts (so that big events count as much as their articles do in B³) scored higher on the whole dev set
(0.737) but generalised worse across random halves of it (+0.025 over the greedy linker against
+0.033): one big mixed event then decides its storyline's merges alone. For the same reason the model
has no size feature: it learned that big events are rarely in one storyline with others (big events
mix happenings), which kept them out of their threads (+0.038 without it). The direct term cosine is
left out too: beside the shared-neighbour one it only took a negative weight (same dev figures).

Cost stays bounded: candidate pairs come from an inverted index over each event's top entities and
terms, reading the :data:`STORY_POSTINGS_SCAN` most recent postings of a key, keeping only events within
:data:`STORY_GAP_DAYS` and at most :data:`STORY_MAX_CANDIDATES` partners per event (those sharing the
most keys); so at most that many pairs per event are scored and clustered, never all pairs. A pair
the index does not offer counts as 0 in the linkage, so the index must reach a big event's later
reports: with 8 query keys per event only 41% of the dev same-storyline pairs (weighted by articles)
were candidates, with :data:`STORY_QUERY_KEYS` = 12, 79%. Storylines
are recomputed from all events after every clustering run: the same events give the same storylines,
so online and batch agree whenever their events do.

The model ships as ``models/storyline-scorer.json``; it is fitted on the *dev* half of the storyline
gold (pairs of predicted events, labelled by their majority gold storyline), with its threshold chosen
on dev storyline B³ (``eval/train_cluster.py --storylines``).
"""

from __future__ import annotations

import hashlib
import heapq
import math
from collections import Counter
from collections.abc import Mapping, Sequence
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

#: The link model's features, in the model file's order.
STORY_FEATURES: tuple[str, ...] = (
    "entities",  # cosine of the two events' entity vectors
    "titles",  # cosine of their headline keys
    "terms_snn",  # cosine of their lists of most term-similar events (shared neighbours)
    "gap",  # days between their spans / STORY_GAP_DAYS (0 when they overlap or one is undated)
    "undated",  # 1 when either event has no time
    "dates",  # cosine of the days their reports mention
)

#: Events further apart than this (between spans) are never compared.
STORY_GAP_DAYS = 60.0
#: Keys kept per headline vector.
MAX_STORY_KEYS = 300
#: Event keys (entities, then terms) used to find candidate partners.
STORY_QUERY_KEYS = 12
#: Most recent events read per index key.
STORY_POSTINGS_SCAN = 50
#: Earlier events paired with each event (most shared keys first).
STORY_MAX_CANDIDATES = 20
#: Most similar candidates kept per event for the shared-neighbour features.
STORY_NEIGHBOURS = 10
#: Member headlines read per event for its headline vector.
EVENT_TITLES = 10


@dataclass(slots=True)
class StoryState:
    """One storyline: its id and its events in time order."""

    id: str
    event_ids: list[str] = field(default_factory=list)


@dataclass(slots=True)
class EventProfile:
    """What the linker compares of one event: unit vectors, days mentioned, time, size, index keys."""

    event: EventState
    terms: dict[str, float]
    entities: dict[str, float]
    titles: dict[str, float]
    dates: dict[str, float]
    query: list[str]

    @classmethod
    def of(cls, event: EventState) -> EventProfile:
        terms, entities = _unit(event.centroid), _unit(event.entities)
        titles: dict[str, float] = {}
        for info in event.infos[:EVENT_TITLES]:
            add_into(titles, terms_from_text(info.title, ""), MAX_STORY_KEYS)
        dates = _unit({d: float(n) for d, n in event.dates.items()})
        query = top_keys(entities, STORY_QUERY_KEYS) + top_keys(terms, STORY_QUERY_KEYS)
        return cls(event, terms, entities, _unit(titles), dates, query)


def storyline_id_for(event_id: str) -> str:
    return hashlib.sha1(f"storyline:{event_id}".encode()).hexdigest()[:16]


def _unit(vector: Mapping[str, float]) -> dict[str, float]:
    n = norm(vector)
    return {k: v / n for k, v in vector.items()} if n else {}


@cache
def default_story_scorer() -> EventScorer:
    """The shipped storyline model (read once)."""
    return EventScorer.load(STORY_MODEL_PATH, STORY_FEATURES)


def in_time_order(events: Sequence[EventState]) -> list[EventState]:
    return sorted(events, key=lambda e: (e.first is None, e.first or 0.0, e.seq))


# ------------------------------------------------------------------------------------------ pairs
def candidate_pairs(
    profiles: Sequence[EventProfile], gap_days: float = STORY_GAP_DAYS
) -> list[tuple[int, int]]:
    """(i, j) index pairs, i < j, of events that may share a storyline (``profiles`` in time order).

    Each event is compared with the earlier events that the index offers: those sharing its query keys
    among the :data:`STORY_POSTINGS_SCAN` latest postings of each key, not more than ``gap_days`` after
    they ended (undated events are compared with any), at most :data:`STORY_MAX_CANDIDATES` of them,
    most shared keys first (ties: the latest).
    """
    index: dict[str, list[int]] = {}
    gap = gap_days * _DAY
    pairs: list[tuple[int, int]] = []
    for j, profile in enumerate(profiles):
        hits: Counter[int] = Counter()
        for key in profile.query:
            posted = index.setdefault(key, [])
            hits.update(islice(reversed(posted), STORY_POSTINGS_SCAN))
            posted.append(j)
        first = profile.event.first
        ranked = sorted(hits.items(), key=lambda kv: (-kv[1], -kv[0]))
        kept = 0
        for i, _ in ranked:
            last = profiles[i].event.last
            if first is not None and last is not None and first - last > gap:
                continue
            pairs.append((i, j))
            kept += 1
            if kept >= STORY_MAX_CANDIDATES:
                break
    pairs.sort()
    return pairs


def pair_features(a: EventProfile, b: EventProfile, gap_days: float = STORY_GAP_DAYS) -> dict[str, float]:
    """The model's features of two events; ``terms_snn`` is 0 here and filled by
    :func:`add_neighbour_features`, which needs every candidate pair."""
    ea, eb = a.event, b.event
    undated = ea.first is None or eb.first is None
    gap = 0.0
    if not undated:
        start, end = max(ea.first or 0.0, eb.first or 0.0), min(ea.last or 0.0, eb.last or 0.0)
        gap = max(0.0, start - end) / (gap_days * _DAY)
    return {
        "entities": dot(a.entities, b.entities),
        "titles": dot(a.titles, b.titles),
        "terms_snn": 0.0,
        "gap": gap,
        "undated": 1.0 if undated else 0.0,
        "dates": dot(a.dates, b.dates),
    }


def add_neighbour_features(
    profiles: Sequence[EventProfile], pairs: Sequence[tuple[int, int]], features: list[dict[str, float]]
) -> None:
    """Fill ``terms_snn``: the cosine of two events' neighbour lists.

    An event's neighbour list is itself (similarity 1) and its :data:`STORY_NEIGHBOURS` most similar
    candidate partners by term cosine (ties: the earlier), weighted by that cosine.
    """
    similar: list[dict[int, float]] = [{i: 1.0} for i in range(len(profiles))]
    for i, j in pairs:
        similar[i][j] = similar[j][i] = dot(profiles[i].terms, profiles[j].terms)
    lists = [_unit_int(_nearest(s)) for s in similar]
    for (i, j), f in zip(pairs, features, strict=True):
        small, big = lists[i], lists[j]
        f["terms_snn"] = sum(v * big.get(k, 0.0) for k, v in small.items())


def _nearest(similar: dict[int, float]) -> dict[int, float]:
    ranked = sorted(similar.items(), key=lambda kv: (-kv[1], kv[0]))
    return dict(ranked[: STORY_NEIGHBOURS + 1])


def _unit_int(vector: dict[int, float]) -> dict[int, float]:
    n = math.sqrt(sum(v * v for v in vector.values()))
    return {k: v / n for k, v in vector.items()} if n else {}


def scored_pairs(
    profiles: Sequence[EventProfile], gap_days: float = STORY_GAP_DAYS
) -> tuple[list[tuple[int, int]], list[dict[str, float]]]:
    """Candidate pairs and their named features (see :data:`STORY_FEATURES`)."""
    pairs = candidate_pairs(profiles, gap_days)
    features = [pair_features(profiles[i], profiles[j], gap_days) for i, j in pairs]
    add_neighbour_features(profiles, pairs, features)
    return pairs, features


# ------------------------------------------------------------------------------------------ clustering
def average_linkage(n: int, links: Mapping[tuple[int, int], float], threshold: float) -> list[list[int]]:
    """Groups of the items ``0..n-1`` by average-linkage agglomeration over sparse link probabilities.

    The linkage of two groups is the mean link probability over all pairs of their items (a pair that
    is not in ``links`` counts as 0). The closest two groups merge while their linkage is at least
    ``threshold``; ties go to the lower indices, so the result is fixed by the input. Each merge costs
    the merged group's neighbour count (a lazy heap of linkages).
    """
    weight = [1.0] * n  # items per group
    # Sum of link probabilities to every neighbouring group; a group is named by its lowest item index.
    adjacent: list[dict[int, float]] = [{} for _ in range(n)]
    for (i, j), p in links.items():
        adjacent[i][j] = adjacent[j][i] = p
    version = [0] * n
    members: list[list[int] | None] = [[i] for i in range(n)]
    heap = [(-w / (weight[i] * weight[j]), i, j, 0, 0) for (i, j), w in _upper(adjacent)]
    heapq.heapify(heap)
    while heap:
        neg, a, b, va, vb = heapq.heappop(heap)
        if -neg < threshold:
            break
        if va != version[a] or vb != version[b] or members[a] is None or members[b] is None:
            continue  # stale: a or b changed since this entry was pushed
        _merge(a, b, adjacent, weight, members)
        version[a] += 1
        for k, w in adjacent[a].items():
            lo, hi = (a, k) if a < k else (k, a)
            heapq.heappush(heap, (-w / (weight[a] * weight[k]), lo, hi, version[lo], version[hi]))
    return [sorted(m) for m in members if m is not None]


def _upper(adjacent: list[dict[int, float]]) -> list[tuple[tuple[int, int], float]]:
    return [((i, j), w) for i, row in enumerate(adjacent) for j, w in row.items() if i < j]


def _merge(
    a: int, b: int, adjacent: list[dict[int, float]], weight: list[float], members: list[list[int] | None]
) -> None:
    """Fold group b into group a (a < b): neighbour sums add up, b disappears."""
    row_b = adjacent[b]
    del adjacent[a][b], row_b[a]
    row_a = adjacent[a]
    for k, w in row_b.items():
        row_k = adjacent[k]
        del row_k[b]
        row_a[k] = row_k[a] = row_a.get(k, 0.0) + w
    adjacent[b] = {}
    weight[a] += weight[b]
    kept, gone = members[a], members[b]
    assert kept is not None and gone is not None
    kept.extend(gone)
    members[b] = None


def link_storylines(
    events: Sequence[EventState],
    threshold: float | None = None,
    gap_days: float = STORY_GAP_DAYS,
    scorer: EventScorer | None = None,
) -> list[StoryState]:
    """Group events into storylines (see module docstring); every event ends up in exactly one.

    ``threshold`` None means the one stored with the model (chosen with it on dev). Storylines come
    in the time order of their first event, each named after that event.
    """
    scorer = scorer or default_story_scorer()
    threshold = scorer.join_threshold if threshold is None else threshold
    ordered = in_time_order(events)
    profiles = [EventProfile.of(e) for e in ordered]
    pairs, features = scored_pairs(profiles, gap_days)
    links = {pair: scorer.probability(f) for pair, f in zip(pairs, features, strict=True)}
    groups = average_linkage(len(ordered), links, threshold)
    groups.sort(key=lambda g: g[0])
    return [StoryState(storyline_id_for(ordered[g[0]].id), [ordered[i].id for i in g]) for g in groups]


def story_pair_examples(
    events: Sequence[EventState], gold_story: Mapping[str, str], gap_days: float = STORY_GAP_DAYS
) -> tuple[list[list[float]], list[int]]:
    """Training rows: every candidate pair (over all ``events``, as the linker sees them) whose two
    events both have a gold storyline in ``gold_story`` (event id -> storyline id), labelled 1 when
    the storylines are the same."""
    ordered = in_time_order(events)
    profiles = [EventProfile.of(e) for e in ordered]
    pairs, features = scored_pairs(profiles, gap_days)
    rows: list[list[float]] = []
    labels: list[int] = []
    for (i, j), f in zip(pairs, features, strict=True):
        a, b = gold_story.get(ordered[i].id), gold_story.get(ordered[j].id)
        if a is None or b is None:
            continue
        rows.append([f[name] for name in STORY_FEATURES])
        labels.append(int(a == b))
    return rows, labels
