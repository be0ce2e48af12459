"""Free-form strings as TEXT on PostgreSQL: lengths that SQLite ignores must not fail a server.

SQLite does not enforce ``VARCHAR(n)``; PostgreSQL does, so a value SQLite stores makes the same batch
fail on a server ("value too long for type character varying(64)"). Found on the BSNLP corpus: entity
ids are ``TYPE:name-key`` and a long organisation name passes 64 characters, which stopped
``storyline analyze`` after 200 articles. Outlet names come from pages and users, language codes from
JSONL records, the analysis version grows with the pipeline's stages. On PostgreSQL ``text`` and
``varchar`` are the same type underneath, so nothing is lost by dropping the limit. Ids and hashes we
make ourselves (16-hex ids, SHA-256 hex) keep their width.

SQLite needs nothing (its columns already take any length), so this migration does nothing there.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# (table, column, the width it had)
WIDENED = [
    ("articles", "outlet", 200),
    ("articles", "outlet_source", 20),
    ("articles", "date_precision", 10),
    ("articles", "date_source", 20),
    ("articles", "language", 8),
    ("articles", "source_format", 10),
    ("analyses", "version", 40),
    ("analyses", "language", 8),
    ("entities", "id", 64),
    ("entities", "type", 10),
    ("entity_aliases", "entity_id", 64),
    ("mentions", "type", 10),
    ("mentions", "entity_id", 64),
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column, width in WIDENED:
        op.alter_column(table, column, type_=sa.Text, existing_type=sa.String(width))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column, width in reversed(WIDENED):
        op.alter_column(table, column, type_=sa.String(width), existing_type=sa.Text)
