"""The Spark backfill stores what ingest → analyze → cluster store, splits archives exactly, and is idempotent."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import shared_path

from storyline.backfill import BackfillError, backfill, plan
from storyline.cluster.run import cluster_store
from storyline.ingest import ReadOptions
from storyline.ingest.batch import ingest
from storyline.ingest.reader import read_jsonl_range, read_path
from storyline.model import Article, to_dict
from storyline.pipeline import analyze_store
from storyline.store import Store

pytest.importorskip("pyspark", reason="pyspark is pinned in requirements.lock; make install puts it in .venv")

SLICE = 40  # BSNLP records: both languages, several topics
SPLIT = 20_000  # bytes per JSONL task: the slice becomes several ranges, cut mid-file
MASTER = "local[2]"
# Fields that say when a row was written, not what it holds.
VOLATILE = {"ingested_at", "updated_at", "analyzed_at", "created_at"}


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    lines = shared_path("data", "news", "bsnlp_uk_ru.jsonl").read_text(encoding="utf-8").splitlines()
    path = tmp_path_factory.mktemp("archive") / "bsnlp_slice.jsonl"
    # one record twice: the repeated id is noticed across tasks as within one
    path.write_text("\n".join([*lines[:SLICE], lines[3]]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def stores(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The same inputs through the single-machine CLI path and through the Spark backfill (twice)."""
    inputs = [str(shared_path("seeds")), str(archive)]
    root = tmp_path_factory.mktemp("stores")
    plain = str(root / "plain.db")
    with Store.open(plain) as store:
        ingest(store, inputs, ReadOptions(follow_links=False))
        analyze_store(store)
        cluster_store(store)
    spark = str(root / "spark.db")
    with Store.open(spark) as store:
        first = backfill(store, inputs, master=MASTER, split_bytes=SPLIT)
        again = backfill(store, inputs, master=MASTER, split_bytes=SPLIT)
    return {"plain": plain, "spark": spark, "first": first, "again": again}


def _rows(db: str) -> dict[str, dict[str, Any]]:
    with Store.open(db) as store:
        ids = [a.id for a in store.iter_articles()]
        return {i: _stable(to_dict(store.get_article(i))) for i in ids}


def _stable(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _stable(v) for k, v in data.items() if k not in VOLATILE}
    if isinstance(data, list):
        return [_stable(v) for v in data]
    return data


def _events(db: str) -> set[frozenset[str]]:
    with Store.open(db) as store:
        return {frozenset(m.article_id for m in e.members) for e in store.list_events()}


def test_jsonl_ranges_read_exactly_what_the_whole_file_reads(archive):
    tasks, errors = plan([str(archive)], split_bytes=SPLIT)
    assert not errors and len(tasks) >= 3, "the slice must be cut into several ranges"
    assert tasks[0].start == 0 and all(a.end == b.start for a, b in itertools.pairwise(tasks))
    assert tasks[-1].end == archive.stat().st_size
    whole = [to_dict(a) for a in read_path(str(archive)) if isinstance(a, Article)]
    parts = [
        to_dict(a)
        for t in tasks
        for a in read_jsonl_range(archive, ReadOptions(), t.start, t.end, t.first_line)
        if isinstance(a, Article)
    ]
    # the one repeated id is only marked when one reader sees both lines; the driver marks it otherwise
    for record in whole + parts:
        record["meta"].pop("duplicate_id_of_line", None)
        record["meta"].pop("item_id", None)
    assert parts == whole
    assert [p["meta"]["item_index"] for p in parts] == list(range(1, SLICE + 2))


def test_backfill_stores_what_ingest_analyze_cluster_store(stores):
    plain, spark = _rows(stores["plain"]), _rows(stores["spark"])
    assert len(plain) == SLICE + 2 + 1, "40 records, the repeated one kept apart, and the two seeds"
    assert spark.keys() == plain.keys()
    for article_id, row in plain.items():
        assert spark[article_id] == row, article_id
    assert _events(stores["spark"]) == _events(stores["plain"])


def test_backfill_reports_like_ingest_and_is_idempotent(stores):
    first, again = stores["first"].as_dict(), stores["again"].as_dict()
    assert first["counts"] == {"added": SLICE + 3, "updated": 0, "unchanged": 0, "rejected": 0}
    assert first["analyzed"] == SLICE + 3 and not first["failures"]
    assert first["tasks"] >= 5  # two seed files and the archive's ranges
    assert again["counts"] == {"added": 0, "updated": 0, "unchanged": SLICE + 3, "rejected": 0}
    assert again["clustered"]["articles_added"] == 0
    with Store.open(stores["spark"]) as store:
        assert store.count_articles() == SLICE + 3
        assert len(store.list_events()) == len(_events(stores["plain"]))


def test_bad_inputs_are_named_and_the_rest_is_stored(tmp_path):
    good = shared_path("seeds")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"title": "Заголовок", "text": "Текст новини."}\n{not json\n', encoding="utf-8")
    binary = tmp_path / "image.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    with Store.open(str(tmp_path / "s.db")) as store:
        report = backfill(
            store,
            [str(good), str(broken), str(binary), "https://example.com/feed.xml", str(tmp_path / "missing")],
            master=MASTER,
            cluster=False,
        )
        stored = store.count_articles()
    errors = {e["input"]: e for e in report.errors}
    assert f"{broken}:2" in errors and "invalid JSON" in errors[f"{broken}:2"]["error"]
    assert str(binary) in errors
    assert "https://example.com/feed.xml" in errors and str(tmp_path / "missing") in errors
    assert report.counts["rejected"] == 4 and stored == 3  # the two seeds and the good record


def test_without_pyspark_the_error_says_so(monkeypatch, tmp_path):
    import sys

    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    with Store.open(str(tmp_path / "s.db")) as store, pytest.raises(BackfillError, match="pyspark"):
        backfill(store, [str(shared_path("seeds"))], master=MASTER, cluster=False)


def test_cli_backfill_json(tmp_path):
    from typer.testing import CliRunner

    from storyline.cli import app

    out = CliRunner().invoke(
        app,
        ["backfill", str(shared_path("seeds")), "--db", str(tmp_path / "c.db"), "--master", MASTER, "--json"],
    )
    assert out.exit_code == 0, out.output
    report = json.loads(out.stdout)
    assert report["counts"]["added"] == 2 and report["clustered"]["events"] == 2
