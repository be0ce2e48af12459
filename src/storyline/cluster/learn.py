"""Fitting the event scorer from labelled streams: replay the gold clustering, learn who joins what.

Training examples come from the same situation the scorer faces in production. The labelled articles
are streamed in time order through an :class:`~storyline.cluster.events.OnlineClusterer` whose joins
are dictated by the gold ("oracle replay"): for each article, the events that the candidate index
offers (the same retrieval, the same top :data:`~storyline.cluster.events.MAX_SCORED` by centroid)
give one example each, labelled 1 when the candidate is the article's gold event. The article then
joins its gold event if that is still active, else it opens a new one, just as the clusterer would.
So the features are computed on events as the clusterer would have built them, not on ideal pairs.

The fit is a class-balanced-free L2 logistic regression (scikit-learn): the prior that most articles
open new events is real and belongs in the bias.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from storyline.cluster.events import ClusterParams, OnlineClusterer
from storyline.cluster.features import Features
from storyline.cluster.scorer import FEATURES, EventScorer
from storyline.model import Membership


@dataclass(slots=True)
class Examples:
    """Feature rows (in :data:`FEATURES` order) and their 0/1 labels."""

    rows: list[list[float]]
    labels: list[int]

    @property
    def positives(self) -> int:
        return sum(self.labels)


def replay_examples(
    stream: Iterable[Features], gold: Mapping[str, str], params: ClusterParams | None = None
) -> Examples:
    """Examples from an oracle replay of ``stream`` (time order) with gold event ids by article id."""
    clusterer = OnlineClusterer(params or ClusterParams(dedupe=False))
    gold_event: dict[str, str] = {}  # gold event id -> the clusterer's event id
    rows: list[list[float]] = []
    labels: list[int] = []
    for feats in stream:
        target = gold[feats.article_id]
        clusterer.advance_clock(feats)
        item = clusterer.admit(feats)
        closest, _ = clusterer.closest_candidates(item)
        for cosines, event in closest:
            f = clusterer.features(item, event, cosines)
            rows.append([f[name] for name in FEATURES])
            labels.append(int(gold_event.get(target) == event.id))
        event_id = gold_event.get(target)
        event = clusterer.events.get(event_id) if event_id else None
        if event is None or not event.active:
            event = clusterer._new_event(feats.article_id)
            gold_event[target] = event.id
        clusterer._join(event, item, Membership(feats.article_id, 1.0, {"rule": "oracle"}), None)
    return Examples(rows, labels)


def fit_scorer(
    examples: Examples,
    join_threshold: float = 0.5,
    c: float = 1.0,
    meta: dict | None = None,
    features: tuple[str, ...] = FEATURES,
) -> EventScorer:
    """L2-regularised logistic regression over the examples (deterministic: lbfgs, fixed data order)."""
    from sklearn.linear_model import LogisticRegression

    if not examples.positives or examples.positives == len(examples.labels):
        raise ValueError("the examples need both joins and non-joins to fit a scorer")
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(examples.rows, examples.labels)
    weights = {name: float(w) for name, w in zip(features, model.coef_[0], strict=True)}
    info = {"examples": len(examples.labels), "positives": examples.positives, "C": c, **(meta or {})}
    return EventScorer(weights, float(model.intercept_[0]), join_threshold, info)
