"""When each case arrived (its first post ingested), beside when it was written: what came
in while a desk was off duty, and the SLA timers, count from arrival.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("cases", sa.Column("arrived_at", sa.Integer(), nullable=True))
    # Cases stored before: the time their ingested event was recorded, else their post's.
    op.execute(
        "UPDATE cases SET arrived_at = COALESCE("
        "(SELECT MIN(events.at) FROM events WHERE events.case_id = cases.id "
        "AND events.kind = 'ingested'), created_at)"
    )
    op.create_index("ix_cases_arrived", "cases", ["arrived_at", "id"])


def downgrade() -> None:
    op.drop_index("ix_cases_arrived", table_name="cases")
    with op.batch_alter_table("cases") as batch:
        batch.drop_column("arrived_at")
