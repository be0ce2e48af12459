"""Initial schema: articles, analyses, entities, mentions, version groups, events, storylines.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("identity", sa.Text, nullable=False, unique=True),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.String(200), index=True),
        sa.Column("outlet_source", sa.String(20)),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("lead", sa.Text),
        sa.Column("body", sa.JSON, nullable=False),
        sa.Column("published_at", sa.DateTime, index=True),
        sa.Column("date_precision", sa.String(10)),
        sa.Column("date_source", sa.String(20)),
        sa.Column("language", sa.String(8), index=True),
        sa.Column("author", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("source_format", sa.String(10)),
        sa.Column("raw_hash", sa.String(64)),
        sa.Column("content_hash", sa.String(64), nullable=False, index=True),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("changes", sa.JSON, nullable=False),
        sa.Column("meta", sa.JSON, nullable=False),
    )
    op.create_table(
        "analyses",
        sa.Column(
            "article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("language", sa.String(8), index=True),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("lemma_text", sa.Text),
        sa.Column("analyzed_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "entities",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("canonical", sa.Text, nullable=False, index=True),
        sa.Column("type", sa.String(10), nullable=False, index=True),
        sa.Column("aliases", sa.JSON, nullable=False),
        sa.Column("names", sa.JSON, nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("first_seen", sa.DateTime),
        sa.Column("last_seen", sa.DateTime),
    )
    op.create_table(
        "entity_aliases",
        sa.Column("alias", sa.Text, primary_key=True),
        sa.Column(
            "entity_id", sa.String(64), sa.ForeignKey("entities.id", ondelete="CASCADE"), primary_key=True
        ),
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "article_id",
            sa.String(32),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("type", sa.String(10), nullable=False),
        sa.Column("canonical", sa.Text, nullable=False),
        sa.Column("entity_id", sa.String(64), index=True),
    )
    op.create_index("ix_mentions_canonical", "mentions", ["canonical"])
    op.create_table(
        "version_groups",
        sa.Column(
            "article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("group_id", sa.String(32), nullable=False, index=True),
        sa.Column("is_original", sa.Boolean, nullable=False),
        sa.Column("similarity", sa.Float, nullable=False),
    )
    op.create_table(
        "storylines",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("first_published", sa.DateTime),
        sa.Column("last_published", sa.DateTime),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("storyline_id", sa.String(32), index=True),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("first_published", sa.DateTime, index=True),
        sa.Column("last_published", sa.DateTime),
        sa.Column("data", sa.JSON, nullable=False),
    )
    op.create_table(
        "event_members",
        sa.Column(
            "article_id", sa.String(32), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("event_id", sa.String(32), nullable=False, index=True),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("reason", sa.JSON, nullable=False),
        sa.Column("joined_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    for name in (
        "event_members",
        "events",
        "storylines",
        "version_groups",
        "mentions",
        "entity_aliases",
        "entities",
        "analyses",
        "articles",
    ):
        op.drop_table(name)
