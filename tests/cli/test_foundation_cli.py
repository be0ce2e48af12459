"""The CLI over the foundation: ingest (files, stdin, exit codes, --json), articles, show, demo."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()


def _json(result) -> object:
    return json.loads(
        result.stdout[
            result.stdout.index("{") if result.stdout.lstrip().startswith("{") else result.stdout.index("[") :
        ]
    )


def test_ingest_report_and_exit_codes(tmp_path, seeds_dir):
    db = str(tmp_path / "cli.db")
    first = runner.invoke(app, ["ingest", str(seeds_dir), "--db", db, "--json"])
    assert first.exit_code == 0, first.output
    assert _json(first)["counts"] == {"added": 2, "updated": 0, "unchanged": 0, "rejected": 0}
    again = runner.invoke(
        app, ["ingest", str(seeds_dir), str(tmp_path / "missing.txt"), "--db", db, "--json"]
    )
    assert again.exit_code == 1  # partial: one input rejected, the rest processed
    report = _json(again)
    assert report["counts"] == {"added": 0, "updated": 0, "unchanged": 2, "rejected": 1}
    assert report["errors"][0]["input"].endswith("missing.txt")


def test_stdin_jsonl_and_show(tmp_path):
    db = str(tmp_path / "cli.db")
    record = {
        "url": "https://www.unn.com.ua/uk/news/1",
        "title": "Блінкен поговорив з Лавровим",
        "text": "КИЇВ. 1 лютого. УНН. У вівторок, 1 лютого, Блінкен провів телефонну розмову з Лавровим.",
    }
    result = runner.invoke(
        app, ["ingest", "-", "--db", db, "--json"], input=json.dumps(record, ensure_ascii=False)
    )
    assert result.exit_code == 0, result.output
    (row,) = _json(result)["articles"]
    shown = runner.invoke(app, ["show", row["id"][:8], "--db", db, "--json"])
    article = _json(shown)
    assert article["outlet"] == "UNN" and article["published"]["value"] == "2022-02-01T00:00:00"
    assert article["body"][0]["text"].startswith("У вівторок, 1 лютого")
    listed = _json(runner.invoke(app, ["articles", "--db", db, "--outlet", "unn", "--json"]))
    assert [a["id"] for a in listed] == [row["id"]]
    missing = runner.invoke(app, ["show", "ffffffffffff", "--db", db])
    assert missing.exit_code == 3


def test_sidecar_metadata_is_explicit(tmp_path, seed_zn):
    inputs = tmp_path / "in"
    inputs.mkdir()
    text = inputs / "zn.txt"
    text.write_text(seed_zn.read_text(encoding="utf-8"), encoding="utf-8")
    (inputs / "zn.txt.meta.json").write_text('{"published": "2022-01-21"}', encoding="utf-8")
    db = str(tmp_path / "cli.db")
    result = runner.invoke(app, ["ingest", str(inputs), "--db", db, "--json"])
    counts = _json(result)["counts"]
    assert (counts["added"], counts["rejected"]) == (1, 0)  # the sidecar is metadata, not an article
    (a,) = _json(runner.invoke(app, ["articles", "--db", db, "--json"]))
    assert a["published"] == "2022-01-21T00:00:00" and a["date_precision"] == "day"


def test_demo_on_the_shipped_sample(tmp_path):
    result = runner.invoke(app, ["demo", "--db", str(tmp_path / "demo.db"), "--sample-only", "--json"])
    assert result.exit_code == 0, result.output
    digest = _json(result)
    assert len(digest) == 1  # the seeds: one storyline …
    (story,) = digest
    assert story["n_events"] == 2  # … of two events: the Geneva talks and the phone call
    outlets = {o for e in story["events"] for o in e["outlets"]}
    assert outlets == {"UNN", "ZN.ua"}


def test_analyze_reports_a_failing_store_in_one_line_and_resumes(tmp_path, seeds_dir):
    import sqlite3

    db = str(tmp_path / "locked.db")
    assert runner.invoke(app, ["ingest", str(seeds_dir), "--db", db]).exit_code == 0
    holder = sqlite3.connect(db, timeout=0.1)
    holder.execute("BEGIN EXCLUSIVE")  # another process holds the database
    try:
        failed = runner.invoke(app, ["analyze", "--db", db])
    finally:
        holder.rollback()
        holder.close()
    assert failed.exit_code == 4
    assert "analyze stopped" in failed.output and "locked" in failed.output
    assert "Traceback" not in failed.output
    resumed = runner.invoke(app, ["analyze", "--db", db, "--json"])
    assert resumed.exit_code == 0, resumed.output
    assert _json(resumed)["analyzed"] == 2
