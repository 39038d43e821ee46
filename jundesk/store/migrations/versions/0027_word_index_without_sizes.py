"""The word index keeps no column sizes (FTS5 columnsize=0): they serve only ranking by
relevance (bm25), and the desk orders matches by urgency and time, never by relevance.
About 13 bytes a post, and one write a post fewer.

FTS5 can't change the option in place: the index is made again and refilled from the
posts (on a million posts, some seconds). Downgrading makes it again with the sizes.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = (
    "text, author_handle, author_name, content='posts', content_rowid='pk', "
    "tokenize='unicode61 remove_diacritics 2'"
)


def _make_again(options: str) -> None:
    # The triggers on posts name posts_fts only in their bodies: they outlive the drop.
    op.execute("DROP TABLE posts_fts")
    op.execute(f"CREATE VIRTUAL TABLE posts_fts USING fts5({_COLUMNS}{options})")
    op.execute("INSERT INTO posts_fts(posts_fts) VALUES ('rebuild')")


def upgrade() -> None:
    _make_again(", columnsize=0")


def downgrade() -> None:
    _make_again("")
