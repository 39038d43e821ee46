"""Blocked posts: the originals of erased or expired posts, kept for the auditor until
they are destroyed.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A new table only: `posts` is not recreated, so its FTS triggers stay as they are.
    op.create_table(
        "blocked_posts",
        sa.Column("post_id", sa.String(), nullable=False),
        sa.Column("case_id", sa.String(), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("author_handle", sa.String(), nullable=False),
        sa.Column("blocked_at", sa.Integer(), nullable=False),
        sa.Column("destroy_after", sa.Integer(), nullable=False),
        sa.Column("original", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("post_id", name=op.f("pk_blocked_posts")),
    )
    op.create_index(
        "ix_blocked_posts_destroy_after", "blocked_posts", ["destroy_after"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_blocked_posts_destroy_after", table_name="blocked_posts")
    op.drop_table("blocked_posts")
