"""What a migration must keep: every table's rows, and the indexes and planner statistics
of the tables it copies."""

from __future__ import annotations

import sqlite3
from pathlib import Path

CASE_TABLES = ("cases", "case_seen")


def indexes_and_statistics(
    db_path: Path, tables: tuple[str, ...] = CASE_TABLES
) -> tuple[set[tuple[str, str]], set[tuple[str, ...]]]:
    """The (name, sql) of the tables' indexes, and their sqlite_stat1 rows."""
    marks = ", ".join("?" * len(tables))
    with sqlite3.connect(db_path) as conn:
        indexes = conn.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ({marks})",
            tables,
        ).fetchall()
        statistics = conn.execute(
            f"SELECT tbl, idx, stat FROM sqlite_stat1 WHERE tbl IN ({marks})", tables
        ).fetchall()
    return set(indexes), set(statistics)


def every_row(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, sorted (the planner's statistics apart: opening a store may
    gather them)."""
    with sqlite3.connect(db_path) as conn:
        names = [
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if name not in ("sqlite_stat1", "alembic_version")
        ]
        return {n: sorted(conn.execute(f"SELECT * FROM {n}"), key=repr) for n in names}
