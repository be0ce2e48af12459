"""The shipped NER model: loads, tags real ner-uk test sentences, and training is reproducible."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from tests.conftest import shared_path

from storyline.entities.features import sentence_features
from storyline.entities.iob import read_iob, spans
from storyline.entities.ner import DEFAULT_MODEL, NerTagger, evaluate_iob, train
from storyline.errors import ModelError


def _iob(name: str) -> Path:
    return shared_path("data", "ner-uk", "v2.0", "iob", name)


def test_model_ships_small() -> None:
    assert DEFAULT_MODEL.exists()
    assert DEFAULT_MODEL.stat().st_size < 8_000_000


def test_filtered_features_tag_exactly_like_full_features() -> None:
    tagger = NerTagger()
    sentences = [w for w, _ in itertools.islice(read_iob(_iob("test.iob")), 300)]
    for words in sentences:
        assert tagger.tag(words) == list(
            tagger.tagger.tag(sentence_features(words, "uk", tagger.feature_set))
        )


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
        NerTagger(tmp_path / "none.crfsuite").tag(["Київ"])


@pytest.mark.slow
def test_training_is_deterministic_on_a_subset(tmp_path: Path) -> None:
    source = _iob("train.iob")
    a = train(source, tmp_path / "a.crfsuite", limit=300, max_iterations=20)
    b = train(source, tmp_path / "b.crfsuite", limit=300, max_iterations=20)
    assert a.sentences == 300
    assert (tmp_path / "a.crfsuite").read_bytes() == (tmp_path / "b.crfsuite").read_bytes()
    assert b.model_bytes > 0
