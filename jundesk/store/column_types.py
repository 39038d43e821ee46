"""Column types for SQLite: UTC times as integer microseconds, JSON as compact text, and
UUIDs as their 16 bytes."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Dialect,
    Integer,
    LargeBinary,
    Text,
    and_,
    case,
    func,
    literal_column,
)
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


def id_to_stored(value: str) -> bytes | str:
    """A canonical UUID (lowercase, with its four dashes, as every desk makes ids) as its
    16 bytes; any other id as the text it is (so it comes back exactly)."""
    if len(value) == 36 and value[8] == value[13] == value[18] == value[23] == "-":
        digits = value.replace("-", "")
        try:
            raw = bytes.fromhex(digits)
        except ValueError:
            return value
        if raw.hex() == digits:  # fromhex also takes capitals and spaces
            return raw
    return value


def id_from_stored(value: bytes | str) -> str:
    if isinstance(value, bytes):
        h = value.hex()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
    return value


class UUIDBytes(TypeDecorator[str]):
    """An id kept as 16 bytes when it is a canonical UUID, else as its text: 20 bytes less
    in the row and in each index entry than the 36 characters. SQLite orders the bytes as
    the canonical text would sort (every text id sorts before every byte one)."""

    impl = LargeBinary
    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> Callable[[str | None], bytes | str | None]:
        # Not LargeBinary's processing after ours: it refuses an id kept as text, and
        # sqlite3 takes bytes and text alike.
        return self._to_stored

    @staticmethod
    def _to_stored(value: str | None) -> bytes | str | None:
        return None if value is None else id_to_stored(value)

    def process_bind_param(self, value: str | None, dialect: Dialect) -> bytes | str | None:
        return self._to_stored(value)

    def process_result_value(self, value: bytes | str | None, dialect: Dialect) -> str | None:
        return None if value is None else id_from_stored(value)


def _id_text(stored: ColumnElement[Any]) -> ColumnElement[str]:
    """A UUIDBytes column's value as its id's text, in SQL (what id_from_stored gives)."""
    digits = func.hex(stored)
    # Constants as literals, not parameters: the statement reads as the SQL it runs.
    dash: ColumnElement[str] = literal_column("'-'")
    parts = [func.substr(digits, literal_column(str(start)), literal_column(str(length)))
             for start, length in ((1, 8), (9, 4), (13, 4), (17, 4), (21, 12))]  # fmt: skip
    canonical: ColumnElement[Any] = parts[0]
    for part in parts[1:]:
        canonical = canonical.concat(dash).concat(part)
    blob = func.typeof(stored) == literal_column("'blob'")
    return case((blob, func.lower(canonical)), else_=stored)


def id_before(earlier: ColumnElement[Any], later: ColumnElement[Any]) -> ColumnElement[bool]:
    """Whether one UUIDBytes value's id sorts before another's as their texts do, in SQL.

    Two ids stored alike compare as they are (16 bytes sort as their canonical texts).
    SQLite would put a text id before every 16-byte one, whatever its text: such a pair,
    rare (an id no desk made beside one a desk made), compares by the texts instead, as
    Python compares the ids the store gives back.
    """
    # Most marks are their case's last event: the first comparison settles those.
    return and_(
        earlier != later,
        case(
            (func.typeof(earlier) == func.typeof(later), earlier < later),
            else_=_id_text(earlier) < _id_text(later),
        ),
    )
