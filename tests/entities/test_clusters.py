"""Word clusters (a CRF feature) learnt from unlabeled text that never includes ner-uk test text, and the
BILOU label scheme the trainer can use."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from tests.conftest import shared_path

from storyline.entities import clusters
from storyline.entities.distill import shingles
from storyline.entities.iob import read_iob, spans, to_bilou, to_bio
from storyline.entities.split import held_out_documents, train_documents


def _ner_uk() -> Path:
    return shared_path("data", "ner-uk", "v2.0")


def test_press_text_for_clusters_shares_no_run_of_words_with_ner_uk_test() -> None:
    root = _ner_uk()
    news = shared_path("data", "news", "bruk_press.jsonl")
    test_ids = held_out_documents(root / "data")
    assert len(test_ids) > 100 and not set(test_ids) & set(train_documents(root / "data"))
    kept = clusters.press_texts(news, root / "data", test_ids)
    total = sum(1 for line in news.read_text(encoding="utf-8").splitlines() if line.strip())
    assert total - 60 < len(kept) < total  # some BRUK fragments are ner-uk test documents: dropped
    banned: set[tuple[str, ...]] = set()
    for doc in test_ids:
        for p in (root / "data").glob(f"*/{doc}.txt"):
            banned |= shingles(p.read_text(encoding="utf-8"))
    assert not any(shingles(t) & banned for t in kept)


def test_clusters_are_learnt_deterministically_from_real_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clusters, "GRANULARITIES", (8, 32))  # small k: seconds, not a minute
    sentences = [
        [clusters.unit(w) for w in words]
        for words, _ in itertools.islice(read_iob(_ner_uk() / "iob" / "train.iob"), 2000)
    ]
    a = clusters.learn(sentences)
    b = clusters.learn(sentences)
    assert a == b
    clusters.write(a, tmp_path / "a.tsv.gz")
    clusters.write(b, tmp_path / "b.tsv.gz")
    assert (tmp_path / "a.tsv.gz").read_bytes() == (tmp_path / "b.tsv.gz").read_bytes()
    # keyed by lemma: the inflected forms of a frequent word all fall on one key
    assert clusters.unit("Україні") == clusters.unit("України") == "україна"
    assert clusters.unit("заявила") == clusters.unit("заявив") == "заявити"
    assert all(len(ids) == 2 for ids in a.values())
    assert len({ids[1] for ids in a.values()}) > 20


def test_shipped_clusters_group_months_and_speech_verbs() -> None:
    assert clusters.TABLE.exists() and clusters.TABLE.stat().st_size < 1_000_000
    months = [clusters.cluster_ids(w)[0] for w in ("січень", "лютий", "березень", "квітень", "травень")]
    verbs = [clusters.cluster_ids(w)[0] for w in ("заявити", "повідомити", "сказати", "наголосити")]
    # words used alike share a coarse cluster (most of them: k-means is not perfect)
    assert max(months.count(c) for c in months) >= 4, months
    assert max(verbs.count(c) for c in verbs) >= 3, verbs
    assert not set(months) & set(verbs)


def test_bilou_keeps_the_entities_of_real_sentences() -> None:
    n_single = n_multi = 0
    for _, tags in itertools.islice(read_iob(_ner_uk() / "iob" / "train.iob"), 2000):
        bilou = to_bilou(tags)
        assert spans([to_bio(t) for t in bilou]) == spans(tags)
        for start, end, kind in spans(tags):
            if end - start == 1:
                assert bilou[start] == f"U-{kind}"
                n_single += 1
            else:
                assert bilou[start] == f"B-{kind}" and bilou[end - 1] == f"L-{kind}"
                n_multi += 1
    assert n_single > 100 and n_multi > 100


def test_shipped_model_weighs_cluster_features() -> None:
    """The shipped Ukrainian CRF was trained with the clusters: some cluster ids carry weight."""
    from storyline.entities.ner import FEATURE_SET, NerTagger

    attributes = NerTagger().model.attributes
    assert FEATURE_SET == "clus"
    assert sum(a.startswith(("c0=", "c1=", "c2=")) for a in attributes) > 100
    assert any(a.startswith(("-1:c0=", "1:c0=")) for a in attributes)
