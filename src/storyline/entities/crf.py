"""A linear-chain CRF's weights as numpy tables, and Viterbi decoding of a whole article at once.

Why not python-crfsuite's Tagger at run time: it looks every feature string of every token up in its
dictionary (~30 per token), which made NER the pipeline's bottleneck. A CRF's emission score is a sum
of per-feature weight vectors, and most features belong to the word form alone (its suffixes, lemma,
grammemes, …), so the sum over a word's own features is computed once per word form and cached; a
token then costs one cached vector, the vectors its neighbours lend it, and a few context features.
Decoding runs Viterbi over all sentences of an article together (numpy over the label axis).

python-crfsuite still trains the model (``ner.train``); :func:`export` turns its model into this
module's compact format — gzip'd text, written deterministically (no timestamps), a fraction of the
crfsuite file's size — which is what ships and what :class:`CrfModel` loads.
"""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import numpy as np
import pycrfsuite

from storyline.errors import ModelError

FORMAT = "storyline-crf 1"


class CrfModel:
    """Labels, the transition matrix and a dense weight row per attribute the model knows."""

    def __init__(
        self, labels: list[str], transitions: np.ndarray, attributes: dict[str, int], weights: np.ndarray
    ):
        self.labels = labels
        self.transitions = transitions  # (L, L): from label i to label j
        self.attributes = attributes  # attribute -> row of ``weights``
        self.weights = weights  # (A, L)
        self.zero = np.zeros(len(labels))
        self._into = np.ascontiguousarray(transitions.T)  # row j: the scores of moving into label j

    @classmethod
    def load(cls, path: Path) -> CrfModel:
        """Read a model written by :func:`export` (a typed error if missing or corrupt)."""
        if not path.exists():
            raise ModelError(f"NER model missing: {path}; build it with `storyline train-ner`")
        try:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                return _read(fh)
        except (OSError, ValueError, IndexError, EOFError) as exc:
            raise ModelError(f"cannot load NER model {path}: {exc}") from exc

    def vector(self, features: tuple[str, ...] | list[str]) -> np.ndarray:
        """Sum of the weight rows of the features the model knows (zeros if none)."""
        rows = [self.attributes[f] for f in features if f in self.attributes]
        if not rows:
            return self.zero
        if len(rows) == 1:
            return self.weights[rows[0]]
        return self.weights[rows].sum(axis=0)

    def decode(self, emissions: np.ndarray, lengths: list[int]) -> list[int]:
        """Best label index per token: Viterbi per sentence (``lengths`` split ``emissions``, (N, L)).

        Sentences are decoded together, longest first, so each step is one numpy operation over all
        sentences still running. The arrays are time-major ((T, S, L)) so that a step's rows are one
        contiguous block, and a step is three ufunc calls into preallocated buffers: at a few µs a
        call on short sentences, call overhead is what decoding costs.
        """
        n_labels = len(self.labels)
        if not lengths or max(lengths) == 0:
            return []
        size = np.array(lengths)
        order = np.argsort(-size, kind="stable")  # longest first
        sorted_lengths = size[order]
        longest = int(sorted_lengths[0])
        n_sentences = len(order)
        rank = np.empty_like(order)
        rank[order] = np.arange(n_sentences)
        # each token's (step, row) in the (T, S, L) padded array
        row_of = np.repeat(rank, size)
        col_of = np.arange(len(emissions)) - np.repeat(np.cumsum(size) - size, size)
        # forward: best score of each label at each position, started from the emissions (no
        # back-pointers: they cost an argmax over (sentences, L, L) per step; the backward pass
        # recovers them over (sentences, L))
        delta = np.zeros((longest, n_sentences, n_labels))
        delta[col_of, row_of] = emissions
        active = np.searchsorted(-sorted_lengths, -np.arange(longest), side="left").tolist()
        trans = self.transitions
        scores = np.empty((n_sentences, n_labels, n_labels))
        best = np.empty((n_sentences, n_labels))
        for t in range(1, longest):
            k = active[t]
            step_scores, step_best, current = scores[:k], best[:k], delta[t, :k]
            np.add(delta[t - 1, :k, :, None], trans, out=step_scores)
            np.maximum.reduce(step_scores, axis=1, out=step_best)
            np.add(current, step_best, out=current)
        labels = np.zeros((longest, n_sentences), dtype=np.intp)
        rows = np.arange(n_sentences)
        labels[sorted_lengths - 1, rows] = delta[sorted_lengths - 1, rows].argmax(axis=1)
        into = self._into  # into[j] = transitions[:, j]
        for t in range(longest - 1, 0, -1):
            k = active[t]
            labels[t - 1, :k] = (delta[t - 1, :k] + into[labels[t, :k]]).argmax(axis=1)
        return labels[col_of, row_of].tolist()


def export(crfsuite_path: Path, out_path: Path) -> None:
    """Write the weights of a python-crfsuite model in this module's format (deterministic bytes)."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(crfsuite_path))
    info = tagger.info()
    labels = list(tagger.labels())
    index = {label: i for i, label in enumerate(labels)}
    by_attr: dict[str, list[tuple[int, float]]] = {}
    for (attr, label), weight in info.state_features.items():
        by_attr.setdefault(attr, []).append((index[label], weight))
    lines = [FORMAT, "\t".join(labels)]
    trans = {(index[a], index[b]): w for (a, b), w in info.transitions.items()}
    for i in range(len(labels)):
        lines.append("\t".join(f"{trans.get((i, j), 0.0):.6f}" for j in range(len(labels))))
    for attr in sorted(by_attr):
        cells = " ".join(f"{i}:{w:.6f}" for i, w in sorted(by_attr[attr]))
        lines.append(f"{attr}\t{cells}")
    data = ("\n".join(lines) + "\n").encode("utf-8")
    with out_path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh:
        fh.write(data)


def _read(fh: io.TextIOBase) -> CrfModel:
    if fh.readline().rstrip("\n") != FORMAT:
        raise ValueError("not a storyline CRF model")
    labels = fh.readline().rstrip("\n").split("\t")
    n = len(labels)
    transitions = np.array([[float(x) for x in fh.readline().split("\t")] for _ in range(n)])
    attributes: dict[str, int] = {}
    rows: list[np.ndarray] = []
    for line in fh:
        attr, _, cells = line.rstrip("\n").rpartition("\t")
        row = np.zeros(n)
        for cell in cells.split(" "):
            i, _, w = cell.partition(":")
            row[int(i)] = float(w)
        attributes[attr] = len(rows)
        rows.append(row)
    weights = np.vstack(rows) if rows else np.zeros((0, n))
    return CrfModel(labels, transitions, attributes, weights)
