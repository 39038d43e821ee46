"""Column types for SQLite: UTC times as integer microseconds, JSON as compact text,
UUIDs as their 16 bytes, a source's numeric ids as their bytes, and a case's confidence
as thousandths."""

from __future__ import annotations

import json
import struct
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Dialect,
    Float,
    Integer,
    LargeBinary,
    String,
    Text,
    and_,
    case,
    func,
    literal_column,
    or_,
    type_coerce,
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
    """The id a UUIDBytes value is of (raw SQL reads the stored value)."""
    if isinstance(value, bytes):
        h = value.hex()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
    return value


# Ids bound in one `IN (...)` list: well under SQLite's limit of 32,766 parameters.
IDS_PER_LIST = 5000


def stored_id_lists(ids: Iterable[str]) -> Iterator[tuple[str, tuple[bytes | str, ...]]]:
    """These ids (each once) as a UUIDBytes column stores them, a list at a time, each with
    the `(?, ?, ...)` that binds it. Raw SQL must compare such a column with stored values:
    SQLite finds no text equal to a blob, and json_each gives only texts."""
    unique = [id_to_stored(i) for i in dict.fromkeys(ids)]
    for start in range(0, len(unique), IDS_PER_LIST):
        part = tuple(unique[start : start + IDS_PER_LIST])
        yield f"({', '.join('?' * len(part))})", part


# The events' and the posts' ids are indexed by their first 8 bytes (ix_events_id_prefix,
# ix_posts_id_prefix), the millisecond and the count within it of a UUIDv7, or the first 8
# characters of an id kept as text: 17 bytes an entry, not 26 with the whole id. SQL finds
# a row by id with both.
ID_PREFIX = 8
ID_PREFIX_SQL = f"substr(id, 1, {ID_PREFIX})"


class _AsStored(TypeDecorator[Any]):
    """Values bound as they are (a stored id's prefix: bytes, or a text id's text)."""

    impl = LargeBinary
    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> None:
        return None


def id_prefix(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """A column's ID_PREFIX_SQL, as SQLAlchemy writes it: the literal numbers, not bound
    ones, so SQLite sees the indexed expression; bound as they are (an id kept as text
    has a text prefix)."""
    return func.substr(
        column, literal_column("1"), literal_column(str(ID_PREFIX)), type_=_AsStored()
    )


def id_among(column: ColumnElement[Any], ids: Iterable[str]) -> ColumnElement[bool]:
    """That a UUIDBytes `column` indexed by its prefixes holds one of these ids, by way
    of that index."""
    unique = list(dict.fromkeys(ids))
    prefixes = list(dict.fromkeys(id_to_stored(i)[:ID_PREFIX] for i in unique))
    return and_(id_prefix(column).in_(prefixes), column.in_(unique))


def ids_in(part: Sequence[bytes | str]) -> tuple[str, tuple[bytes | str, ...]]:
    """SQL that a row's `id` is one of these stored ids (stored_id_lists gives them) by
    way of their prefixes' index, and its parameters."""
    prefixes = tuple(dict.fromkeys(stored[:ID_PREFIX] for stored in part))
    return (
        f"{ID_PREFIX_SQL} IN ({', '.join('?' * len(prefixes))}) "
        f"AND id IN ({', '.join('?' * len(part))})",
        prefixes + tuple(part),
    )


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


# X's and Mastodon's ids are 64-bit numbers (17 to 19 digits today); 2**64 has 20.
_SOURCE_NUMBERS = 2**64
_SOURCE_NUMBER_DIGITS = len(str(_SOURCE_NUMBERS - 1))


def source_id_to_stored(value: str) -> bytes | str:
    """A source's id as stored: a canonical decimal number below 2**64 (ASCII digits, no
    leading zero but in "0" itself) as the big-endian bytes of that number, as few as it
    takes (one to eight, against 17 to 19 characters); any other id as the text it is
    (Bluesky's at:// URIs, "", "007"). Every number has one such text, and SQLite finds
    no blob equal to a text, so no two ids share a stored value."""
    if (
        len(value) <= _SOURCE_NUMBER_DIGITS
        and value.isdigit()  # "" is not; beyond ASCII, "²" and "٣" are
        and value.isascii()
        and (value[0] != "0" or len(value) == 1)
    ):
        number = int(value)
        if number < _SOURCE_NUMBERS:
            return number.to_bytes((number.bit_length() + 7) // 8 or 1, "big")
    return value


def source_id_from_stored(value: bytes | str) -> str:
    """The id a SourceIdBytes value is of (raw SQL reads the stored value)."""
    if isinstance(value, bytes):
        return str(int.from_bytes(value, "big"))
    return value


class SourceIdBytes(TypeDecorator[str]):
    """A source's id (or a text made of one, as a post's stored conversation) kept as the
    bytes of its number when it is one (see source_id_to_stored): 10 or 11 bytes less in
    the row and in each index entry for an X or Mastodon id. The column keeps its TEXT affinity,
    which converts numbers but leaves blobs as they are.

    The bytes don't sort as the numbers do (a longer one may sort first): nothing orders
    by these columns, and a source's cursors are kept apart (intake_cursors)."""

    impl = String
    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> Callable[[str | None], bytes | str | None]:
        # Not String's processing after ours: sqlite3 takes bytes and text alike.
        return self.to_stored

    @staticmethod
    def to_stored(value: str | None) -> bytes | str | None:
        """The bind conversion without a dialect (bulk inserts call it per value)."""
        return None if value is None else source_id_to_stored(value)

    def process_bind_param(self, value: str | None, dialect: Dialect) -> bytes | str | None:
        return self.to_stored(value)

    def process_result_value(self, value: bytes | str | None, dialect: Dialect) -> str | None:
        return None if value is None else source_id_from_stored(value)

    def literal_processor(self, dialect: Dialect) -> Callable[[str], str]:
        """A statement written out with its values (EXPLAIN QUERY PLAN in the tests) names
        a number's bytes as a blob literal."""

        def process(value: str) -> str:
            stored = source_id_to_stored(value)
            if isinstance(stored, bytes):
                return f"X'{stored.hex()}'"
            return "'" + stored.replace("'", "''") + "'"

        return process


# Thousandths up to 2**53 are whole floats, exactly; beyond, some are not.
_MOST_THOUSANDTHS = 2.0**53
_DOUBLE = struct.Struct(">d")


def confidence_to_stored(value: float) -> int | float | bytes:
    """A confidence as stored: a whole number of thousandths as that number, which SQLite
    keeps as an integer of one or two bytes in a REAL column (0.8 as 800, not 8 bytes);
    any other value as the 8 bytes of its double, a blob the column keeps as it is, so it
    comes back exactly. Triage rounds its confidence to three places, but an event pulled
    from the hub may carry any number. NaN is bound as it is: SQLite makes it NULL, which
    the column refuses, as it always did."""
    scaled = value * 1000
    if -_MOST_THOUSANDTHS <= scaled <= _MOST_THOUSANDTHS:  # never NaN or an infinity
        thousandths = round(scaled)
        if thousandths / 1000 == value:
            return thousandths
    return value if value != value else _DOUBLE.pack(value)


def confidence_from_stored(value: float | bytes) -> float:
    """The confidence a stored value is of (raw SQL reads the stored value)."""
    if isinstance(value, bytes):
        return float(_DOUBLE.unpack(value)[0])
    return value / 1000


class Thousandths(TypeDecorator[float]):
    """A case's confidence stored as thousandths (see confidence_to_stored): about six
    bytes less a case than a REAL's eight."""

    impl = Float
    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> Callable[[float | None], Any]:
        # Not Float's processing after ours: it makes a float of what it is given, and a
        # blob is no float.
        return self._to_stored

    @staticmethod
    def _to_stored(value: float | None) -> int | float | bytes | None:
        return None if value is None else confidence_to_stored(value)

    def process_bind_param(self, value: float | None, dialect: Dialect) -> Any:
        return self._to_stored(value)

    def process_result_value(self, value: Any | None, dialect: Dialect) -> float | None:
        return None if value is None else confidence_from_stored(value)


_CANONICAL = "00000000-0000-0000-0000-000000000000"
_HEX_DIGITS = frozenset("0123456789abcdef")


def _canonical_digits(part: str, shape: str) -> str:
    """The hex digits of `part` when it is that stretch of a canonical text (`shape`:
    dashes where it has dashes, lowercase hex digits elsewhere), else ""."""
    if len(part) != len(shape) or any(
        (char == "-") != (dash == "-") for char, dash in zip(part, shape, strict=True)
    ):
        return ""
    digits = part.replace("-", "")
    return digits if _HEX_DIGITS.issuperset(digits) else ""


def id_starts_with(stored: ColumnElement[Any], prefix: str) -> ColumnElement[bool]:
    """Whether a UUIDBytes value's id starts with `prefix` (lowercase), in SQL that reads
    the column's index by ranges: the texts in [prefix, prefix + "g") (ids are lowercase
    hex and dashes), and the 16 bytes of the canonical ids that start with it."""
    as_text = type_coerce(stored, String)  # every blob sorts after these texts
    starting = and_(as_text >= prefix, as_text < prefix + "g")
    digits = _canonical_digits(prefix, _CANONICAL[: len(prefix)])
    if not digits:
        return starting
    least, greatest = (bytes.fromhex(digits.ljust(32, fill)) for fill in "0f")
    return or_(type_coerce(stored, LargeBinary).between(least, greatest), starting)


def id_ends_with(stored: ColumnElement[Any], suffix: str) -> ColumnElement[bool]:
    """Whether a UUIDBytes value's id ends with `suffix` (lowercase; a text id's capitals
    match too, as LIKE does), in SQL that reads every row (no index holds ends): of a
    16-byte id only its last bytes are written in hex, not its whole text."""
    as_text = type_coerce(stored, String)
    blob = func.typeof(stored) == literal_column("'blob'")
    digits = _canonical_digits(suffix, _CANONICAL[len(_CANONICAL) - len(suffix) :])
    if not digits:
        return and_(~blob, as_text.endswith(suffix))
    last_bytes = func.substr(stored, literal_column(str(-((len(digits) + 1) // 2))))
    tail = func.substr(func.hex(last_bytes), literal_column(str(-len(digits))))
    # hex() writes capitals.
    return case((blob, tail == digits.upper()), else_=as_text.endswith(suffix))


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
