"""An event's kind is stored as a small number (store/event_kinds.py), not its name: one
byte where the name took six to thirteen, at three or four events a post.

SQLite can't change a column's type in place, so the table is copied (as in 0023). The
numbers are written out here rather than imported: they are what this revision stored.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NUMBERS = {
    "ingested": 1,
    "post_added": 2,
    "routed": 3,
    "rerouted": 4,
    "prioritised": 5,
    "acknowledged": 6,
    "assigned": 7,
    "started": 8,
    "noted": 9,
    "replied": 10,
    "resolved": 11,
    "closed": 12,
    "rejected": 13,
    "reopened": 14,
    "merged": 15,
    "absorbed": 16,
    "redacted": 17,
    "target_missed": 18,
}
_AS_NUMBER = (
    "CASE kind " + " ".join(f"WHEN '{k}' THEN {n}" for k, n in _NUMBERS.items()) + " END"
)
_AS_NAME = (
    "CASE kind " + " ".join(f"WHEN {n} THEN '{k}'" for k, n in _NUMBERS.items()) + " END"
)
_OTHERS = "seq, id, actor_desk, actor_person, at, payload, origin, hub_seq, case_pk"


def _replace(kind_type: sa.types.TypeEngine[object], kind_sql: str, rerouted: str) -> None:
    """Copy events with each kind as `kind_sql` gives it, and put the copy in its place,
    indexes included (foreign keys are off while migrating: store/database.py)."""
    op.create_table(
        "events_new",
        sa.Column("seq", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("id", sa.LargeBinary(), nullable=False),
        sa.Column("kind", kind_type, nullable=False),
        sa.Column("actor_desk", sa.String(), nullable=False),
        sa.Column("actor_person", sa.String(), nullable=False),
        sa.Column("at", sa.Integer(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(), nullable=True),
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
    op.execute(
        f"INSERT INTO events_new (kind, {_OTHERS}) "
        f"SELECT {kind_sql}, {_OTHERS} FROM events ORDER BY seq"
    )
    op.drop_table("events")  # and its indexes
    op.rename_table("events_new", "events")
    op.create_index("ix_events_case_pk", "events", ["case_pk"])
    op.create_index(
        "ix_events_rerouted", "events", ["seq"], sqlite_where=sa.text(f"kind = {rerouted}")
    )


def upgrade() -> None:
    _replace(sa.Integer(), _AS_NUMBER, str(_NUMBERS["rerouted"]))


def downgrade() -> None:
    _replace(sa.String(), _AS_NAME, "'rerouted'")
