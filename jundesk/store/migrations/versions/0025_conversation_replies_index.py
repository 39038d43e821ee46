"""ix_posts_source_conversation holds a conversation's replies only: a thread's root, whose
conversation is its own id, is found by that id in the unique index of (source,
source_id). Most posts start their own thread, so most leave the index: about 30 bytes
a post.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_posts_source_conversation", table_name="posts")
    op.create_index(
        "ix_posts_source_conversation",
        "posts",
        ["source", "conversation_id"],
        sqlite_where=sa.text("conversation_id != source_id"),
    )


def downgrade() -> None:
    op.drop_index("ix_posts_source_conversation", table_name="posts")
    op.create_index("ix_posts_source_conversation", "posts", ["source", "conversation_id"])
