"""The filters of the case lists (role, status, priority, assignee, dates, words) as SQL.

They are written so SQLite can walk the (role|status|assignee, priority_rank, created_at)
indexes in list order, and so a word search starts from the newest matching posts in
posts_fts rather than from the cases.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Integer, and_, false, or_, select, text, true
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op
from sqlalchemy.sql.selectable import TextualSelect

from jundesk.core.case_filter import CaseFilter
from jundesk.core.model import Priority, Status
from jundesk.store.fts import to_match_query
from jundesk.store.models import CASE_POSTS, CASES, POSTS

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


def clauses(filter: CaseFilter) -> list[ColumnElement[bool]]:
    """WHERE clauses on `cases` for a filter; [false()] when nothing can match.

    With words, the cases are found from the matching posts (at most SEARCH_WINDOW) and
    the other filters are checked on those rows only: their columns are wrapped so SQLite
    can't choose to walk a list index over every open case instead.
    Raises SearchTooShort for words too short to search.
    """
    where: list[ColumnElement[bool]] = []
    searching = filter.search is not None
    c = _Columns(searching)
    if filter.roles is not None:
        roles = list(dict.fromkeys(filter.roles))
        where.append(c.role.in_(roles) if roles else false())
    statuses = set(Status.open() if filter.statuses is None else filter.statuses)
    if statuses == set(Status.open()):
        where.append(c.is_open == true())
    elif statuses == set(Status.done()):
        # Every case not open: the same rows as the status list, but SQLite can walk
        # ix_cases_open_rank in list order instead of sorting a million rows.
        where.append(c.is_open == false())
    elif statuses == set(Status):
        pass  # every case: leaves the planner free to walk ix_cases_rank
    elif statuses:
        where.append(c.status.in_(sorted(s.value for s in statuses)))
    else:
        where.append(false())
    if filter.priorities is not None:
        ranks = sorted({Priority(p).rank for p in filter.priorities})
        where.append(c.priority_rank.in_(ranks) if ranks else false())
    if filter.assignee is not None:
        where.append(c.assignee == filter.assignee)
        if filter.assignee:
            # Says what the partial index ix_cases_assignee_open_rank holds.
            where.append(c.assignee != "")
    if filter.since is not None:
        where.append(c.created_at >= filter.since)
    if filter.until is not None:
        where.append(c.created_at < filter.until)
    if filter.arrived_since is not None:
        where.append(c.arrived_at >= filter.arrived_since)
    if filter.arrived_until is not None:
        where.append(c.arrived_at < filter.arrived_until)
    if filter.search is not None:
        match = to_match_query(filter.search)
        if match is None:
            where.append(false())
        else:
            # posts_fts's rowids are case_posts.post_pk: ix_case_posts_post_pk holds the
            # case's rowid, so from a match to its case's row is two integer lookups.
            matching_cases = select(CASE_POSTS.c.case_pk).where(
                CASE_POSTS.c.post_pk.in_(newest_matches(match, SEARCH_WINDOW))
            )
            if filter.private_roles is None:
                where.append(CASES.c.pk.in_(matching_cases))
            else:
                # A private post's words count only in the cases of the desk's roles.
                public_matches = select(POSTS.c.pk).where(
                    POSTS.c.pk.in_(newest_matches(match, SEARCH_WINDOW)),
                    POSTS.c.private == false(),
                )
                by_public = select(CASE_POSTS.c.case_pk).where(
                    CASE_POSTS.c.post_pk.in_(public_matches)
                )
                roles = list(dict.fromkeys(filter.private_roles))
                where.append(
                    or_(
                        CASES.c.pk.in_(by_public),
                        and_(c.role.in_(roles), CASES.c.pk.in_(matching_cases)),
                    )
                )
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
