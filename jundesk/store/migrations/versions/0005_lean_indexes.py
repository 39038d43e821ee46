"""Leaner indexes: a case's events are found by case alone (the fold sorts them), and only
assigned cases are indexed by assignee.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ASSIGNEE_COLUMNS = ["assignee", "is_open", "priority_rank", "created_at", "id"]


def upgrade() -> None:
    # Indexes only: no table is recreated, so the posts' FTS triggers stay as they are.
    op.drop_index("ix_events_case_at", table_name="events")
    op.create_index("ix_events_case_id", "events", ["case_id"])
    op.drop_index("ix_cases_assignee_open_rank", table_name="cases")
    op.create_index(
        "ix_cases_assignee_open_rank",
        "cases",
        _ASSIGNEE_COLUMNS,
        sqlite_where=sa.text("assignee != ''"),
    )


def downgrade() -> None:
    op.drop_index("ix_cases_assignee_open_rank", table_name="cases")
    op.create_index("ix_cases_assignee_open_rank", "cases", _ASSIGNEE_COLUMNS)
    op.drop_index("ix_events_case_id", table_name="events")
    op.create_index("ix_events_case_at", "events", ["case_id", "at", "id"])
