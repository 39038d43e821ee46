"""What the Records view shows at once, read in one go off the GUI thread: the measures
per role, the plots' series, the year's records and their cases. No Qt here, so the
view, the `jundesk report` renderer and the benchmark read it the same way."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from typing import Any

from jundesk.app.records import (
    BacklogPoint,
    Granularity,
    HeatCell,
    HistogramBar,
    Measure,
    Pick,
    RecordCase,
    RecordQuery,
    Records,
    TargetPoint,
)


@dataclass(frozen=True, slots=True)
class Target:
    """The cases one bar, point or cell stands for: records.cases_for(query, pick)."""

    query: RecordQuery
    pick: Pick


@dataclass(frozen=True, slots=True)
class PeriodBar:
    """Arrivals of one role in one period (a day, a week by its Monday, a month by its
    first day)."""

    period: date
    role: str
    count: int
    target: Target


@dataclass(frozen=True, slots=True)
class RecordsSnapshot:
    query: RecordQuery
    measures: list[Measure]
    arrivals: list[PeriodBar]
    resolve: list[HistogramBar]
    within: list[TargetPoint]
    backlog: list[BacklogPoint]
    heat: list[HeatCell]
    fastest: list[RecordCase]


def period_of(day: date, granularity: Granularity) -> date:
    if granularity == "week":
        return day - timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    return day


def _next_period(start: date, granularity: Granularity) -> date:
    if granularity == "day":
        return start + timedelta(days=1)
    if granularity == "week":
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone().astimezone(UTC)


def period_query(query: RecordQuery, start: date, granularity: Granularity) -> RecordQuery:
    """The query narrowed to one local period (within its own bounds)."""
    begin = _local_midnight(start)
    end = _local_midnight(_next_period(start, granularity))
    if query.start is not None:
        begin = max(begin, query.start)
    if query.end is not None:
        end = min(end, query.end)
    return replace(query, start=begin, end=end)


def arrivals_by_period(records: Records, query: RecordQuery) -> list[PeriodBar]:
    """Arrivals per role and period of the query's granularity, from the daily counts."""
    counts: dict[tuple[date, str], int] = defaultdict(int)
    for point in records.cases_per_day(query):
        counts[(period_of(point.x, query.granularity), point.series)] += point.count
    bars = []
    for (period, role), count in sorted(counts.items()):
        if query.granularity == "day":
            target = Target(query, Pick(role=role, day=period))
        elif query.granularity == "week":
            target = Target(query, Pick(role=role, week=period))
        else:
            target = Target(period_query(query, period, "month"), Pick(role=role))
        bars.append(PeriodBar(period, role, count, target))
    return bars


def snapshot_parts(records: Records, query: RecordQuery) -> dict[str, Callable[[], Any]]:
    """The reads a snapshot is made of, each its own read transaction, so a view can run
    them side by side on its reader threads (the slowest first)."""
    return {
        "measures": partial(records.measures, query, by="role"),
        "backlog": partial(records.backlog, query),
        "within": partial(records.within_target_weekly, query),
        "heat": partial(records.arrivals_heat, query),
        "resolve": partial(records.resolve_histogram, query),
        "arrivals": partial(arrivals_by_period, records, query),
        "fastest": records.fastest_fixes,
    }


def assemble(
    query: RecordQuery, parts: Mapping[str, Any], roles: tuple[str, ...] = ()
) -> RecordsSnapshot:
    """The snapshot from its parts' results; the records only of `roles` (empty: all)."""
    fastest = [r for r in parts["fastest"] if not roles or r.role in roles]
    fastest.sort(key=lambda r: r.seconds)
    return RecordsSnapshot(
        query=query,
        measures=parts["measures"],
        arrivals=parts["arrivals"],
        resolve=parts["resolve"],
        within=parts["within"],
        backlog=parts["backlog"],
        heat=parts["heat"],
        fastest=fastest,
    )


def read_snapshot(
    records: Records, query: RecordQuery, roles: tuple[str, ...] = ()
) -> RecordsSnapshot:
    """Everything the view draws for `query`, read one part after another; the records
    are this year's, of `roles` (empty: every role). Call it off the GUI thread."""
    parts = {name: read() for name, read in snapshot_parts(records, query).items()}
    return assemble(query, parts, roles)
