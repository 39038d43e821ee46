"""An event's id is stored as the 16 bytes of its UUID, not its 36 characters
(column_types.UUIDBytes): about 20 bytes less in each event's row and in each entry of
its unique index, at three or four events a post. An id that is no canonical UUID stays
the text it was.

SQLite can't change a column's type in place, so the table is copied (as in 0018);
SQLite 3.40 has no unhex(), so the copy converts each id through the same function the
store binds ids with. Downgrading writes every id as text again, in SQL.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from jundesk.store.column_types import id_to_stored

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_AFTER_ID = "kind, actor_desk, actor_person, at, payload, origin, hub_seq, case_pk"

# The canonical text of a 16-byte id, in SQL (what column_types.id_from_stored gives).
_AS_TEXT = (
    "CASE WHEN typeof(id) = 'blob' THEN lower(substr(hex(id), 1, 8) || '-' || "
    "substr(hex(id), 9, 4) || '-' || substr(hex(id), 13, 4) || '-' || "
    "substr(hex(id), 17, 4) || '-' || substr(hex(id), 21)) ELSE id END"
)


def _create_events_new(id_type: sa.types.TypeEngine[object]) -> None:
    op.create_table(
        "events_new",
        sa.Column("seq", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("id", id_type, nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
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


def _replace(new_id: str) -> None:
    """Fill events_new, `new_id` the SQL of each row's id, and put it in place of events,
    indexes included (foreign keys are off while migrating: store/database.py)."""
    op.execute(
        f"INSERT INTO events_new (seq, id, {_AFTER_ID}) "
        f"SELECT seq, {new_id}, {_AFTER_ID} FROM events ORDER BY seq"
    )
    op.drop_table("events")  # and its indexes
    op.rename_table("events_new", "events")
    op.create_index("ix_events_case_pk", "events", ["case_pk"])
    op.create_index(
        "ix_events_rerouted", "events", ["seq"], sqlite_where=sa.text("kind = 'rerouted'")
    )


def upgrade() -> None:
    connection = op.get_bind().connection.driver_connection
    connection.create_function("jundesk_id_to_stored", 1, id_to_stored, deterministic=True)
    _create_events_new(sa.LargeBinary())
    _replace("jundesk_id_to_stored(id)")


def downgrade() -> None:
    _create_events_new(sa.String())
    _replace(_AS_TEXT)
