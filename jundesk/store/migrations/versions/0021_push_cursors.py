"""What the desk has pushed to the hub is a cursor per table (store/push_cursor.py), not a
mark on each row: the partial indexes of the unpushed events and posts go. On a desk with
no hub they held every event and post it ever made (about 50 bytes and five index entries a
post), and a push rewrote each pushed row to mark it.

Each cursor starts just before the oldest row still to push (or at the newest row when
none is): rows after it that the hub has keep their hub_seq, so nothing is pushed twice.
Downgrading marks the rows up to the cursors as pushed (0) and makes the indexes again.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (sync_state key, table, rowid, the rows this desk still has to push)
_CURSORS = (
    ("push.events_through", "events", "seq", "origin IS NULL AND hub_seq IS NULL"),
    ("push.posts_through", "posts", "pk", "hub_seq IS NULL"),
)


def upgrade() -> None:
    for key, table, rowid, unpushed in _CURSORS:
        op.execute(
            f"INSERT OR REPLACE INTO sync_state (key, value) SELECT '{key}', CAST(coalesce("
            f"(SELECT min({rowid}) FROM {table} WHERE {unpushed}) - 1, "
            f"(SELECT max({rowid}) FROM {table}), 0) AS TEXT)"
        )
    op.drop_index("ix_events_unpushed", table_name="events")
    op.drop_index("ix_posts_unpushed", table_name="posts")


def downgrade() -> None:
    for key, table, rowid, unpushed in _CURSORS:
        op.execute(
            f"UPDATE {table} SET hub_seq = 0 WHERE {unpushed} AND {rowid} <= coalesce("
            f"(SELECT CAST(value AS INTEGER) FROM sync_state WHERE key = '{key}'), 0)"
        )
        op.execute(f"DELETE FROM sync_state WHERE key = '{key}'")
    op.create_index(
        "ix_events_unpushed", "events", ["hub_seq"], sqlite_where=sa.text("hub_seq IS NULL")
    )
    op.create_index(
        "ix_posts_unpushed", "posts", ["hub_seq"], sqlite_where=sa.text("hub_seq IS NULL")
    )
