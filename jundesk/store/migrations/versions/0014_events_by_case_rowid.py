"""A case's events are found by the case's rowid (events.case_pk, indexed) instead of by its
36-character id: the index holds two small integers per event rather than a text id, about
150 bytes less per post at three or four events each. The text id stays in the row (the
hub's events name their case by it).

The link to the case is the rowid's foreign key; events are stored after their case's row,
so the key holds as each is written.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = "seq, id, case_id, kind, actor_desk, actor_person, at, payload, origin, hub_seq"
_KEPT_INDEXES = ("ix_events_rerouted", "ix_events_unpushed")


def _columns() -> list[sa.Column[object]]:
    return [
        sa.Column("seq", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("case_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("actor_desk", sa.String(), nullable=False),
        sa.Column("actor_person", sa.String(), nullable=False),
        sa.Column("at", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(), server_default="local", nullable=False),
        sa.Column("hub_seq", sa.Integer(), nullable=True),
    ]


def _replace(columns: str, select_rows: str) -> None:
    """Fill events_new (made by the caller) and put it in place of events, with the
    indexes both versions share. Foreign keys are off while migrating (see
    store/database.py); they are checked before the commit."""
    for index in _KEPT_INDEXES:
        op.drop_index(index, table_name="events")
    op.execute(f"INSERT INTO events_new ({columns}) {select_rows}")
    op.drop_table("events")
    op.rename_table("events_new", "events")
    op.create_index(
        "ix_events_rerouted", "events", ["seq"], sqlite_where=sa.text("kind = 'rerouted'")
    )
    op.create_index(
        "ix_events_unpushed", "events", ["hub_seq"], sqlite_where=sa.text("hub_seq IS NULL")
    )


def upgrade() -> None:
    op.drop_index("ix_events_case_id", table_name="events")
    op.create_table(
        "events_new",
        *_columns(),
        sa.Column("case_pk", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_pk"],
            ["cases.pk"],
            name="fk_events_case_pk_cases",
            deferrable=True,
            initially="DEFERRED",
        ),
        sa.PrimaryKeyConstraint("seq", name="pk_events"),
        sa.UniqueConstraint("id", name="uq_events_id"),
    )
    # Every event names a stored case (its foreign key said so).
    _replace(
        f"{_COLUMNS}, case_pk",
        "SELECT e.seq, e.id, e.case_id, e.kind, e.actor_desk, e.actor_person, e.at, "
        "e.payload, e.origin, e.hub_seq, c.pk FROM events e JOIN cases c ON c.id = e.case_id "
        "ORDER BY e.seq",
    )
    op.create_index("ix_events_case_pk", "events", ["case_pk"])


def downgrade() -> None:
    op.drop_index("ix_events_case_pk", table_name="events")
    op.create_table(
        "events_new",
        *_columns(),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name="fk_events_case_id_cases",
            deferrable=True,
            initially="DEFERRED",
        ),
        sa.PrimaryKeyConstraint("seq", name="pk_events"),
        sa.UniqueConstraint("id", name="uq_events_id"),
    )
    _replace(_COLUMNS, f"SELECT {_COLUMNS} FROM events ORDER BY seq")
    op.create_index("ix_events_case_id", "events", ["case_id"])
