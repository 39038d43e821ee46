"""The town's record: per-case measures kept with the events, and working calendars'
marks; existing cases get their measures at once (working times wait for the calendars).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The measures of every stored case, as store/measures.py computed them when this
# revision was written (frozen here: a later change of that module must not change it).
_BACKFILL = """
INSERT INTO case_measures (case_id, role, priority, status, is_open, channel, desk, person,
  arrived_at, acked_at, replied_at, resolved_at, finished_at, reopens)
SELECT c.id, c.role, c.priority, c.status, c.is_open,
  COALESCE((SELECT p.source FROM case_posts cp JOIN posts p ON p.id = cp.post_id
            WHERE cp.case_id = c.id ORDER BY cp.position LIMIT 1), ''),
  COALESCE(h.actor_desk, ''), COALESCE(h.actor_person, ''),
  COALESCE(c.arrived_at, c.created_at), c.acknowledged_at, c.first_reply_at,
  CASE WHEN c.status IN ('resolved', 'closed') THEN c.resolved_at END,
  CASE WHEN c.status IN ('resolved', 'closed') THEN c.resolved_at
       WHEN c.status = 'rejected' THEN c.updated_at END,
  (SELECT count(*) FROM events r WHERE r.case_id = c.id AND r.kind = 'reopened')
FROM cases c
LEFT JOIN events h ON h.id = COALESCE(
  (SELECT e.id FROM events e WHERE e.case_id = c.id AND e.kind = 'resolved'
   ORDER BY e.at DESC, e.id DESC LIMIT 1),
  (SELECT e.id FROM events e WHERE e.case_id = c.id AND e.kind = 'closed'
   ORDER BY e.at DESC, e.id DESC LIMIT 1),
  (SELECT e.id FROM events e WHERE e.case_id = c.id
   AND e.kind IN ('acknowledged', 'started', 'replied') ORDER BY e.at, e.id LIMIT 1))
WHERE c.status != 'merged'
"""


def upgrade() -> None:
    op.create_table(
        "case_measures",
        sa.Column("case_id", sa.String(), nullable=False),
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
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_case_measures")),
    )
    op.create_index("ix_case_measures_arrived", "case_measures", ["arrived_at", "role"])
    op.create_index("ix_case_measures_role_arrived", "case_measures", ["role", "arrived_at"])
    op.create_index("ix_case_measures_finished", "case_measures", ["finished_at"])
    op.create_index(
        "ix_case_measures_resolved",
        "case_measures",
        ["resolved_at"],
        sqlite_where=sa.text("resolved_at IS NOT NULL"),
    )
    op.create_table(
        "work_marks",
        sa.Column("calendar", sa.String(), nullable=False),
        sa.Column("at", sa.Integer(), nullable=False),
        sa.Column("cum", sa.Integer(), nullable=False),
        sa.Column("open", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("calendar", "at", name=op.f("pk_work_marks")),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "work_calendars",
        sa.Column("calendar", sa.String(), nullable=False),
        sa.Column("stamp", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("calendar", name=op.f("pk_work_calendars")),
    )
    op.execute(_BACKFILL)


def downgrade() -> None:
    op.drop_table("work_calendars")
    op.drop_table("work_marks")
    op.drop_index("ix_case_measures_resolved", table_name="case_measures")
    op.drop_index("ix_case_measures_finished", table_name="case_measures")
    op.drop_index("ix_case_measures_role_arrived", table_name="case_measures")
    op.drop_index("ix_case_measures_arrived", table_name="case_measures")
    op.drop_table("case_measures")
