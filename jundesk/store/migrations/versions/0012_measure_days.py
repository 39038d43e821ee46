"""The town's record by the day: each UTC day's case measures packed as columns in one row
(store/measure_days.py), so the Records view reads a quarter or a year as a few hundred
rows. Every day with cases starts waiting to be packed (the record's first preparation
packs them; until then readers read the days' case rows).

The finished index holds each case's arrival and role too: the backlog (open at a moment:
arrived before it, finished after it or not yet) of the town or of some roles is then
counted from the index alone, without reading a row per case.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "measure_days",
        sa.Column("day", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("names", sa.String(), nullable=False),
        sa.Column("pack", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_measure_days")),
    )
    op.drop_index("ix_case_measures_finished", table_name="case_measures")
    op.create_index(
        "ix_case_measures_finished", "case_measures", ["finished_at", "arrived_at", "role"]
    )
    op.execute(
        "INSERT INTO measure_days (day, n, names, pack) "
        "SELECT DISTINCT arrived_at / 86400000000, 0, '', NULL FROM case_measures"
    )


def downgrade() -> None:
    op.drop_table("measure_days")
    op.drop_index("ix_case_measures_finished", table_name="case_measures")
    op.create_index("ix_case_measures_finished", "case_measures", ["finished_at"])
