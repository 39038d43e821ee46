"""An event no longer repeats its case's 36-character id: it holds the case's rowid
(events.case_pk, since 0014), and readers take the id from the case's row. About 150 bytes
less per post at three or four events each.

The table is copied rather than the column dropped in place: ALTER TABLE DROP COLUMN
rewrites each row shorter in the page it was in, and that space stays unused (events are
only appended, at the table's end), while a copy's pages are full and the old ones go to
the free list, which new rows reuse. On a 100,000-post store (300,000 events) the copy
takes about 2.5 s, the drop about 2 s. Downgrading copies it back, each event's case id
read from its case.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KEPT = "seq, id, kind, actor_desk, actor_person, at, payload, origin, hub_seq, case_pk"


def _create_events_new(*, with_case_id: bool) -> None:
    """The events table as 0014 made it, without its case_id column unless asked."""
    case_id = [sa.Column("case_id", sa.String(), nullable=False)] if with_case_id else []
    op.create_table(
        "events_new",
        sa.Column("seq", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("id", sa.String(), nullable=False),
        *case_id,
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("actor_desk", sa.String(), nullable=False),
        sa.Column("actor_person", sa.String(), nullable=False),
        sa.Column("at", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(), server_default="local", nullable=False),
        sa.Column("hub_seq", sa.Integer(), nullable=True),
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


def _replace(columns: str, select_rows: str) -> None:
    """Fill events_new and put it in place of events, indexes included. Foreign keys are
    off while migrating (see store/database.py); they are checked before the commit."""
    op.execute(f"INSERT INTO events_new ({columns}) {select_rows}")
    op.drop_table("events")  # and its indexes
    op.rename_table("events_new", "events")
    op.create_index("ix_events_case_pk", "events", ["case_pk"])
    op.create_index(
        "ix_events_rerouted", "events", ["seq"], sqlite_where=sa.text("kind = 'rerouted'")
    )
    op.create_index(
        "ix_events_unpushed", "events", ["hub_seq"], sqlite_where=sa.text("hub_seq IS NULL")
    )


def upgrade() -> None:
    _create_events_new(with_case_id=False)
    _replace(_KEPT, f"SELECT {_KEPT} FROM events ORDER BY seq")


def downgrade() -> None:
    _create_events_new(with_case_id=True)
    # Every event's case_pk names a stored case (its foreign key says so).
    kept = ", ".join(f"e.{column}" for column in _KEPT.split(", "))
    _replace(
        f"case_id, {_KEPT}",
        f"SELECT c.id, {kept} FROM events e JOIN cases c ON c.pk = e.case_pk ORDER BY e.seq",
    )
