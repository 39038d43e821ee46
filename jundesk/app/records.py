"""The town's record, Qt-free: how fast each role, desk and person acknowledges, answers
and fixes, against which targets, the series a manager's plots draw, and the records
("fastest fix this year").

Everything is read from the store's per-case measures (kept in step with the events, see
store/measures.py), the figures over each day's measures packed as columns
(store/measure_days.py); this module holds the policy: targets (sla.py),
working calendars (work_calendar.py), what a series point means and which cases it is.

    records = Records(store, settings)
    records.prepare()                         # calendars and packs up to date (writes)
    query = RecordQuery.last_weeks(12)
    rows = records.measures(query, by="role")
    bars = records.cases_per_day(query)
    ids = records.cases_for(query, bars[0].pick)

Durations are seconds (float); percentiles are nearest-rank (the median of 4 values is
the 2nd). Periods, weekdays and hours are the desk's local time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, Literal

from jundesk.app.settings import (
    Settings,
    default_reply_minutes,
    default_resolve_minutes,
    default_sla_minutes,
)
from jundesk.app.sla import SlaTargets
from jundesk.app.work_calendar import WorkCalendar, calendars_from_settings
from jundesk.core.model import Priority
from jundesk.store import measure_days as packed
from jundesk.store import measures as sql
from jundesk.store.column_types import to_micros
from jundesk.store.measure_days import Upkeep as Upkeep
from jundesk.store.measures import GroupRow, MeasureFilter, Spread, Targets, WorkMark
from jundesk.store.repository import Store

Granularity = Literal["day", "week", "month"]
GroupBy = Literal["role", "desk", "person", "priority", "channel", "period", "all"]
DurationName = Literal["ack", "reply", "resolve"]

# Time-to-resolve histogram bins (seconds): under 5 min, 15 min, 1 h, 4 h, 1 day, 3 days,
# a week, and beyond.
RESOLVE_EDGES: tuple[float, ...] = (0, 300, 900, 3600, 4 * 3600, 86400, 3 * 86400, 7 * 86400)


@dataclass(frozen=True, slots=True)
class RecordQuery:
    """Which cases the record reads: those that arrived in [start, end) (None: no bound),
    of these roles / priorities / channels (empty: all), handled by `desk` / `person`
    (empty: anyone), grouped in time by `granularity`."""

    start: datetime | None = None
    end: datetime | None = None
    roles: tuple[str, ...] = ()
    desk: str = ""
    person: str = ""
    priorities: tuple[Priority, ...] = ()
    channels: tuple[str, ...] = ()
    granularity: Granularity = "week"

    @classmethod
    def last_weeks(cls, weeks: int = 12, now: datetime | None = None, **kw: Any) -> RecordQuery:
        """The last `weeks` local weeks, Monday to Sunday, the one holding `now` the last
        (the Records view's default)."""
        moment = (now or datetime.now(UTC)).astimezone()
        monday = moment.date() - timedelta(days=moment.weekday())
        first = monday - timedelta(weeks=weeks - 1)
        after = monday + timedelta(weeks=1)
        start = datetime.combine(first, time()).astimezone()
        end = datetime.combine(after, time()).astimezone()
        return cls(start=start.astimezone(UTC), end=end.astimezone(UTC), **kw)

    @classmethod
    def year(cls, year: int, **kw: Any) -> RecordQuery:
        """One local calendar year."""
        start = datetime(year, 1, 1).astimezone().astimezone(UTC)
        end = datetime(year + 1, 1, 1).astimezone().astimezone(UTC)
        return cls(start=start, end=end, **kw)

    def filter(self) -> MeasureFilter:
        return MeasureFilter(
            start=self.start,
            end=self.end,
            roles=self.roles,
            priorities=tuple(p.value for p in self.priorities),
            channels=self.channels,
            desks=(self.desk,) if self.desk else (),
            persons=(self.person,) if self.person else (),
        )


@dataclass(frozen=True, slots=True)
class Pick:
    """Which cases one bar, point or cell stands for, within its query (see cases_for).
    Every field left None doesn't narrow."""

    role: str | None = None
    day: date | None = None  # arrival's local date
    week: date | None = None  # arrival's local week, by its Monday
    weekday: int | None = None  # 0 = Monday
    hour: int | None = None
    duration: DurationName | None = None  # with low/high: its seconds in [low, high)
    working: bool = False  # duration on the working clock
    low: float | None = None
    high: float | None = None
    open_at: datetime | None = None  # open at that moment (backlog), whatever the range


@dataclass(frozen=True, slots=True)
class Measure:
    """The record of one group (a role, desk, person, priority, channel or period).

    `ack`, `reply`, `resolve`: calendar time; `*_work`: the role's working time.
    `within_*`: percent of the judged cases that met their target (None: none judged yet;
    a case is judged once it met the target or passed it). `backlog`: of this group's
    cases, those open now; `backlog_age`: their median age; `oldest_open`: arrival of the
    oldest."""

    key: str
    count: int
    resolved: int
    reopens: int
    backlog: int
    backlog_age: Spread
    oldest_open: datetime | None
    ack: Spread
    reply: Spread
    resolve: Spread
    ack_work: Spread
    reply_work: Spread
    resolve_work: Spread
    within_ack: float | None
    within_reply: float | None
    within_resolve: float | None
    judged: Mapping[str, tuple[int, int]] = field(default_factory=dict)  # name -> (met, judged)


@dataclass(frozen=True, slots=True)
class CountPoint:
    """One bar: `count` cases of `series` (a role) at `x` (a local date)."""

    x: date
    series: str
    count: int
    pick: Pick


@dataclass(frozen=True, slots=True)
class HistogramBar:
    low: float  # seconds
    high: float | None  # None: open-ended
    count: int
    pick: Pick


@dataclass(frozen=True, slots=True)
class TargetPoint:
    """% of judged cases within target in one week (None: none judged)."""

    week: date
    ack: float | None
    reply: float | None
    resolve: float | None
    judged: int  # cases judged on resolution
    pick: Pick


@dataclass(frozen=True, slots=True)
class BacklogPoint:
    at: datetime  # the end of a local day
    open: int
    pick: Pick


@dataclass(frozen=True, slots=True)
class HeatCell:
    role: str
    weekday: int  # 0 = Monday
    hour: int
    count: int
    pick: Pick


@dataclass(frozen=True, slots=True)
class RecordCase:
    """A record and its case: "fastest fix this year: 3 min 58 s, lantern, Calle Real"."""

    role: str
    case_id: str
    seconds: float
    excerpt: str
    location: str
    arrived_at: datetime


def measure_targets(settings: Settings) -> Targets:
    """Targets per (role, priority) in seconds: (acknowledge, reply, resolve)."""
    ack = SlaTargets.from_settings(settings.sla_minutes, default_sla_minutes())
    reply = SlaTargets.from_settings(settings.sla_reply_minutes, default_reply_minutes())
    resolve = SlaTargets.from_settings(settings.sla_resolve_minutes, default_resolve_minutes())
    roles = set(ack.roles()) | set(reply.roles()) | set(resolve.roles())
    return {
        (role, p.value): (
            ack.target(role, p).total_seconds(),
            reply.target(role, p).total_seconds(),
            resolve.target(role, p).total_seconds(),
        )
        for role in sorted(roles)
        for p in Priority
    }


def _percent(met: int, judged: int) -> float | None:
    return None if judged == 0 else 100.0 * met / judged


class Records:
    """The town's record on one store, under one desk's settings.

    Reads are safe from any thread (each its own read transaction); `prepare` writes."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        *,
        tz: tzinfo | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.tz = tz  # None: the system's local time (as duty.py)
        self._clock = clock or (lambda: datetime.now(UTC))
        self.targets: Targets = measure_targets(settings)
        self.calendars: dict[str, WorkCalendar] = calendars_from_settings(settings.work_calendars)
        self._fastest: dict[tuple[int, int], tuple[int, list[RecordCase]]] = {}
        # The days last read, shared by the view's parts and kept across a filter change.
        self._days = packed.ColumnsCache()

    def now(self) -> datetime:
        return self._clock()

    # -- keeping the working clocks ----------------------------------------------------

    def prepare(self, until: date | None = None) -> bool:
        """Bring the record up to date at once: the stored working calendars in line with
        the settings (a calendar changed, a new year began; every case's working times
        are then computed again) and every day packed. Returns whether the calendars
        changed. Writes: run it off the GUI thread (a desk runs prepare_step instead)."""
        changed = False
        while True:
            upkeep = self.prepare_step(until)
            changed = changed or upkeep.calendars_changed
            if upkeep.done:
                return changed

    def prepare_step(self, until: date | None = None) -> Upkeep:
        """One step of prepare, in one write transaction: new calendars stored; then the
        working clocks of the next cases (rowid order); then, every case done, the days
        packed again; else the days waiting to be packed. Run it on the writer until it
        says done: the desk's writes go in between."""
        wanted = {name: cal.stamp(self.tz, until) for name, cal in self.calendars.items()}

        def step(conn: Any) -> Upkeep:
            # Compared and replaced in one transaction: two of a desk's tasks stepping at once
            # (the view, the escalation watch) never both start a recount.
            if sql.calendar_stamps(conn) == wanted:
                return packed.upkeep_step(conn)
            marks: dict[str, tuple[str, Sequence[WorkMark]]] = {
                name: (wanted[name], cal.marks(self.tz, until))
                for name, cal in self.calendars.items()
            }
            sql.replace_calendars(conn, marks, recount=False)
            return Upkeep(done=False, counting=True, share=0.0, calendars_changed=True)

        return self.store.write_measures(step)

    # -- measures ------------------------------------------------------------------------

    def measures(self, query: RecordQuery, by: GroupBy = "role") -> list[Measure]:
        """Count, median and p90 of each duration, % within target, reopens and backlog
        per group (by "period": query.granularity), ordered by the group's key."""
        group = query.granularity if by == "period" else by
        now = self.now()
        rows = self.store.read_measures(
            lambda conn: packed.group_rows(
                conn, group, query.filter(), self.targets, now, self._days
            )
        )
        return [self._measure(row) for row in rows]

    def _measure(self, row: GroupRow) -> Measure:
        def spread(name: str) -> Spread:
            return row.spreads.get(name, Spread())

        return Measure(
            key=row.key,
            count=row.count,
            resolved=row.resolved,
            reopens=row.reopens,
            backlog=row.backlog,
            backlog_age=spread("age"),
            oldest_open=row.oldest_open,
            ack=spread("ack"),
            reply=spread("reply"),
            resolve=spread("resolve"),
            ack_work=spread("ack_work"),
            reply_work=spread("reply_work"),
            resolve_work=spread("resolve_work"),
            within_ack=_percent(*row.within["ack"]),
            within_reply=_percent(*row.within["reply"]),
            within_resolve=_percent(*row.within["resolve"]),
            judged=dict(row.within),
        )

    # -- series for the plots ------------------------------------------------------------

    def cases_per_day(self, query: RecordQuery) -> list[CountPoint]:
        """Arrivals per local day and role (days without cases are left out)."""
        rows = self.store.read_measures(
            lambda conn: packed.counts_by(conn, ("day", "role"), query.filter(), self._days)
        )
        return [
            CountPoint(
                date.fromisoformat(day), role, n, Pick(role=role, day=date.fromisoformat(day))
            )
            for day, role, n in rows
        ]

    def resolve_histogram(
        self,
        query: RecordQuery,
        edges: Sequence[float] = RESOLVE_EDGES,
        *,
        working: bool = False,
    ) -> list[HistogramBar]:
        """How many resolved cases took each span of time (bins from `edges`, seconds;
        the last bin open-ended), in calendar or working time."""
        name = "resolve_work" if working else "resolve"
        counts = self.store.read_measures(
            lambda conn: packed.duration_histogram(conn, name, edges, query.filter(), self._days)
        )
        bars = []
        for index, count in enumerate(counts):
            low = float(edges[index])
            high = float(edges[index + 1]) if index + 1 < len(edges) else None
            pick = Pick(duration="resolve", working=working, low=low, high=high)
            bars.append(HistogramBar(low, high, count, pick))
        return bars

    def within_target_weekly(self, query: RecordQuery) -> list[TargetPoint]:
        """% within target per local week of arrival, for each target."""
        now = self.now()
        rows = self.store.read_measures(
            lambda conn: packed.within_by(
                conn, "week", query.filter(), self.targets, now, self._days
            )
        )
        return [
            TargetPoint(
                date.fromisoformat(week),
                _percent(a, an),
                _percent(r, rn),
                _percent(s, sn),
                sn,
                Pick(week=date.fromisoformat(week)),
            )
            for week, a, an, r, rn, s, sn in rows
        ]

    def backlog(self, query: RecordQuery) -> list[BacklogPoint]:
        """Open cases at the end of each local day of the query's range (up to its end,
        or now; at most 400 days back from there; 30 days when it has no start)."""
        now = self.now()
        stop = min(query.end or now, now)
        last = stop.astimezone(self.tz).date()
        if query.end is not None and query.end <= now and _is_midnight(query.end, self.tz):
            last -= timedelta(days=1)
        first = query.start.astimezone(self.tz).date() if query.start else last - timedelta(days=29)
        first = max(first, last - timedelta(days=400))
        start = _local_midnight(first, self.tz)
        end = min(_local_midnight(last + timedelta(days=1), self.tz), now)
        before, per_day = self.store.read_measures(
            lambda conn: packed.backlog_series(conn, query.filter(), start, end, self._days)
        )
        changes = {day: arrived - finished for day, arrived, finished in per_day}
        points = []
        open_now = before
        day = first
        while day <= last:
            open_now += changes.get(day.isoformat(), 0)
            moment = min(_local_midnight(day + timedelta(days=1), self.tz), now)
            points.append(BacklogPoint(moment, open_now, Pick(open_at=moment)))
            day += timedelta(days=1)
        return points

    def arrivals_heat(self, query: RecordQuery) -> list[HeatCell]:
        """Arrivals per role, local weekday and hour (empty cells left out)."""
        rows = self.store.read_measures(
            lambda conn: packed.counts_by(
                conn, ("role", "weekday", "hour"), query.filter(), self._days
            )
        )
        return [
            HeatCell(role, weekday, hour, n, Pick(role=role, weekday=weekday, hour=hour))
            for role, weekday, hour, n in rows
        ]

    # -- records ---------------------------------------------------------------------------

    def fastest_fixes(self, year: int | None = None, limit: int = 1) -> list[RecordCase]:
        """The fastest resolutions (calendar time, arrival to resolution) of a local year
        (default: this one), per role, with their case's excerpt and location."""
        chosen = year or self.now().astimezone(self.tz).year
        query = RecordQuery.year(chosen)

        # A year's records change only with new events: a filter change takes them from
        # here (a whole year's scan otherwise), and after new events only their cases are
        # read (measures.fastest_kept).
        kept = self._fastest.get((chosen, limit))
        version, found = self.store.read_measures(
            lambda conn: sql.fastest_kept(
                conn,
                query.filter(),
                limit,
                None
                if kept is None
                else (kept[0], [(f.role, f.case_id, f.seconds) for f in kept[1]]),
            )
        )
        known = {} if kept is None else {f.case_id: f for f in kept[1]}
        new = [case_id for _, case_id, _ in found if case_id not in known]
        headers = self.store.read_measures(lambda conn: sql.case_headers(conn, new)) if new else {}
        fixes = [
            known.get(case_id)
            or RecordCase(role, case_id, seconds, *headers.get(case_id, ("", "", self.now())))
            for role, case_id, seconds in found
        ]
        self._fastest[(chosen, limit)] = (version, fixes)
        return list(fixes)

    # -- click-through ----------------------------------------------------------------------

    def cases_for(self, query: RecordQuery, pick: Pick, limit: int = 1000) -> list[str]:
        """The ids of the cases a bar, point or cell stands for, newest arrival first."""
        where = query.filter()
        conditions: list[tuple[str, Any]] = []
        if pick.role is not None:
            where = replace(where, roles=(pick.role,))
        if pick.day is not None:
            conditions.append((f"{sql.GROUPS['day']} = ?", pick.day.isoformat()))
        if pick.week is not None:
            conditions.append((f"{sql.GROUPS['week']} = ?", pick.week.isoformat()))
        if pick.weekday is not None:
            conditions.append((f"{sql.EXTRA_KEYS['weekday']} = ?", pick.weekday))
        if pick.hour is not None:
            conditions.append((f"{sql.EXTRA_KEYS['hour']} = ?", pick.hour))
        if pick.duration is not None:
            name = f"{pick.duration}_work" if pick.working else pick.duration
            expr = sql.DURATIONS[name]
            conditions.append((f"{expr} IS NOT NULL", None))
            if pick.low is not None:
                conditions.append((f"{expr} >= ?", pick.low))
            if pick.high is not None:
                conditions.append((f"{expr} < ?", pick.high))
        if pick.open_at is not None:
            where = replace(where, start=None, end=None)
            moment = to_micros(pick.open_at)
            conditions.append(("m.arrived_at < ?", moment))
            conditions.append(("(m.finished_at IS NULL OR m.finished_at >= ?)", moment))
        return self.store.read_measures(lambda conn: sql.case_ids(conn, where, conditions, limit))


def _local_midnight(day: date, tz: tzinfo | None) -> datetime:
    moment = datetime.combine(day, time())
    aware = moment.replace(tzinfo=tz) if tz is not None else moment.astimezone()
    return aware.astimezone(UTC)


def _is_midnight(moment: datetime, tz: tzinfo | None) -> bool:
    local = moment.astimezone(tz) if tz is not None else moment.astimezone()
    return local.time() == time()
