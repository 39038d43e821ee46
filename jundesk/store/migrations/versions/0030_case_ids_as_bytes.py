"""A case's id is stored as the 16 bytes of its UUID, as its events' ids are (0023): about
20 bytes less in each case's row and in each entry of its unique index. An id that is no
canonical UUID stays the text it was.

case_seen's case ids change with them: count_unread joins them with cases.id, and SQLite
never finds a text equal to a blob. The other tables that name a case (drafts,
blocked_posts, sync_held_events, cases.merged_into) keep text: SQL never compares them
with cases.id, and the store looks them up by the ids it is given.

SQLite can't change a column's type in place, so each table is copied as in 0028: made
from its own CREATE TABLE with that one column declared again, filled in rowid order (a
case keeps its pk, which events, case_posts and case_measures point at), and given back
its indexes from their own CREATE statements and its planner statistics. SQLite 3.40 has
no unhex(), so the ids are converted by the function the store binds them with.
Downgrading writes them as text again, in SQL.

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-08
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from alembic import op

from jundesk.store.column_types import id_to_stored

revision: str = "0030"
down_revision: str | None = "0029"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Each table with its column naming a case.
_COLUMNS = (("cases", "id"), ("case_seen", "case_id"))
_NAMED = re.compile(r'^CREATE TABLE ("?)(\w+)\1')

# The canonical text of a 16-byte id, in SQL (what column_types.id_from_stored gives).
_AS_TEXT = (
    "CASE WHEN typeof({c}) = 'blob' THEN lower(substr(hex({c}), 1, 8) || '-' || "
    "substr(hex({c}), 9, 4) || '-' || substr(hex({c}), 13, 4) || '-' || "
    "substr(hex({c}), 17, 4) || '-' || substr(hex({c}), 21)) ELSE {c} END"
)


def _retype(table: str, column: str, declared: str, value: str) -> None:
    """Put in place of `table` a copy with `column` declared `declared` and each row's
    given by the SQL `value` (of the old one), with the same indexes, triggers (none yet)
    and statistics (foreign keys are off while migrating: store/database.py)."""
    bind = op.get_bind()

    def sql(query: str, *params: str) -> list[tuple[str | None, ...]]:
        return [tuple(row) for row in bind.exec_driver_sql(query, params)]

    [(create,)] = sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table)
    assert create is not None
    # The column's definition, at the start of its line: never a longer name ending in it.
    create, retyped = re.subn(rf"(?m)^(\s*){column} \w+", rf"\g<1>{column} {declared}", create)
    create, named = _NAMED.subn(f"CREATE TABLE {table}_new", create)
    if (retyped, named) != (1, 1):
        raise RuntimeError(f"unexpected definition of {table}: {create}")
    # The unique constraints' indexes (no sql) come with the CREATE TABLE.
    attached = sql(
        "SELECT sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND tbl_name = ? "
        "AND sql IS NOT NULL ORDER BY rowid",
        table,
    )
    has_statistics = sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
    statistics = (
        sql("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = ?", table) if has_statistics else []
    )
    columns = [str(row[1]) for row in sql(f"PRAGMA table_info({table})")]
    values = ", ".join(value if name == column else name for name in columns)

    op.execute(create)
    op.execute(
        f"INSERT INTO {table}_new ({', '.join(columns)}) "
        f"SELECT {values} FROM {table} ORDER BY rowid"
    )
    op.drop_table(table)  # its indexes, triggers and statistics with it
    op.rename_table(f"{table}_new", table)
    for (definition,) in attached:
        op.execute(str(definition))
    for index_name, stat in statistics:
        bind.exec_driver_sql(
            "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", (table, index_name, stat)
        )


def upgrade() -> None:
    connection = op.get_bind().connection.driver_connection
    # A name of its own: redefining one an earlier revision registered on this connection
    # fails while a statement is open.
    connection.create_function("jundesk_case_id_to_stored", 1, id_to_stored, deterministic=True)
    for table, column in _COLUMNS:
        _retype(table, column, "BLOB", f"jundesk_case_id_to_stored({column})")


def downgrade() -> None:
    for table, column in _COLUMNS:
        _retype(table, column, "VARCHAR", _AS_TEXT.format(c=column))
