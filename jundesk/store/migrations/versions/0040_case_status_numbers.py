"""A case's status is stored as a small number (store/case_codes.py), and its priority as
"" when its priority_rank names it (as it does for every case JunDesk writes): about 13
bytes a case in its row, and 9 in ix_cases_status_rank. Resolved and closed, most of a
town's cases, are 0 and 1, which SQLite stores in no byte at all.

A column declared VARCHAR keeps a number as its text, so status is declared INTEGER
again: SQLite can't change a column's type in place, and the table is copied as in 0030,
from its own CREATE TABLE with that one column declared again, filled in rowid order (a
case keeps its pk, which events, case_posts and case_measures point at), and given back
its indexes from their own CREATE statements and its planner statistics. The numbers
are written out here rather than imported: they are what this revision stored.

A priority that disagrees with its rank keeps its text. Downgrading writes the texts
back, in a copy with status declared VARCHAR again.

Revision ID: 0040
Revises: 0039
Create Date: 2026-12-08
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from alembic import op

revision: str = "0040"
down_revision: str | None = "0039"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STATUS_NUMBERS = {
    "resolved": 0,
    "closed": 1,
    "new": 2,
    "acknowledged": 3,
    "in_progress": 4,
    "rejected": 5,
    "merged": 6,
}
_RANKS = {"urgent": 0, "high": 1, "normal": 2, "low": 3}

# A status this revision has no number for stays as it was (no JunDesk wrote one).
_STATUS_AS_NUMBER = (
    "CASE status "
    + " ".join(f"WHEN '{s}' THEN {n}" for s, n in _STATUS_NUMBERS.items())
    + " ELSE status END"
)
_STATUS_AS_TEXT = (
    "CASE status "
    + " ".join(f"WHEN {n} THEN '{s}'" for s, n in _STATUS_NUMBERS.items())
    + " ELSE status END"
)
_NAMED_BY_RANK = "CASE priority_rank " + " ".join(f"WHEN {r} THEN '{p}'" for p, r in _RANKS.items())
_PRIORITY_UNREPEATED = f"CASE WHEN priority = {_NAMED_BY_RANK} END THEN '' ELSE priority END"
_PRIORITY_AS_TEXT = f"CASE WHEN priority = '' THEN {_NAMED_BY_RANK} ELSE '' END ELSE priority END"

_NAMED = re.compile(r'^CREATE TABLE ("?)(\w+)\1')


def _copy_cases(status_declared: str, values: Mapping[str, str]) -> None:
    """Put in place of `cases` a copy with status declared `status_declared` and each
    row's columns in `values` given by their SQL (of the old row), with the same indexes,
    triggers (none yet) and statistics (foreign keys are off while migrating:
    store/database.py)."""
    bind = op.get_bind()

    def sql(query: str, *params: str) -> list[tuple[str | None, ...]]:
        return [tuple(row) for row in bind.exec_driver_sql(query, params)]

    [(create,)] = sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'cases'")
    assert create is not None
    # The column's definition, at the start of its line: never a longer name ending in it.
    create, retyped = re.subn(r"(?m)^(\s*)status \w+", rf"\g<1>status {status_declared}", create)
    create, named = _NAMED.subn("CREATE TABLE cases_new", create)
    if (retyped, named) != (1, 1):
        raise RuntimeError(f"unexpected definition of cases: {create}")
    # The unique constraint's index (no sql) comes with the CREATE TABLE.
    attached = sql(
        "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
        "AND tbl_name = 'cases' AND sql IS NOT NULL ORDER BY rowid"
    )
    has_statistics = sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
    statistics = (
        sql("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'cases'") if has_statistics else []
    )
    columns = [str(row[1]) for row in sql("PRAGMA table_info(cases)")]
    selected = ", ".join(values.get(name, name) for name in columns)

    op.execute(create)
    op.execute(
        f"INSERT INTO cases_new ({', '.join(columns)}) "
        f"SELECT {selected} FROM cases ORDER BY rowid"
    )
    op.drop_table("cases")  # its indexes, triggers and statistics with it
    op.rename_table("cases_new", "cases")
    for (definition,) in attached:
        op.execute(str(definition))
    for index_name, stat in statistics:
        bind.exec_driver_sql(
            "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('cases', ?, ?)", (index_name, stat)
        )


def upgrade() -> None:
    _copy_cases("INTEGER", {"status": _STATUS_AS_NUMBER, "priority": _PRIORITY_UNREPEATED})


def downgrade() -> None:
    _copy_cases("VARCHAR", {"status": _STATUS_AS_TEXT, "priority": _PRIORITY_AS_TEXT})
