"""What a case list shows: the filters of an inbox or a search, as the store takes them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from jundesk.core.model import Priority, Status

OPEN: tuple[Status, ...] = tuple(s for s in Status if s.is_open)
FINISHED: tuple[Status, ...] = (Status.RESOLVED, Status.CLOSED, Status.REJECTED)
DONE: tuple[Status, ...] = tuple(s for s in Status if not s.is_open)  # finished or merged
ALL: tuple[Status, ...] = tuple(Status)


@dataclass(frozen=True, slots=True)
class CaseQuery:
    """Filters for Store.list_cases/count_cases; None leaves a filter out (statuses None:
    the open cases, as the store's default)."""

    roles: tuple[str, ...] | None = None
    statuses: tuple[Status, ...] | None = OPEN
    priorities: tuple[Priority, ...] | None = None
    assignee: str | None = None
    search: str | None = None
    since: datetime | None = None
    until: datetime | None = None

    def store_filters(self) -> dict[str, Any]:
        return {
            "roles": self.roles,
            "statuses": self.statuses,
            "priorities": self.priorities,
            "assignee": self.assignee,
            "search": self.search,
            "since": self.since,
            "until": self.until,
        }

    def narrowed(self, filters: SearchFilters) -> CaseQuery:
        """This inbox's query with the search bar's filters applied.

        Words search every case (all roles and statuses, whoever has them), as a desk
        looking for "the lantern on Calle Real" expects; the explicit filters still apply.
        """
        query = self
        if filters.words:
            query = CaseQuery(statuses=ALL, search=filters.words)
        if filters.statuses is not None:
            query = replace(query, statuses=filters.statuses)
        if filters.priorities is not None:
            query = replace(query, priorities=filters.priorities)
        if filters.roles is not None:
            roles = filters.roles
            if query.roles is not None:
                roles = tuple(r for r in query.roles if r in roles)
            query = replace(query, roles=roles)
        if filters.since is not None:
            query = replace(query, since=filters.since)
        if filters.until is not None:
            query = replace(query, until=filters.until)
        return query


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """What the search bar holds: words and filters; None means "as the inbox has it"."""

    words: str = ""
    statuses: tuple[Status, ...] | None = None
    priorities: tuple[Priority, ...] | None = None
    roles: tuple[str, ...] | None = None
    since: datetime | None = None
    until: datetime | None = None

    @property
    def active(self) -> bool:
        return self != SearchFilters()
