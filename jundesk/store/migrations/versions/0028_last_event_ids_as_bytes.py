"""A case's last event id, and the mark of the last event a desk has seen of it, are stored
as the 16 bytes of the event's UUID, as the event's own id is (0023): about 20 bytes less
in each case's row. An id that is no canonical UUID stays the text it was.

The two change together: a mark is compared with its case's last event id in SQL, and
SQLite puts every text before every blob (column_types.id_before).

SQLite can't change a column's type in place, so each table is copied: made from its own
CREATE TABLE with that one column declared again (whatever else other revisions made of
the table stays as it is), filled in rowid order (a case keeps its pk, which events,
case_posts and case_measures point at), and given back its indexes, partial ones
included, from their own CREATE statements, and its planner statistics (the same rows
and indexes: they still hold, and the ANALYZE on opening is only tried). SQLite 3.40
has no unhex(), so the ids are converted by the function the store binds them with.
Downgrading writes them as text again, in SQL.

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-08
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from alembic import op

from jundesk.store.column_types import id_to_stored

revision: str = "0028"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = ("cases", "case_seen")
_COLUMN = "last_event_id"
_DECLARED = re.compile(rf"\b{_COLUMN} \w+")
_NAMED = re.compile(r'^CREATE TABLE ("?)(\w+)\1')

# The canonical text of a 16-byte id, in SQL (what column_types.id_from_stored gives).
_AS_TEXT = (
    "CASE WHEN typeof({c}) = 'blob' THEN lower(substr(hex({c}), 1, 8) || '-' || "
    "substr(hex({c}), 9, 4) || '-' || substr(hex({c}), 13, 4) || '-' || "
    "substr(hex({c}), 17, 4) || '-' || substr(hex({c}), 21)) ELSE {c} END"
)


def _retype(table: str, declared: str, value: str) -> None:
    """Put in place of `table` a copy with last_event_id declared `declared` and each row's
    given by the SQL `value` (of the old one), with the same indexes, triggers (none yet)
    and statistics (foreign keys are off while migrating: store/database.py)."""
    bind = op.get_bind()

    def sql(query: str, *params: str) -> list[tuple[str | None, ...]]:
        return [tuple(row) for row in bind.exec_driver_sql(query, params)]

    [(create,)] = sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", table)
    assert create is not None
    create, retyped = _DECLARED.subn(f"{_COLUMN} {declared}", create)
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
    values = ", ".join(value if name == _COLUMN else name for name in columns)

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
    connection.create_function("jundesk_last_event_id_to_stored", 1, id_to_stored, deterministic=True)
    for table in _TABLES:
        _retype(table, "BLOB", f"jundesk_last_event_id_to_stored({_COLUMN})")


def downgrade() -> None:
    for table in _TABLES:
        _retype(table, "VARCHAR", _AS_TEXT.format(c=_COLUMN))
