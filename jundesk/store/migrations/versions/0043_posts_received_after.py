"""A post's arrival is kept as microseconds after its creation (posts.received_after), not
as a time of its own: a post reaches JunDesk seconds or minutes after it is written, in
three or four bytes where a time since 1970 takes eight. About 4 bytes a post.

SQLite renames the column in place and one UPDATE rewrites the values; no index holds
them. Downgrading writes the times back and the column's name.

Revision ID: 0043
Revises: 0042
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0043"
down_revision: str | None = "0042"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("ALTER TABLE posts RENAME COLUMN received_at TO received_after")
    op.execute("UPDATE posts SET received_after = received_after - created_at")


def downgrade() -> None:
    op.execute("UPDATE posts SET received_after = received_after + created_at")
    op.execute("ALTER TABLE posts RENAME COLUMN received_after TO received_at")
