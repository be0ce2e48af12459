"""Named-entity recognition: a linear-chain CRF over cached morphological features.

Why a CRF and not a neural tagger: it trains from ner-uk in a few minutes on two CPU cores, ships as a
few hundred KB inside the package, tags hundreds of articles per second per core (python-crfsuite
trains it; :mod:`crf` and :mod:`emissions` tag with numpy), and with pymorphy3's proper-name grammemes
it reaches the F1 of published neural baselines on ner-uk (figures in README "## Entities").

Models: Ukrainian from ner-uk v2.0 train (settings chosen on a dev split of train, :mod:`split`; its
features include word clusters learnt from unlabeled text, :mod:`clusters`);
Russian distilled from slovnet on Russian news outside SlavicNER (:mod:`distill`). ``train()`` /
``train_russian()`` are what ``storyline train-ner [--lang ru]`` runs; :class:`NerTagger` loads a
model lazily.
"""

from __future__ import annotations

import functools
import itertools
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pycrfsuite

from storyline.entities.crf import CrfModel, export
from storyline.entities.emissions import EmissionCache
from storyline.entities.features import sentence_features
from storyline.entities.iob import read_iob, repair_spans, spans, to_bilou, to_bio

MODELS = Path(__file__).with_name("models")
DEFAULT_MODEL = MODELS / "ner-uk.crf.gz"
#: Russian: distilled from slovnet on Russian news outside SlavicNER (``distill.py``).
RU_MODEL = MODELS / "ner-ru.crf.gz"
MODELS_BY_LANG = {"uk": DEFAULT_MODEL, "ru": RU_MODEL}

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
#: weight), L2 smooths. Chosen on the dev split of ner-uk train (``eval/ner.py --tune uk``, every row
#: in its ``UK_GRID``): label set "core", BIO, 0.1/0.1, 250 iterations and the "clus" features (word
#: clusters of lemmas, :mod:`clusters`) scored best on dev (PER/ORG/LOC micro-F1 0.846; the same
#: without clusters 0.843, with clusters of word forms 0.840, BILOU 0.837, 0.1/0.3 0.843). The shipped
#: model is then trained on the whole train file (train + dev).
C1 = 0.1
C2 = 0.1
MAX_ITERATIONS = 250
#: The feature set the shipped model was trained with; training and tagging must use the same one.
FEATURE_SET = "clus"
#: The label set (:data:`LABEL_SETS`) the shipped model was trained with.
LABELS = "core"
#: Tagging scheme of the training labels: "BIO", or "BILOU" (last and single-token labels too).
#: Tagging reads either from the model's labels, so the scheme need not be known at run time.
SCHEMES = ("BIO", "BILOU")
SCHEME = "BIO"
#: Settings of the Russian model (silver labels are PER/ORG/LOC only), chosen on the silver dev part
#: by agreement with slovnet (``eval/ner.py --tune ru``): "full" 0.1/0.1 0.859 micro-F1; "rich" 0.850,
#: 0.05/0.05 0.853, 0.02/0.1 0.854, 0.2/0.05 0.850, 0.1/0.01 0.849; natasha's name lists ("lex") 0.860.
RU_PARAMS: dict = {"feature_set": "full", "c1": 0.1, "c2": 0.1, "max_iterations": 250}


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
    lang: str = "uk",
    labels: str = LABELS,
    feature_set: str = FEATURE_SET,
    limit: int | None = None,
    c1: float = C1,
    c2: float = C2,
    max_iterations: int = MAX_ITERATIONS,
    scheme: str = SCHEME,
) -> TrainReport:
    """Train the CRF from an IOB file; deterministic for the same data and parameters."""
    types, other = LABEL_SETS[labels]
    sentences = itertools.islice(read_iob(train_path, types, other), limit)
    if scheme == "BILOU":
        sentences = ((words, to_bilou(tags)) for words, tags in sentences)
    return train_sentences(
        [(sentences, lang)], model_path, feature_set=feature_set, c1=c1, c2=c2, max_iterations=max_iterations
    )


def train_russian(shared_data: Path, model_path: Path = RU_MODEL, *, with_dev: bool = True) -> TrainReport:
    """Distil slovnet into the Russian CRF (``distill.py``): silver labels on Russian news outside
    SlavicNER, the settings of :data:`RU_PARAMS` (chosen on the silver dev part). ``with_dev=False``
    leaves the dev part out (to score settings on it)."""
    from storyline.entities.distill import silver_corpus, silver_sentences

    train_texts, dev_texts = silver_corpus(shared_data)
    texts = train_texts + dev_texts if with_dev else train_texts
    return train_sentences([(silver_sentences(texts), "ru")], model_path, **RU_PARAMS)


def train_sentences(
    parts: Iterable[tuple[Iterable[tuple[list[str], list[str]]], str]],
    model_path: Path,
    *,
    feature_set: str = FEATURE_SET,
    c1: float = C1,
    c2: float = C2,
    max_iterations: int = MAX_ITERATIONS,
) -> TrainReport:
    """Train the CRF from (sentences, language) parts — the language picks the morphology of the
    features — and write it in :mod:`crf`'s format. Deterministic for the same data and parameters."""
    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for sentences, lang in parts:
        for words, tags in sentences:
            trainer.append(sentence_features(words, lang, feature_set), tags)
            n += 1
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
    vectors once per process (:mod:`emissions`), so tagging a token is a few vector additions.
    """

    def __init__(self, model_path: Path = DEFAULT_MODEL, feature_set: str = FEATURE_SET) -> None:
        self.model_path = model_path
        self.feature_set = feature_set
        self._model: CrfModel | None = None
        self._cache: EmissionCache | None = None

    @property
    def model(self) -> CrfModel:
        if self._model is None:
            self._model = CrfModel.load(self.model_path)
        return self._model

    @property
    def cache(self) -> EmissionCache:
        if self._cache is None:
            self._cache = EmissionCache(self.model, self.feature_set)
        return self._cache

    def tag(self, words: list[str], lang: str = "uk") -> list[str]:
        return self.tag_sentences([words], lang)[0]

    def tag_sentences(self, sentences: list[list[str]], lang: str = "uk") -> list[list[str]]:
        """BIO tags of every sentence of an article, decoded together (one Viterbi over all)."""
        best = self._decode(sentences, lang)
        labels = self.model.labels
        out: list[list[str]] = []
        i = 0
        for s in sentences:
            out.append([to_bio(labels[k]) for k in best[i : i + len(s)]])
            i += len(s)
        return out

    def spans_sentences(
        self, sentences: list[list[str]], lang: str = "uk"
    ) -> list[list[tuple[int, int, str]]]:
        """Per sentence, sorted ``(start, end, type)`` entity spans in token indices: what ``iob.spans``
        makes of :meth:`tag_sentences` (without building the tags of O tokens), then
        ``iob.repair_spans``."""
        best = self._decode(sentences, lang)
        kind, continues, closes = self._label_parts
        out: list[list[tuple[int, int, str]]] = [[] for _ in sentences]
        bounds = np.cumsum([len(s) for s in sentences])
        nonzero = np.flatnonzero(np.asarray(best) != self._outside).tolist()
        k = sentence_of = sentence_base = 0
        start = last = -1
        current = ""
        closed = False
        for i in nonzero:
            while i >= bounds[k]:
                k += 1
            base = int(bounds[k - 1]) if k else 0
            label = best[i]
            inside = (
                continues[label] and kind[label] == current and last == i - 1 and start >= base and not closed
            )
            if not inside:
                if start >= 0:
                    out[sentence_of].append((start - sentence_base, last + 1 - sentence_base, current))
                start, current, sentence_of, sentence_base = i, kind[label], k, base
            last = i
            closed = closes[label]
        if start >= 0:
            out[sentence_of].append((start - sentence_base, last + 1 - sentence_base, current))
        return [
            repair_spans(words, found) if found else found
            for words, found in zip(sentences, out, strict=True)
        ]

    @functools.cached_property
    def _label_parts(self) -> tuple[list[str], list[bool], list[bool]]:
        """Per label: its type, whether it continues a span (I-, L-), whether it ends one (L-, U-)."""
        parts = [label.partition("-") for label in self.model.labels]
        return [p[2] for p in parts], [p[0] in ("I", "L") for p in parts], [p[0] in ("L", "U") for p in parts]

    @functools.cached_property
    def _outside(self) -> int:
        return self.model.labels.index("O")

    def _decode(self, sentences: list[list[str]], lang: str) -> list[int]:
        """Best label index of every token of every (non-empty) sentence, in order."""
        kept = [s for s in sentences if s]
        if not kept:
            return []
        emissions = self.cache.emissions(kept, lang)
        return self.model.decode(emissions, [len(s) for s in kept])


@functools.cache
def default_tagger(lang: str = "uk") -> NerTagger:
    """The shipped model of a language ("uk", "ru"), shared by every stage instance in the process."""
    return NerTagger(MODELS_BY_LANG.get(lang, DEFAULT_MODEL))


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
            yield spans(tags), set(tagger.spans_sentences([words])[0])

    return score_spans(pairs(), types)
