"""Lemma-aware full-text search: an SQLite FTS5 index over the analyses' lemmas, kept in sync by triggers.

Why triggers and not a Python call after ``save_analyses``: every writer (the analyze CLI, tests, a
future bulk loader, a plain ``DELETE FROM articles`` cascading to analyses) keeps the index right
without knowing it exists, and the index can never be half-updated outside the writer's transaction.

The FTS rowid is the analyses rowid, so a delete or update touches one index row instead of scanning.
Columns: ``title`` (the lemmas of the title tokens, weighted higher by BM25) and ``body`` (all lemmas,
``analyses.lemma_text``). ``remove_diacritics 0``: "й"/"и" and "ї"/"і" are different letters in
Ukrainian. Apostrophes are token characters, so "п’ять" is one word whichever apostrophe was used.

PostgreSQL has no FTS5; search there falls back to ``lemma_text`` queries (see storyline.views.search),
so this migration does nothing on other dialects.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_TITLE_LEMMAS = """(
    SELECT group_concat(json_extract(j.value, '$.lemma'), ' ')
    FROM json_each({row}.data, '$.tokens') AS j
    WHERE json_extract(j.value, '$.end') <= (SELECT length(a.title) FROM articles AS a WHERE a.id = {row}.article_id)
      AND coalesce(json_extract(j.value, '$.pos'), '') != 'PUNCT'
)"""

_INSERT = (
    "INSERT INTO search_index(rowid, title, body) "
    f"VALUES (new.rowid, {_TITLE_LEMMAS.format(row='new')}, coalesce(new.lemma_text, ''));"
)
_DELETE = "DELETE FROM search_index WHERE rowid = old.rowid;"

STATEMENTS = [
    "CREATE VIRTUAL TABLE search_index USING fts5("
    "title, body, tokenize = \"unicode61 remove_diacritics 0 tokenchars '''’ʼ`'\")",
    f"CREATE TRIGGER analyses_search_ai AFTER INSERT ON analyses BEGIN {_INSERT} END",
    f"CREATE TRIGGER analyses_search_ad AFTER DELETE ON analyses BEGIN {_DELETE} END",
    f"CREATE TRIGGER analyses_search_au AFTER UPDATE ON analyses BEGIN {_DELETE} {_INSERT} END",
    "INSERT INTO search_index(rowid, title, body) "
    f"SELECT new.rowid, {_TITLE_LEMMAS.format(row='new')}, coalesce(new.lemma_text, '') FROM analyses AS new",
]


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in ("analyses_search_ai", "analyses_search_ad", "analyses_search_au"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS search_index")
