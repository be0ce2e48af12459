"""Sparse vectors as dicts, and document frequencies that grow with the stream.

Vectors are plain ``dict[str, float]``: articles have tens of keys, event centroids at most a few
hundred, so dict arithmetic beats building scipy matrices per article and keeps the cost per article
independent of the vocabulary and the corpus size.

Speed without changing a bit: each function is written as a plain loop or as a ``map``/``sum`` chain
that CPython runs in C, whichever measured faster inside the clustering workload (where the document
frequency table and the centroids are large and mostly out of cache, so a chain that reads every key
before writing any can lose to a loop), and the heaviest keys are found without sorting every item
(:func:`heaviest`). They do the same float operations, on the same operands, in the same order as the
plain code (a sum left to right over the smaller vector's keys, in its insertion order; skipping an
added zero), so every score, and so every clustering decision, is identical. Dict order is part of the
result (it fixes the order of later sums), so every function keeps the insertion order the plain
version produced.
"""

from __future__ import annotations

import math
from _collections import _count_elements  # Counter.update's C loop
from collections.abc import Iterable, Mapping
from itertools import compress, islice, repeat, takewhile
from operator import add, ge, itemgetter, mul, neg, truediv

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

    def add(self, keys: Mapping[str, float], count_doc: bool = True) -> list[int]:
        """Count one article's keys; ``count_doc=False`` adds a second key family of the same article.

        Returns the keys' new frequencies in key order, so that weighing the article right after does not
        look them up again (:func:`weigh`'s ``frequencies``).
        """
        if count_doc:
            self.n += 1
        df = self.df
        # Counted by Counter's C helper (``df[key] = df.get(key, 0) + 1`` per key: each key's read and
        # write hit the same large, cold table entry back to back), then read back while those entries
        # are still in cache: ~5% faster clustering than the same loop in Python (same-process A/B on
        # the bench stream); reading all keys first and writing them in one update() was ~40% slower.
        _count_elements(df, keys)
        return list(map(df.__getitem__, keys))

    def idf(self, key: str) -> float:
        return math.log((self.n + IDF_PRIOR_DOCS) / (self.df.get(key, 0) + 1.0))


def weigh(
    counts: Mapping[str, float],
    dfs: DocumentFrequencies,
    keep: int,
    frequencies: list[int] | None = None,
) -> dict[str, float]:
    """Sublinear tf × idf, L2-normalised, the ``keep`` heaviest keys only (ties: by key).

    Each weight is ``(1.0 + log(tf)) * (log_n - log(df + 1.0))``, idf's ``log_n`` the log of the
    document count plus the prior. ``frequencies``: the keys' current document frequencies in key order
    when the caller has them (what :meth:`DocumentFrequencies.add` returned, nothing counted since), else
    they are looked up. The heaviest keys are chosen on parallel lists of keys and weights, without a
    dict of every key; the weights, their order and the norm are those of the plain code
    (tests/cluster/test_exact_speedups.py compares them bit for bit).
    """
    if not counts:
        return {}
    log = math.log
    log_n = log(dfs.n + IDF_PRIOR_DOCS)
    if min(counts.values()) <= 0:
        counts, frequencies = {k: c for k, c in counts.items() if c > 0}, None
    if frequencies is None:
        get = dfs.df.get
        weights = [(1.0 + log(c)) * (log_n - log(get(k, 0) + 1.0)) for k, c in counts.items()]
    else:
        values = counts.values()
        weights = [(1.0 + log(c)) * (log_n - log(d + 1.0)) for c, d in zip(values, frequencies, strict=True)]
    keys: Iterable[str] = counts
    if len(weights) > keep:  # heaviest() on parallel lists: no dict of every key is built
        if keep <= 0:
            return {}
        cut = sorted(weights, reverse=True)[keep - 1]
        mask = list(map(ge, weights, repeat(cut)))
        # (-weight, key) tuples sort natively in C, in heaviest()'s order; -(-w) is w exactly
        ranked = sorted(zip(map(neg, compress(weights, mask)), compress(counts, mask), strict=True))
        del ranked[keep:]
        keys = map(itemgetter(1), ranked)
        weights = list(map(neg, map(itemgetter(0), ranked)))
    total = math.sqrt(sum(map(mul, weights, weights)))  # norm(), over the values in key order
    if total == 0.0:
        return {}
    return dict(zip(keys, map(truediv, weights, repeat(total)), strict=True))


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
    top = list(compress(vector.items(), map(ge, vector.values(), repeat(cut))))
    top.sort(key=_heavy_first)
    return top[:n]


def _heavy_first(kv: tuple[str, float]) -> tuple[float, str]:
    return (-kv[1], kv[0])


def norm(vector: Mapping[str, float]) -> float:
    values = vector.values()
    return math.sqrt(sum(map(mul, values, values)))


def dot(small: Mapping[str, float], big: Mapping[str, float]) -> float:
    """Dot product; iterate over the smaller vector (``sum(v * big.get(k, 0.0))`` in its key order).

    Keys missing from ``big`` are skipped instead of adding ``v * 0.0``: adding a zero never changes a
    float sum that starts at 0.0, so the result is the same, and most keys of an article are missing
    from most events (measured ~20% faster than a ``map`` chain that multiplies every key).
    """
    if len(small) > len(big):
        small, big = big, small
    if not small:
        return 0  # sum() of nothing, as before
    get = big.get
    total = 0.0
    for key, value in small.items():
        other = get(key)
        if other is not None:
            total += value * other
    return total


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
    """The keys of :func:`heaviest`. A vector already in non-increasing weight order (what
    :func:`weigh` returns when it cut the article to its heaviest keys) is read from the front: its
    first ``n`` items plus any that tie with the n-th, ordered by (-weight, key), are the same keys."""
    values = vector.values()
    if len(vector) > n > 0 and all(map(ge, values, islice(values, 1, None))):
        items = vector.items()
        head = list(islice(items, n))
        last = head[-1][1]
        head.extend(takewhile(lambda kv: kv[1] == last, islice(items, n, None)))
        head.sort(key=_heavy_first)
        return [k for k, _ in head[:n]]
    return [k for k, _ in heaviest(vector, n)]


def max_into(target: dict[str, float], source: Mapping[str, float]) -> None:
    """``target[k] = max(target.get(k, 0.0), v)`` for each item of source (an elementwise upper bound;
    a non-positive weight is left out, which reads as the same 0.0).

    With non-negative query weights, ``dot(q, target)`` then bounds ``dot(q, source)`` from above for
    every source folded in: what the clusterer's candidate pruning needs (:mod:`.events`).
    """
    get = target.get
    for key, value in source.items():  # a loop: builtin max() per key measured twice as slow
        if value > get(key, 0.0):
            target[key] = value
