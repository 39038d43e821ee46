"""A case's status, priority and resolution time as its row keeps them: the status as a
small number, the priority as nothing at all when its rank (priority_rank, which every
list sorts by) already says it, and the resolution as how long before the case's last
change it came (0, in no byte, when it was the last change). About 13 bytes a case in
its row (21 for one whose last change was its resolution), and 9 in ix_cases_status_rank.

The status numbers are stored: once given, a number keeps its status for ever, and a new
status takes the next one. Raw SQL names statuses through status_sql and reads a case's
priority through priority_sql and its resolution through resolved_sql, never by the
stored columns' values.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from sqlalchemy import Dialect, Integer
from sqlalchemy.types import TypeDecorator

from jundesk.core.model import Priority, Status

# Most of a town's cases are finished: resolved and closed take 0 and 1, which SQLite
# stores in no byte at all (any other number up to 127 takes one).
STATUS_CODES: Mapping[Status, int] = MappingProxyType(
    {
        Status.RESOLVED: 0,
        Status.CLOSED: 1,
        Status.NEW: 2,
        Status.ACKNOWLEDGED: 3,
        Status.IN_PROGRESS: 4,
        Status.REJECTED: 5,
        Status.MERGED: 6,
    }
)
# Stored value -> status: its number, or the text a database before these numbers kept
# (one opened read-only, as it is, still reads).
_STATUSES: dict[int | str, Status] = {code: status for status, code in STATUS_CODES.items()}
_STATUSES.update({status.value: status for status in Status})
# Stored text -> member, looked up directly: calling the Enum is a slow path, and a list
# page converts hundreds of rows.
_PRIORITIES = {p.value: p for p in Priority}
_RANKED = {p.rank: p for p in Priority}


def status_sql(*statuses: Status) -> str:
    """SQL for the statuses' numbers: `status = {status_sql(S)}` or `status IN
    {status_sql(S, T)}`."""
    codes = [str(STATUS_CODES[status]) for status in statuses]
    return codes[0] if len(codes) == 1 else "(" + ", ".join(codes) + ")"


def status_of_code(code: int | str) -> Status:
    """The status a stored value is of (raw SQL reads the stored value)."""
    try:
        return _STATUSES[code]
    except KeyError:
        raise ValueError(f"a case's status number {code!r} is unknown here") from None


def priority_to_stored(priority: Priority, rank: int) -> str:
    """A case's stored priority beside its rank: "" when the rank names it (every case
    JunDesk writes), else its text, so a row whose two disagree loses neither."""
    return "" if priority.rank == rank else priority.value


def priority_from_stored(stored: str, rank: int) -> Priority:
    """The priority of a row that stores `stored` and `rank` (see priority_to_stored)."""
    if stored:
        return _PRIORITIES.get(stored) or Priority(stored)
    try:
        return _RANKED[rank]
    except KeyError:
        raise ValueError(f"a case's priority rank {rank!r} is unknown here") from None


def priority_sql(row: str) -> str:
    """SQL for the priority's text of the `cases` row named `row` (see priority_to_stored)."""
    names = " ".join(f"WHEN {p.rank} THEN '{p.value}'" for p in Priority)
    return (
        f"CASE WHEN {row}.priority = '' THEN CASE {row}.priority_rank {names} END "
        f"ELSE {row}.priority END"
    )


def resolved_to_stored(resolved_at: int | None, updated_at: int | None) -> int | None:
    """A case's stored resolution beside its updated_at (both in microseconds): how long
    before its last change it was resolved, which is 0 for a case whose last change was
    its resolution (most of a town's), and a few bytes for one noted or closed after. Every
    time has its own stored value, 1970's first microsecond too; a case without an
    updated_at (JunDesk writes none) keeps its time as it is."""
    if resolved_at is None or updated_at is None:
        return resolved_at
    return updated_at - resolved_at


def resolved_from_stored(stored: int | None, updated_at: int | None) -> int | None:
    """The resolution time (microseconds) of a row that stores `stored` and `updated_at`
    (see resolved_to_stored)."""
    if stored is None or updated_at is None:
        return stored
    return updated_at - stored


def resolved_sql(row: str) -> str:
    """SQL for the resolution time (microseconds, or NULL) of the `cases` row named `row`
    (see resolved_to_stored)."""
    return f"coalesce({row}.updated_at - {row}.resolved_at, {row}.resolved_at)"


class StatusCode(TypeDecorator[Status]):
    """The cases.status column: a Status (or its text) bound as its number, read back as
    the Status."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Any | None, dialect: Dialect) -> int | None:
        return None if value is None else STATUS_CODES[Status(value)]

    def process_result_value(self, value: Any | None, dialect: Dialect) -> Status | None:
        return None if value is None else status_of_code(value)
