"""Where a case sits in a case list: its row under a query, found with a few counts, so a
notification can open its case in a list of a million rows without reading them."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from jundesk.core.case_filter import CaseFilter, CaseLists
from jundesk.core.model import Case, Priority

_TICK = timedelta(microseconds=1)  # the store keeps times to the microsecond


def row_in(store: CaseLists, query: CaseFilter, case: Case) -> int | None:
    """The case's row in the list of `query` (urgent first, then oldest, then by id, as the
    store orders it), or None when the query does not hold the case."""
    created = case.created_at
    if created is None:
        return None
    if query.priorities is not None and case.priority not in query.priorities:
        return None
    if query.since is not None and created < query.since:
        return None
    if query.until is not None and created >= query.until:
        return None
    same = replace(query, priorities=(case.priority,))
    # The cases written in the same microsecond, in the store's order: the case must be
    # among them (that checks every other filter too), and those before it count.
    ties = store.list_cases(replace(same, since=created, until=created + _TICK), limit=1000)
    tie_ids = [s.case.id for s in ties]
    if case.id not in tie_ids:
        return None
    allowed = query.priorities if query.priorities is not None else tuple(Priority)
    higher = tuple(p for p in allowed if p.rank < case.priority.rank)
    before = 0
    if higher:
        before += store.count_cases(replace(query, priorities=higher))
    before += store.count_cases(replace(same, until=_earliest(query.until, created)))
    return before + tie_ids.index(case.id)


def _earliest(limit: datetime | None, moment: datetime) -> datetime:
    return moment if limit is None else min(limit, moment)
