"""The online clusterer's state, so ``storyline cluster`` continues where the last run stopped.

Online clustering keeps an index of recent events, their centroids, document frequencies and the
near-duplicate window; rebuilding them from the events table would mean re-reading every article, which
is what ``--rebuild`` does on purpose and the incremental path must avoid. One row per named state
(``events``), the state a versioned pickle written and read only by storyline.cluster.engine.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cluster_state",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("articles", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("cluster_state")
