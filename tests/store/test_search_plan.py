"""A word search starts from the matching posts, not from the list it filters.

Walking an inbox's index and testing each case against the matches costs one probe per
open case (a town's 100,000 open cases: ~100 ms); starting from the newest matches costs
one lookup per match. The plan SQLite picks is what decides it, so that is checked here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.dialects import sqlite

from jundesk.core.case_filter import CaseFilter
from jundesk.core.model import Status
from jundesk.store import Store
from jundesk.store.case_filters import clauses
from jundesk.store.models import CASES


def _plan(db_path: Path, where: CaseFilter) -> str:
    query = (
        select(CASES.c.id)
        .where(*clauses(where))
        .order_by(CASES.c.priority_rank, CASES.c.created_at, CASES.c.id)
        .limit(200)
    )
    sql = str(query.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
    with sqlite3.connect(db_path) as conn:
        return " | ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql))


@pytest.mark.parametrize(
    "where",
    [
        CaseFilter(search="farola"),
        CaseFilter(search="farola", statuses=tuple(Status)),
        CaseFilter(search="farola", roles=("police",)),
        CaseFilter(search="farola", assignee="Paco"),
        CaseFilter(search="farola", statuses=(Status.RESOLVED,)),
    ],
)
def test_a_search_looks_cases_up_by_rowid_from_the_matches(
    store: Store, db_path: Path, where: CaseFilter
) -> None:
    plan = _plan(db_path, where)
    assert "SCAN posts_fts" in plan
    assert "SEARCH cases USING INTEGER PRIMARY KEY (rowid=?)" in plan
    # From the matching rowids straight to the cases' rowids, without reading a post's row
    # or looking a text id up.
    assert "SEARCH case_posts USING COVERING INDEX ix_case_posts_post_pk (post_pk=?)" in plan
    assert "sqlite_autoindex_cases_1" not in plan
    assert " posts " not in plan + " "
    for list_index in ("ix_cases_open_rank", "ix_cases_role_open_rank", "ix_cases_rank"):
        assert list_index not in plan


def test_without_words_the_list_walks_its_index(store: Store, db_path: Path) -> None:
    assert "ix_cases_open_rank" in _plan(db_path, CaseFilter())
    assert "ix_cases_assignee_open_rank" in _plan(db_path, CaseFilter(assignee="Paco"))
