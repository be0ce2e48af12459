"""Sparse vectors as dicts, and document frequencies that grow with the stream.

Vectors are plain ``dict[str, float]``: articles have tens of keys, event centroids at most a few
hundred, so dict arithmetic beats building scipy matrices per article and keeps the cost per article
independent of the vocabulary and the corpus size.

Speed without changing a bit: dot products, norms and centroid sums run as ``map``/``sum`` chains that
CPython executes in C, and the heaviest keys are found without sorting every item (:func:`heaviest`).
They do the same float operations, on the same operands, in the same order as the plain loops they
replace (a sum left to right over the smaller vector's keys, in its insertion order), so every score,
and so every clustering decision, is identical. Dict order is part of the result (it fixes the order of
later sums), so every function keeps the insertion order the plain version produced.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from itertools import repeat
from operator import add, mul

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
    """Sublinear tf × idf, L2-normalised, the ``keep`` heaviest keys only (ties: by key)."""
    log, get = math.log, dfs.df.get
    log_n = log(dfs.n + IDF_PRIOR_DOCS)  # idf = log_n - log(df + 1), inlined: this is the hot loop
    weighted = {k: (1.0 + log(c)) * (log_n - log(get(k, 0) + 1.0)) for k, c in counts.items() if c > 0}
    if len(weighted) > keep:
        weighted = dict(heaviest(weighted, keep))
    total = norm(weighted)
    if total == 0.0:
        return {}
    return dict(zip(weighted, map(_div, weighted.values(), repeat(total)), strict=True))


def _div(a: float, b: float) -> float:
    return a / b


def heaviest(vector: Mapping[str, float], n: int) -> list[tuple[str, float]]:
    """``sorted(vector.items(), key=(-weight, key))[:n]`` without sorting every item.

    The n-th largest weight is found by sorting the bare floats (a C fast path); only the items at or
    above it are sorted with the full key, so the result (order included) is the same.
    """
    if len(vector) <= n:
        return sorted(vector.items(), key=_heavy_first)
    if n <= 0:
        return []
    cut = sorted(vector.values(), reverse=True)[n - 1]
    top = [kv for kv in vector.items() if kv[1] >= cut]
    top.sort(key=_heavy_first)
    return top[:n]


def _heavy_first(kv: tuple[str, float]) -> tuple[float, str]:
    return (-kv[1], kv[0])


def norm(vector: Mapping[str, float]) -> float:
    values = vector.values()
    return math.sqrt(sum(map(mul, values, values)))


def dot(small: Mapping[str, float], big: Mapping[str, float]) -> float:
    """Dot product; iterate over the smaller vector (``sum(v * big.get(k, 0.0))`` in its key order)."""
    if len(small) > len(big):
        small, big = big, small
    return sum(map(mul, small.values(), map(big.get, small, repeat(0.0))))


def add_into(target: dict[str, float], source: Mapping[str, float], keep: int) -> None:
    """``target += source``, then prune to the ``keep`` heaviest keys (bounded centroid size)."""
    get = target.get
    # Each key of source is read before it is written (source keys are unique): a plain loop's result.
    target.update(zip(source, map(add, map(get, source, repeat(0.0)), source.values()), strict=True))
    if len(target) > keep * 2:  # prune in batches: sorting on every add would dominate the cost
        kept = heaviest(target, keep)
        target.clear()
        target.update(kept)


def top_keys(vector: Mapping[str, float], n: int) -> list[str]:
    return [k for k, _ in heaviest(vector, n)]
