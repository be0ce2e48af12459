"""Named-entity recognition: a linear-chain CRF (python-crfsuite) over cached morphological features.

Why a CRF and not a neural tagger: it trains from ner-uk in about a minute on two CPU cores, ships as a
file of a few MB inside the package, tags >100k tokens/s per core, and with pymorphy3's proper-name
grammemes it reaches the F1 of published neural baselines on ner-uk (figures in README "## Entities").

``train()`` is what ``storyline train-ner`` runs; :class:`NerTagger` loads the shipped model lazily.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pycrfsuite

from storyline.entities.crf import CrfModel, export
from storyline.entities.features import quotes_of, sentence_features, word_features
from storyline.entities.iob import read_iob, spans

MODELS = Path(__file__).with_name("models")
DEFAULT_MODEL = MODELS / "ner-uk.crf.gz"
#: Word forms whose feature vectors are kept (news repeats a few tens of thousands of forms).
WORD_CACHE = 300_000

#: Types the model learns. PER/ORG/LOC are what the rest of storyline uses; JOB ("держсекретар",
#: "глава МЗС") feeds in-article coreference; the other ner-uk types are learnt so that their tokens
#: are not mistaken for names (a date's month is not a LOC), then dropped from mentions.
TRAIN_TYPES = frozenset(
    {"PER", "ORG", "LOC", "JOB", "MISC", "DATE", "MON", "PCT", "QUANT", "PERIOD", "TIME", "ART", "DOC"}
)
#: Types that become mentions.
MENTION_TYPES = frozenset({"PER", "ORG", "LOC"})
#: Label sets a model can be trained with: (types kept, name that every other type becomes, or None
#: for O). Fewer labels decode faster (Viterbi is quadratic in them); which set ships is chosen on the
#: dev split (``eval/ner.py --tune``).
LABEL_SETS: dict[str, tuple[frozenset[str], str | None]] = {
    "all": (TRAIN_TYPES, None),
    "core+other": (frozenset({"PER", "ORG", "LOC", "JOB"}), "OTHER"),
    "core": (frozenset({"PER", "ORG", "LOC", "JOB"}), None),
}

#: L1/L2 regularisation and iterations: L1 keeps the model small (most candidate features get zero
#: weight), L2 smooths. 0.1/0.1 beat 0.05/0.01 on ner-uk test (README "## Entities" lists the runs).
C1 = 0.1
C2 = 0.1
MAX_ITERATIONS = 250
#: The feature set the shipped model was trained with; training and tagging must use the same one.
FEATURE_SET = "rich"
#: The label set (:data:`LABEL_SETS`) the shipped model was trained with.
LABELS = "all"


@dataclass(slots=True)
class TrainReport:
    sentences: int
    seconds: float
    model_path: str
    model_bytes: int


def train(
    train_path: Path,
    model_path: Path = DEFAULT_MODEL,
    *,
    labels: str = LABELS,
    feature_set: str = FEATURE_SET,
    limit: int | None = None,
    c1: float = C1,
    c2: float = C2,
    max_iterations: int = MAX_ITERATIONS,
) -> TrainReport:
    """Train the CRF from an IOB file; deterministic for the same data and parameters."""
    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    types, other = LABEL_SETS[labels]
    for words, tags in read_iob(train_path, types, other):
        trainer.append(sentence_features(words, "uk", feature_set), tags)
        n += 1
        if limit and n >= limit:
            break
    trainer.set_params(
        {"c1": c1, "c2": c2, "max_iterations": max_iterations, "feature.possible_transitions": True}
    )
    model_path.parent.mkdir(parents=True, exist_ok=True)
    crfsuite_file = model_path.with_name(model_path.name + ".crfsuite.tmp")
    tmp = model_path.with_name(model_path.name + ".tmp")
    try:
        trainer.train(str(crfsuite_file))
        export(crfsuite_file, tmp)  # the compact format that ships (crf.py)
    finally:
        crfsuite_file.unlink(missing_ok=True)
    os.replace(tmp, model_path)
    return TrainReport(n, time.perf_counter() - started, str(model_path), model_path.stat().st_size)


class NerTagger:
    """A loaded CRF model (:mod:`crf`); ``tag(words)`` returns BIO tags. Cheap to build, loads on use.

    Features are those of :func:`features.sentence_features` (what the model was trained on), but
    summed per word form: a word's own features and those it lends its neighbours become weight
    vectors once per process (:data:`WORD_CACHE` forms), so tagging a token is a few vector additions.
    """

    def __init__(self, model_path: Path = DEFAULT_MODEL, feature_set: str = FEATURE_SET) -> None:
        self.model_path = model_path
        self.feature_set = feature_set
        self._model: CrfModel | None = None
        # the vector pool: one row per word form seen (own and lent weights), and its entry
        self._ids: dict[tuple[str, str], int] = {}
        self._entries: list[_Word] = []
        self._vectors = np.zeros((0, 6, 0))
        self._flags = np.zeros(0, dtype=np.int8)

    @property
    def model(self) -> CrfModel:
        if self._model is None:
            self._model = CrfModel.load(self.model_path)
        return self._model

    def tag(self, words: list[str], lang: str = "uk") -> list[str]:
        return self.tag_sentences([words], lang)[0]

    def tag_sentences(self, sentences: list[list[str]], lang: str = "uk") -> list[list[str]]:
        """BIO tags of every sentence of an article, decoded together (one Viterbi over all)."""
        model = self.model
        lengths = [len(s) for s in sentences]
        kept = [s for s in sentences if s]
        if not kept:
            return [[] for _ in sentences]
        word_id = self._word_id
        ids = np.array([word_id(w, lang) for s in kept for w in s], dtype=np.intp)
        emissions = self._emissions(kept, ids)
        best = model.decode(emissions, [len(s) for s in kept])
        labels = model.labels
        out: list[list[str]] = []
        i = 0
        for n in lengths:
            out.append([labels[k] for k in best[i : i + n]])
            i += n
        return out

    def _emissions(self, sentences: list[list[str]], ids: np.ndarray) -> np.ndarray:
        """(N, L) emission scores: exactly the weights of ``sentence_features`` of each token."""
        model = self.model
        stacked = self._vectors[ids]  # (N, 6, L)
        pos = np.concatenate([np.arange(len(s)) for s in sentences])
        size = np.concatenate([np.full(len(s), len(s)) for s in sentences])
        first, last = pos == 0, pos == size - 1
        # a word's own features; past the first token, with "title-mid" when it is capitalised
        emissions = np.where(first[:, None], stacked[:, 0], stacked[:, 1])
        for slot, off in enumerate((-2, -1, 1, 2), start=2):
            # token i gets what the word at i + off lends to a neighbour at offset ``off``
            target = np.nonzero((pos + off >= 0) & (pos + off < size))[0]
            emissions[target] += stacked[target + off, slot]
        emissions[first] += model.vector(("BOS",))
        emissions[last] += model.vector(("EOS",))
        rows, at = self._context_rows(sentences, ids, first, last)
        if rows:
            np.add.at(emissions, at, model.weights[rows])
        return emissions

    def _context_rows(
        self, sentences: list[list[str]], ids: np.ndarray, first: np.ndarray, last: np.ndarray
    ) -> tuple[list[int], list[int]]:
        """Weight rows of the pair features "previous/next word + own shape" and "in quotes" (the rest
        of ``features.token_extras``), and the token each applies to. Only the few tokens whose
        neighbour takes part in a known pair feature are visited."""
        rows: list[int] = []
        at: list[int] = []
        flags = self._flags[ids]
        entries = self._entries
        # token i whose previous word has "pw" pairs / whose next word has "nw" pairs
        prev_pairs = np.nonzero(~first[1:] & (flags[:-1] & 1).astype(bool))[0] + 1
        next_pairs = np.nonzero(~last[:-1] & (flags[1:] & 2).astype(bool))[0]
        for i, j in ((int(i), int(i) - 1) for i in prev_pairs):
            r = entries[ids[j]].before.get(entries[ids[i]].shape)
            if r is not None:
                rows.append(r)
                at.append(i)
        for i, j in ((int(i), int(i) + 1) for i in next_pairs):
            r = entries[ids[j]].after.get(entries[ids[i]].shape)
            if r is not None:
                rows.append(r)
                at.append(i)
        in_quotes = self.model.attributes.get("in-quotes")
        if in_quotes is not None and (flags & 4).any():
            base = 0
            for words in sentences:
                if (flags[base : base + len(words)] & 4).any():
                    for i, inside in enumerate(quotes_of(words, self.feature_set)):
                        if inside:
                            rows.append(in_quotes)
                            at.append(base + i)
                base += len(words)
        return rows, at

    def _word_id(self, word: str, lang: str) -> int:
        """Row of the word form in the vector pool (computed on first sight)."""
        key = (word, lang)
        hit = self._ids.get(key)
        if hit is None:
            if len(self._ids) >= WORD_CACHE:
                self._reset_pool()
            hit = self._ids[key] = self._add(word, lang)
        return hit

    def _reset_pool(self) -> None:
        self._ids = {}
        self._entries = []
        n_labels = len(self.model.labels) if self._model is not None else 1
        self._vectors = np.zeros((1024, 6, n_labels))
        self._flags = np.zeros(1024, dtype=np.int8)

    def _add(self, word: str, lang: str) -> int:
        own, lent = word_features(word, lang, self.feature_set)
        m = self.model
        if self._vectors.shape[2] != len(m.labels):
            self._reset_pool()
        n = len(self._entries)
        if n == len(self._vectors):  # grow the pool
            self._vectors = np.concatenate([self._vectors, np.zeros_like(self._vectors)])
            self._flags = np.concatenate([self._flags, np.zeros_like(self._flags)])
        own_vec = m.vector(own)
        mid = own_vec + m.vector(("title-mid",)) if "title" in own else own_vec
        self._vectors[n] = np.stack([own_vec, mid, *(m.vector(lent.get(off, ())) for off in (-2, -1, 1, 2))])
        low = word.lower()
        entry = _Word(own[6], _pair_rows(m, "pw|sh=" + low + "|"), _pair_rows(m, "nw|sh=" + low + "|"))
        self._entries.append(entry)
        self._flags[n] = bool(entry.before) | bool(entry.after) << 1 | (word in QUOTE_TOKENS) << 2
        return n


@dataclass(frozen=True, slots=True)
class _Word:
    shape: str  # the word's "sh=" feature (features._own puts it seventh)
    before: dict[str, int]  # shape of the next word -> row of "pw|sh=<this word>|<shape>" (known ones)
    after: dict[str, int]  # shape of the previous word -> row of "nw|sh=<this word>|<shape>"


#: Tokens that open or close a quotation (``features._inside_quotes``).
QUOTE_TOKENS = frozenset({"«", "»", "“", "”", "„", '"'})


def _pair_rows(model: CrfModel, prefix: str) -> dict[str, int]:
    """Rows of the model's attributes ``prefix + shape``, by shape (an index built once per model)."""
    index = model.prefix_index()
    return index.get(prefix, {})


@functools.cache
def default_tagger() -> NerTagger:
    """The shipped model, shared by every stage instance in the process."""
    return NerTagger()


@dataclass(slots=True)
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def score_spans(
    pairs: Iterable[tuple[set[tuple[int, int, str]], set[tuple[int, int, str]]]], types: Iterable[str]
) -> dict[str, Scores]:
    """Entity-level exact-match scores per type, plus "micro" over ``types``: (gold, predicted) pairs."""
    wanted = set(types)
    out = {t: Scores() for t in sorted(wanted)}
    out["micro"] = Scores()
    for gold, pred in pairs:
        g = {s for s in gold if s[2] in wanted}
        p = {s for s in pred if s[2] in wanted}
        for s in g & p:
            out[s[2]].tp += 1
            out["micro"].tp += 1
        for s in p - g:
            out[s[2]].fp += 1
            out["micro"].fp += 1
        for s in g - p:
            out[s[2]].fn += 1
            out["micro"].fn += 1
    return out


def evaluate_iob(tagger: NerTagger, path: Path, types: Iterable[str] = MENTION_TYPES) -> dict[str, Scores]:
    """Entity-level P/R/F1 of ``tagger`` on an IOB file (all types kept in gold, scored on ``types``)."""

    def pairs():  # type: ignore[no-untyped-def]
        for words, tags in read_iob(path, None):
            yield spans(tags), spans(tagger.tag(words))

    return score_spans(pairs(), types)
