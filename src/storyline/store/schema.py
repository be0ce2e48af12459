"""The store's tables, in SQLAlchemy Core, shared by SQLite (default) and PostgreSQL.

The schema is created and evolved only through the Alembic migrations in ``store/migrations``; this
module is the single description the code queries against. Rich, stage-specific records (analysis,
cleaning changes, membership reasons) live in JSON columns so a stage can grow without a migration;
what is filtered, joined or counted on gets a real column and an index.

Free-form strings are ``Text``, not ``String(n)``: SQLite ignores the width and PostgreSQL enforces it,
so a width only made the server fail where SQLite did not (migration 0004). Widths stay on the ids and
hashes storyline makes itself.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    # What makes two ingests "the same article": canonical URL, else file path, else content hash.
    Column("identity", Text, nullable=False, unique=True),
    Column("url", Text),
    Column("outlet", Text, index=True),
    Column("outlet_source", Text),
    Column("title", Text, nullable=False),
    Column("lead", Text),
    Column("body", JSON, nullable=False),
    Column("published_at", DateTime, index=True),
    Column("date_precision", Text),
    Column("date_source", Text),
    Column("language", Text, index=True),
    Column("author", Text),
    Column("source", Text),
    Column("source_format", Text),
    Column("raw_hash", String(64)),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("ingested_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("changes", JSON, nullable=False),
    Column("meta", JSON, nullable=False),
)

analyses = Table(
    "analyses",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("content_hash", String(64), nullable=False),
    Column("version", Text, nullable=False),
    Column("language", Text, index=True),
    Column("data", JSON, nullable=False),
    Column("lemma_text", Text),  # space-joined lemmas: what lemma-aware search indexes
    Column("analyzed_at", DateTime, nullable=False),
)

entities = Table(
    "entities",
    metadata,
    Column("id", Text, primary_key=True),
    Column("canonical", Text, nullable=False, index=True),
    Column("type", Text, nullable=False, index=True),
    Column("aliases", JSON, nullable=False),
    Column("names", JSON, nullable=False),
    Column("count", Integer, nullable=False, default=0),
    Column("first_seen", DateTime),
    Column("last_seen", DateTime),
)

entity_aliases = Table(
    "entity_aliases",
    metadata,
    Column("alias", Text, primary_key=True),  # normalised (lower-case, folded) alias
    Column("entity_id", Text, ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", Text, nullable=False),
    Column("canonical", Text, nullable=False),
    Column("entity_id", Text, index=True),
)

version_groups = Table(
    "version_groups",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("group_id", String(32), nullable=False, index=True),
    Column("is_original", Boolean, nullable=False),
    Column("similarity", Float, nullable=False),
)

storylines = Table(
    "storylines",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text, nullable=False),
    Column("score", Float, nullable=False, default=0.0),
    Column("first_published", DateTime),
    Column("last_published", DateTime),
    Column("data", JSON, nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("title", Text, nullable=False),
    Column("storyline_id", String(32), index=True),
    Column("score", Float, nullable=False, default=0.0),
    Column("first_published", DateTime, index=True),
    Column("last_published", DateTime),
    Column("data", JSON, nullable=False),
)

event_members = Table(
    "event_members",
    metadata,
    Column("article_id", String(32), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("event_id", String(32), nullable=False, index=True),
    Column("score", Float, nullable=False),
    Column("reason", JSON, nullable=False),
    Column("joined_at", DateTime, nullable=False),
)

# The online clusterer's pickled state (migration 0003): one row per named state ("events").
cluster_state = Table(
    "cluster_state",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("data", LargeBinary, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

Index("ix_mentions_canonical", mentions.c.canonical)

# Not a Core table: ``search_index`` is an SQLite FTS5 virtual table (columns ``title``, ``body``: lemmas;
# rowid = analyses.rowid) created by migration 0002 and kept in sync by triggers on ``analyses``.
# Queried with raw SQL in storyline.views.search; absent on PostgreSQL.
SEARCH_INDEX = "search_index"
