"""A leaner store: cases keyed by a rowid that ends every list index (not the 36-character
id), no copy of the first post's author and text in each case, events keyed by their
local sequence number, and the "not on the hub yet" indexes holding the rowid alone.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The columns both versions of the tables share, in order.
_CASE_COLUMNS = (
    "id, role, priority, priority_rank, status, is_open, assignee, location, created_at, "
    "updated_at, acknowledged_at, first_reply_at, resolved_at, merged_into, notes, replies, "
    "confidence, last_event_id, arrived_at"
)
_EVENT_COLUMNS = "id, seq, case_id, kind, actor_desk, actor_person, at, payload, origin, hub_seq"
_CASE_INDEXES_0006 = (
    "ix_cases_role_open_rank",
    "ix_cases_open_rank",
    "ix_cases_status_rank",
    "ix_cases_assignee_open_rank",
    "ix_cases_rank",
    "ix_cases_created",
    "ix_cases_arrived",
)
_EVENT_INDEXES_0006 = ("ix_events_case_id", "ix_events_rerouted", "ix_events_unpushed")


def _case_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["case_id"],
        ["cases.id"],
        name=f"fk_{table}_case_id_cases",
        deferrable=True,
        initially="DEFERRED",
    )


def _case_columns() -> list[sa.Column[object]]:
    return [
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
    ]


def _event_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("case_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("actor_desk", sa.String(), nullable=False),
        sa.Column("actor_person", sa.String(), nullable=False),
        sa.Column("at", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(), server_default="local", nullable=False),
        sa.Column("hub_seq", sa.Integer(), nullable=True),
        _case_fk("events"),
    ]


def _replace(table: str, columns: str, order: str) -> None:
    """Copy `table` into `<table>_new` (made by the caller) and put the copy in its place.

    Foreign keys are off while migrating (see store/database.py): dropping the old table
    leaves the references to it alone, and the renamed copy answers them.
    """
    op.execute(
        f"INSERT INTO {table}_new ({columns}) SELECT {columns} FROM {table} ORDER BY {order}"
    )
    op.drop_table(table)
    op.rename_table(f"{table}_new", table)


def upgrade() -> None:
    for index in _CASE_INDEXES_0006:
        op.drop_index(index, table_name="cases")
    op.create_table(
        "cases_new",
        sa.Column("pk", sa.Integer(), nullable=False),
        *_case_columns(),
        sa.Column("arrived_at", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("pk", name="pk_cases"),
        sa.UniqueConstraint("id", name="uq_cases_id"),
    )
    # Oldest first, so the rowids (the tie-break of the lists) follow the ids as before.
    _replace("cases", _CASE_COLUMNS, "created_at, id")
    _create_case_indexes()

    for index in _EVENT_INDEXES_0006:
        op.drop_index(index, table_name="events")
    op.create_table(
        "events_new",
        sa.Column("seq", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("id", sa.String(), nullable=False),
        *_event_columns(),
        sa.PrimaryKeyConstraint("seq", name="pk_events"),
        sa.UniqueConstraint("id", name="uq_events_id"),
    )
    _replace("events", _EVENT_COLUMNS, "seq")
    op.create_index("ix_events_case_id", "events", ["case_id"])
    op.create_index(
        "ix_events_rerouted", "events", ["seq"], sqlite_where=sa.text("kind = 'rerouted'")
    )
    op.create_index(
        "ix_events_unpushed", "events", ["hub_seq"], sqlite_where=sa.text("hub_seq IS NULL")
    )

    # An index only: `posts` is not recreated, so its FTS triggers stay as they are.
    op.drop_index("ix_posts_unpushed", table_name="posts")
    op.create_index(
        "ix_posts_unpushed", "posts", ["hub_seq"], sqlite_where=sa.text("hub_seq IS NULL")
    )


def _create_case_indexes() -> None:
    rank = ["priority_rank", "created_at"]
    op.create_index("ix_cases_role_open_rank", "cases", ["role", "is_open", *rank])
    op.create_index("ix_cases_open_rank", "cases", ["is_open", *rank])
    op.create_index("ix_cases_status_rank", "cases", ["status", *rank])
    op.create_index(
        "ix_cases_assignee_open_rank",
        "cases",
        ["assignee", "is_open", *rank],
        sqlite_where=sa.text("assignee != ''"),
    )
    op.create_index("ix_cases_rank", "cases", rank)
    op.create_index("ix_cases_created", "cases", ["created_at"])
    op.create_index("ix_cases_arrived", "cases", ["arrived_at"])


# The case's list header as 0006 kept it: the first post's author and its first 200
# characters (whitespace runs are not folded here as the program did; only lists show it).
_HEADER = (
    "SELECT {column} FROM case_posts cp JOIN posts p ON p.id = cp.post_id "
    "WHERE cp.case_id = cases_new.id ORDER BY cp.position LIMIT 1"
)


def downgrade() -> None:
    op.drop_index("ix_posts_unpushed", table_name="posts")
    op.create_index("ix_posts_unpushed", "posts", ["pk"], sqlite_where=sa.text("hub_seq IS NULL"))

    for index in _EVENT_INDEXES_0006:
        op.drop_index(index, table_name="events")
    op.create_table(
        "events_new",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        *_event_columns(),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
        sa.UniqueConstraint("seq", name="uq_events_seq"),
    )
    _replace("events", _EVENT_COLUMNS, "seq")
    op.create_index("ix_events_case_id", "events", ["case_id"])
    op.create_index(
        "ix_events_rerouted", "events", ["seq"], sqlite_where=sa.text("kind = 'rerouted'")
    )
    op.create_index(
        "ix_events_unpushed", "events", ["seq"], sqlite_where=sa.text("hub_seq IS NULL")
    )

    for index in _CASE_INDEXES_0006:
        op.drop_index(index, table_name="cases")
    op.create_table(
        "cases_new",
        *_case_columns(),
        sa.Column("author_handle", sa.String(), nullable=False),
        sa.Column("excerpt", sa.Text(), nullable=False),
        sa.Column("arrived_at", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_cases"),
    )
    op.execute(
        f"INSERT INTO cases_new ({_CASE_COLUMNS}, author_handle, excerpt) "
        f"SELECT {_CASE_COLUMNS}, '', '' FROM cases ORDER BY pk"
    )
    op.execute(
        "UPDATE cases_new SET "
        f"author_handle = coalesce(({_HEADER.format(column='p.author_handle')}), ''), "
        f"excerpt = coalesce(({_HEADER.format(column='substr(p.text, 1, 200)')}), '')"
    )
    op.drop_table("cases")
    op.rename_table("cases_new", "cases")
    columns = {
        "ix_cases_role_open_rank": ["role", "is_open", "priority_rank", "created_at", "id"],
        "ix_cases_open_rank": ["is_open", "priority_rank", "created_at", "id"],
        "ix_cases_status_rank": ["status", "priority_rank", "created_at", "id"],
        "ix_cases_rank": ["priority_rank", "created_at", "id"],
        "ix_cases_created": ["created_at", "id"],
        "ix_cases_arrived": ["arrived_at", "id"],
    }
    for name, names in columns.items():
        op.create_index(name, "cases", names)
    op.create_index(
        "ix_cases_assignee_open_rank",
        "cases",
        ["assignee", "is_open", "priority_rank", "created_at", "id"],
        sqlite_where=sa.text("assignee != ''"),
    )
