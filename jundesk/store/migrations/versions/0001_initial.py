"""The first schema: posts (with FTS5), cases projection, case_posts, events, desks,
intake cursors, read usage.

Revision ID: 0001
Revises:
Create Date: 2026-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the DDL as it was at this revision (jundesk.store.fts holds the current).
_FTS_TABLE = (
    "CREATE VIRTUAL TABLE posts_fts USING fts5("
    "text, author_handle, author_name, content='posts', content_rowid='pk', "
    "tokenize='unicode61 remove_diacritics 2')"
)
_FTS_TRIGGERS = (
    "CREATE TRIGGER posts_fts_ai AFTER INSERT ON posts BEGIN "
    "INSERT INTO posts_fts(rowid, text, author_handle, author_name) "
    "VALUES (new.pk, new.text, new.author_handle, new.author_name); END",
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


def _case_fk(column: str = "case_id", table: str = "") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], ["cases.id"], name=f"fk_{table}_{column}_cases",
        deferrable=True, initially="DEFERRED",
    )


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("priority", sa.String(), nullable=False),
        sa.Column("priority_rank", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("assignee", sa.String(), nullable=False),
        sa.Column("location", sa.String(), nullable=False),
        sa.Column("created_at", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.Integer(), nullable=True),
        sa.Column("acknowledged_at", sa.Integer(), nullable=True),
        sa.Column("first_reply_at", sa.Integer(), nullable=True),
        sa.Column("resolved_at", sa.Integer(), nullable=True),
        sa.Column("merged_into", sa.String(), nullable=False),
        sa.Column("notes", sa.Integer(), nullable=False),
        sa.Column("replies", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("last_event_id", sa.String(), nullable=False),
        sa.Column("author_handle", sa.String(), nullable=False),
        sa.Column("excerpt", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_cases"),
    )
    op.create_index(
        "ix_cases_role_open_rank", "cases",
        ["role", "is_open", "priority_rank", "created_at", "id"],
    )
    op.create_index(
        "ix_cases_open_rank", "cases", ["is_open", "priority_rank", "created_at", "id"]
    )
    op.create_index(
        "ix_cases_status_rank", "cases", ["status", "priority_rank", "created_at", "id"]
    )
    op.create_index(
        "ix_cases_assignee_open_rank", "cases",
        ["assignee", "is_open", "priority_rank", "created_at", "id"],
    )
    op.create_index("ix_cases_rank", "cases", ["priority_rank", "created_at", "id"])
    op.create_index("ix_cases_created", "cases", ["created_at", "id"])

    op.create_table(
        "posts",
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
        sa.Column("case_id", sa.String(), nullable=True),
        _case_fk(table="posts"),
        sa.PrimaryKeyConstraint("pk", name="pk_posts"),
        sa.UniqueConstraint("id", name="uq_posts_id"),
        sa.UniqueConstraint("source", "source_id", name="uq_posts_source_source_id"),
    )
    op.create_index("ix_posts_case_id", "posts", ["case_id"])
    op.create_index("ix_posts_source_conversation", "posts", ["source", "conversation_id"])

    op.create_table(
        "case_posts",
        sa.Column("case_id", sa.String(), nullable=False),
        sa.Column("post_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _case_fk(table="case_posts"),
        sa.ForeignKeyConstraint(
            ["post_id"], ["posts.id"], name="fk_case_posts_post_id_posts",
            deferrable=True, initially="DEFERRED",
        ),
        sa.PrimaryKeyConstraint("case_id", "post_id", name="pk_case_posts"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_case_posts_post_id", "case_posts", ["post_id"])

    op.create_table(
        "events",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("actor_desk", sa.String(), nullable=False),
        sa.Column("actor_person", sa.String(), nullable=False),
        sa.Column("at", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(), server_default="local", nullable=False),
        sa.Column("hub_seq", sa.Integer(), nullable=True),
        _case_fk(table="events"),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.UniqueConstraint("seq", name="uq_events_seq"),
    )
    op.create_index("ix_events_case_at", "events", ["case_id", "at", "id"])
    op.create_index(
        "ix_events_rerouted", "events", ["seq"], sqlite_where=sa.text("kind = 'rerouted'")
    )

    op.create_table(
        "desks",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("roles", sa.Text(), nullable=False),
        sa.Column("person", sa.String(), nullable=False),
        sa.Column("created_at", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_desks"),
    )
    op.create_table(
        "intake_cursors",
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("since_id", sa.String(), nullable=False),
        sa.Column("sweep_top", sa.String(), nullable=False),
        sa.Column("sweep_bottom", sa.String(), nullable=False),
        sa.Column("updated_at", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("source", "key", name="pk_intake_cursors"),
    )
    op.create_table(
        "read_usage",
        sa.Column("month", sa.String(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("reads", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("month", "source", name="pk_read_usage"),
    )

    op.execute(_FTS_TABLE)
    for ddl in _FTS_TRIGGERS:
        op.execute(ddl)


def downgrade() -> None:
    for trigger in ("posts_fts_au", "posts_fts_ad", "posts_fts_ai"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS posts_fts")
    for table in ("read_usage", "intake_cursors", "desks", "events", "case_posts"):
        op.drop_table(table)
    op.drop_index("ix_posts_source_conversation", table_name="posts")
    op.drop_index("ix_posts_case_id", table_name="posts")
    op.drop_table("posts")
    for index in (
        "ix_cases_created", "ix_cases_rank", "ix_cases_assignee_open_rank", "ix_cases_status_rank",
        "ix_cases_open_rank", "ix_cases_role_open_rank",
    ):
        op.drop_index(index, table_name="cases")
    op.drop_table("cases")
