"""An event's kind as a small number in its row: one byte where the kind's name took up
to thirteen, at three or four events a post (about 30 bytes a post).

The numbers are stored: once given, a number keeps its kind for ever, and a new kind
takes the next one. Raw SQL names kinds through kind_sql, never by a literal.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from sqlalchemy import Dialect, Integer
from sqlalchemy.types import TypeDecorator

from jundesk.core.model import EventKind

KIND_CODES: Mapping[EventKind, int] = MappingProxyType(
    {
        EventKind.INGESTED: 1,
        EventKind.POST_ADDED: 2,
        EventKind.ROUTED: 3,
        EventKind.REROUTED: 4,
        EventKind.PRIORITISED: 5,
        EventKind.ACKNOWLEDGED: 6,
        EventKind.ASSIGNED: 7,
        EventKind.STARTED: 8,
        EventKind.NOTED: 9,
        EventKind.REPLIED: 10,
        EventKind.RESOLVED: 11,
        EventKind.CLOSED: 12,
        EventKind.REJECTED: 13,
        EventKind.REOPENED: 14,
        EventKind.MERGED: 15,
        EventKind.ABSORBED: 16,
        EventKind.REDACTED: 17,
        EventKind.TARGET_MISSED: 18,
    }
)
_KINDS = {code: kind for kind, code in KIND_CODES.items()}


def kind_sql(*kinds: EventKind) -> str:
    """SQL for the kinds' numbers: `kind = {kind_sql(K)}` or `kind IN {kind_sql(K, L)}`."""
    codes = [str(KIND_CODES[kind]) for kind in kinds]
    return codes[0] if len(codes) == 1 else "(" + ", ".join(codes) + ")"


def kind_of_code(code: int) -> EventKind:
    try:
        return _KINDS[code]
    except KeyError:
        raise ValueError(f"an event's kind number {code!r} is unknown here") from None


class EventKindCode(TypeDecorator[EventKind]):
    """The events.kind column: an EventKind (or its name) bound as its number, read back as
    the EventKind."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Any | None, dialect: Dialect) -> int | None:
        return None if value is None else KIND_CODES[EventKind(value)]

    def process_result_value(self, value: Any | None, dialect: Dialect) -> EventKind | None:
        return None if value is None else kind_of_code(int(value))
