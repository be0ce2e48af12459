"""``storyline analyze`` over a real store: analyses are saved, then nothing is stale."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.model import Article, Paragraph, PublishedDate


def _seed_article(path) -> Article:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return Article(
        id="",
        title=lines[0],
        body=[Paragraph(p) for p in lines[1:]],
        published=PublishedDate(dt.datetime(2022, 2, 1), "day", "explicit"),
        source=str(path),
        content_hash="seed-unn",
    )


@pytest.mark.slow
def test_analyze_saves_then_skips_fresh_articles(store, seed_unn, tmp_path):
    store.save_articles([_seed_article(seed_unn)])
    db = str(store.engine.url.database)
    runner = CliRunner()
    first = runner.invoke(app, ["analyze", "--db", db, "--json"])
    assert first.exit_code == 0, first.output
    summary = json.loads(first.stdout)
    assert summary["analyzed"] == 1
    (article,) = store.iter_articles(with_analysis=True)
    quotes = {q.text[:20]: q for q in article.analysis.quotes}
    assert "Коли ми отримали аме" in quotes
    assert article.analysis.version == summary["version"]
    again = runner.invoke(app, ["analyze", "--db", db, "--json"])
    assert json.loads(again.stdout)["candidates"] == 0  # nothing stale any more
