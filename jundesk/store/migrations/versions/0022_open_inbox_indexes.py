"""The inboxes' indexes hold the open cases alone: ix_cases_role_open_rank and
ix_cases_open_rank keep their columns, (role,) is_open, priority_rank, created_at, but only
WHERE is_open = 1. A town's history is mostly closed cases (about 50 bytes a case in the
two indexes); the lists of closed cases read ix_cases_rank in order instead, skipping the
open ones (case_filters.py).

Downgrading makes them again over every case, as they were.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEXES = {
    "ix_cases_role_open_rank": ["role", "is_open", "priority_rank", "created_at"],
    "ix_cases_open_rank": ["is_open", "priority_rank", "created_at"],
}


def upgrade() -> None:
    # Indexes only: no table is recreated, so the posts' FTS triggers stay as they are.
    for name, columns in _INDEXES.items():
        op.drop_index(name, table_name="cases")
        op.create_index(name, "cases", columns, sqlite_where=sa.text("is_open = 1"))


def downgrade() -> None:
    for name, columns in _INDEXES.items():
        op.drop_index(name, table_name="cases")
        op.create_index(name, "cases", columns)
