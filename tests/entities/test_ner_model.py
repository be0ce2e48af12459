"""The shipped NER model: loads, tags real ner-uk test sentences, and training is reproducible."""

from __future__ import annotations

import itertools
from pathlib import Path

import pycrfsuite
import pytest
from tests.conftest import shared_path

from storyline.entities import emissions
from storyline.entities.crf import export
from storyline.entities.features import sentence_features
from storyline.entities.iob import read_iob, repair_spans, spans
from storyline.entities.ner import DEFAULT_MODEL, FEATURE_SET, TRAIN_TYPES, NerTagger, evaluate_iob, train
from storyline.errors import ModelError


def _iob(name: str) -> Path:
    return shared_path("data", "ner-uk", "v2.0", "iob", name)


def test_model_ships_small() -> None:
    assert DEFAULT_MODEL.exists()
    assert DEFAULT_MODEL.stat().st_size < 2_000_000


def test_fast_tagger_tags_exactly_like_crfsuite(tmp_path: Path) -> None:
    """The numpy tagger (cached per-word weight vectors, batched Viterbi) and python-crfsuite's own
    tagger give the same tags for the same model, sentence by sentence and article-wide."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags in itertools.islice(read_iob(_iob("train.iob"), TRAIN_TYPES), 400):
        trainer.append(sentence_features(words, "uk", FEATURE_SET), tags)
    trainer.set_params({"c1": 0.1, "c2": 0.1, "max_iterations": 30, "feature.possible_transitions": True})
    trainer.train(str(tmp_path / "m.crfsuite"))
    export(tmp_path / "m.crfsuite", tmp_path / "m.crf.gz")
    reference = pycrfsuite.Tagger()
    reference.open(str(tmp_path / "m.crfsuite"))
    tagger = NerTagger(tmp_path / "m.crf.gz")
    sentences = [w for w, _ in itertools.islice(read_iob(_iob("test.iob")), 300)]
    expected = [list(reference.tag(sentence_features(w, "uk", FEATURE_SET))) for w in sentences]
    assert [tagger.tag(w) for w in sentences] == expected
    assert tagger.tag_sentences(sentences) == expected
    assert any(t != "O" for tags in expected for t in tags)


def test_model_quality_on_a_slice_of_ner_uk_test(tmp_path: Path) -> None:
    sample = tmp_path / "sample.iob"
    lines = _iob("test.iob").read_text(encoding="utf-8").split("\n\n")[:800]
    sample.write_text("\n\n".join(lines), encoding="utf-8")
    scores = evaluate_iob(NerTagger(), sample)
    assert scores["micro"].f1 > 0.8, scores["micro"].as_dict()


def test_known_names_are_found() -> None:
    words = [
        "Держсекретар",
        "США",
        "Ентоні",
        "Блінкен",
        "зустрівся",
        "з",
        "Сергієм",
        "Лавровим",
        "у",
        "Женеві",
        ".",
    ]
    found = {(" ".join(words[s:e]), t) for s, e, t in spans(NerTagger().tag(words))}
    assert {("Ентоні Блінкен", "PER"), ("Сергієм Лавровим", "PER"), ("Женеві", "LOC")} <= found


def test_missing_model_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError):
        NerTagger(tmp_path / "none.crf.gz").tag(["Київ"])
    (tmp_path / "bad.crf.gz").write_bytes(b"not a model")
    with pytest.raises(ModelError):
        NerTagger(tmp_path / "bad.crf.gz").tag(["Київ"])


@pytest.mark.slow
def test_training_is_deterministic_on_a_subset(tmp_path: Path) -> None:
    source = _iob("train.iob")
    a = train(source, tmp_path / "a.crfsuite", limit=300, max_iterations=20)
    b = train(source, tmp_path / "b.crfsuite", limit=300, max_iterations=20)
    assert a.sentences == 300
    assert (tmp_path / "a.crfsuite").read_bytes() == (tmp_path / "b.crfsuite").read_bytes()
    assert b.model_bytes > 0


def test_emptying_the_word_pool_does_not_change_tags(monkeypatch: pytest.MonkeyPatch) -> None:
    sentences = [w for w, _ in itertools.islice(read_iob(_iob("test.iob")), 120)]
    expected = NerTagger().tag_sentences(sentences)
    monkeypatch.setattr(emissions, "POOL_SIZE", 50)  # emptied before almost every article
    tagger = NerTagger()
    got = [tagger.tag_sentences(sentences[i : i + 10]) for i in range(0, len(sentences), 10)]
    assert [t for chunk in got for t in chunk] == expected
    assert tagger.cache._size < 50 + 10 * max(len(s) for s in sentences)


def test_span_repairs_close_quotes_and_join_named_after() -> None:
    words = ["фонд", "«", "Покуття", "»", "та", "Інституту", "зоології", "ім", ".", "Шмальгаузена", "."]
    found = [(0, 3, "ORG"), (5, 8, "ORG"), (9, 10, "PER")]
    assert repair_spans(words, found) == [(0, 4, "ORG"), (5, 10, "ORG")]
    assert repair_spans(["Київ"], [(0, 1, "LOC")]) == [(0, 1, "LOC")]
