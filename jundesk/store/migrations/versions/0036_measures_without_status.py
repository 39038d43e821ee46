"""The measures no longer copy their case's status: the one reader of it (a report's
rows of cases) joins the case's row anyway. About 9 bytes a post.

SQLite drops the column in place (no index or trigger names it). Downgrading adds it
back, at the end of the row, filled from the cases.

Revision ID: 0036
Revises: 0035
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0036"
down_revision: str | None = "0035"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("ALTER TABLE case_measures DROP COLUMN status")


def downgrade() -> None:
    op.execute("ALTER TABLE case_measures ADD COLUMN status VARCHAR NOT NULL DEFAULT ''")
    op.execute(
        "UPDATE case_measures SET status = "
        "(SELECT c.status FROM cases c WHERE c.pk = case_measures.case_pk)"
    )
