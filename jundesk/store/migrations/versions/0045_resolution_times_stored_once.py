"""A resolution time is stored once, not two or three times over.

A case's row keeps its resolution as how long before its last change (updated_at) it came:
0, in no byte, for a case whose last change was its resolution, as it is for most of a
town's cases, and a few bytes for one noted or closed after (store/case_codes.py). The
rows are changed in place (the file keeps the room they free until it is vacuumed), and
the same UPDATE undoes itself: downgrading runs it again.

A case's measures read resolved_at from finished_at, which holds the very same time
unless the case was rejected: resolved_at becomes a virtual column (computed when read,
never stored), and a `rejected` flag (0 or 1, in no byte of the row) says when it is
NULL. SQLite can't make a stored column virtual in place, so the table is copied: made
anew under its own name from its own CREATE TABLE with those two columns declared again,
filled in rowid order (each row keeps its case's rowid, so a recount of the working clocks
under way stays where it was), and given back its indexes from their own CREATE
statements and its planner statistics. Every row reads back the same, so the days' packs
still hold; a row whose resolution is neither its finish nor NULL (none should be: every
JunDesk has written them so) reads its finish as its resolution, and its day is packed
again. Downgrading copies the table back with resolved_at stored.

Revision ID: 0045
Revises: 0044
Create Date: 2026-12-08
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from alembic import op

revision: str = "0045"
down_revision: str | None = "0044"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DAY_US = 86_400_000_000
# The column definitions this revision changes, as the tables' CREATE statements give them.
_STORED = "resolved_at INTEGER"
_VIRTUAL = (
    "resolved_at INTEGER GENERATED ALWAYS AS (CASE WHEN rejected = 0 THEN finished_at END) "
    "VIRTUAL"
)
_FINISHED = "finished_at INTEGER"
_FLAG = "rejected BOOLEAN NOT NULL"
_NAMED = re.compile(r'^CREATE TABLE ("?)case_measures\1 \(')
# The columns both versions store, but for resolved_at and rejected.
_KEPT = (
    "case_pk, role, priority, is_open, channel, desk, person, arrived_at, acked_at, "
    "replied_at, finished_at, reopens, arrived_w, acked_w, replied_w, resolved_w"
)


def _resolutions_against_updates() -> None:
    """A case's resolution time becomes its distance from updated_at, and back."""
    op.execute(
        "UPDATE cases SET resolved_at = updated_at - resolved_at "
        "WHERE resolved_at IS NOT NULL AND updated_at IS NOT NULL"
    )


def _copy_measures(edit: Callable[[str], str], columns: str, select: str) -> None:
    """Put in place of case_measures a copy made from its CREATE TABLE as `edit` gives it,
    filled with `columns` by `select` from the old one (named case_measures_old by then),
    with the same indexes and statistics (foreign keys are off while migrating:
    store/database.py; none points at this table)."""
    bind = op.get_bind()

    def sql(query: str) -> list[tuple[str | None, ...]]:
        return [tuple(row) for row in bind.exec_driver_sql(query)]

    [(create,)] = sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'case_measures'"
    )
    assert create is not None
    create = edit(create)
    indexes = sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
        "AND tbl_name = 'case_measures' AND sql IS NOT NULL ORDER BY rowid"
    )
    has_statistics = sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
    statistics = (
        sql("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'case_measures'")
        if has_statistics
        else []
    )
    # Index names are the whole schema's: the old table's go before the new one's come.
    for name, _ in indexes:
        op.execute(f"DROP INDEX {name}")
    op.rename_table("case_measures", "case_measures_old")
    op.execute(create)
    op.execute(f"INSERT INTO case_measures ({columns}) {select} ORDER BY case_pk")
    op.drop_table("case_measures_old")
    for _, definition in indexes:
        op.execute(str(definition))
    for index_name, stat in statistics:
        bind.exec_driver_sql(
            "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('case_measures', ?, ?)",
            (index_name, stat),
        )


def _edited(create: str, pattern: str, by: str) -> str:
    """`create` with the one column definition that `pattern` matches (a whole line, so
    never a longer name ending in it) replaced by the template `by` (group 1: the line's
    indent, group 2: what follows its comma)."""
    edited, found = re.subn(rf"(?m)^([ \t]*){pattern},( ?)$\n", by, create)
    if found != 1 or not _NAMED.match(edited):
        raise RuntimeError(f"unexpected definition of case_measures: {create}")
    return edited


def _virtual(create: str) -> str:
    create = _edited(create, re.escape(_STORED), rf"\g<1>{_VIRTUAL},\2\n")
    return _edited(create, re.escape(_FINISHED), rf"\g<1>{_FINISHED},\2\n\g<1>{_FLAG},\2\n")


def _stored(create: str) -> str:
    create = _edited(create, re.escape(_VIRTUAL), rf"\g<1>{_STORED},\2\n")
    return _edited(create, re.escape(_FLAG), "")


def upgrade() -> None:
    _resolutions_against_updates()
    op.execute(
        f"UPDATE measure_days SET pack = NULL WHERE pack IS NOT NULL AND day IN "
        f"(SELECT arrived_at / {_DAY_US} FROM case_measures "
        "WHERE resolved_at IS NOT NULL AND resolved_at IS NOT finished_at)"
    )
    _copy_measures(
        _virtual,
        f"{_KEPT}, rejected",
        f"SELECT {_KEPT}, resolved_at IS NULL AND finished_at IS NOT NULL FROM case_measures_old",
    )


def downgrade() -> None:
    _copy_measures(
        _stored,
        f"{_KEPT}, resolved_at",
        f"SELECT {_KEPT}, resolved_at FROM case_measures_old",
    )
    _resolutions_against_updates()
