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
from collections.abc import Iterable, Mapping
from itertools import compress, islice, repeat, takewhile
from operator import add, ge, itemgetter, mul, neg, sub, truediv

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
        # df[key] = df.get(key, 0) + 1 for each key, as one C-level update (keys of a mapping are unique,
        # so every read happens before its own write, as in the plain loop).
        counts = list(map(add, map(df.get, keys, repeat(0)), repeat(1)))
        df.update(zip(keys, counts, strict=True))
        return counts

    def idf(self, key: str) -> float:
        return math.log((self.n + IDF_PRIOR_DOCS) / (self.df.get(key, 0) + 1.0))


class _LogCache(dict[float, float]):
    """A logarithm read from a table: computed once per distinct argument, at most ``limit`` kept.

    Term counts and document frequencies are small integers that repeat across articles, so a stored
    logarithm replaces most ``math.log`` calls, and ``map(cache.__getitem__, ...)`` runs in C for every
    hit. The stored float is the one the plain expression computes, so weights are unchanged.
    """

    __slots__ = ("limit",)

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def __missing__(self, x: float) -> float:
        value = self.compute(x)
        if len(self) < self.limit:  # bounded: an endless stream meets ever larger frequencies
            self[x] = value
        return value

    def compute(self, x: float) -> float:
        raise NotImplementedError


class _SublinearTf(_LogCache):
    """``1.0 + log(tf)``: counts are sums of title and body weights, a few hundred distinct values."""

    __slots__ = ()

    def compute(self, x: float) -> float:
        return 1.0 + math.log(x)


class _LogDf(_LogCache):
    """``log(df + 1.0)``, the document-frequency half of the IDF (df an int)."""

    __slots__ = ()

    def compute(self, x: float) -> float:
        return math.log(x + 1.0)


_SUBLINEAR_TF = _SublinearTf(4096)
_LOG_DF = _LogDf(1 << 17)


def weigh(
    counts: Mapping[str, float],
    dfs: DocumentFrequencies,
    keep: int,
    frequencies: list[int] | None = None,
) -> dict[str, float]:
    """Sublinear tf × idf, L2-normalised, the ``keep`` heaviest keys only (ties: by key).

    Each weight is ``(1.0 + log(tf)) * (log_n - log(df + 1.0))`` with idf's ``log_n`` the log of the
    document count (plus the prior), computed as a C-level ``map`` chain over cached logarithms: the same
    operands and operations as the plain dict comprehension, so the same floats in the same key order.
    ``frequencies``: the keys' current document frequencies in key order when the caller has them (what
    :meth:`DocumentFrequencies.add` returned, nothing counted since), else they are looked up.
    """
    if not counts:
        return {}
    if min(counts.values()) <= 0:
        counts, frequencies = {k: c for k, c in counts.items() if c > 0}, None
    log_n = math.log(dfs.n + IDF_PRIOR_DOCS)
    found = frequencies if frequencies is not None else map(dfs.df.get, counts, repeat(0))
    idf = map(sub, repeat(log_n), map(_LOG_DF.__getitem__, found))
    keys: Iterable[str] = counts
    weights = list(map(mul, map(_SUBLINEAR_TF.__getitem__, counts.values()), idf))
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
    """``target[k] = max(target.get(k, 0.0), v)`` for each item of source (an elementwise upper bound).

    With non-negative query weights, ``dot(q, target)`` then bounds ``dot(q, source)`` from above for
    every source folded in: what the clusterer's candidate pruning needs (:mod:`.events`).
    """
    target.update(zip(source, map(max, map(target.get, source, repeat(0.0)), source.values()), strict=True))
