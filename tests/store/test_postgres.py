"""The store on a real PostgreSQL server: migrations, the whole CLI job, idempotence, crashes, search, API.

Every test here runs against a throwaway server (see ``postgres_server``) started once per session and
stopped at its end, or the server ``STORYLINE_TEST_PG_URL`` names; each test gets its own database.
Without PostgreSQL binaries (or the psycopg driver) the tests skip with the reason: CI does not depend
on a server. The reference is the same job on SQLite: PostgreSQL must give the same articles, analyses,
entities, events and storylines.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, func, inspect, select, text
from tests.conftest import shared_path
from tests.store import postgres_server
from typer.testing import CliRunner

from storyline.api import create_app
from storyline.cli import app
from storyline.errors import StorageError
from storyline.ingest import batch, read_inputs
from storyline.model import Article, to_dict
from storyline.store import Store, database_url
from storyline.store.schema import analyses, articles, entities, mentions
from storyline.views.search import search

runner = CliRunner()
SLICE = 40  # BSNLP records in the pipeline runs: several topics' worth, both languages, a few minutes' work
TABLES = {
    "alembic_version",
    "articles",
    "analyses",
    "entities",
    "entity_aliases",
    "mentions",
    "version_groups",
    "storylines",
    "events",
    "event_members",
    "cluster_state",
}


# -------------------------------------------------------------------------------------------- fixtures
@pytest.fixture(scope="session")
def pg_server() -> Iterator[postgres_server.Server]:
    try:
        server = postgres_server.start()
    except postgres_server.Unavailable as exc:
        pytest.skip(f"PostgreSQL tests skipped: {exc}")
    try:
        yield server
    finally:
        server.stop()


def _plain(url: str) -> str:
    """The URL as a user types it (``postgresql://``, no driver): what ``--db`` must accept."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


@pytest.fixture
def pg_url(pg_server: postgres_server.Server) -> Iterator[str]:
    """A fresh, empty database for one test."""
    url = pg_server.create_database()
    try:
        yield _plain(url)
    finally:
        pg_server.drop_database(url)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first ``SLICE`` records of the BSNLP uk/ru corpus as a JSONL file of their own."""
    lines = shared_path("data", "news", "bsnlp_uk_ru.jsonl").read_text(encoding="utf-8").splitlines()
    path = tmp_path_factory.mktemp("corpus") / "bsnlp_slice.jsonl"
    path.write_text("\n".join(lines[:SLICE]) + "\n", encoding="utf-8")
    return path


def _cli(*args: str) -> Any:
    out = runner.invoke(app, [*args, "--json"])
    assert out.exit_code == 0, out.output
    return json.loads(out.stdout)


def _run_job(db: str, inputs: list[str]) -> dict[str, Any]:
    """ingest → analyze → cluster through the CLI, as a user would run it."""
    return {
        "ingest": _cli("ingest", *inputs, "--db", db),
        "analyze": _cli("analyze", "--db", db),
        "cluster": _cli("cluster", "--db", db),
    }


@pytest.fixture(scope="module")
def jobs(pg_server, corpus, tmp_path_factory) -> Iterator[dict[str, Any]]:
    """The same job on SQLite and on PostgreSQL: their URLs and CLI reports."""
    inputs = [str(shared_path("seeds")), str(corpus)]
    sqlite = str(tmp_path_factory.mktemp("sqlite") / "reference.db")
    url = pg_server.create_database()
    try:
        yield {
            "sqlite": sqlite,
            "postgres": _plain(url),
            "reports": {"sqlite": _run_job(sqlite, inputs), "postgres": _run_job(_plain(url), inputs)},
            "inputs": inputs,
        }
    finally:
        pg_server.drop_database(url)


def _seed_articles() -> list[Article]:
    return [a for a in read_inputs([str(shared_path("seeds"))]) if isinstance(a, Article)]


def test_without_postgresql_binaries_the_tests_skip_with_a_reason(monkeypatch):
    """What a fresh machine or CI without PostgreSQL sees: Unavailable (a skip), never an error."""
    monkeypatch.delenv(postgres_server.ENV_URL, raising=False)
    monkeypatch.setattr(postgres_server, "_require_driver", lambda: None)
    monkeypatch.setattr(postgres_server.shutil, "which", lambda _name: None)
    monkeypatch.setattr(postgres_server.glob, "glob", lambda _pattern: [])
    with pytest.raises(postgres_server.Unavailable, match="initdb"):
        postgres_server.start()


# -------------------------------------------------------------------------------------------- migrations
def test_plain_postgresql_url_gets_the_pinned_driver():
    assert database_url("postgresql://u@h:5/db") == "postgresql+psycopg://u@h:5/db"
    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql+psycopg2://u@h/db") == "postgresql+psycopg2://u@h/db"


def test_migrations_apply_from_empty_and_round_trip(pg_url):
    """``alembic upgrade head`` on an empty database (by URL, as the alembic command runs), then down and up."""
    from alembic import command
    from alembic.config import Config

    from storyline.store.store import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", database_url(pg_url).replace("%", "%%"))
    command.upgrade(cfg, "head")
    engine = create_engine(database_url(pg_url))
    try:
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) == TABLES
            assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == _head()
            # Free-form strings are unbounded on the server (0004): SQLite never enforced the widths.
            widths = {
                c["name"]: getattr(c["type"], "length", None) for c in inspect(conn).get_columns("entities")
            }
            assert widths["id"] is None and widths["type"] is None
        command.downgrade(cfg, "base")
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) == {"alembic_version"}
        with Store.open(pg_url) as store:  # the store migrates on open, like a new SQLite file
            assert store.dialect == "postgresql"
            assert store.count_articles() == 0
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) == TABLES
    finally:
        engine.dispose()


def _head() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from storyline.store.store import MIGRATIONS

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg).get_current_head()


def test_opening_twice_does_not_migrate_twice(pg_url):
    with Store.open(pg_url) as store:
        store.save_articles(_seed_articles())
    with Store.open(pg_url) as store:
        assert store.count_articles() == 2


def test_unreachable_server_is_a_storage_error(pg_server):
    dead = pg_server.database_url("no_such_database_here")
    with pytest.raises(StorageError, match="cannot open store"):
        Store.open(dead)


# ------------------------------------------------------------------------------------- the CLI job
def test_cli_job_runs_on_postgresql_like_sqlite(jobs):
    pg, lite = jobs["reports"]["postgres"], jobs["reports"]["sqlite"]
    assert pg["ingest"]["counts"] == lite["ingest"]["counts"]
    assert pg["ingest"]["counts"]["added"] == SLICE + 2
    assert pg["analyze"]["analyzed"] == lite["analyze"]["analyzed"] == SLICE + 2
    for key in ("articles_added", "events", "storylines"):
        assert pg["cluster"][key] == lite["cluster"][key], key
    assert pg["cluster"]["events"] > 1


def _snapshot(db: str) -> dict[str, Any]:
    """Everything the job stored, in a dialect-neutral form (ids, records as dicts, sorted)."""
    with Store.open(db) as store:
        stored = list(store.iter_articles(with_analysis=True))
        with store.reading() as conn:
            mention_rows = sorted(
                tuple(r)
                for r in conn.execute(
                    select(
                        mentions.c.article_id,
                        mentions.c.start,
                        mentions.c.end,
                        mentions.c.text,
                        mentions.c.type,
                        mentions.c.canonical,
                        mentions.c.entity_id,
                    )
                )
            )
            entity_rows = sorted(
                (
                    r.id,
                    r.canonical,
                    r.type,
                    r.count,
                    json.dumps(r.aliases),
                    json.dumps(r.names, sort_keys=True),
                )
                for r in conn.execute(select(entities))
            )
        return {
            "articles": [_article_view(a) for a in stored],
            "mentions": mention_rows,
            "entities": entity_rows,
            "events": [to_dict(e) for e in store.list_events()],
            "storylines": [to_dict(s) for s in store.list_storylines()],
            "unclustered": store.unclustered_article_ids(),
            "stale": store.stale_article_ids("no-such-version") == [a.id for a in stored],
        }


def _article_view(article: Article) -> dict[str, Any]:
    data = to_dict(article)
    for key in ("ingested_at", "updated_at"):  # wall-clock times of the two runs
        data.pop(key)
    return data


def test_postgresql_stores_what_sqlite_stores(jobs):
    """Same input, same job: the same articles, analyses, mentions, entities, events and storylines."""
    pg, lite = _snapshot(jobs["postgres"]), _snapshot(jobs["sqlite"])
    assert len(pg["articles"]) == SLICE + 2
    for key in lite:
        assert pg[key] == lite[key], key
    assert pg["events"] and pg["storylines"] and pg["mentions"]


def test_reingest_is_idempotent(jobs):
    """A second ingest of the same inputs changes nothing; a second cluster run finds nothing new."""
    db = jobs["postgres"]
    again = _cli("ingest", *jobs["inputs"], "--db", db)
    assert again["counts"] == {"added": 0, "updated": 0, "unchanged": SLICE + 2, "rejected": 0}
    assert _cli("analyze", "--db", db)["analyzed"] == 0
    with Store.open(db) as store:
        assert store.count_articles() == SLICE + 2
        with store.reading() as conn:
            duplicates = conn.execute(
                select(articles.c.identity).group_by(articles.c.identity).having(func.count() > 1)
            ).all()
            assert duplicates == []
            assert conn.execute(select(func.count()).select_from(analyses)).scalar_one() == SLICE + 2
        assert store.unclustered_article_ids() == []


def test_whole_bsnlp_corpus_reingests_without_duplicates(pg_url):
    """All 867 records (their doc_ids repeat across topics): added once, unchanged the second time."""
    path = str(shared_path("data", "news", "bsnlp_uk_ru.jsonl"))
    with Store.open(pg_url) as store:
        first = batch.ingest(store, [path])
        second = batch.ingest(store, [path])
        assert first.counts["added"] == 867 and first.counts["rejected"] == 0
        assert second.counts["unchanged"] == 867 and second.counts["added"] == second.counts["updated"] == 0
        assert store.count_articles() == 867


# ---------------------------------------------------------------------------------------- failures
class _Crash(Exception):
    """The process dying half-way through an ingest (a kill, a full disk in the reader)."""


def test_crash_mid_ingest_keeps_the_committed_batches(pg_url, corpus):
    """Batches of 10: a crash at the 25th record keeps the first 20 and loses only the batch in flight."""
    seen = 0

    def crash_at_25(_item: object) -> None:
        nonlocal seen
        seen += 1
        if seen == 25:
            raise _Crash

    with Store.open(pg_url) as store:
        with pytest.raises(_Crash):
            batch.ingest(store, [str(corpus)], on_item=crash_at_25, batch_size=10)
        assert store.count_articles() == 20
        resumed = batch.ingest(store, [str(corpus)], batch_size=10)
        assert (resumed.counts["unchanged"], resumed.counts["added"]) == (20, SLICE - 20)
        assert store.count_articles() == SLICE


def test_failed_batch_is_rolled_back_whole_and_the_store_goes_on(pg_url):
    unn, zn = _seed_articles()
    with Store.open(pg_url) as store:
        store.save_articles([unn])
        broken = Article(id="", title=None, body=[], content_hash="x")  # title NOT NULL: the insert fails
        with pytest.raises(StorageError) as info:
            store.save_articles([zn, broken])
        assert info.value.__cause__ is not None  # the driver's error is kept
        assert store.count_articles() == 1
        assert store.get_article(unn.id).title == unn.title
        # The failed transaction is gone with its connection: the next batch commits.
        assert [r.status for r in store.save_articles([zn])] == ["added"]
        assert store.count_articles() == 2


def test_store_survives_the_server_closing_its_connections(pg_url, pg_server):
    """A restart or an admin ends every session; the open store (the API's) keeps answering."""
    with Store.open(pg_url) as store:
        store.save_articles(_seed_articles())
        assert store.count_articles() == 2
        name = pg_url.rpartition("/")[2]
        engine = create_engine(pg_server.url, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                ended = conn.execute(
                    text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = :d"),
                    {"d": name},
                ).scalar_one()
        finally:
            engine.dispose()
        assert ended >= 1
        assert store.count_articles() == 2


# ------------------------------------------------------------------------ what SQLite let through
@pytest.fixture
def both(pg_url, tmp_path) -> Iterator[dict[str, Store]]:
    """An SQLite store and a PostgreSQL store, to feed the same records to both."""
    stores = {"sqlite": Store.open(tmp_path / "s.db"), "postgres": Store.open(pg_url)}
    try:
        yield stores
    finally:
        for store in stores.values():
            store.close()


def test_long_outlet_and_entity_ids_fit_on_both(both):
    """Widths SQLite ignores (outlet 200, entity id 64) failed whole batches on the server."""
    from storyline.entities.linking import entity_id
    from storyline.model import Entity, Mention, Span

    unn, zn = _seed_articles()
    unn.outlet = " / ".join(p.text for p in unn.body[:2])  # a site name as long as two paragraphs
    assert len(unn.outlet) > 200
    # A long organisation name (NER spans of a dozen words happen on BSNLP): words of the seed's text.
    words = " ".join(p.text for p in zn.body).split()
    name = next(
        " ".join(words[:n])
        for n in range(1, len(words) + 1)
        if len(entity_id("ORG", " ".join(words[:n]))) > 64
    )
    eid = entity_id("ORG", name)
    for store in both.values():
        store.save_articles([unn, zn])
        store.upsert_entities([Entity(id=eid, canonical=name, type="ORG", aliases=[name])])
        store.save_mentions(zn.id, [Mention(name, Span(0, len(name)), "ORG", name, eid)])
        store.refresh_entity_stats([eid])
    got = {k: (s.get_article(unn.id).outlet, s.get_entity(eid).count) for k, s in both.items()}
    assert got["postgres"] == got["sqlite"] == (unn.outlet, 1)


def test_nul_characters_are_dropped_alike(both, tmp_path):
    """A JSON ``\\u0000`` gets through the reader; PostgreSQL text cannot hold it, so neither store keeps it."""
    seed = (shared_path("seeds") / "000_54660de2647fc609.txt").read_text(encoding="utf-8")
    lines = [x.strip() for x in seed.splitlines() if x.strip()]
    last = lines[3].replace(" ", " \x00", 1)
    record = {
        "id": "nul-1",
        "title": lines[0][:40] + "\x00" + lines[0][40:],
        "text": "\n\n".join([*lines[1:3], last]),
    }
    path, twin = tmp_path / "nul.jsonl", tmp_path / "twin.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    without = {k: v.replace("\x00", "") for k, v in record.items()}
    twin.write_text(json.dumps(without, ensure_ascii=False) + "\n", encoding="utf-8")
    (expected,) = read_inputs([str(twin)])  # what cleaning makes of the same record without NULs
    stored = {}
    for key, store in both.items():
        report = batch.ingest(store, [str(path)])
        assert report.counts["added"] == 1, (key, report.errors)
        (article,) = store.iter_articles()
        stored[key] = (article.title, [p.text for p in article.body])
        assert batch.ingest(store, [str(path)]).counts["unchanged"] == 1  # still the same article
    assert stored["postgres"] == stored["sqlite"]
    assert stored["postgres"] == (expected.title, [p.text for p in expected.body])


def test_cyrillic_case_folds_alike(both):
    """Outlet filters, title search and entity prefixes fold Cyrillic case on both dialects."""
    from storyline.model import Entity

    unn, zn = _seed_articles()
    zn.outlet = "Дзеркало тижня"
    word = unn.title.split()[0]  # "Блінкен"
    for store in both.values():
        store.save_articles([unn, zn])
        store.upsert_entities([Entity(id="PER:lavrov", canonical="Сергій Лавров", type="PER")])
    for key, store in both.items():
        assert [a.id for a in store.iter_articles(outlet="дзеркало ТИЖНЯ")] == [zn.id], key
        assert unn.id in [a.id for a in store.iter_articles(query=word.upper())], key
        assert store.find_entity("сергій лав").id == "PER:lavrov", key
        assert [e.id for e in store.list_entities(query="ЛАВРОВ", min_count=0)] == ["PER:lavrov"], key


# -------------------------------------------------------------------------------------- search, API
SEARCHES = ["переговори Блінкена", "Лавров", "Пакистан", "Асія Бібі", "суд"]


def _matches(db: str, query: str) -> set[str]:
    with Store.open(db) as store:
        return {h.article_id for h in search(store, query, limit=500, snippets=False).hits}


@pytest.mark.parametrize("query", SEARCHES)
def test_search_finds_what_sqlite_finds(jobs, query):
    found = _matches(jobs["postgres"], query)
    assert found == _matches(jobs["sqlite"], query)


def test_search_finds_inflected_forms_with_snippets(jobs):
    with Store.open(jobs["postgres"]) as store:
        result = search(store, "переговори Блінкена")
    assert result.hits, "the seeds speak of Blinken's talks"
    hit = result.hits[0]
    assert any(hit.snippet[a:b].startswith("Блінкен") for a, b in hit.highlights)
    assert hit.event_id is not None  # the job clustered it


def _api(db: str) -> TestClient:
    return TestClient(create_app(db))


def test_api_reads_the_same_data(jobs):
    """The JSON API over PostgreSQL answers what it answers over SQLite."""
    with _api(jobs["postgres"]) as pg, _api(jobs["sqlite"]) as lite:
        events = pg.get("/api/events", params={"limit": 500}).json()
        assert events == lite.get("/api/events", params={"limit": 500}).json()
        top = events[0]["id"]
        for path in (
            "/api/articles?limit=500",
            f"/api/events/{top}",
            f"/api/events/{top}/summary",
            f"/api/events/{top}/compare",
            "/api/storylines?limit=500",
        ):
            got = pg.get(path)
            assert got.status_code == 200, (path, got.text)
            assert got.json() == lite.get(path).json(), path
        for query in ("Блінкен", "Пакистан"):
            mine = pg.get("/api/search", params={"q": query, "limit": 500}).json()
            theirs = lite.get("/api/search", params={"q": query, "limit": 500}).json()
            assert {h["article_id"] for h in mine["hits"]} == {h["article_id"] for h in theirs["hits"]}
        assert pg.get("/api/events/nonexistent").status_code == 404


def test_concurrent_ingests_of_the_same_input_store_it_once(pg_url, corpus):
    """Two writers ingesting one file at once (a server's normal life): each article once, no failure."""
    import threading

    reports: list[Any] = []
    errors: list[BaseException] = []
    start = threading.Barrier(2, timeout=60)
    # Opened (and migrated) here, one after the other: Alembic's context is process-global, and two
    # processes, not two threads, are what run migrations side by side.
    stores = [Store.open(pg_url), Store.open(pg_url)]

    def writer(store: Store) -> None:
        try:
            start.wait()
            reports.append(batch.ingest(store, [str(corpus)], batch_size=5))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(s,), daemon=True) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=600)
    for s in stores:
        s.close()
    assert errors == []
    assert len(reports) == 2
    assert sum(r.counts["added"] for r in reports) == SLICE
    assert sum(r.counts["unchanged"] for r in reports) == SLICE
    with Store.open(pg_url) as store:
        assert store.count_articles() == SLICE


def _ranking(db: str, query: str, n: int) -> list[str]:
    with Store.open(db) as store:
        return [h.article_id for h in search(store, query, limit=n, snippets=False).hits]


@pytest.mark.parametrize("query", ["переговори Блінкена", "Лавров", "Пакистан", "суд"])
def test_search_ranks_by_relevance_like_sqlite(jobs, query):
    """The server ranks by ts_rank over weighted lemmas (0005), not by date: its best hits are SQLite's."""
    pg, lite = _ranking(jobs["postgres"], query, 10), _ranking(jobs["sqlite"], query, 10)
    assert pg and lite, "the query must find something for the comparison to mean anything"
    assert pg[0] in lite[:3]
    assert len(set(pg) & set(lite)) >= 0.6 * min(len(pg), len(lite))
