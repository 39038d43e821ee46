"""Bulk inserts straight to the driver: intake writes thousands of rows a second, and
SQLAlchemy's per-row statement machinery was a third of that time.

Column types' bind processors still apply, so rows hold the same values a Core insert
would write.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cache
from operator import itemgetter
from typing import Any, cast

from sqlalchemy import Boolean, Connection, Table
from sqlalchemy.types import TypeDecorator

_Processor = Callable[[Any], Any] | None


def insert_sql(table: str, columns: Sequence[str], upsert_on: Sequence[str] = ()) -> str:
    """An INSERT of one row of `columns` into `table`, as `?` parameters in their order;
    with `upsert_on` (a unique key's columns) a row whose key is stored updates it."""
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" for _ in columns)
    sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'
    if upsert_on:
        sets = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c not in upsert_on)
        sql += f" ON CONFLICT ({', '.join(upsert_on)}) DO UPDATE SET {sets}"
    return sql


@cache
def _plan(
    table: Table,
    columns: tuple[str, ...],
    upsert_on: tuple[str, ...],
    dialect_name: str,
    conn_dialect: Any,
) -> tuple[str, tuple[_Processor, ...]]:
    sql = insert_sql(table.name, columns, upsert_on)
    processors = tuple(_processor(table.c[c].type, conn_dialect) for c in columns)
    return sql, processors


def _processor(column_type: Any, dialect: Any) -> _Processor:
    """The column type's bind conversion; our own TypeDecorators are called directly when
    their stored type needs none (SQLAlchemy's wrapper doubles the calls per value)."""
    direct = getattr(column_type, "to_stored", None)
    if direct is not None:
        return cast(_Processor, direct)
    if isinstance(column_type, Boolean):
        # sqlite3 stores a bool as the integer it is (True is 1): nothing to convert.
        return None
    if isinstance(column_type, TypeDecorator):
        impl = column_type.impl_instance.bind_processor(dialect)
        if impl is None:
            convert = column_type.process_bind_param
            return lambda value: convert(value, dialect)
    processor: _Processor = column_type.bind_processor(dialect)
    return processor


def insert_rows(
    conn: Connection,
    table: Table,
    rows: Sequence[Mapping[str, Any]],
    *,
    upsert_on: tuple[str, ...] = (),
) -> None:
    """INSERT many rows having the same keys; with `upsert_on` (a unique key's columns) a
    row whose key is stored updates the stored row instead."""
    if not rows:
        return
    columns = tuple(rows[0])
    sql, processors = _plan(table, columns, upsert_on, conn.dialect.name, conn.dialect)
    take = itemgetter(*columns)
    converted = [(i, p) for i, p in enumerate(processors) if p is not None]
    if len(columns) == 1:
        params: list[Any] = [(take(row),) for row in rows]
    elif not converted:
        params = [take(row) for row in rows]
    else:
        # Most columns go through as they are: convert only those with a bind processor.
        params = []
        for row in rows:
            values = list(take(row))
            for i, process in converted:
                values[i] = process(values[i])
            params.append(tuple(values))
    conn.exec_driver_sql(sql, params)
