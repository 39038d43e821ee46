"""New posts are indexed for word search once per batch (store/fts.py `insert_posts`), not
by a trigger per row: fed one row at a time from a trigger, FTS5 took about three times as
long, most of a backlog's storing time.

The trigger for edits and deletions stays. Downgrading puts the insert trigger back, as
older versions store posts without indexing them themselves.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As 0001 made it.
_INSERT_TRIGGER = (
    "CREATE TRIGGER posts_fts_ai AFTER INSERT ON posts BEGIN "
    "INSERT INTO posts_fts(rowid, text, author_handle, author_name) "
    "VALUES (new.pk, new.text, new.author_handle, new.author_name); END"
)


def upgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS posts_fts_ai")


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS posts_fts_ai")
    op.execute(_INSERT_TRIGGER)
