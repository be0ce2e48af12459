"""Exact and near duplicates: reprints and lightly edited copies grouped into version groups.

An agency story reposted by five outlets is one report, not five: counting it five times would rank an
event by how many sites copy one wire. :class:`VersionGrouper` sees articles in time order and puts each
one that is a near copy of a recent article into that article's group; the earliest member is the
original. Near copies are found with MinHash LSH (datasketch) over word shingles of the folded text
(:func:`storyline.cluster.text.fold`), so case, ё/е and apostrophe variants do not hide a copy.

Why these settings:

* word :data:`SHINGLE_WORDS`-grams: long enough that two articles on one event written independently
  share few shingles (their Jaccard is typically < 0.15), short enough that an edited copy (a changed
  headline, an added paragraph, a fixed typo) keeps most of its shingles (Jaccard > 0.6);
* :data:`VERSION_THRESHOLD` = 0.5 sits between the two; LSH is set to the same threshold and every
  candidate is then checked with the estimated Jaccard, so LSH only decides what to compare;
* :data:`NUM_PERM` = 64 permutations: the Jaccard estimate's standard error at 0.5 is ~0.06, enough for a
  threshold between 0.15 and 0.6, at half the cost of 128;
* only the last :data:`VERSION_WINDOW_DAYS` days are indexed: reprints follow the original within hours
  or days; the window bounds memory and time per article whatever the corpus size.

Speed: the MinHash signature is datasketch's (the same crc32 shingle hashes, seeded permutations and
``affine32`` scheme: :func:`signature` equals ``MinHash.update_batch`` over :func:`shingles`, which
tests/cluster/test_dedupe_versions.py checks), computed in one numpy expression without a ``MinHash``
object per article. :class:`BandIndex` is datasketch's banding (the bands and rows ``MinHashLSH`` picks
for the threshold) kept as plain dicts of band bytes: the same candidates, less bookkeeping.
"""

from __future__ import annotations

import zlib
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

__all__ = [
    "NUM_PERM",
    "SHINGLE_WORDS",
    "VERSION_THRESHOLD",
    "VERSION_WINDOW_DAYS",
    "VersionAssignment",
    "VersionGrouper",
    "shingles",
    "signature",
]

#: Words per shingle (see module docstring).
SHINGLE_WORDS = 4
#: Estimated Jaccard of shingle sets at or above which an article is a version of an earlier one.
VERSION_THRESHOLD = 0.5
#: MinHash permutations.
NUM_PERM = 64
#: How long an article stays findable as the original of a later copy.
VERSION_WINDOW_DAYS = 7.0
#: Texts shorter than this many words are compared as a single shingle set of words (a title-only item
#: would otherwise have no 4-word shingles at all).
MIN_WORDS_FOR_SHINGLES = 8

_DAY = 86400.0
#: datasketch's seeded permutations (a, b) and scheme: the signature must stay comparable to its MinHash.
_SEED_HASH = MinHash(num_perm=NUM_PERM, seed=1)
if _SEED_HASH.scheme != "affine32":  # pragma: no cover - a datasketch upgrade that changed the default
    raise ImportError(f"datasketch MinHash scheme {_SEED_HASH.scheme!r}: dedupe expects 'affine32'")
_PERM_A, _PERM_B = _SEED_HASH.permutations
_EMPTY = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)  # MinHash of nothing
_U32 = np.uint32


def shingles(folded_words: Sequence[str]) -> list[bytes]:
    """Word n-gram shingles of already folded words (see :func:`storyline.cluster.text.fold`)."""
    if len(folded_words) < MIN_WORDS_FOR_SHINGLES:
        return [w.encode("utf-8") for w in set(folded_words)]
    n = SHINGLE_WORDS
    return list({" ".join(folded_words[i : i + n]).encode("utf-8") for i in range(len(folded_words) - n + 1)})


def shingle_hashes(folded_words: Sequence[str]) -> set[int]:
    """crc32 of each of :func:`shingles` (as a set: a repeated shingle does not change a MinHash).

    crc32 is ~5x faster than datasketch's default sha1 and as good here. Each word is encoded once and
    the shingles are joined from the encoded words (the UTF-8 of a join is the join of the UTF-8s), all
    in C: the same bytes as :func:`shingles`, ~30% faster than encoding each shingle.
    """
    crc32 = zlib.crc32
    if len(folded_words) < MIN_WORDS_FOR_SHINGLES:
        return {crc32(w.encode("utf-8")) for w in set(folded_words)}
    encoded = [w.encode("utf-8") for w in folded_words]
    # (w0..w3), (w1..w4), ...: the shifted lists differ in length, zip stops at the shortest
    runs = zip(*(encoded[i:] for i in range(SHINGLE_WORDS)), strict=False)
    return set(map(crc32, map(b" ".join, runs)))


def signature(folded_words: Sequence[str]) -> np.ndarray:
    """The MinHash signature (``NUM_PERM`` uint32) of the shingles: datasketch's affine32 scheme
    (MurmurHash3 finaliser, then ``a·h + b`` mod 2^32 per permutation, the minimum of each)."""
    hashes = shingle_hashes(folded_words)
    if not hashes:
        return _EMPTY.copy()
    hv = np.fromiter(hashes, dtype=np.uint32, count=len(hashes))
    hv ^= hv >> _U32(16)  # fmix32
    hv *= _U32(0x85EBCA6B)
    hv ^= hv >> _U32(13)
    hv *= _U32(0xC2B2AE35)
    hv ^= hv >> _U32(16)
    return (hv[:, None] * _PERM_A + _PERM_B).min(axis=0)


class BandIndex:
    """MinHash LSH: an article is a candidate when one band (a run of signature rows) is identical.

    Bands and rows are those datasketch's ``MinHashLSH`` chooses for the threshold (its false-positive
    and false-negative weighting), so the candidates are the ones it would return.

    A bucket is a tuple of keys, not a set: nearly every bucket holds one article, a tuple of strings
    is a quarter of a set's memory, and the garbage collector stops tracking it, where the window's
    ~10 sets per article were half of all the objects every full collection had to walk.
    """

    def __init__(self, threshold: float, num_perm: int) -> None:
        ranges = MinHashLSH(threshold=threshold, num_perm=num_perm).hashranges
        self.ranges = [(start * 4, end * 4) for start, end in ranges]  # byte offsets in a uint32 signature
        self.tables: list[dict[bytes, tuple[str, ...]]] = [{} for _ in ranges]
        self.bands: dict[str, tuple[bytes, ...]] = {}

    def bands_of(self, sig: np.ndarray) -> tuple[bytes, ...]:
        raw = sig.tobytes()
        return tuple([raw[a:b] for a, b in self.ranges])

    def query(self, sig: np.ndarray, bands: tuple[bytes, ...] | None = None) -> set[str]:
        """Keys sharing a band with the signature (``bands``: its :meth:`bands_of`, if already cut)."""
        found: set[str] = set()
        for table, band in zip(self.tables, bands or self.bands_of(sig), strict=True):
            keys = table.get(band)
            if keys:
                found.update(keys)
        return found

    def insert(self, key: str, sig: np.ndarray, bands: tuple[bytes, ...] | None = None) -> None:
        bands = bands or self.bands_of(sig)
        self.bands[key] = bands
        for table, band in zip(self.tables, bands, strict=True):
            table[band] = (*table[band], key) if band in table else (key,)

    def remove(self, key: str) -> None:
        for table, band in zip(self.tables, self.bands.pop(key), strict=True):
            keys = table[band]
            if len(keys) == 1:
                del table[band]
            else:
                table[band] = tuple(k for k in keys if k != key)


@dataclass(slots=True)
class VersionAssignment:
    """Which version group an article is in; ``group_id`` is the id of the group's original."""

    article_id: str
    group_id: str
    is_original: bool
    similarity: float  # estimated Jaccard with the original (1.0 for the original itself)


class VersionGrouper:
    """Online near-duplicate grouping over a sliding time window (articles must come in time order)."""

    def __init__(
        self, threshold: float = VERSION_THRESHOLD, window_days: float = VERSION_WINDOW_DAYS
    ) -> None:
        self.threshold = threshold
        self.window = window_days * _DAY
        self._lsh = BandIndex(threshold, NUM_PERM)
        self._hashes: dict[str, np.ndarray] = {}
        self._group: dict[str, str] = {}
        self._queue: deque[tuple[float, str]] = deque()
        self._clock: float | None = None

    def __len__(self) -> int:
        """Articles currently indexed (bounded by the window, not by the corpus)."""
        return len(self._hashes)

    def add(self, article_id: str, folded_words: Sequence[str], time: float | None) -> VersionAssignment:
        """Place one article: a version of the most similar indexed article, or a new original."""
        if time is not None and (self._clock is None or time > self._clock):
            self._clock = time
        self._evict()
        m = signature(folded_words)
        bands = self._lsh.bands_of(m)
        best_id, best_sim = None, 0.0
        for candidate in self._lsh.query(m, bands):
            sim = float(np.count_nonzero(self._hashes[candidate] == m)) / NUM_PERM
            if sim >= self.threshold and (
                sim > best_sim or (sim == best_sim and candidate < (best_id or ""))
            ):
                best_id, best_sim = candidate, sim
        if article_id in self._hashes:  # re-added (an updated article): replace its old fingerprint
            self._lsh.remove(article_id)
        self._lsh.insert(article_id, m, bands)
        self._hashes[article_id] = m
        stamp = self._clock if self._clock is not None else 0.0
        self._queue.append((stamp, article_id))
        if best_id is None:
            self._group[article_id] = article_id
            return VersionAssignment(article_id, article_id, True, 1.0)
        group = self._group[best_id]
        self._group[article_id] = group
        return VersionAssignment(article_id, group, False, round(best_sim, 4))

    def _evict(self) -> None:
        if self._clock is None:
            return
        horizon = self._clock - self.window
        while self._queue and self._queue[0][0] < horizon:
            _, old = self._queue.popleft()
            if old in self._hashes:
                self._lsh.remove(old)
                del self._hashes[old]
                del self._group[old]
