"""X's monthly usage cap, remembered: once X says the town's app is capped, intake asks X
nothing more until the next UTC month, or until intake's settings or credentials change.

A 15-minute rate limit passes by itself; the cap doesn't, and every request made while it
holds is wasted. The mark lives in the desk's database, so a restart or a second
`collect --once` doesn't ask X again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from jundesk.app.settings import Settings
from jundesk.intake.x_credentials import XCredentials

MARK_KEY = "intake:x:usage_capped"


class CapMemory(Protocol):
    """Where the mark is kept: the desk's store (its small named values)."""

    def sync_value(self, key: str) -> str | None: ...

    def set_sync_values(self, values: Mapping[str, str]) -> None: ...


def next_month(now: datetime) -> datetime:
    """The first instant of the UTC month after `now`: when X's monthly cap resets."""
    now = now.astimezone(UTC)
    if now.month == 12:
        return datetime(now.year + 1, 1, 1, tzinfo=UTC)
    return datetime(now.year, now.month + 1, 1, tzinfo=UTC)


def fingerprint(parts: Sequence[str]) -> str:
    """A short digest of what intake was set up with: a change of any part lifts the mark.

    Only a digest is kept (credentials are among the parts), never the values.
    """
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def intake_setup(settings: Settings, creds: XCredentials) -> str:
    """The fingerprint of what intake reads with: the API, the account, the searches,
    the budget, and the app's keys (a new plan or new keys, entered again, lift the mark)."""
    return fingerprint(
        (
            settings.x_api_base,
            settings.x_user_id or creds.user_id,
            "\n".join(settings.x_searches),
            str(settings.monthly_read_budget),
            creds.bearer_token,
            creds.consumer_key,
            creds.access_token,
        )
    )


@dataclass(frozen=True)
class UsageCap:
    memory: CapMemory
    # The fingerprint of intake's settings and credentials, or how to take it now (a desk
    # window's settings change while it runs: the next poll, F5, sees the change).
    setup: str | Callable[[], str]

    def current_setup(self) -> str:
        return self.setup() if callable(self.setup) else self.setup

    def capped_until(self, now: datetime) -> datetime | None:
        """When the cap X reported resets, if it still holds for this set-up; else None."""
        mark = self.memory.sync_value(MARK_KEY) or ""
        month, _, rest = mark.partition("|")
        setup, _, _ = rest.partition("|")
        if month != f"{now.astimezone(UTC):%Y-%m}" or setup != self.current_setup():
            return None
        return next_month(now)

    def remember(self, now: datetime) -> datetime:
        """Mark the app capped for the rest of `now`'s month; returns when it resets."""
        now = now.astimezone(UTC)
        mark = f"{now:%Y-%m}|{self.current_setup()}|{now.isoformat()}"
        self.memory.set_sync_values({MARK_KEY: mark})
        return next_month(now)
