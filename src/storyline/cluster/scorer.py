"""How likely an article belongs to an event: a logistic model over named similarity features.

Why learned: the parts of the similarity (term cosine to the centroid, to the closest member, entity
overlap, a shared mentioned date, time distance, a language the event has not seen yet) interact. A
uk article and a ru event share fewer folded keys than two articles in one language, a big event's
centroid is flatter than a small one's, and an undated article must lean on content alone. Hand-set
weights and a separate cross-language threshold got these trade-offs wrong in both directions, so the
weights are fitted (logistic regression, :mod:`storyline.cluster.learn`) on the *dev* half of the
event gold by replaying the stream: each article against the candidate events the index offers, the
label being whether the candidate is its gold event. The test half is never seen.

The model is a small JSON file shipped in the package (``models/event-scorer.json``) with its
provenance, and it is rebuilt by ``eval/train_cluster.py`` from ``../shared`` and ``eval/gold/events``.
A score is a probability, so the join threshold reads as one ("join when ≥ 0.5 likely").

Days mentioned are graded, not only shared or not (:func:`date_agreement`): an article that names the
day most of the event's reports name is more likely the same happening than one sharing a stray day,
and an article naming days while the event names only other days most likely reports another
happening with the same actors (the acquittal on 31 October vs the exit ban on 3 November). Dates are
language-neutral, so this also carries across uk/ru. On dev it was the largest single gain (B³-F1
0.786 → 0.835; 0.767 → 0.801 and 0.818 → 0.834 trained on one half of the dev topics and scored on
the other).

Time is read twice. ``decay`` measures the gap to the event's *span*, which every new member stretches,
so a chain of daily reports with the same actors (acquittal, protests, exit ban, the husband's plea: one
a day in asia_bibi) could keep one event open for a week. ``since_start`` measures the gap to the
event's *first* report, which no member moves: an event is a happening reported within about two days
(the gold guide's rule), so later reports need more content evidence to join it. Dev B³-F1 0.835 →
0.859 (asia_bibi 0.61 → 0.77).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyline.errors import ModelError

if TYPE_CHECKING:  # the clusterer imports this module: its types only for annotations
    from storyline.cluster.events import EventState
    from storyline.cluster.features import Features

MODEL_PATH = Path(__file__).with_name("models") / "event-scorer.json"

#: The features, in a fixed order (the model file names them; a mismatch is an error, not a guess).
FEATURES: tuple[str, ...] = (
    "terms",  # cosine of the article's term vector to the event centroid
    "entities",  # the same for canonical entities
    "terms_max",  # best term cosine to one of the event's recent members
    "entities_max",  # best entity cosine to one of them
    "date",  # 1 when the article mentions a day the event's articles mention
    "decay",  # time closeness: 1 within the grace period of the event's span, then exp decay; 0 undated
    "undated",  # 1 when the article or the event has no time
    "cross",  # 1 when the article's language is new to the event
    "terms_cross",
    "entities_cross",
    "terms_max_cross",
    "log_size",  # log of the event's member count: big events have flatter centroids
    "terms_decay",
    "entities_decay",
    "title_max",  # best cosine of the headline's keys to a recent member's headline
    "title_max_cross",
    "date_conflict",  # 1 when the article names days, the event names days, and none is shared
    "date_share",  # share of the event's day mentions that fall on a day the article names
    "since_start",  # 1 within START_GRACE_DAYS of the event's first report, then exp decay; 0 undated
)

#: ``since_start``: no penalty this long after the event's first report, then exp(-over / START_DECAY_DAYS).
START_GRACE_DAYS = 2.0
START_DECAY_DAYS = 2.0
_DAY = 86400.0


class ScorerError(ModelError):
    """The event-scorer model file is missing, unreadable or for other features."""


def feature_vector(
    *,
    terms: float,
    entities: float,
    terms_max: float,
    entities_max: float,
    date: float,
    decay: float,
    undated: bool,
    cross: bool,
    size: int,
    title_max: float = 0.0,
    article: Features | None = None,
    event: EventState | None = None,
) -> dict[str, float]:
    """The named features from the raw parts (interactions included), as the model expects them.

    ``article`` and ``event`` give the features read from the article's and the event's whole profile
    (days mentioned, the event's first report); without them those features are 0.
    """
    x = 1.0 if cross else 0.0
    conflict = share = since_start = 0.0
    if article is not None and event is not None:
        conflict, share = date_agreement(article.dates, event.dates)
        since_start = start_closeness(article.time, event.first)
    return {
        "terms": terms,
        "entities": entities,
        "terms_max": terms_max,
        "entities_max": entities_max,
        "date": date,
        "decay": decay,
        "undated": 1.0 if undated else 0.0,
        "cross": x,
        "terms_cross": terms * x,
        "entities_cross": entities * x,
        "terms_max_cross": terms_max * x,
        "log_size": math.log(max(size, 1)),
        "terms_decay": terms * decay,
        "entities_decay": entities * decay,
        "title_max": title_max,
        "title_max_cross": title_max * x,
        "date_conflict": conflict,
        "date_share": share,
        "since_start": since_start,
    }


def start_closeness(time: float | None, first: float | None) -> float:
    """1 within :data:`START_GRACE_DAYS` after (or any time before) the event's first report, then
    ``exp(-over / START_DECAY_DAYS)``; 0 when either is undated (the ``undated`` flag covers that)."""
    if time is None or first is None:
        return 0.0
    over = (time - first) / _DAY - START_GRACE_DAYS
    return 1.0 if over <= 0 else math.exp(-over / START_DECAY_DAYS)


def date_agreement(article_dates: frozenset[str], event_dates: Mapping[str, int]) -> tuple[float, float]:
    """(conflict, share) of the days an article mentions against the day counts of an event.

    ``conflict`` is 1 when both name days and none is shared. ``share`` is the part of the event's day
    mentions (one per member and day) on the article's days: 1 when every dated member names only the
    article's days, small for a day that one member of many named in passing.
    """
    if not article_dates or not event_dates:
        return 0.0, 0.0
    on_days = sum(event_dates.get(d, 0) for d in article_dates)
    if not on_days:
        return 1.0, 0.0
    return 0.0, on_days / sum(event_dates.values())


@dataclass(frozen=True, slots=True)
class EventScorer:
    """Logistic regression: P(article belongs to event) = σ(bias + Σ weight·feature)."""

    weights: dict[str, float]
    bias: float
    join_threshold: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict)

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.bias
        for name, w in self.weights.items():
            z += w * features.get(name, 0.0)
        if z < -35.0:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def to_json(self) -> str:
        data = {
            "features": list(self.weights),
            "weights": [round(w, 6) for w in self.weights.values()],
            "bias": round(self.bias, 6),
            "join_threshold": self.join_threshold,
            "meta": self.meta,
        }
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"

    def save(self, path: Path = MODEL_PATH) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.to_json(), encoding="utf-8")

    @classmethod
    def load(cls, path: Path = MODEL_PATH, features: tuple[str, ...] = FEATURES) -> EventScorer:
        """Read a model file; ``features`` are the names this version computes (the storyline linker
        uses the same model class over its own features)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            names, weights = data["features"], data["weights"]
            bias, threshold = float(data["bias"]), float(data["join_threshold"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ScorerError(f"{path}: event-scorer model unreadable ({exc})") from exc
        if tuple(names) != features or len(weights) != len(names):
            raise ScorerError(
                f"{path}: model features {names} differ from this version's {list(features)}; "
                "rebuild it with eval/train_cluster.py"
            )
        return cls(dict(zip(names, map(float, weights), strict=True)), bias, threshold, data.get("meta", {}))


@cache
def default_scorer() -> EventScorer:
    """The shipped model (read once)."""
    return EventScorer.load()
