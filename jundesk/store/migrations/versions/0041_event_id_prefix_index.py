"""The events' ids are indexed by their first 8 bytes, not whole (ix_events_id_prefix on
`substr(id, 1, 8)`): a UUIDv7's millisecond and its count within it, 17 bytes an entry
instead of 26, at four events a post. The index is no longer what keeps an id unique:
the unit of work looks every event up before storing it, by way of the prefixes.

SQLite can't drop a column's UNIQUE constraint in place, so the table is copied (as in
0026), rowids and all. Downgrading copies it back with the constraint.

Revision ID: 0041
Revises: 0040
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0041"
down_revision: str | None = "0040"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = "seq, id, kind, actor_desk, actor_person, at, payload, origin, hub_seq, case_pk"
_REROUTED = 4


def _replace(*, unique: bool) -> None:
    """Copy events into a table with or without its ids' UNIQUE constraint, and put the
    copy in its place, indexes included (foreign keys are off while migrating)."""
    constraints: list[sa.schema.SchemaItem] = [
        sa.ForeignKeyConstraint(
            ["case_pk"],
            ["cases.pk"],
            name="fk_events_case_pk_cases",
            deferrable=True,
            initially="DEFERRED",
        ),
        sa.PrimaryKeyConstraint("seq", name="pk_events"),
    ]
    if unique:
        constraints.append(sa.UniqueConstraint("id", name="uq_events_id"))
    op.create_table(
        "events_new",
        sa.Column("seq", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("id", sa.LargeBinary(), nullable=False),
        sa.Column("kind", sa.Integer(), nullable=False),
        sa.Column("actor_desk", sa.String(), nullable=False),
        sa.Column("actor_person", sa.String(), nullable=False),
        sa.Column("at", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(), nullable=True),
        sa.Column("hub_seq", sa.Integer(), nullable=True),
        sa.Column("case_pk", sa.Integer(), nullable=False),
        *constraints,
    )
    op.execute(f"INSERT INTO events_new ({_COLUMNS}) SELECT {_COLUMNS} FROM events ORDER BY seq")
    op.drop_table("events")  # and its indexes
    op.rename_table("events_new", "events")
    op.create_index("ix_events_case_pk", "events", ["case_pk"])
    op.create_index(
        "ix_events_rerouted", "events", ["seq"], sqlite_where=sa.text(f"kind = {_REROUTED}")
    )
    if not unique:
        op.create_index("ix_events_id_prefix", "events", [sa.text("substr(id, 1, 8)")])


def upgrade() -> None:
    _replace(unique=False)


def downgrade() -> None:
    _replace(unique=True)
