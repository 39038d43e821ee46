"""Which cases a list holds: the one filter the store, the desk's lists, duty and the
command line all speak (the store turns it into SQL)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Protocol, TypeVar

from jundesk.core.model import CaseSummary, Priority, Status

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class CaseFilter:
    """Cases whose fields match every filter set; None leaves a filter out, but `statuses`
    None means the open cases (an empty tuple matches nothing).

    `search` keeps the cases with a post matching the words; with `private_roles` set, a
    private post's words find its case only when the case is of one of those roles (the
    desk's: core/private_posts.py), so a search can't tell another desk what a private
    message says. `since`/`until` bound the
    creation time (when the post was written), `arrived_since`/`arrived_until` the arrival
    (when it was ingested). Lower bounds are inclusive, upper bounds exclusive.
    """

    roles: tuple[str, ...] | None = None
    statuses: tuple[Status, ...] | None = None
    priorities: tuple[Priority, ...] | None = None
    assignee: str | None = None
    search: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    arrived_since: datetime | None = None
    arrived_until: datetime | None = None
    private_roles: tuple[str, ...] | None = None

    def narrowed(self, by: CaseFilter) -> CaseFilter:
        """This list's filter with a search bar's filters applied; what `by` leaves None
        stays as this filter has it.

        Words search every case (all roles and statuses, whoever has them), as a desk
        looking for "the lantern on Calle Real" expects; the other filters of `by` still
        apply: its statuses, priorities and dates replace these, its roles narrow these.
        """
        narrowed = self
        if by.search:
            narrowed = CaseFilter(statuses=tuple(Status), search=by.search)
        roles = narrowed.roles
        if by.roles is not None:
            roles = by.roles if roles is None else tuple(r for r in roles if r in by.roles)
        return replace(
            narrowed,
            roles=roles,
            statuses=_given(by.statuses, narrowed.statuses),
            priorities=_given(by.priorities, narrowed.priorities),
            since=_given(by.since, narrowed.since),
            until=_given(by.until, narrowed.until),
        )


def _given(value: _T | None, otherwise: _T | None) -> _T | None:
    return otherwise if value is None else value


class CaseLists(Protocol):
    """What reading a case list takes from the store (its `list_cases` and `count_cases`)."""

    def list_cases(
        self, filter: CaseFilter = ..., *, limit: int = ..., offset: int = ...
    ) -> list[CaseSummary]: ...

    def count_cases(self, filter: CaseFilter = ...) -> int: ...
