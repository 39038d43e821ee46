"""A thread's root no longer repeats its own id as its conversation: stored as "" (most
posts start their own thread), and a conversation that is itself "" or begins with "="
behind one more "=" (row_mapping.conversation_to_stored). About 19 bytes a post.
ix_posts_source_conversation leaves out the rows stored as "", the roots as before.

Each direction is one UPDATE of the rows it changes, every row read with its old value.

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0034"
down_revision: str | None = "0033"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _index(where: str) -> None:
    op.drop_index("ix_posts_source_conversation", table_name="posts")
    op.create_index(
        "ix_posts_source_conversation",
        "posts",
        ["source", "conversation_id"],
        sqlite_where=sa.text(where),
    )


def upgrade() -> None:
    op.execute(
        "UPDATE posts SET conversation_id = CASE "
        "WHEN conversation_id = source_id THEN '' "
        "ELSE '=' || conversation_id END "
        "WHERE conversation_id = source_id OR conversation_id = '' "
        "OR substr(conversation_id, 1, 1) = '='"
    )
    _index("conversation_id != ''")


def downgrade() -> None:
    op.execute(
        "UPDATE posts SET conversation_id = CASE "
        "WHEN conversation_id = '' THEN source_id "
        "ELSE substr(conversation_id, 2) END "
        "WHERE conversation_id = '' OR substr(conversation_id, 1, 1) = '='"
    )
    _index("conversation_id != source_id")
