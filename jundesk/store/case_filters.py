"""The filters of the case lists (role, status, priority, assignee, dates, words) as SQL.

They are written so SQLite can walk the (role|status|assignee, priority_rank, created_at)
indexes in list order, and so a word search starts from the newest matching posts in
posts_fts rather than from the cases.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, false, select, text, true
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op
from sqlalchemy.sql.selectable import TextualSelect

from jundesk.core.model import Priority, Status
from jundesk.store.fts import to_match_query
from jundesk.store.models import CASE_POSTS, CASES, POSTS

OPEN_STATUSES: tuple[Status, ...] = tuple(s for s in Status if s.is_open)
# A word search looks at this many of the newest matching posts: months of a town's posts
# even for a common word, and it keeps the search fast on a million posts (each match
# costs a few index lookups on the way to its case).
SEARCH_WINDOW = 2000


def newest_matches(match: str, limit: int) -> TextualSelect:
    """The rowids (posts.pk) of the newest posts matching an FTS5 expression."""
    return (
        text(
            "SELECT rowid FROM posts_fts WHERE posts_fts MATCH :match "
            "ORDER BY rowid DESC LIMIT :limit"
        )
        .bindparams(match=match, limit=limit)
        .columns(rowid=Integer)
    )


@dataclass(frozen=True, slots=True)
class CaseFilter:
    roles: Sequence[str] | None = None
    statuses: Sequence[Status] | None = None  # None: the open ones
    priorities: Sequence[Priority] | None = None
    assignee: str | None = None
    search: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    arrived_since: datetime | None = None
    arrived_until: datetime | None = None

    def clauses(self) -> list[ColumnElement[bool]]:
        """WHERE clauses on `cases`; [false()] when nothing can match.

        With words, the cases are found from the matching posts (at most SEARCH_WINDOW)
        and the other filters are checked on those rows only: their columns are wrapped so
        SQLite can't choose to walk a list index over every open case instead.
        Raises SearchTooShort for words too short to search.
        """
        where: list[ColumnElement[bool]] = []
        searching = self.search is not None
        c = _Columns(searching)
        if self.roles is not None:
            roles = list(dict.fromkeys(self.roles))
            where.append(c.role.in_(roles) if roles else false())
        statuses = set(OPEN_STATUSES if self.statuses is None else self.statuses)
        if statuses == set(OPEN_STATUSES):
            where.append(c.is_open == true())
        elif statuses == set(Status) - set(OPEN_STATUSES):
            # Every finished case: the same rows as the status list, but SQLite can walk
            # ix_cases_open_rank in list order instead of sorting a million rows.
            where.append(c.is_open == false())
        elif statuses == set(Status):
            pass  # every case: leaves the planner free to walk ix_cases_rank
        elif statuses:
            where.append(c.status.in_(sorted(s.value for s in statuses)))
        else:
            where.append(false())
        if self.priorities is not None:
            ranks = sorted({Priority(p).rank for p in self.priorities})
            where.append(c.priority_rank.in_(ranks) if ranks else false())
        if self.assignee is not None:
            where.append(c.assignee == self.assignee)
            if self.assignee:
                # Says what the partial index ix_cases_assignee_open_rank holds.
                where.append(c.assignee != "")
        if self.since is not None:
            where.append(c.created_at >= self.since)
        if self.until is not None:
            where.append(c.created_at < self.until)
        if self.arrived_since is not None:
            where.append(c.arrived_at >= self.arrived_since)
        if self.arrived_until is not None:
            where.append(c.arrived_at < self.arrived_until)
        if self.search is not None:
            match = to_match_query(self.search)
            if match is None:
                where.append(false())
            else:
                matching_cases = (
                    select(CASE_POSTS.c.case_id)
                    .join(POSTS, POSTS.c.id == CASE_POSTS.c.post_id)
                    .where(POSTS.c.pk.in_(newest_matches(match, SEARCH_WINDOW)))
                )
                where.append(CASES.c.id.in_(matching_cases))
        return where


class _Columns:
    """The filtered columns of `cases`, as themselves or (when `unindexed`) behind SQLite's
    unary "+", which keeps the value and rules out the column's indexes."""

    def __init__(self, unindexed: bool) -> None:
        self._unindexed = unindexed

    def __getattr__(self, name: str) -> ColumnElement[Any]:
        column = CASES.c[name]
        if not self._unindexed:
            return column
        return UnaryExpression(column, operator=custom_op("+"), type_=column.type)
