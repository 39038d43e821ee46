"""Column types for SQLite: UTC times as integer microseconds, and JSON as compact text."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Dialect, Integer, Text
from sqlalchemy.types import TypeDecorator

from jundesk.core.json_text import dump_json

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICRO = timedelta(microseconds=1)


def to_micros(value: datetime) -> int:
    """Microseconds since the Unix epoch; naive times are refused (they'd be ambiguous)."""
    if value.tzinfo is None:
        raise ValueError("times must be timezone-aware (UTC)")
    return (value - EPOCH) // _MICRO


def from_micros(value: int) -> datetime:
    # A multiple of one microsecond: exact, and twice as fast as timedelta(microseconds=).
    return EPOCH + _MICRO * value


class UTCTimestamp(TypeDecorator[datetime]):
    """An aware datetime stored as integer microseconds since the epoch (UTC).

    Integers sort in time order, index small, and come back exact and aware.
    """

    impl = Integer
    cache_ok = True

    @staticmethod
    def to_stored(value: datetime | None) -> int | None:
        """The bind conversion without a dialect (bulk inserts call it per value)."""
        return None if value is None else to_micros(value)

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> int | None:
        return self.to_stored(value)

    def process_result_value(self, value: Any | None, dialect: Dialect) -> datetime | None:
        return None if value is None else from_micros(int(value))


class JSONText(TypeDecorator[Any]):
    """A JSON value stored as compact UTF-8 text (readable with the sqlite3 shell)."""

    impl = Text
    cache_ok = True

    @staticmethod
    def to_stored(value: Any | None) -> str | None:
        """The bind conversion without a dialect (bulk inserts call it per value)."""
        return None if value is None else dump_json(value)

    def process_bind_param(self, value: Any | None, dialect: Dialect) -> str | None:
        return self.to_stored(value)

    def process_result_value(self, value: Any | None, dialect: Dialect) -> Any | None:
        return None if value is None else json.loads(value)
