"""Desk-local tables of the console: unsent drafts, and the cases this desk has seen.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("case_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("error", sa.String(), nullable=False),
        sa.Column("updated_at", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("case_id", "kind", name="pk_drafts"),
    )
    op.create_table(
        "case_seen",
        sa.Column("case_id", sa.String(), nullable=False),
        sa.Column("last_event_id", sa.String(), nullable=False),
        sa.Column("seen_at", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("case_id", name="pk_case_seen"),
    )


def downgrade() -> None:
    op.drop_table("case_seen")
    op.drop_table("drafts")
