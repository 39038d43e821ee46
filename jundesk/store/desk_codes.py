"""The desks of JunDesk's own actors (intake, triage, ...) as one control character in an
event's row: a byte where "intake" or "triage" took six, at three intake events a post.

The codes are stored: once given, a code keeps its name for ever, and a new name takes
the next character. Every character from \\x01 to \\x1f is kept for codes (and the
escape), so a later code can never be mistaken for a name stored before it: any other
name that begins with one of them is stored behind ESCAPE, and every name reads back as
it was given. Raw SQL reads the names through desk_sql, never the stored column.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from sqlalchemy import Dialect, String
from sqlalchemy.types import TypeDecorator

DESK_CODES: Mapping[str, str] = MappingProxyType(
    {
        "intake": "\x01",  # core.model.INTAKE_ACTOR
        "triage": "\x02",  # core.model.TRIAGE_ACTOR
        "x-account": "\x03",  # app.ingest.X_ACCOUNT_ACTOR
        "duty-policy": "\x04",  # app.uncovered_urgent.DUTY_ACTOR, app.escalation
        "targets": "\x05",  # app.missed_targets.TARGETS_ACTOR
    }
)
# Put before a name that begins with a code character (a control character, which no
# desk is expected to be named with): stored as it is, it would read back as a code.
# It is no code itself.
ESCAPE = "\x1b"
# The characters a stored value beginning with one of them is a code or escaped by.
RESERVED = frozenset(chr(n) for n in range(1, 32))
_NAMES = {code: name for name, code in DESK_CODES.items()}


def desk_to_stored(desk: str) -> str:
    """The desk's stored text: its code, the name behind ESCAPE, or the name as it is."""
    code = DESK_CODES.get(desk)
    if code is not None:
        return code
    return ESCAPE + desk if desk[:1] in RESERVED else desk


def desk_from_stored(stored: str) -> str:
    """The desk a stored text is of."""
    if stored[:1] not in RESERVED:
        return stored
    if stored[0] == ESCAPE:
        return stored[1:]
    try:
        return _NAMES[stored]
    except KeyError:
        raise ValueError(f"an event's actor desk code {stored!r} is unknown here") from None


def desk_sql(column: str) -> str:
    """SQL for the desk's name stored in `column` (a CASE over the codes; NULL stays NULL)."""
    names = " ".join(f"WHEN char({ord(code)}) THEN '{name}'" for name, code in DESK_CODES.items())
    escaped = f"substr({column}, 1, 1) = char({ord(ESCAPE)})"
    return (
        f"CASE {column} {names} "
        f"ELSE CASE WHEN {escaped} THEN substr({column}, 2) ELSE {column} END END"
    )


class DeskCode(TypeDecorator[str]):
    """The events.actor_desk column: a desk's name bound as its stored text (see
    desk_to_stored), read back as the name."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: Any | None, dialect: Dialect) -> str | None:
        return None if value is None else desk_to_stored(value)

    def process_result_value(self, value: Any | None, dialect: Dialect) -> str | None:
        return None if value is None else desk_from_stored(value)
