"""The word index keeps which posts hold a word, and in which column, not where in them
(FTS5 detail=column): the places serve only phrase and NEAR queries, and a search is
words that must all occur, each a single word of the index (fts.to_match_query). About
10 bytes a post. Keeping neither places nor columns (detail=none) would save 60, but
made a prefix, which every search ends with, three to four times as slow.

FTS5 can't change the option in place: the index is made again and refilled from the
posts. Downgrading makes it again with the places.

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0031"
down_revision: str | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = (
    "text, author_handle, author_name, content='posts', content_rowid='pk', "
    "tokenize='unicode61 remove_diacritics 2', columnsize=0"
)


def _make_again(options: str) -> None:
    # The triggers on posts name posts_fts only in their bodies: they outlive the drop.
    op.execute("DROP TABLE posts_fts")
    op.execute(f"CREATE VIRTUAL TABLE posts_fts USING fts5({_COLUMNS}{options})")
    op.execute("INSERT INTO posts_fts(posts_fts) VALUES ('rebuild')")


def upgrade() -> None:
    _make_again(", detail=column")


def downgrade() -> None:
    _make_again("")
