"""Each case-post link holds the post's rowid (posts.pk, the rowid posts_fts gives back),
indexed: a word search goes from the matching rowids to their cases through that index
alone, without reading the posts (big rows) or looking their 36-character ids up.

The rowid's index replaces the post id's, and the link's foreign key to the post is on the
rowid: the post id stays in the link for the reads that start from a case.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _case_fk() -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["case_id"],
        ["cases.id"],
        name="fk_case_posts_case_id_cases",
        deferrable=True,
        initially="DEFERRED",
    )


def _replace(select_rows: str) -> None:
    """Fill case_posts_new (made by the caller) and put it in place of case_posts.

    Foreign keys are off while migrating (see store/database.py).
    """
    op.execute(f"INSERT INTO case_posts_new {select_rows}")
    op.drop_table("case_posts")
    op.rename_table("case_posts_new", "case_posts")


def upgrade() -> None:
    op.drop_index("ix_case_posts_post_id", table_name="case_posts")
    op.create_table(
        "case_posts_new",
        sa.Column("case_id", sa.String(), nullable=False),
        sa.Column("post_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("post_pk", sa.Integer(), nullable=False),
        _case_fk(),
        sa.ForeignKeyConstraint(
            ["post_pk"],
            ["posts.pk"],
            name="fk_case_posts_post_pk_posts",
            deferrable=True,
            initially="DEFERRED",
        ),
        sa.PrimaryKeyConstraint("case_id", "post_id", name="pk_case_posts"),
        sqlite_with_rowid=False,
    )
    # Every link names a stored post (its foreign key said so).
    _replace(
        "(case_id, post_id, position, post_pk) "
        "SELECT cp.case_id, cp.post_id, cp.position, p.pk "
        "FROM case_posts cp JOIN posts p ON p.id = cp.post_id ORDER BY cp.case_id, cp.post_id"
    )
    op.create_index("ix_case_posts_post_pk", "case_posts", ["post_pk"])


def downgrade() -> None:
    op.drop_index("ix_case_posts_post_pk", table_name="case_posts")
    op.create_table(
        "case_posts_new",
        sa.Column("case_id", sa.String(), nullable=False),
        sa.Column("post_id", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _case_fk(),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["posts.id"],
            name="fk_case_posts_post_id_posts",
            deferrable=True,
            initially="DEFERRED",
        ),
        sa.PrimaryKeyConstraint("case_id", "post_id", name="pk_case_posts"),
        sqlite_with_rowid=False,
    )
    _replace(
        "(case_id, post_id, position) SELECT case_id, post_id, position FROM case_posts "
        "ORDER BY case_id, post_id"
    )
    op.create_index("ix_case_posts_post_id", "case_posts", ["post_id"])
