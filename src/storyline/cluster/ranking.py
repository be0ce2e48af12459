"""Ranking: how important an event or a storyline is, by a documented and configurable formula.

Event score::

    outlets   · ln(1 + independent outlets)      # reprints (one version group) count once
  + languages · (languages − 1)                  # covered in uk and ru: crossed a media border
  + velocity  · ln(1 + reports in busiest 24 h)  # how fast it spread
  + recency   · exp(−age_days / recency_days)    # age of the last report at ``now``

*Independent outlets* are the distinct outlets of the version-group originals: five sites reposting one
agency text add one outlet (the agency's), two outlets writing their own stories add two. An original
without a known outlet counts as its own outlet. *Reports* are version groups (copies count once).

Storyline score: the best event score plus ``events · ln(1 + number of events)`` — one big moment or a
long-running thread both rank high.

Weights live in :class:`RankingWeights` (defaults below); pass another instance to rank differently.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from storyline.cluster.events import MemberInfo

_DAY = 86400.0


@dataclass(frozen=True, slots=True)
class RankingWeights:
    outlets: float = 1.0
    languages: float = 0.5
    velocity: float = 0.5
    recency: float = 1.0
    recency_days: float = 3.0  # a report this many days old has lost 63% of its recency bonus
    events: float = 0.5  # storyline: per ln(1 + events)


DEFAULT_WEIGHTS = RankingWeights()


def independent_outlets(infos: Sequence[MemberInfo]) -> int:
    return len(
        {
            info.outlet or f"group:{info.version_group or info.article_id}"
            for info in infos
            if info.is_original
        }
    )


def reports(infos: Sequence[MemberInfo]) -> int:
    return len({info.version_group or info.article_id for info in infos})


def busiest_day(infos: Sequence[MemberInfo]) -> int:
    """Most version groups first reported within any 24-hour window (two-pointer over sorted times)."""
    times = sorted(
        {info.version_group or info.article_id: info.time for info in infos if info.time is not None}.values()
    )
    best, lo = 0, 0
    for hi, t in enumerate(times):
        while t - times[lo] > _DAY:
            lo += 1
        best = max(best, hi - lo + 1)
    return best or min(1, len(infos))


def event_score(
    infos: Sequence[MemberInfo], now: float | None, weights: RankingWeights = DEFAULT_WEIGHTS
) -> float:
    languages = len({info.language for info in infos})
    score = (
        weights.outlets * math.log1p(independent_outlets(infos))
        + weights.languages * max(0, languages - 1)
        + weights.velocity * math.log1p(busiest_day(infos))
    )
    times = [info.time for info in infos if info.time is not None]
    if now is not None and times:
        age = max(0.0, now - max(times)) / _DAY
        score += weights.recency * math.exp(-age / weights.recency_days)
    return round(score, 4)


def storyline_score(event_scores: Sequence[float], weights: RankingWeights = DEFAULT_WEIGHTS) -> float:
    if not event_scores:
        return 0.0
    return round(max(event_scores) + weights.events * math.log1p(len(event_scores)), 4)
