"""Sparse vectors as dicts, and document frequencies that grow with the stream.

Vectors are plain ``dict[str, float]``: articles have tens of keys, event centroids at most a few
hundred, so dict arithmetic beats building scipy matrices per article and keeps the cost per article
independent of the vocabulary and the corpus size.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

#: Pseudo-documents added to the document count: with few documents seen every key would look rare;
#: this keeps the IDF of the first articles of a stream from exaggerating chance overlaps.
IDF_PRIOR_DOCS = 20.0


class DocumentFrequencies:
    """How many articles so far contained each key; IDF is read at the time an article arrives.

    Online clustering must not look ahead, so an article is weighted with the frequencies of the articles
    before it (and itself). Batch re-clustering runs the same sequence, so it weighs identically.
    """

    __slots__ = ("df", "n")

    def __init__(self) -> None:
        self.df: dict[str, int] = {}
        self.n = 0

    def add(self, keys: Mapping[str, float], count_doc: bool = True) -> None:
        """Count one article's keys; ``count_doc=False`` adds a second key family of the same article."""
        if count_doc:
            self.n += 1
        df, get = self.df, self.df.get
        for key in keys:
            df[key] = get(key, 0) + 1

    def idf(self, key: str) -> float:
        return math.log((self.n + IDF_PRIOR_DOCS) / (self.df.get(key, 0) + 1.0))


def weigh(counts: Mapping[str, float], dfs: DocumentFrequencies, keep: int) -> dict[str, float]:
    """Sublinear tf × idf, L2-normalised, the ``keep`` heaviest keys only."""
    log, get = math.log, dfs.df.get
    log_n = log(dfs.n + IDF_PRIOR_DOCS)  # idf = log_n - log(df + 1), inlined: this is the hot loop
    weighted = {k: (1.0 + log(c)) * (log_n - log(get(k, 0) + 1.0)) for k, c in counts.items() if c > 0}
    if len(weighted) > keep:
        weighted = dict(sorted(weighted.items(), key=lambda kv: (-kv[1], kv[0]))[:keep])
    norm = math.sqrt(sum(v * v for v in weighted.values()))
    if norm == 0.0:
        return {}
    return {k: v / norm for k, v in weighted.items()}


def norm(vector: Mapping[str, float]) -> float:
    return math.sqrt(sum(v * v for v in vector.values()))


def dot(small: Mapping[str, float], big: Mapping[str, float]) -> float:
    """Dot product; iterate over the smaller vector."""
    if len(small) > len(big):
        small, big = big, small
    get = big.get
    return sum(v * get(k, 0.0) for k, v in small.items())


def add_into(target: dict[str, float], source: Mapping[str, float], keep: int) -> None:
    """``target += source``, then prune to the ``keep`` heaviest keys (bounded centroid size)."""
    for k, v in source.items():
        target[k] = target.get(k, 0.0) + v
    if len(target) > keep * 2:  # prune in batches: sorting on every add would dominate the cost
        kept = sorted(target.items(), key=lambda kv: (-kv[1], kv[0]))[:keep]
        target.clear()
        target.update(kept)


def top_keys(vector: Mapping[str, float], n: int) -> list[str]:
    return [k for k, _ in sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]
