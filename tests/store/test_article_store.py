"""Idempotent, transactional storage of articles."""

from __future__ import annotations

import pytest

from storyline.errors import StorageError
from storyline.ingest import read_inputs
from storyline.model import Article


def _seed_articles(seeds_dir) -> list[Article]:
    return [a for a in read_inputs([str(seeds_dir)]) if isinstance(a, Article)]


def test_reingest_is_idempotent(store, seeds_dir):
    first = store.save_articles(_seed_articles(seeds_dir))
    again = store.save_articles(_seed_articles(seeds_dir))
    assert [r.status for r in first] == ["added", "added"]
    assert [r.status for r in again] == ["unchanged", "unchanged"]
    assert [r.article.id for r in first] == [r.article.id for r in again]
    assert store.count_articles() == 2


def test_changed_file_updates_in_place(store, seed_zn, tmp_path):
    copy = tmp_path / "zn.txt"
    copy.write_text(seed_zn.read_text(encoding="utf-8"), encoding="utf-8")
    (a,) = list(read_inputs([str(copy)]))
    store.save_articles([a])
    copy.write_text(
        seed_zn.read_text(encoding="utf-8") + "\n\nОновлено: Блінкен прибув до Берліна.", encoding="utf-8"
    )
    (b,) = list(read_inputs([str(copy)]))
    (result,) = store.save_articles([b])
    assert result.status == "updated" and b.id == a.id
    assert store.count_articles() == 1
    assert store.get_article(a.id).body[-1].text == "Оновлено: Блінкен прибув до Берліна."


def test_crash_mid_batch_loses_nothing_committed(store, seeds_dir):
    unn, zn = _seed_articles(seeds_dir)
    store.save_articles([unn])
    broken = Article(id="", title=None, body=[], content_hash="x")  # title NOT NULL: the insert fails
    with pytest.raises(StorageError):
        store.save_articles([zn, broken])
    assert store.count_articles() == 1  # the failed batch is rolled back whole; the earlier one stays
    assert store.get_article(unn.id).title == unn.title


def test_roundtrip_keeps_everything(store, seed_unn):
    (a,) = list(read_inputs([str(seed_unn)]))
    store.save_articles([a])
    b = store.get_article(a.id[:8])
    assert (b.title, b.outlet, b.published, b.body, b.changes) == (
        a.title,
        a.outlet,
        a.published,
        a.body,
        a.changes,
    )


def test_bsnlp_reingest_is_idempotent_despite_repeated_ids(store):
    """BSNLP's doc_id repeats across topics: no record may overwrite another, and a second run changes nothing."""
    from tests.conftest import shared_path

    path = str(shared_path("data", "news", "bsnlp_uk_ru.jsonl"))
    first = store.save_articles([a for a in read_inputs([path]) if isinstance(a, Article)])
    second = store.save_articles([a for a in read_inputs([path]) if isinstance(a, Article)])
    assert [r.status for r in first].count("added") == 867
    assert {r.status for r in second} == {"unchanged"}
    assert store.count_articles() == 867
