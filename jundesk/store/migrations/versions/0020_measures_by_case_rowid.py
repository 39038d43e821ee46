"""A case's measures are keyed by the case's rowid (case_measures.case_pk = cases.pk) instead
of its 36-character id: the row's rowid is the case's, so the table needs no index of its
own beside it (sqlite_autoindex_case_measures_1, ~52 bytes a post), the row loses the id
(~40 bytes), and intake's upsert of a case's measures goes straight to its row. Readers
take the case's id from `cases`.

ix_case_measures_resolved goes (~17 bytes a post, and an update with every resolution):
no reader's plan uses it (the durations are differences no index orders, and the
backlog reads ix_case_measures_finished). The three others stay: the arrival index for
ranges of arrival (days packed, every filter), role-and-arrival for a role's cases and
per-role records, the finished index for the backlog.

The table is copied (as in 0016): made anew under its name, filled in rowid order from the
old one joined to `cases`, the old one dropped with its indexes, and the indexes made again.
A measures row whose case is not stored (none should be: rows are only ever written from
a case's row) is left out, as a rebuild of the measures would leave it out, and its day
waits to be packed again so no pack still counts it. A recount of the working clocks under
way (store/measures.py RECOUNT, "w:<rowid>") starts again from the first case: the rowids
it counted by were the old table's.

Downgrading copies the rows back with each case's id read from its case (each keeps its
case's rowid as its own, so a recount under way stays where it was) and makes the
resolved index again.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MEASURES = (
    "role, priority, status, is_open, channel, desk, person, arrived_at, acked_at, "
    "replied_at, resolved_at, finished_at, reopens, arrived_w, acked_w, replied_w, resolved_w"
)
_DAY_US = 86_400_000_000


def _create_case_measures(key: sa.Column[object]) -> None:
    """case_measures as 0007 made it, keyed by `key`."""
    op.create_table(
        "case_measures",
        key,
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("priority", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("desk", sa.String(), nullable=False),
        sa.Column("person", sa.String(), nullable=False),
        sa.Column("arrived_at", sa.Integer(), nullable=False),
        sa.Column("acked_at", sa.Integer(), nullable=True),
        sa.Column("replied_at", sa.Integer(), nullable=True),
        sa.Column("resolved_at", sa.Integer(), nullable=True),
        sa.Column("finished_at", sa.Integer(), nullable=True),
        sa.Column("reopens", sa.Integer(), nullable=False),
        sa.Column("arrived_w", sa.Integer(), nullable=True),
        sa.Column("acked_w", sa.Integer(), nullable=True),
        sa.Column("replied_w", sa.Integer(), nullable=True),
        sa.Column("resolved_w", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint(key.name, name=op.f("pk_case_measures")),
    )


def _replace(key: sa.Column[object], columns: str, select_rows: str) -> None:
    """Put a case_measures keyed by `key` in place of the one there, filled by
    `select_rows` from it (named case_measures_old by then), with the indexes both
    versions share. The new table is made under its own name (not renamed to it), so its
    DDL is the one a new database gets."""
    for name in (
        "ix_case_measures_arrived",
        "ix_case_measures_role_arrived",
        "ix_case_measures_finished",
    ):
        op.drop_index(name, table_name="case_measures")
    op.rename_table("case_measures", "case_measures_old")
    _create_case_measures(key)
    op.execute(f"INSERT INTO case_measures ({columns}) {select_rows}")
    op.drop_table("case_measures_old")
    op.create_index("ix_case_measures_arrived", "case_measures", ["arrived_at", "role"])
    op.create_index("ix_case_measures_role_arrived", "case_measures", ["role", "arrived_at"])
    op.create_index(
        "ix_case_measures_finished", "case_measures", ["finished_at", "arrived_at", "role"]
    )


def upgrade() -> None:
    op.drop_index("ix_case_measures_resolved", table_name="case_measures")
    # The days of rows left out (their case is not stored) are packed again without them.
    op.execute(
        f"UPDATE measure_days SET pack = NULL WHERE day IN (SELECT m.arrived_at / {_DAY_US} "
        "FROM case_measures m WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = m.case_id))"
    )
    kept = ", ".join(f"m.{column}" for column in _MEASURES.split(", "))
    _replace(
        sa.Column("case_pk", sa.Integer(), autoincrement=False, nullable=False),
        f"case_pk, {_MEASURES}",
        f"SELECT c.pk, {kept} FROM case_measures_old m JOIN cases c ON c.id = m.case_id "
        "ORDER BY c.pk",
    )
    op.execute(
        "UPDATE work_calendars SET stamp = 'w:0' WHERE calendar = '~recount' AND stamp LIKE 'w:%'"
    )


def downgrade() -> None:
    # Every row's case is stored: rows are only written from their case's row.
    kept = ", ".join(f"m.{column}" for column in _MEASURES.split(", "))
    _replace(
        sa.Column("case_id", sa.String(), nullable=False),
        f"rowid, case_id, {_MEASURES}",
        f"SELECT m.case_pk, c.id, {kept} FROM case_measures_old m "
        "JOIN cases c ON c.pk = m.case_pk ORDER BY m.case_pk",
    )
    op.create_index(
        "ix_case_measures_resolved",
        "case_measures",
        ["resolved_at"],
        sqlite_where=sa.text("resolved_at IS NOT NULL"),
    )
