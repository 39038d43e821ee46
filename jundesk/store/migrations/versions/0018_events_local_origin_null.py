"""An event made on this desk stores NULL as its origin instead of "local": a NULL takes no
bytes in the row, and almost every event is local (about 20 bytes per post at three or
four events each). Pulled events keep "hub".

SQLite can't make a column nullable in place, so the table is copied (as in 0016: the copy's
pages are full and the old ones go to the free list). Downgrading copies it back with
"local" again.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BEFORE = "seq, id, kind, actor_desk, actor_person, at, payload"
_AFTER = "hub_seq, case_pk"


def _create_events_new(*, origin: sa.Column[str]) -> None:
    op.create_table(
        "events_new",
        sa.Column("seq", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("actor_desk", sa.String(), nullable=False),
        sa.Column("actor_person", sa.String(), nullable=False),
        sa.Column("at", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        origin,
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


def _replace(origin: str) -> None:
    """Fill events_new, `origin` the SQL of each row's new origin, and put it in place of
    events, indexes included. Foreign keys are off while migrating (see
    store/database.py); they are checked before the commit."""
    op.execute(
        f"INSERT INTO events_new ({_BEFORE}, origin, {_AFTER}) "
        f"SELECT {_BEFORE}, {origin}, {_AFTER} FROM events ORDER BY seq"
    )
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
    _create_events_new(origin=sa.Column("origin", sa.String(), nullable=True))
    _replace("NULLIF(origin, 'local')")


def downgrade() -> None:
    _create_events_new(
        origin=sa.Column("origin", sa.String(), server_default="local", nullable=False)
    )
    _replace("coalesce(origin, 'local')")
