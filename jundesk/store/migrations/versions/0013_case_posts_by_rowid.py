"""Case-post links keyed by the case's and the post's rowids instead of their 36-character
ids: a link shrinks from ~180 bytes (two text ids, in the table and again in the post
index) to about a dozen, and a word search goes from posts_fts's rowids to the cases'
rowids through integers alone (no text id is looked up per match).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _deferred_fk(column: str, target: str) -> sa.ForeignKeyConstraint:
    table = target.split(".")[0]
    return sa.ForeignKeyConstraint(
        [column],
        [target],
        name=f"fk_case_posts_{column}_{table}",
        deferrable=True,
        initially="DEFERRED",
    )


def _replace(select_rows: str) -> None:
    """Fill case_posts_new (made by the caller) and put it in place of case_posts.

    Foreign keys are off while migrating (see store/database.py); they are checked
    before the commit.
    """
    op.drop_index("ix_case_posts_post_pk", table_name="case_posts")
    op.execute(f"INSERT INTO case_posts_new {select_rows}")
    op.drop_table("case_posts")
    op.rename_table("case_posts_new", "case_posts")
    op.create_index("ix_case_posts_post_pk", "case_posts", ["post_pk"])


def upgrade() -> None:
    op.create_table(
        "case_posts_new",
        sa.Column("case_pk", sa.Integer(), nullable=False),
        sa.Column("post_pk", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _deferred_fk("case_pk", "cases.pk"),
        _deferred_fk("post_pk", "posts.pk"),
        sa.PrimaryKeyConstraint("case_pk", "post_pk", name="pk_case_posts"),
        sqlite_with_rowid=False,
    )
    # Every link names a stored case (its foreign key said so).
    _replace(
        "(case_pk, post_pk, position) "
        "SELECT c.pk, cp.post_pk, cp.position FROM case_posts cp JOIN cases c "
        "ON c.id = cp.case_id ORDER BY c.pk, cp.post_pk"
    )


def downgrade() -> None:
    op.create_table(
        "case_posts_new",
        sa.Column("case_id", sa.String(), nullable=False),
        sa.Column("post_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("post_pk", sa.Integer(), nullable=False),
        _deferred_fk("case_id", "cases.id"),
        _deferred_fk("post_pk", "posts.pk"),
        sa.PrimaryKeyConstraint("case_id", "post_id", name="pk_case_posts"),
        sqlite_with_rowid=False,
    )
    _replace(
        "(case_id, post_id, position, post_pk) "
        "SELECT c.id, p.id, cp.position, cp.post_pk FROM case_posts cp "
        "JOIN cases c ON c.pk = cp.case_pk JOIN posts p ON p.pk = cp.post_pk "
        "ORDER BY c.id, p.id"
    )
