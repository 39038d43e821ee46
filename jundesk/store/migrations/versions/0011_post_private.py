"""Each post says whether its author sent it to the town alone (a Telegram private chat, a
Mastodon direct mention): such a post is shown only to the desks of its case's role.

One column, false for every post stored before (X's mentions are all public).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # ADD COLUMN with a constant default leaves the rows as they are: no table rewrite.
    op.add_column(
        "posts",
        sa.Column("private", sa.Boolean(), nullable=False, server_default=sa.text("0")),
    )


def downgrade() -> None:
    # In place (SQLite 3.35+), as 0002 drops hub_seq: batch mode would rebuild the table and
    # lose the FTS triggers.
    op.execute("ALTER TABLE posts DROP COLUMN private")
