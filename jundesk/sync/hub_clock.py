"""How far a desk's clock is from the hub's: events a desk dates more than the hub's
`max_clock_skew_seconds` ahead are refused, so a desk is told well before that."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg

CLOCK_WARNING = 60.0  # seconds off the hub's clock from which a desk is warned
DEFAULT_MAX_SKEW = 300.0  # the hub's own default (its hub_info may say otherwise)


def clock_skew(
    conn: psycopg.Connection[Any], clock: Callable[[], datetime] = lambda: datetime.now(UTC)
) -> float:
    """Seconds this desk's clock is ahead of the hub's (negative: behind), measured at the
    middle of one round trip."""
    start = time.monotonic()
    before = clock()
    with conn.transaction():
        row = conn.execute("SELECT clock_timestamp()").fetchone()
    half = (time.monotonic() - start) / 2
    assert row is not None
    hub_time: datetime = row[0]
    return (before - hub_time).total_seconds() + half


def max_skew(conn: psycopg.Connection[Any]) -> float:
    """How far ahead of the hub's clock an event may be dated."""
    with conn.transaction():
        row = conn.execute(
            "SELECT value FROM hub_info WHERE key = 'max_clock_skew_seconds'"
        ).fetchone()
    try:
        return float(row[0]) if row else DEFAULT_MAX_SKEW
    except ValueError:
        return DEFAULT_MAX_SKEW


def skew_text(seconds: float) -> str:
    """'7 min ahead', '12 s behind': for log and command-line lines."""
    way = "ahead of" if seconds >= 0 else "behind"
    size = abs(seconds)
    amount = f"{size / 60:.0f} min" if size >= 120 else f"{size:.0f} s"
    return f"{amount} {way}"
