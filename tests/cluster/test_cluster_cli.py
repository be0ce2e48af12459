"""`storyline cluster`, `events`, `event`, `storylines`, `storyline` on a store holding the seeds."""

from __future__ import annotations

import datetime as dt
import json

from typer.testing import CliRunner

from storyline.cli import app
from storyline.cluster.run import cluster_store
from storyline.ingest import read_path
from storyline.model import Article, PublishedDate
from storyline.store import Store

runner = CliRunner()


def _ingest(store: Store, path, published: dt.datetime | None = None) -> Article:
    (article,) = list(read_path(path))
    if published is not None and article.published.value is None:
        article.published = PublishedDate(published, "day", "explicit")  # ZN.ua gives no date
    store.save_articles([article])
    return article


def test_incremental_runs_equal_a_rebuild(store, seed_unn, seed_zn):
    _ingest(store, seed_zn, dt.datetime(2022, 1, 21))
    first = cluster_store(store)
    assert (first.articles_added, first.events) == (1, 1)
    _ingest(store, seed_unn)
    second = cluster_store(store)
    assert (second.mode, second.articles_added, second.events, second.storylines) == ("incremental", 1, 2, 1)
    online = {e.id: [m.article_id for m in e.members] for e in store.list_events()}
    rebuilt = cluster_store(store, rebuild=True)
    assert rebuilt.mode == "rebuild" and rebuilt.articles_added == 2
    assert {e.id: [m.article_id for m in e.members] for e in store.list_events()} == online


def test_cli_lists_events_and_the_storyline(tmp_path, seed_unn, seed_zn):
    db = tmp_path / "cli.db"
    with Store.open(db) as store:
        zn = _ingest(store, seed_zn, dt.datetime(2022, 1, 21))
        unn = _ingest(store, seed_unn)
    out = runner.invoke(app, ["cluster", "--rebuild", "--db", str(db), "--json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["events"] == 2

    out = runner.invoke(app, ["events", "--db", str(db), "--json"])
    events = json.loads(out.output)
    assert len(events) == 2 and all(e["articles"] == 1 for e in events)

    out = runner.invoke(app, ["event", events[0]["id"][:8], "--db", str(db), "--json"])
    detail = json.loads(out.output)
    assert detail["members"][0]["article_id"] in (zn.id, unn.id)
    assert detail["members"][0]["reason"]["rule"] == "new"

    out = runner.invoke(app, ["storylines", "--db", str(db), "--json"])
    (story,) = json.loads(out.output)
    assert story["events"] == 2

    out = runner.invoke(app, ["storyline", story["id"], "--db", str(db), "--json"])
    timeline = json.loads(out.output)
    assert [e["articles"][0]["id"] for e in timeline["events"]] == [zn.id, unn.id]  # time order

    out = runner.invoke(app, ["event", "ffffffffff", "--db", str(db)])
    assert out.exit_code == 3
