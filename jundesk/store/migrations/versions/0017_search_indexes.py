"""Two small partial indexes for word search: the open cases by rowid with what an inbox
filters and sorts on (a match in a closed case costs a probe there instead of reading the
case's row, and an open inbox's page is ordered from the index), and the private posts'
rowids (which matches are private, without reading the posts).

Both grow with what they hold (open cases, private posts), not with the town's history.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_cases_open_search",
        "cases",
        ["pk", "role", "priority_rank", "created_at", "is_open"],
        sqlite_where=sa.text("is_open = 1"),
    )
    op.create_index("ix_posts_private", "posts", ["pk"], sqlite_where=sa.text("private = 1"))


def downgrade() -> None:
    op.drop_index("ix_posts_private", table_name="posts")
    op.drop_index("ix_cases_open_search", table_name="cases")
