"""What came in for a desk's roles while it was off duty, and the urgent cases still open
before it goes off: two small reads of the case list, by role and priority."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from jundesk.core.case_filter import CaseFilter, CaseLists
from jundesk.core.model import CaseSummary, Priority, Status

SUMMARY_URGENT_LIMIT = 50  # the summary lists this many urgent cases; the count says the rest


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
    store: CaseLists, roles: Sequence[str], limit: int = SUMMARY_URGENT_LIMIT
) -> list[CaseSummary]:
    """The urgent cases still open in `roles` (asked before going off duty). A small
    indexed read."""
    urgent = CaseFilter(roles=tuple(roles), priorities=(Priority.URGENT,))
    return store.list_cases(urgent, limit=limit)


def summarize(
    store: CaseLists, roles: Sequence[str], since: datetime, until: datetime
) -> OffDutySummary:
    """What arrived for `roles` between `since` and `until` (a database read: call it off
    the GUI thread).

    By arrival (when intake stored the post), not by when the citizen wrote it: a post
    written just before the desk went off and polled just after came in while it was
    off, and must be counted.
    """
    arrived = CaseFilter(statuses=tuple(Status), arrived_since=since, arrived_until=until)
    counts = []
    for role in roles:
        total = store.count_cases(replace(arrived, roles=(role,)))
        if total:
            still_open = store.count_cases(replace(arrived, roles=(role,), statuses=None))
            counts.append(RoleCount(role, total, still_open))
    urgent_arrived = replace(arrived, roles=tuple(roles), priorities=(Priority.URGENT,))
    urgent_total = store.count_cases(urgent_arrived)
    urgent = store.list_cases(urgent_arrived, limit=SUMMARY_URGENT_LIMIT)
    return OffDutySummary(since, until, tuple(counts), tuple(urgent), urgent_total)
