"""Posts lose their case_id column and its index: case_posts already links each post to its
case (ix_case_posts_post_pk finds a post's cases by its rowid), and the 36-character id,
its foreign key and index cost ~89 bytes a post and an index update on every insert.

SQLite can't drop a column that is in a foreign key, so `posts` is copied: every row keeps
its rowid (posts_fts and case_posts point at it), and the other columns, constraints and
indexes stay as they were. The copy drops the FTS triggers, which are made again.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_HEAD = (
    "pk, id, source, source_id, author_id, author_handle, author_name, text, lang, "
    "created_at, received_at, conversation_id, in_reply_to_id, media, place, is_own, raw"
)
_TAIL = "hub_seq, private"

# The word index's triggers as they stand at 0015..0019 (recreating `posts` drops them; new
# posts are indexed by the store itself since 0015).
_FTS_TRIGGERS = (
    "CREATE TRIGGER posts_fts_ad AFTER DELETE ON posts BEGIN "
    "INSERT INTO posts_fts(posts_fts, rowid, text, author_handle, author_name) "
    "VALUES ('delete', old.pk, old.text, old.author_handle, old.author_name); END",
    "CREATE TRIGGER posts_fts_au AFTER UPDATE OF text, author_handle, author_name "
    "ON posts BEGIN "
    "INSERT INTO posts_fts(posts_fts, rowid, text, author_handle, author_name) "
    "VALUES ('delete', old.pk, old.text, old.author_handle, old.author_name); "
    "INSERT INTO posts_fts(rowid, text, author_handle, author_name) "
    "VALUES (new.pk, new.text, new.author_handle, new.author_name); END",
)

# A post's own case, as store/post_cases.py reads it: of the cases it is linked to, the one
# no other of them was merged into (a merge links the posts to the case kept too); the
# oldest case row when that leaves several (a merge half known) or none (a merge cycle).
_OWN_CASE = (
    "SELECT c.id FROM case_posts cp JOIN cases c ON c.pk = cp.case_pk "
    "WHERE cp.post_pk = p.pk {also} ORDER BY c.pk LIMIT 1"
)
_NOT_ABSORBER = (
    "AND NOT EXISTS (SELECT 1 FROM case_posts cp2 JOIN cases c2 ON c2.pk = cp2.case_pk "
    "WHERE cp2.post_pk = p.pk AND c2.merged_into = c.id)"
)


def _head_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("source_id", sa.String(), nullable=False),
        sa.Column("author_id", sa.String(), nullable=False),
        sa.Column("author_handle", sa.String(), nullable=False),
        sa.Column("author_name", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(), nullable=False),
        sa.Column("created_at", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(), nullable=False),
        sa.Column("in_reply_to_id", sa.String(), nullable=False),
        sa.Column("media", sa.Text(), nullable=False),
        sa.Column("place", sa.String(), nullable=False),
        sa.Column("is_own", sa.Boolean(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
    ]


def _tail_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("hub_seq", sa.Integer(), nullable=True),
        sa.Column("private", sa.Boolean(), nullable=False, server_default=sa.text("0")),
    ]


def _constraints() -> list[sa.Constraint]:
    return [
        sa.PrimaryKeyConstraint("pk", name="pk_posts"),
        sa.UniqueConstraint("id", name="uq_posts_id"),
        sa.UniqueConstraint("source", "source_id", name="uq_posts_source_source_id"),
    ]


def _replace(columns: str, select_rows: str) -> None:
    """Fill posts_new (made by the caller) and put it in place of posts, with the indexes
    and FTS triggers both versions share. Foreign keys are off while migrating (see
    store/database.py); they are checked before the commit."""
    op.drop_index("ix_posts_source_conversation", table_name="posts")
    op.drop_index("ix_posts_unpushed", table_name="posts")
    op.drop_index("ix_posts_private", table_name="posts")
    op.execute(f"INSERT INTO posts_new ({columns}) {select_rows}")
    op.drop_table("posts")
    op.rename_table("posts_new", "posts")
    op.create_index("ix_posts_source_conversation", "posts", ["source", "conversation_id"])
    op.create_index(
        "ix_posts_unpushed", "posts", ["hub_seq"], sqlite_where=sa.text("hub_seq IS NULL")
    )
    op.create_index("ix_posts_private", "posts", ["pk"], sqlite_where=sa.text("private = 1"))
    for ddl in _FTS_TRIGGERS:
        op.execute(ddl)


def upgrade() -> None:
    op.drop_index("ix_posts_case_id", table_name="posts")
    op.create_table("posts_new", *_head_columns(), *_tail_columns(), *_constraints())
    _replace(f"{_HEAD}, {_TAIL}", f"SELECT {_HEAD}, {_TAIL} FROM posts ORDER BY pk")


def downgrade() -> None:
    op.create_table(
        "posts_new",
        *_head_columns(),
        sa.Column("case_id", sa.String(), nullable=True),
        *_tail_columns(),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name="fk_posts_case_id_cases",
            deferrable=True,
            initially="DEFERRED",
        ),
        *_constraints(),
    )
    own_case = (
        f"coalesce(({_OWN_CASE.format(also=_NOT_ABSORBER)}), ({_OWN_CASE.format(also='')}))"
    )
    _replace(
        f"{_HEAD}, case_id, {_TAIL}",
        f"SELECT {_HEAD}, {own_case}, {_TAIL} FROM posts p ORDER BY pk",
    )
    op.create_index("ix_posts_case_id", "posts", ["case_id"])
