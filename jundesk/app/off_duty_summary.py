"""What came in for a desk's roles while it was off duty, and the urgent cases still open
before it goes off: two small reads of the case list, by role and priority."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from jundesk.core.model import CaseSummary, Priority, Status

SUMMARY_URGENT_LIMIT = 50  # the summary lists this many urgent cases; the count says the rest


class CaseCounts(Protocol):
    """What the summary reads of the store."""

    def list_cases(
        self,
        *,
        roles: Sequence[str] | None = ...,
        statuses: Sequence[Status] | None = ...,
        priorities: Sequence[Priority] | None = ...,
        arrived_since: datetime | None = ...,
        arrived_until: datetime | None = ...,
        limit: int = ...,
    ) -> list[CaseSummary]: ...

    def count_cases(
        self,
        *,
        roles: Sequence[str] | None = ...,
        statuses: Sequence[Status] | None = ...,
        priorities: Sequence[Priority] | None = ...,
        arrived_since: datetime | None = ...,
        arrived_until: datetime | None = ...,
    ) -> int: ...


@dataclass(frozen=True, slots=True)
class RoleCount:
    role: str
    total: int  # cases that came in while off
    still_open: int  # of those, how many nobody has closed yet


@dataclass(frozen=True, slots=True)
class OffDutySummary:
    """What came in for this desk's roles while it was off duty."""

    since: datetime
    until: datetime
    counts: tuple[RoleCount, ...]
    urgent: tuple[CaseSummary, ...]  # newest SUMMARY_URGENT_LIMIT at most
    urgent_total: int

    @property
    def total(self) -> int:
        return sum(c.total for c in self.counts)

    @property
    def is_empty(self) -> bool:
        return self.total == 0


def open_urgent(
    store: CaseCounts, roles: Sequence[str], limit: int = SUMMARY_URGENT_LIMIT
) -> list[CaseSummary]:
    """The urgent cases still open in `roles` (asked before going off duty). A small
    indexed read."""
    return store.list_cases(roles=list(roles), priorities=[Priority.URGENT], limit=limit)


def summarize(
    store: CaseCounts, roles: Sequence[str], since: datetime, until: datetime
) -> OffDutySummary:
    """What arrived for `roles` between `since` and `until` (a database read: call it off
    the GUI thread).

    By arrival (when intake stored the post), not by when the citizen wrote it: a post
    written just before the desk went off and polled just after came in while it was
    off, and must be counted.
    """
    every = list(Status)
    counts = []
    for role in roles:
        total = store.count_cases(
            roles=[role], statuses=every, arrived_since=since, arrived_until=until
        )
        if total:
            still_open = store.count_cases(roles=[role], arrived_since=since, arrived_until=until)
            counts.append(RoleCount(role, total, still_open))
    urgent_only = [Priority.URGENT]
    urgent_total = store.count_cases(
        roles=list(roles),
        statuses=every,
        priorities=urgent_only,
        arrived_since=since,
        arrived_until=until,
    )
    urgent = store.list_cases(
        roles=list(roles),
        statuses=every,
        priorities=urgent_only,
        limit=SUMMARY_URGENT_LIMIT,
        arrived_since=since,
        arrived_until=until,
    )
    return OffDutySummary(since, until, tuple(counts), tuple(urgent), urgent_total)
