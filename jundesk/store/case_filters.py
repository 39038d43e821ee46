"""The filters of the case lists (role, status, priority, assignee, dates, words) as SQL.

They are written so SQLite can walk the (role|status|assignee, priority_rank, created_at)
indexes in list order, and so a word search starts from the newest matching posts in
posts_fts rather than from the cases.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Integer, Select, false, select, text, true
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op
from sqlalchemy.sql.selectable import TextualSelect

from jundesk.core.case_filter import CaseFilter
from jundesk.core.model import Priority, Status
from jundesk.store.errors import SearchTooShort
from jundesk.store.fts import to_match_query
from jundesk.store.models import CASE_POSTS, CASES, POSTS

SelectT = TypeVar("SelectT", bound=Select[Any])

# A word search looks at this many of the newest matching posts: months of a town's posts
# even for a common word, and it keeps the search fast on a million posts (each match
# costs a few index lookups on the way to its case).
SEARCH_WINDOW = 2000

# A word search in the open cases looks its matches' cases up in this partial index of the
# open cases alone (models.py): a closed case's match costs a probe in a small index
# instead of reading its row, and the list's order is read from the index.
OPEN_SEARCH_INDEX = "ix_cases_open_search"
# The private posts, a partial index of their rowids: which matches are private is found
# without reading the matching posts.
PRIVATE_POSTS_INDEX = "ix_posts_private"


def searches_open_cases(filter: CaseFilter) -> bool:
    """Whether `filter` is a word search among the open cases only, with words to look
    for (see OPEN_SEARCH_INDEX)."""
    if filter.search is None:
        return False
    if filter.statuses is not None and set(filter.statuses) != set(Status.open()):
        return False
    try:
        return to_match_query(filter.search) is not None
    except SearchTooShort:
        return False  # _clauses() says so


def closed_as_difference(filter: CaseFilter) -> tuple[CaseFilter, CaseFilter] | None:
    """For a count of every case not open, without words: (the same filter over every
    status, over the open cases), whose counts' difference it is; else None.

    The open cases' indexes are partial (models.py): nothing indexes the closed ones as
    such, and counting them reads every case's row (~100 ms on a million). Every case is
    counted in the smallest index that answers the other filters (without any, a count of
    its pages: a few ms on a million), the open ones in their small partial index. With a
    role, every case's row is read all the same (no index of every case has the role).
    """
    if filter.search is not None or filter.statuses is None:
        return None
    if set(filter.statuses) != set(Status.done()):
        return None
    return replace(filter, statuses=tuple(Status)), replace(filter, statuses=None)


def indexed_by(index: str) -> str:
    """The FROM hint that makes SQLite use `index` (database.py compiles it for SQLite)."""
    return f"INDEXED BY {index}"


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


def filtered(query: SelectT, filter: CaseFilter) -> SelectT:
    """`query` (over `cases`) narrowed to the cases `filter` keeps, with the index a word
    search among the open cases must use (its condition is written for that index).

    Raises SearchTooShort for words too short to search.
    """
    open_search = searches_open_cases(filter)
    query = query.where(*_clauses(filter, open_search))
    if open_search:
        query = query.with_hint(CASES, indexed_by(OPEN_SEARCH_INDEX), "sqlite")
    return query


def _clauses(filter: CaseFilter, open_search: bool) -> list[ColumnElement[bool]]:
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
        # The open cases' indexes are partial (models.py): a query uses one only when it
        # states their condition as it is written there, "is_open = 1", not behind "+".
        # A search probes ix_cases_open_search; a list walks ix_cases_(role_)open_rank.
        where.append((CASES.c.is_open if open_search else c.is_open) == true())
    elif statuses == set(Status.done()):
        # Every case not open: the same rows as the status list, but SQLite can walk
        # ix_cases_rank in list order, skipping the open cases, instead of sorting a
        # million rows (nine in ten cases are closed: a page reads a few rows more).
        where.append(c.is_open == false())
    elif statuses == set(Status):
        pass  # every case: leaves the planner free to walk ix_cases_rank
    elif statuses:
        where.append(c.status.in_(sorted(statuses)))
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
            where.append(CASES.c.pk.in_(_matching_cases(match, filter.private_roles)))
    return where


def _matching_cases(match: str, private_roles: tuple[str, ...] | None) -> Select[Any]:
    """The rowids of the cases with one of the newest SEARCH_WINDOW posts matching `match`;
    with `private_roles`, a private post's match counts only in cases of those roles."""
    # posts_fts's rowids are case_posts.post_pk: ix_case_posts_post_pk holds the case's
    # rowid, so from a match to its case's row is two integer lookups.
    if private_roles is None:
        return select(CASE_POSTS.c.case_pk).where(
            CASE_POSTS.c.post_pk.in_(newest_matches(match, SEARCH_WINDOW))
        )
    matches = newest_matches(match, SEARCH_WINDOW).cte("matches")
    # Private posts are few: the matches among them are found once, in their partial index,
    # without reading a matching post's row.
    private = (
        select(POSTS.c.pk)
        .with_hint(POSTS, indexed_by(PRIVATE_POSTS_INDEX), "sqlite")
        .where(POSTS.c.private == true(), POSTS.c.pk.in_(select(matches.c.rowid)))
        .cte("private_matches")
    )
    by_public = select(CASE_POSTS.c.case_pk).where(
        CASE_POSTS.c.post_pk.in_(select(matches.c.rowid)),
        CASE_POSTS.c.post_pk.not_in(select(private.c.pk)),
    )
    roles = list(dict.fromkeys(private_roles))
    of_role = CASES.alias("of_role")  # not the list's own row: a lookup of its own
    by_private = (
        select(CASE_POSTS.c.case_pk)
        .join(of_role, of_role.c.pk == CASE_POSTS.c.case_pk)
        # "+role": from the private matches to their cases, never walking a role's cases.
        .where(
            CASE_POSTS.c.post_pk.in_(select(private.c.pk)), _unindexed(of_role.c.role).in_(roles)
        )
    )
    return select(by_public.union_all(by_private).subquery().c.case_pk)


def _unindexed(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """The column behind SQLite's unary "+": the same value, but no index of it is used."""
    return UnaryExpression(column, operator=custom_op("+"), type_=column.type)


class _Columns:
    """The filtered columns of `cases`, as themselves or (when `unindexed`) behind SQLite's
    unary "+", which keeps the value and rules out the column's indexes."""

    def __init__(self, unindexed: bool) -> None:
        self._unindexed = unindexed

    def __getattr__(self, name: str) -> ColumnElement[Any]:
        column = CASES.c[name]
        return _unindexed(column) if self._unindexed else column
