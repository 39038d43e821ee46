"""A word search starts from the matching posts, not from the list it filters.

Walking an inbox's index and testing each case against the matches costs one probe per
open case (a town's 100,000 open cases: ~100 ms); starting from the newest matches costs
one lookup per match. The plan SQLite picks is what decides it, so that is checked here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.dialects import sqlite

from jundesk.core.case_filter import CaseFilter
from jundesk.core.model import Post, Priority, Status
from jundesk.store import Store
from jundesk.store.case_filters import filtered
from jundesk.store.database import HintingCompiler, downgrade, upgrade
from jundesk.store.models import CASES


def _plan(db_path: Path, where: CaseFilter, column: str = "id") -> str:
    query = filtered(select(CASES.c[column]), where).order_by(
        CASES.c.priority_rank, CASES.c.created_at, CASES.c.pk
    )
    dialect = sqlite.dialect()
    dialect.statement_compiler = HintingCompiler  # as the store's engines compile
    sql = str(query.limit(200).compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
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
    if where.statuses is None:
        # Among the open cases: probed in their partial index, so a match in a closed
        # case reads no row.
        assert "SEARCH cases USING INDEX ix_cases_open_search (pk=?)" in plan
    else:
        assert "SEARCH cases USING INTEGER PRIMARY KEY (rowid=?)" in plan
    # From the matching rowids straight to the cases' rowids, without reading a post's row
    # or looking a text id up.
    assert "SEARCH case_posts USING COVERING INDEX ix_case_posts_post_pk (post_pk=?)" in plan
    assert "sqlite_autoindex_cases_1" not in plan
    assert " posts " not in plan + " "
    for list_index in ("ix_cases_open_rank", "ix_cases_role_open_rank", "ix_cases_rank"):
        assert list_index not in plan


@pytest.mark.parametrize(
    ("where", "index"),
    [
        # The open cases: their partial indexes, read in list order from the start.
        (CaseFilter(), "ix_cases_open_rank (is_open=?)"),
        (CaseFilter(statuses=Status.open()), "ix_cases_open_rank (is_open=?)"),
        (CaseFilter(priorities=(Priority.URGENT,)), "ix_cases_open_rank (is_open=? AND "),
        (CaseFilter(roles=("police",)), "ix_cases_role_open_rank (role=? AND is_open=?)"),
        (CaseFilter(assignee="Paco"), "ix_cases_assignee_open_rank (assignee=? AND is_open=?)"),
        # Every case, or every closed one: the list order over every case, the open ones
        # skipped on the way (nine in ten cases are closed).
        (CaseFilter(statuses=tuple(Status)), "ix_cases_rank"),
        (CaseFilter(statuses=Status.done()), "ix_cases_rank"),
        (CaseFilter(statuses=Status.done(), roles=("police",)), "ix_cases_rank"),
        (CaseFilter(statuses=(Status.RESOLVED,)), "ix_cases_status_rank (status=?)"),
    ],
)
def test_without_words_the_list_walks_its_index(
    store: Store, db_path: Path, where: CaseFilter, index: str
) -> None:
    plan = _plan(db_path, where)
    assert f"USING INDEX {index}" in plan
    assert "TEMP B-TREE" not in plan  # read in list order: no sort of the cases it holds
    if where.statuses is None or set(where.statuses) == set(Status.open()):
        # The open cases' index holds them alone: never a walk of every case.
        assert "ix_cases_rank" not in plan
        assert "ix_cases_status_rank" not in plan


@pytest.mark.parametrize(
    ("where", "index"),
    [
        (CaseFilter(), "ix_cases_open_rank (is_open=?)"),
        (CaseFilter(roles=("police",)), "ix_cases_role_open_rank (role=? AND is_open=?)"),
        (CaseFilter(roles=("police", "lighting")), "ix_cases_role_open_rank (role=? AND "),
    ],
)
def test_the_open_cases_are_counted_in_their_index_alone(
    store: Store, db_path: Path, where: CaseFilter, index: str
) -> None:
    query = filtered(select(func.count()).select_from(CASES), where)
    dialect = sqlite.dialect()
    dialect.statement_compiler = HintingCompiler
    sql = str(query.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
    with sqlite3.connect(db_path) as conn:
        plan = " | ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql))
    assert f"USING COVERING INDEX {index}" in plan


@pytest.mark.parametrize(
    "where",
    [
        CaseFilter(search="farola"),
        CaseFilter(search="farola", roles=("police", "lighting")),
        CaseFilter(search="farola", priorities=(Priority.URGENT,)),
        CaseFilter(search="farola calle", private_roles=("lighting",)),
    ],
)
def test_an_open_inbox_search_orders_its_page_from_the_index_alone(
    store: Store, db_path: Path, where: CaseFilter
) -> None:
    plan = _plan(db_path, where, column="pk")
    assert "SEARCH cases USING COVERING INDEX ix_cases_open_search (pk=?)" in plan
    for list_index in ("ix_cases_open_rank", "ix_cases_role_open_rank", "ix_cases_rank"):
        assert list_index not in plan
    if where.private_roles is not None:
        # Which matches are private: probed in their partial index, no post row read.
        assert "SEARCH posts USING INDEX ix_posts_private" in plan
        assert "SEARCH posts USING INTEGER PRIMARY KEY" not in plan
        # From a private match to its case's role by the case's rowid, not a role's cases.
        assert "SEARCH of_role USING INTEGER PRIMARY KEY (rowid=?)" in plan


def _indexes(db_path: Path) -> set[str]:
    with sqlite3.connect(db_path) as conn:
        return {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}


def test_the_search_indexes_come_and_go_with_their_migration(
    db_path: Path, ingest: Callable[..., tuple[str, Post]]
) -> None:
    with Store(db_path) as store:
        case_id, _ = ingest("La farola de la calle Real está rota")
        secret, _ = ingest("Farola rota en mi portal", source="telegram", private=True)
        assert {s.case.id for s in store.list_cases(CaseFilter(search="farola"))} == {
            case_id,
            secret,
        }
        at_police = CaseFilter(search="farola", private_roles=("police",))
        assert {s.case.id for s in store.list_cases(at_police)} == {case_id}
    assert {"ix_cases_open_search", "ix_posts_private"} <= _indexes(db_path)
    with sqlite3.connect(db_path) as conn:
        # Only what they are for: the open cases, the private posts.
        assert conn.execute(
            "SELECT count(*) FROM cases INDEXED BY ix_cases_open_search WHERE is_open = 1"
        ).fetchone() == (2,)
        assert conn.execute("SELECT count(*) FROM posts INDEXED BY ix_posts_private "
                            "WHERE private = 1").fetchone() == (1,)  # fmt: skip
    downgrade(db_path, "0016")
    assert not {"ix_cases_open_search", "ix_posts_private"} & _indexes(db_path)
    upgrade(db_path)
    assert {"ix_cases_open_search", "ix_posts_private"} <= _indexes(db_path)
