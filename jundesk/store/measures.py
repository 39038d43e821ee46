"""The town's record in SQL: a per-case measures table kept in step with the events, the
working calendars' marks, and the aggregate queries (counts, median and p90 with window
functions, series for plots) over them.

Nothing here folds cases in Python: `refresh` rewrites the measures rows of the cases a
transaction touched with one INSERT ... SELECT from `cases` and `events`, and every read
is an aggregate over indexed columns. The policy (which targets, which calendars) comes
from the caller as plain values.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from jundesk.core.model import EventKind, Status
from jundesk.store.case_codes import priority_sql, resolved_sql, status_of_code, status_sql
from jundesk.store.column_types import from_micros, id_from_stored, stored_id_lists, to_micros
from jundesk.store.desk_codes import desk_sql
from jundesk.store.event_kinds import kind_sql
from jundesk.store.models import RESOLVED_MEASURE
from jundesk.store.row_mapping import excerpt

# Durations are read in seconds; the table keeps microseconds like every other time.
MICROS = 1_000_000

# The columns a refresh writes: resolved_at is read from finished_at and rejected
# (models.RESOLVED_MEASURE), never written.
MEASURED_COLUMNS = (
    "case_pk, role, priority, is_open, channel, desk, person, arrived_at, acked_at, "
    "replied_at, finished_at, rejected, reopens"
)

# The kinds' numbers (event_kinds.py) the SQL below reads.
_REOPENED = kind_sql(EventKind.REOPENED)
_RESOLVED = kind_sql(EventKind.RESOLVED)
_CLOSED = kind_sql(EventKind.CLOSED)
_FINISHING = kind_sql(EventKind.RESOLVED, EventKind.CLOSED)
# Those and the kinds that take a case: acknowledged, started, replied.
_HANDLING = kind_sql(
    EventKind.RESOLVED,
    EventKind.CLOSED,
    EventKind.ACKNOWLEDGED,
    EventKind.STARTED,
    EventKind.REPLIED,
)
# And the statuses' numbers (case_codes.py).
_RESOLVED_OR_CLOSED = status_sql(Status.RESOLVED, Status.CLOSED)
_REJECTED_STATUS = status_sql(Status.REJECTED)
_MERGED_STATUS = status_sql(Status.MERGED)

# One case's measures from its projection and its events. Who "handled" it: whoever
# resolved it (the last resolution), else whoever closed it (the last closing), else
# whoever first took it, found in one pass over the case's events; its desk by name, not
# as the events store a system actor's (desk_codes.py).
_MEASURES = f"""
SELECT c.pk, c.role AS role, {priority_sql("c")}, c.is_open,
  COALESCE((SELECT p.source FROM case_posts cp JOIN posts p ON p.pk = cp.post_pk
            WHERE cp.case_pk = c.pk ORDER BY cp.position LIMIT 1), ''),
  COALESCE({desk_sql("h.actor_desk")}, ''), COALESCE(h.actor_person, ''),
  COALESCE(c.arrived_at, c.created_at) AS arrived_at, c.acknowledged_at AS acked_at,
  c.first_reply_at AS replied_at,
  CASE WHEN c.status IN {_RESOLVED_OR_CLOSED} THEN {resolved_sql("c")}
       WHEN c.status = {_REJECTED_STATUS} THEN c.updated_at END AS finished_at,
  c.status = {_REJECTED_STATUS} AS rejected,
  (SELECT count(*) FROM events r WHERE r.case_pk = c.pk AND r.kind = {_REOPENED})
FROM cases c
LEFT JOIN events h ON h.seq = (
  SELECT e.seq FROM events e WHERE e.case_pk = c.pk AND e.kind IN {_HANDLING}
  ORDER BY e.kind = {_RESOLVED} DESC, e.kind = {_CLOSED} DESC,
    CASE WHEN e.kind IN {_FINISHING} THEN e.at END DESC,
    CASE WHEN e.kind IN {_FINISHING} THEN e.id END DESC,
    e.at, e.id
  LIMIT 1)
WHERE c.status != {_MERGED_STATUS} AND {{cases}}
"""

_JSON_IDS = "(SELECT value FROM json_each(?))"


def working_clock(moment: str, role: str = "case_measures.role") -> str:
    """SQL for the working microseconds at `moment` on the calendar of `role` (its own, or
    the town's default '*'): the last mark at or before it, plus the time since when the
    calendar was open."""

    def on(calendar: str) -> str:
        return (
            f"(SELECT wm.cum + CASE WHEN wm.open THEN {moment} - wm.at ELSE 0 END "
            f"FROM work_marks wm WHERE wm.calendar = {calendar} AND wm.at <= {moment} "
            "ORDER BY wm.at DESC LIMIT 1)"
        )

    return f"CASE WHEN {moment} IS NULL THEN NULL ELSE COALESCE({on(role)}, {on(repr('*'))}) END"


# The moments whose working clocks a row keeps, by the columns they are read from.
_CLOCKS = (
    ("arrived_w", "arrived_at"),
    ("acked_w", "acked_at"),
    ("replied_w", "replied_at"),
    ("resolved_w", "resolved_at"),
)
# resolved_at is no column of the row being written: its moment is computed as the column
# computes it, from that row's finished_at and rejected (no work_marks column has either
# name, so the names are the row's).
_MEASURED_MOMENT = {"resolved_at": f"({RESOLVED_MEASURE})"}

# The measures and their working clocks, written in one pass.
_REFRESH = (
    f"INSERT INTO case_measures ({MEASURED_COLUMNS}, {', '.join(w for w, _ in _CLOCKS)}) "
    "SELECT m.*, "
    + ", ".join(working_clock(_MEASURED_MOMENT.get(t, f"m.{t}"), "m.role") for _, t in _CLOCKS)
    # An upsert's SELECT needs its WHERE (SQLite's parser would read ON as a join's).
    + f" FROM ({_MEASURES}) m WHERE true ON CONFLICT (case_pk) DO UPDATE SET "
    + ", ".join(
        f"{name} = excluded.{name}"
        for name in (*MEASURED_COLUMNS.split(", ")[1:], *(w for w, _ in _CLOCKS))
    )
)

_WORKING = (
    "UPDATE case_measures SET "
    + ", ".join(f"{w} = {working_clock(t)}" for w, t in _CLOCKS)
    + " WHERE {cases}"
)


def refresh(connection: Connection, case_pks: Iterable[int]) -> None:
    """Rewrite the measures of these cases (by rowid) from their projection and events (a
    merged case has none: it counts in the case it went into); their days are packed
    anew."""
    pks = json.dumps(list(dict.fromkeys(case_pks)))
    if pks == "[]":
        return
    connection.exec_driver_sql(_REFRESH.format(cases=f"c.pk IN {_JSON_IDS}"), (pks,))
    mark_days(connection, pks)  # before a merged case's row goes, so its day is marked too
    connection.exec_driver_sql(
        "DELETE FROM case_measures WHERE case_pk IN "
        f"(SELECT pk FROM cases WHERE status = {_MERGED_STATUS} AND pk IN {_JSON_IDS})",
        (pks,),
    )


def refresh_all(connection: Connection) -> None:
    """Rebuild every case's measures (a new database, or one upgraded from before them)."""
    connection.exec_driver_sql("DELETE FROM case_measures")
    connection.exec_driver_sql("DELETE FROM measure_days")
    connection.exec_driver_sql(_REFRESH.format(cases="1"))
    mark_days(connection, None)


def recompute_working(connection: Connection) -> None:
    """Every case's moments on the working clock again (after a calendar changed), in one
    transaction (Records.prepare does it in steps instead)."""
    connection.exec_driver_sql(_WORKING.format(cases="1"))
    connection.exec_driver_sql("UPDATE measure_days SET pack = NULL WHERE pack IS NOT NULL")


def recompute_working_rows(connection: Connection, after: int, rows: int) -> int | None:
    """The working clocks of the next `rows` cases (by rowid: the case's) after rowid
    `after`; returns the last rowid done, None when there were none left. Their days keep
    their packs: the caller packs every day again once all cases are done."""
    last = connection.exec_driver_sql(
        "SELECT max(rowid) FROM (SELECT rowid FROM case_measures WHERE rowid > ? "
        f"ORDER BY rowid LIMIT {int(rows)})",
        (after,),
    ).scalar()
    if last is None:
        return None
    connection.exec_driver_sql(
        _WORKING.format(cases="rowid > ? AND rowid <= ?"), (after, int(last))
    )
    return int(last)


# -- the days' packs (store/measure_days.py reads them) ------------------------------------

DAY_US = 86_400_000_000  # a pack holds the cases that arrived on one UTC day


def mark_days(connection: Connection, case_pks_json: str | None) -> None:
    """The days of arrival of these cases (a JSON array of their rowids; None: every case)
    must be packed again: their packs are dropped in the caller's transaction, so a reader
    never takes a pack older than the rows."""
    cases = f"case_pk IN {_JSON_IDS}" if case_pks_json is not None else "1"
    # An upsert's SELECT needs its WHERE (SQLite's parser would read ON as a join's).
    connection.exec_driver_sql(
        f"INSERT INTO measure_days (day, n, names, pack) "
        f"SELECT DISTINCT arrived_at / {DAY_US}, 0, '', NULL FROM case_measures WHERE {cases} "
        "ON CONFLICT (day) DO UPDATE SET pack = NULL",
        () if case_pks_json is None else (case_pks_json,),
    )


# -- working calendars ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WorkMark:
    """The calendar opens (`open`) or closes at `at`; `cum`: working time before it."""

    at: datetime
    cum_micros: int
    open: bool


# The recount after a calendar change, while it lasts: a row of work_calendars under this
# name, its stamp saying how far it got ("w:<rowid>": working clocks done up to that
# case; "p:<day>": every case done, days packed anew up to that day).
RECOUNT = "~recount"


def calendar_stamps(connection: Connection) -> dict[str, str]:
    """Calendar -> stamp of the calendars stored (the recount's row left out)."""
    rows = connection.exec_driver_sql("SELECT calendar, stamp FROM work_calendars")
    return {calendar: stamp for calendar, stamp in rows if calendar != RECOUNT}


def recount_state(connection: Connection) -> str | None:
    """How far the recount after a calendar change got (see RECOUNT); None: done."""
    state = connection.exec_driver_sql(
        "SELECT stamp FROM work_calendars WHERE calendar = ?", (RECOUNT,)
    ).scalar()
    return None if state is None else str(state)


def set_recount_state(connection: Connection, state: str | None) -> None:
    connection.exec_driver_sql("DELETE FROM work_calendars WHERE calendar = ?", (RECOUNT,))
    if state is not None:
        connection.exec_driver_sql(
            "INSERT INTO work_calendars (calendar, stamp) VALUES (?, ?)", (RECOUNT, state)
        )


def replace_calendars(
    connection: Connection,
    calendars: Mapping[str, tuple[str, Sequence[WorkMark]]],
    *,
    recount: bool = True,
) -> None:
    """Store these calendars' marks (name -> (stamp, marks)) and drop the others. Every
    case is put on the new working clocks at once, or (`recount=False`) a recount is left
    waiting for the caller to do in steps (recompute_working_rows, then the packs)."""
    connection.exec_driver_sql("DELETE FROM work_marks")
    connection.exec_driver_sql("DELETE FROM work_calendars")
    for name, (stamp, marks) in calendars.items():
        connection.exec_driver_sql(
            "INSERT INTO work_calendars (calendar, stamp) VALUES (?, ?)", (name, stamp)
        )
        connection.exec_driver_sql(
            "INSERT INTO work_marks (calendar, at, cum, open) VALUES (?, ?, ?, ?)",
            [(name, to_micros(m.at), m.cum_micros, int(m.open)) for m in marks],
        )
    if recount:
        recompute_working(connection)
    else:
        set_recount_state(connection, "w:0")


# -- reading -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MeasureFilter:
    """Which cases a measure reads: arrival range [start, end), and each non-empty tuple
    keeps only the cases with one of its values."""

    start: datetime | None = None
    end: datetime | None = None
    roles: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    desks: tuple[str, ...] = ()
    persons: tuple[str, ...] = ()

    def sql(self) -> tuple[str, list[Any]]:
        """A WHERE condition on `m` (case_measures) and its parameters."""
        parts = ["1"]
        params: list[Any] = []
        if self.start is not None:
            parts.append("m.arrived_at >= ?")
            params.append(to_micros(self.start))
        if self.end is not None:
            parts.append("m.arrived_at < ?")
            params.append(to_micros(self.end))
        for column, values in (
            ("role", self.roles),
            ("priority", self.priorities),
            ("channel", self.channels),
            ("desk", self.desks),
            ("person", self.persons),
        ):
            if values:
                parts.append(f"m.{column} IN ({', '.join('?' for _ in values)})")
                params.extend(values)
        return " AND ".join(parts), params


# Targets per (role, priority) in seconds: acknowledge and reply on the calendar clock,
# resolve on the role's working clock. Role '*' stands for every role without its line.
Targets = Mapping[tuple[str, str], tuple[float, float, float]]

# The group a row falls in, by name (periods in the desk's local time, as SQLite sees it).
_LOCAL = "datetime(m.arrived_at / 1000000, 'unixepoch', 'localtime')"
GROUPS: Mapping[str, str] = {
    "role": "m.role",
    "priority": "m.priority",
    "channel": "m.channel",
    "desk": "m.desk",
    "person": "m.person",
    "day": f"date({_LOCAL})",
    "week": f"date({_LOCAL}, 'weekday 0', '-6 days')",
    "month": f"strftime('%Y-%m-01', {_LOCAL})",
    "all": "''",
}

# Keys for counting and picking that are not groups of the measures table.
EXTRA_KEYS: Mapping[str, str] = {
    "weekday": f"(CAST(strftime('%w', {_LOCAL}) AS INTEGER) + 6) % 7",
    "hour": f"CAST(strftime('%H', {_LOCAL}) AS INTEGER)",
}

# Each measured duration (seconds) as SQL on `m`.
DURATIONS: Mapping[str, str] = {
    "ack": "(m.acked_at - m.arrived_at) / 1e6",
    "reply": "(m.replied_at - m.arrived_at) / 1e6",
    "resolve": "(m.resolved_at - m.arrived_at) / 1e6",
    "ack_work": "(m.acked_w - m.arrived_w) / 1e6",
    "reply_work": "(m.replied_w - m.arrived_w) / 1e6",
    "resolve_work": "(m.resolved_w - m.arrived_w) / 1e6",
}


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _target_sql(targets: Targets, index: int) -> str:
    """The target (seconds) of the row `m` as one CASE over the few (role, priority)
    lines: joining a targets table cost twenty times the rest of the query."""
    own = [(r, p, v[index]) for (r, p), v in targets.items() if r != "*"]
    fallback = [(p, v[index]) for (r, p), v in targets.items() if r == "*"]
    whens = [
        f"WHEN m.role = {_literal(r)} AND m.priority = {_literal(p)} THEN {float(v)!r}"
        for r, p, v in own
    ] + [f"WHEN m.priority = {_literal(p)} THEN {float(v)!r}" for p, v in fallback]
    return f"(CASE {' '.join(whens)} END)" if whens else "NULL"


def _base(
    group: str, where: MeasureFilter, targets: Targets, now: datetime
) -> tuple[str, list[Any]]:
    """CTEs `targets` and `base`: the filtered rows with their group `g`, durations and
    whether each is within its target (1), past it (0) or not yet known (NULL)."""
    condition, where_params = where.sql()
    now_us = to_micros(now)
    ack_t, reply_t, resolve_t = (_target_sql(targets, i) for i in range(3))
    now_w = working_clock(str(now_us), "m.role")
    base = f"""
base AS (
  SELECT {GROUPS[group]} AS g, m.case_pk, m.role, m.priority, m.is_open, m.reopens, m.arrived_at,
    m.resolved_at IS NOT NULL AS resolved,
    {", ".join(f"{sql} AS {name}" for name, sql in DURATIONS.items())},
    CASE WHEN m.acked_at IS NOT NULL THEN (m.acked_at - m.arrived_at) <= {ack_t} * 1e6
         WHEN {now_us} - m.arrived_at > {ack_t} * 1e6 THEN 0 END AS ack_in,
    CASE WHEN m.replied_at IS NOT NULL THEN (m.replied_at - m.arrived_at) <= {reply_t} * 1e6
         WHEN {now_us} - m.arrived_at > {reply_t} * 1e6 THEN 0 END AS reply_in,
    CASE WHEN m.resolved_w IS NOT NULL THEN (m.resolved_w - m.arrived_w) <= {resolve_t} * 1e6
         WHEN m.finished_at IS NOT NULL THEN NULL
         WHEN m.arrived_w IS NOT NULL AND {now_w} - m.arrived_w > {resolve_t} * 1e6
         THEN 0 END AS resolve_in
  FROM case_measures m
  WHERE {condition})"""
    return f"WITH {base}", where_params


@dataclass(frozen=True, slots=True)
class Spread:
    """A duration's spread over a group (seconds; None when nothing was measured)."""

    count: int = 0
    median: float | None = None
    p90: float | None = None


@dataclass(frozen=True, slots=True)
class GroupRow:
    """The measures of one group."""

    key: str
    count: int
    resolved: int
    reopens: int
    backlog: int  # of these cases, how many are open now
    oldest_open: datetime | None
    within: Mapping[str, tuple[int, int]]  # "ack"/"reply"/"resolve" -> (within, judged)
    spreads: Mapping[str, Spread] = field(default_factory=dict)  # DURATIONS' names, "age"


def group_rows(
    connection: Connection, group: str, where: MeasureFilter, targets: Targets, now: datetime
) -> list[GroupRow]:
    """Counts, spreads and targets met per group, ordered by the group's key."""
    head, params = _base(group, where, targets, now)
    now_us = to_micros(now)
    counts = connection.exec_driver_sql(
        f"""{head}
SELECT g, count(*), sum(resolved), sum(reopens), sum(is_open),
  min(CASE WHEN is_open THEN arrived_at END),
  sum(ack_in), count(ack_in), sum(reply_in), count(reply_in), sum(resolve_in), count(resolve_in)
FROM base GROUP BY g ORDER BY g""",
        tuple(params),
    ).all()
    spreads = _spreads(connection, group, where, now_us)
    return [
        GroupRow(
            key=key,
            count=count,
            resolved=resolved or 0,
            reopens=reopens or 0,
            backlog=backlog or 0,
            oldest_open=None if oldest is None else from_micros(oldest),
            within={
                name: (judged[2 * i] or 0, judged[2 * i + 1])
                for i, name in enumerate(("ack", "reply", "resolve"))
            },
            spreads=spreads.get(key, {}),
        )
        for (key, count, resolved, reopens, backlog, oldest, *judged) in counts
    ]


SPREAD_NAMES = (*DURATIONS, "age")


def _spreads(
    connection: Connection, group: str, where: MeasureFilter, now_us: int
) -> dict[str, dict[str, Spread]]:
    """Count, median and p90 (nearest rank) of each duration and of the open cases' ages,
    per group. SQLite has no percentile aggregate, and ranking with its window functions
    (or sorting every value in SQL) took five to ten times as long as this: the filtered
    rows' durations come in one plain indexed read and are ranked here."""
    condition, params = where.sql()
    columns = ", ".join(DURATIONS.values())
    rows = connection.exec_driver_sql(
        f"SELECT {GROUPS[group]}, {columns}, "
        f"CASE WHEN m.is_open THEN ({now_us} - m.arrived_at) / 1e6 END "
        f"FROM case_measures m WHERE {condition}",
        tuple(params),
    )
    values: dict[str, list[list[float]]] = {}
    for row in rows:
        lists = values.get(row[0])
        if lists is None:
            lists = values[row[0]] = [[] for _ in SPREAD_NAMES]
        for index, value in enumerate(row[1:]):
            if value is not None:
                lists[index].append(value)
    spreads: dict[str, dict[str, Spread]] = {}
    for key, lists in values.items():
        found = spreads[key] = {}
        for name, ranked in zip(SPREAD_NAMES, lists, strict=True):
            if ranked:
                ranked.sort()
                n = len(ranked)
                found[name] = Spread(n, ranked[(n + 1) // 2 - 1], ranked[(9 * n + 9) // 10 - 1])
    return spreads


def counts_by(
    connection: Connection, keys: Sequence[str], where: MeasureFilter
) -> list[tuple[Any, ...]]:
    """(key values..., count) per combination of these group keys (GROUPS' names, or
    'weekday' 0 = Monday and 'hour' of arrival in local time)."""
    exprs = [EXTRA_KEYS.get(k) or GROUPS[k] for k in keys]
    condition, params = where.sql()
    cols = ", ".join(exprs)
    return [
        tuple(row)
        for row in connection.exec_driver_sql(
            f"SELECT {cols}, count(*) FROM case_measures m WHERE {condition} "
            f"GROUP BY {', '.join(str(i + 1) for i in range(len(exprs)))} ORDER BY 1",
            tuple(params),
        )
    ]


def duration_histogram(
    connection: Connection, duration: str, edges: Sequence[float], where: MeasureFilter
) -> list[int]:
    """How many cases' `duration` (a DURATIONS name) falls in each bin [edges[i],
    edges[i+1]); the last bin is open-ended."""
    condition, params = where.sql()
    sql = DURATIONS[duration]
    bins = " ".join(f"WHEN v < {float(e)} THEN {i - 1}" for i, e in enumerate(edges) if i > 0)
    rows = connection.exec_driver_sql(
        f"SELECT CASE {bins} ELSE {len(edges) - 1} END AS b, count(*) FROM "
        f"(SELECT {sql} AS v FROM case_measures m WHERE {condition} AND {sql} IS NOT NULL "
        f"AND {sql} >= {float(edges[0])}) GROUP BY b",
        tuple(params),
    )
    counts = [0] * len(edges)
    for index, n in rows:
        counts[int(index)] = n
    return counts


def within_by(
    connection: Connection, group: str, where: MeasureFilter, targets: Targets, now: datetime
) -> list[tuple[str, int, int, int, int, int, int]]:
    """(group, ack within, ack judged, reply within, judged, resolve within, judged)."""
    head, params = _base(group, where, targets, now)
    return [
        (g, a or 0, an, r or 0, rn, s or 0, sn)
        for g, a, an, r, rn, s, sn in connection.exec_driver_sql(
            f"""{head} SELECT g, sum(ack_in), count(ack_in), sum(reply_in), count(reply_in),
  sum(resolve_in), count(resolve_in) FROM base GROUP BY g ORDER BY g""",
            tuple(params),
        )
    ]


def backlog_series(
    connection: Connection, where: MeasureFilter, start: datetime, end: datetime
) -> tuple[int, list[tuple[str, int, int]]]:
    """The backlog (cases arrived and not finished) at `start`, and per local day in
    [start, end) the cases that arrived and those that finished: the backlog at the end
    of a day is the first plus the running sum of the others. Among the cases the
    filter's other conditions keep (its arrival range is ignored: a backlog holds
    everything that arrived before)."""
    condition, params = MeasureFilter(
        roles=where.roles,
        priorities=where.priorities,
        channels=where.channels,
        desks=where.desks,
        persons=where.persons,
    ).sql()
    first, last = to_micros(start), to_micros(end)
    # Open at `start`: unfinished, or finished after it; two reads of the finished index
    # (one OR would scan every case that arrived before).
    before = connection.exec_driver_sql(
        f"SELECT (SELECT count(*) FROM case_measures m INDEXED BY ix_case_measures_finished "
        f"WHERE m.finished_at IS NULL AND m.arrived_at < ? AND {condition}) "
        f"+ (SELECT count(*) FROM case_measures m INDEXED BY ix_case_measures_finished "
        f"WHERE m.finished_at >= ? AND m.arrived_at < ? AND {condition})",
        (first, *params, first, first, *params),
    ).scalar_one()
    finished_day = GROUPS["day"].replace("m.arrived_at", "m.finished_at")
    rows = connection.exec_driver_sql(
        f"""SELECT d, sum(a), sum(f) FROM (
  SELECT {GROUPS["day"]} AS d, 1 AS a, 0 AS f FROM case_measures m
  WHERE {condition} AND m.arrived_at >= ? AND m.arrived_at < ?
  UNION ALL
  SELECT {finished_day} AS d, 0, 1 FROM case_measures m
  WHERE {condition} AND m.finished_at >= ? AND m.finished_at < ?)
GROUP BY d ORDER BY d""",
        (*params, first, last, *params, first, last),
    )
    return int(before), [(d, int(a), int(f)) for d, a, f in rows]


def fastest(
    connection: Connection,
    where: MeasureFilter,
    duration: str = "resolve",
    limit: int = 1,
    among: Sequence[int] | None = None,
) -> list[tuple[str, str, float]]:
    """The fastest `limit` cases per role by `duration`: (role, case id, seconds); with
    `among`, only among these cases (their rowids)."""
    condition, params = where.sql()
    if among is not None:
        condition += f" AND m.case_pk IN {_JSON_IDS}"
        params.append(json.dumps(list(among)))
    sql = DURATIONS[duration]
    if limit == 1:
        # One pass, no sort: SQLite takes a bare column from the row holding the min(). The
        # case's id is looked up for the few rows found only.
        rows = connection.exec_driver_sql(
            f"SELECT f.role, (SELECT c.id FROM cases c WHERE c.pk = f.case_pk), f.v FROM ("
            f"SELECT m.role AS role, m.case_pk AS case_pk, min({sql}) AS v FROM case_measures m "
            f"WHERE {condition} AND {sql} IS NOT NULL GROUP BY m.role) f ORDER BY f.role",
            tuple(params),
        )
        return [(role, id_from_stored(case_id), seconds) for role, case_id, seconds in rows]
    # Ties are broken by the case's id: the rows ranked within `limit` by duration alone
    # (a tie's rank is its first place) hold every case kept, and only they are joined
    # to their cases, in order of duration and id, to keep the first `limit` of each role.
    rows = connection.exec_driver_sql(
        f"""SELECT r.role, c.id, r.v FROM (
  SELECT m.role, m.case_pk, {sql} AS v, rank() OVER (PARTITION BY m.role ORDER BY {sql}) AS rk
  FROM case_measures m WHERE {condition} AND {sql} IS NOT NULL) r
CROSS JOIN cases c ON c.pk = r.case_pk
WHERE r.rk <= {int(limit)} ORDER BY r.role, r.v, c.id""",
        tuple(params),
    )
    kept: list[tuple[str, str, float]] = []
    taken: dict[str, int] = {}
    for role, case_id, seconds in rows:
        taken[role] = taken.get(role, 0) + 1
        if taken[role] <= limit:
            kept.append((role, id_from_stored(case_id), seconds))
    return kept


def case_ids(
    connection: Connection,
    where: MeasureFilter,
    conditions: Sequence[tuple[str, Any]] = (),
    limit: int = 1000,
) -> list[str]:
    """Ids of the cases the filter keeps that also meet these (SQL on `m`, parameter)
    conditions, newest arrival first."""
    condition, params = where.sql()
    for sql, value in conditions:
        condition += f" AND {sql}"
        if value is not None:
            params.append(value)
    return [
        id_from_stored(case_id)
        for case_id in connection.exec_driver_sql(
            f"SELECT c.id FROM case_measures m CROSS JOIN cases c ON c.pk = m.case_pk "
            f"WHERE {condition} ORDER BY m.arrived_at DESC, c.id LIMIT {int(limit)}",
            tuple(params),
        ).scalars()
    ]


def case_headers(
    connection: Connection, ids: Sequence[str]
) -> dict[str, tuple[str, str, datetime]]:
    """case id -> (excerpt, location, arrival) of these cases (the excerpt is the first
    post's)."""
    headers: dict[str, tuple[str, str, datetime]] = {}
    for marks, part in stored_id_lists(ids):
        rows = connection.exec_driver_sql(
            "SELECT c.id, coalesce((SELECT p.text FROM case_posts cp JOIN posts p "
            "ON p.pk = cp.post_pk WHERE cp.case_pk = c.pk ORDER BY cp.position LIMIT 1), ''), "
            "c.location, m.arrived_at FROM cases c "
            f"JOIN case_measures m ON m.case_pk = c.pk WHERE c.id IN {marks}",
            part,
        )
        headers.update(
            (id_from_stored(i), (excerpt(text), loc, from_micros(at))) for i, text, loc, at in rows
        )
    return headers


TARGET_NAMES = ("ack", "reply", "resolve")
_TARGET_MISSED = kind_sql(EventKind.TARGET_MISSED)


def missed_targets(
    connection: Connection, targets: Targets, now: datetime, since: datetime, limit: int = 500
) -> list[tuple[str, str, str, str]]:
    """(case id, role, priority, target) of the cases that arrived since `since` and are
    past a target ("ack", "reply", "resolve") with no target_missed event for it yet."""
    head, params = _base("all", MeasureFilter(start=since), targets, now)
    rows = connection.exec_driver_sql(
        f"""{head}
SELECT (SELECT c.id FROM cases c WHERE c.pk = b.case_pk), b.role, b.priority, t.name
FROM base b
JOIN (SELECT 'ack' AS name UNION ALL SELECT 'reply' UNION ALL SELECT 'resolve') t
WHERE CASE t.name WHEN 'ack' THEN b.ack_in WHEN 'reply' THEN b.reply_in
  ELSE b.resolve_in END = 0
AND NOT EXISTS (SELECT 1 FROM events e WHERE e.case_pk = b.case_pk
  AND e.kind = {_TARGET_MISSED} AND json_extract(e.payload, '$.target') = t.name)
ORDER BY b.arrived_at LIMIT {int(limit)}""",
        tuple(params),
    )
    return [
        (id_from_stored(case_id), role, priority, name) for case_id, role, priority, name in rows
    ]


# The cases of a report, one row each: what the measures know, the case's place and last
# change, and its first post's text (never its author).
CASE_COLUMNS = (
    "case_id",
    "role",
    "priority",
    "status",
    "channel",
    "desk",
    "person",
    "arrived_at",
    "acked_at",
    "replied_at",
    "resolved_at",
    "finished_at",
    "updated_at",
    "reopens",
    "location",
    "text",
    *DURATIONS,
)


def case_rows(connection: Connection, where: MeasureFilter) -> list[tuple[Any, ...]]:
    """The filter's cases in arrival order, as CASE_COLUMNS (times in microseconds,
    durations in seconds)."""
    condition, params = where.sql()
    return [
        (id_from_stored(row[0]), row[1], row[2], status_of_code(row[3]).value, *row[4:])
        for row in connection.exec_driver_sql(
            f"""SELECT c.id, m.role, m.priority, c.status, m.channel, m.desk, m.person,
  m.arrived_at, m.acked_at, m.replied_at, m.resolved_at, m.finished_at, c.updated_at,
  m.reopens, c.location,
  COALESCE((SELECT p.text FROM case_posts cp JOIN posts p ON p.pk = cp.post_pk
            WHERE cp.case_pk = c.pk ORDER BY cp.position LIMIT 1), ''),
  {", ".join(DURATIONS.values())}
FROM case_measures m JOIN cases c ON c.pk = m.case_pk
WHERE {condition} ORDER BY m.arrived_at, c.id""",
            tuple(params),
        )
    ]


Fastest = list[tuple[str, str, float]]


def fastest_kept(
    connection: Connection,
    where: MeasureFilter,
    limit: int,
    kept: tuple[int, Fastest] | None,
) -> tuple[int, Fastest]:
    """`fastest` by resolution and the events' version it is of, brought up from `kept`
    (what it was at an earlier version) when it can be: only the cases with new events
    are read, unless one of them held a record (it may be slower now: all are read).
    One read transaction: the version and the rows are of one moment."""
    version = events_version(connection)
    if kept is not None and kept[0] == version:
        return kept
    if kept is not None and kept[0] < version:
        changed = cases_changed_since(connection, kept[0])
        if not any(case_id in changed for _, case_id, _ in kept[1]):
            found = list(kept[1])
            if changed:
                among = sorted(changed.values())
                found += fastest(connection, where, "resolve", limit, among=among)
            by_role: dict[str, Fastest] = {}
            for row in sorted(found, key=lambda r: (r[0], r[2], r[1])):
                by_role.setdefault(row[0], []).append(row)
            return version, [row for rows in by_role.values() for row in rows[:limit]]
    return version, fastest(connection, where, "resolve", limit)


def cases_changed_since(connection: Connection, seq: int) -> dict[str, int]:
    """The cases with an event after event `seq` (only they may have new measures): their
    ids and rowids."""
    rows = connection.exec_driver_sql(
        "SELECT id, pk FROM cases WHERE pk IN (SELECT case_pk FROM events WHERE seq > ?)",
        (seq,),
    )
    return {id_from_stored(case_id): pk for case_id, pk in rows}


def events_version(connection: Connection) -> int:
    """Grows whenever an event is stored: a figure read at the same version is still
    right (the events' sequence number is the table's key: one step of the index)."""
    return int(connection.exec_driver_sql("SELECT coalesce(max(seq), 0) FROM events").scalar_one())
