"""The posts' ids are indexed by their first 8 bytes, not whole (ix_posts_id_prefix), as
the events' are since 0041: 10 bytes a post. The index no longer keeps an id unique: a
post is looked up before it is stored (by its source's id, whose index stays unique, and
by its own id when pulled from the hub).

SQLite can't drop a UNIQUE constraint in place, so the table is copied, rowids and all
(posts_fts, an external-content index, and case_posts point at them). Dropping `posts`
drops its indexes, the FTS triggers and its planner statistics, which are made again as
this database held them. Downgrading copies it back with the constraint.

Revision ID: 0044
Revises: 0043
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0044"
down_revision: str | None = "0043"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = (
    "pk, id, source, source_id, author_id, author_handle, author_name, text, lang, "
    "created_at, received_after, conversation_id, in_reply_to_id, media, place, is_own, raw, "
    "hub_seq, private"
)
_PREFIX_INDEX = "ix_posts_id_prefix"


def _replace(*, unique: bool) -> None:
    bind = op.get_bind()
    # The indexes (but the constraints' own and the prefix's) and FTS triggers, and the
    # planner's statistics, as this database holds them.
    kept = [
        str(sql)
        for (sql,) in bind.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'posts' AND sql IS NOT NULL "
            "AND type IN ('index', 'trigger') AND name != ? ORDER BY type, rowid",
            (_PREFIX_INDEX,),
        )
    ]
    statistics: list[tuple[object, object]] = []
    if bind.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first():
        statistics = [
            (index, stat)
            for index, stat in bind.exec_driver_sql(
                # The constraints' indexes are numbered anew: the next ANALYZE samples them.
                "SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'posts' AND idx IS NOT ? "
                "AND coalesce(idx, '') NOT LIKE 'sqlite_autoindex_%'",
                (_PREFIX_INDEX,),
            )
        ]
    constraints: list[sa.schema.SchemaItem] = [sa.PrimaryKeyConstraint("pk", name="pk_posts")]
    if unique:
        constraints.append(sa.UniqueConstraint("id", name="uq_posts_id"))
    constraints.append(
        sa.UniqueConstraint("source", "source_id", name="uq_posts_source_source_id")
    )
    op.create_table(
        "posts_new",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("id", sa.LargeBinary(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("source_id", sa.String(), nullable=False),
        sa.Column("author_id", sa.String(), nullable=False),
        sa.Column("author_handle", sa.String(), nullable=False),
        sa.Column("author_name", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("lang", sa.String(), nullable=False),
        sa.Column("created_at", sa.Integer(), nullable=False),
        sa.Column("received_after", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.String(), nullable=False),
        sa.Column("in_reply_to_id", sa.String(), nullable=False),
        sa.Column("media", sa.Text(), nullable=False),
        sa.Column("place", sa.String(), nullable=False),
        sa.Column("is_own", sa.Boolean(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("hub_seq", sa.Integer(), nullable=True),
        sa.Column("private", sa.Boolean(), nullable=False, server_default=sa.text("0")),
        *constraints,
    )
    op.execute(f"INSERT INTO posts_new ({_COLUMNS}) SELECT {_COLUMNS} FROM posts ORDER BY pk")
    op.drop_table("posts")  # and its indexes, triggers and statistics
    op.rename_table("posts_new", "posts")
    for sql in kept:
        op.execute(sql)
    if not unique:
        op.create_index(_PREFIX_INDEX, "posts", [sa.text("substr(id, 1, 8)")])
    for index, stat in statistics:
        bind.exec_driver_sql(
            "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('posts', ?, ?)", (index, stat)
        )


def upgrade() -> None:
    _replace(unique=False)


def downgrade() -> None:
    _replace(unique=True)
