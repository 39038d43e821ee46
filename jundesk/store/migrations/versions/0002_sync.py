"""State of the replication with the town's PostgreSQL hub: named values (cursors), which
posts and events are on the hub yet, and the pulled events this version can't read.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_sync_state"),
    )
    # A plain ADD COLUMN (no batch): recreating `posts` would drop its FTS triggers.
    op.add_column("posts", sa.Column("hub_seq", sa.Integer(), nullable=True))
    op.create_index(
        "ix_posts_unpushed", "posts", ["pk"], sqlite_where=sa.text("hub_seq IS NULL")
    )
    op.create_index(
        "ix_events_unpushed", "events", ["seq"], sqlite_where=sa.text("hub_seq IS NULL")
    )
    op.create_table(
        "sync_held_events",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("hub_seq", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sync_held_events"),
    )


def downgrade() -> None:
    op.drop_table("sync_held_events")
    op.drop_index("ix_events_unpushed", table_name="events")
    op.drop_index("ix_posts_unpushed", table_name="posts")
    # SQLite 3.35+ drops a column in place; the FTS triggers don't name hub_seq.
    op.execute("ALTER TABLE posts DROP COLUMN hub_seq")
    op.drop_table("sync_state")
