"""A post's id is stored as the 16 bytes of its UUID, not its 36 characters, as events'
are since 0023 (column_types.UUIDBytes): about 20 bytes less in each post's row and in
each entry of its unique index. An id that is no canonical UUID stays the text it was.
`blocked_posts.post_id` is stored the same way: the store leaves the blocked posts out
by comparing it with `posts.id`.

SQLite can't change a column's type in place, so both tables are copied. Every post keeps
its rowid (posts_fts, an external-content index, and case_posts point at it); dropping
`posts` drops its indexes, the FTS triggers and its planner statistics, which are made
again (the statistics as they were: the same rows and indexes). SQLite 3.40 has no
unhex(), so the copy converts each id through the function the store binds ids with;
downgrading writes every id as text again, in SQL.

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from jundesk.store.column_types import id_to_stored

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TO_BYTES = "jundesk_post_id_to_stored({})"

# The canonical text of a 16-byte id, in SQL (what column_types.id_from_stored gives).
_AS_TEXT = (
    "CASE WHEN typeof({0}) = 'blob' THEN lower(substr(hex({0}), 1, 8) || '-' || "
    "substr(hex({0}), 9, 4) || '-' || substr(hex({0}), 13, 4) || '-' || "
    "substr(hex({0}), 17, 4) || '-' || substr(hex({0}), 21)) ELSE {0} END"
)

# The columns after the id, in the order they stand in the file (private came last, 0011).
_POST_COLUMNS = (
    "source, source_id, author_id, author_handle, author_name, text, lang, created_at, "
    "received_at, conversation_id, in_reply_to_id, media, place, is_own, raw, hub_seq, private"
)
_BLOCKED_COLUMNS = "case_id, event_id, reason, author_handle, blocked_at, destroy_after, original"


def _create_posts_new(id_type: sa.types.TypeEngine[object]) -> None:
    op.create_table(
        "posts_new",
        sa.Column("pk", sa.Integer(), nullable=False),
        sa.Column("id", id_type, nullable=False),
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
        sa.Column("hub_seq", sa.Integer(), nullable=True),
        sa.Column("private", sa.Boolean(), nullable=False, server_default=sa.text("0")),
        sa.PrimaryKeyConstraint("pk", name="pk_posts"),
        sa.UniqueConstraint("id", name="uq_posts_id"),
        sa.UniqueConstraint("source", "source_id", name="uq_posts_source_source_id"),
    )


def _create_blocked_posts_new(id_type: sa.types.TypeEngine[object]) -> None:
    op.create_table(
        "blocked_posts_new",
        sa.Column("post_id", id_type, nullable=False),
        sa.Column("case_id", sa.String(), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("author_handle", sa.String(), nullable=False),
        sa.Column("blocked_at", sa.Integer(), nullable=False),
        sa.Column("destroy_after", sa.Integer(), nullable=False),
        sa.Column("original", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("post_id", name="pk_blocked_posts"),
    )


def _statistics(table: str) -> list[tuple[object, object]]:
    """The planner's statistics of `table` and its indexes, as (idx, stat) rows (none
    before a first ANALYZE)."""
    bind = op.get_bind()
    if bind.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first():
        rows = bind.exec_driver_sql("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = ?", (table,))
        return [(index, stat) for index, stat in rows]
    return []


def _replace(convert: str) -> None:
    """Fill posts_new and blocked_posts_new, `convert` the SQL of an id ({} the column),
    and put them in place of the tables, with their indexes, the FTS triggers and the
    statistics of posts (foreign keys are off while migrating: store/database.py)."""
    statistics = _statistics("posts")
    # The FTS triggers as this database holds them (the migration's own, not today's).
    triggers = [
        str(sql)
        for (sql,) in op.get_bind().exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'posts' "
            "ORDER BY rowid"
        )
    ]
    op.execute(
        f"INSERT INTO posts_new (pk, id, {_POST_COLUMNS}) "
        f"SELECT pk, {convert.format('id')}, {_POST_COLUMNS} FROM posts ORDER BY pk"
    )
    op.drop_table("posts")  # and its indexes, triggers and statistics
    op.rename_table("posts_new", "posts")
    op.create_index(
        "ix_posts_source_conversation",
        "posts",
        ["source", "conversation_id"],
        sqlite_where=sa.text("conversation_id != source_id"),
    )
    op.create_index("ix_posts_private", "posts", ["pk"], sqlite_where=sa.text("private = 1"))
    for trigger in triggers:
        op.execute(trigger)
    for index, stat in statistics:
        op.get_bind().exec_driver_sql(
            "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('posts', ?, ?)", (index, stat)
        )

    op.execute(
        f"INSERT INTO blocked_posts_new (post_id, {_BLOCKED_COLUMNS}) "
        f"SELECT {convert.format('post_id')}, {_BLOCKED_COLUMNS} FROM blocked_posts "
        "ORDER BY rowid"
    )
    op.drop_table("blocked_posts")
    op.rename_table("blocked_posts_new", "blocked_posts")
    op.create_index("ix_blocked_posts_destroy_after", "blocked_posts", ["destroy_after"])


def upgrade() -> None:
    connection = op.get_bind().connection.driver_connection
    connection.create_function("jundesk_post_id_to_stored", 1, id_to_stored, deterministic=True)
    _create_posts_new(sa.LargeBinary())
    _create_blocked_posts_new(sa.LargeBinary())
    _replace(_TO_BYTES)


def downgrade() -> None:
    _create_posts_new(sa.String())
    _create_blocked_posts_new(sa.String())
    _replace(_AS_TEXT)
