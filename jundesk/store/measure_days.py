"""The town's record by the day: each UTC day's case measures packed as columns in one
row of `measure_days`, so a quarter or a year is read as a few hundred blobs instead of a
row per case, and the counts, medians and p90 are worked out over arrays.

The figures are the very ones store/measures.py's SQL aggregates define (a test holds
them equal on random histories): exact, nearest-rank percentiles, periods in the desk's
local time. A day's pack is dropped (NULL) in the transaction that changes any of its
cases' measures (`mark_days`, called by measures.refresh and by a calendar change), and a
reader then reads that day's rows instead: a figure never lags its events. `pack_days`
packs the days that wait, a few per write transaction (Records.prepare).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import Connection

from jundesk.store import measures
from jundesk.store.column_types import from_micros, to_micros
from jundesk.store.measures import (
    DAY_US,
    DURATIONS,
    SPREAD_NAMES,
    GroupRow,
    MeasureFilter,
    Spread,
    Targets,
    working_clock,
)

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

# A missing moment inside a pack (never a real time: those are microseconds since 1970).
NULL = -(2**62)
TIMES = (
    "arrived_at",
    "acked_at",
    "replied_at",
    "resolved_at",
    "finished_at",
    "arrived_w",
    "acked_w",
    "replied_w",
    "resolved_w",
)
TEXTS = ("role", "priority", "channel", "desk", "person")
_T = {name: i for i, name in enumerate(TIMES)}
# The moments each duration of measures.DURATIONS runs between.
_SPANS = {
    "ack": ("arrived_at", "acked_at"),
    "reply": ("arrived_at", "replied_at"),
    "resolve": ("arrived_at", "resolved_at"),
    "ack_work": ("arrived_w", "acked_w"),
    "reply_work": ("arrived_w", "replied_w"),
    "resolve_work": ("arrived_w", "resolved_w"),
}
assert tuple(_SPANS) == tuple(DURATIONS)

_ROWS = (
    "SELECT "
    + ", ".join(f"coalesce(m.{c}, {NULL})" for c in TIMES)
    + ", m.reopens, m.is_open, "
    + ", ".join(f"m.{c}" for c in TEXTS)
    + " FROM case_measures m WHERE m.arrived_at >= ? AND m.arrived_at < ?"
)


@dataclass(frozen=True, slots=True)
class Columns:
    """Measures of many cases, one array per column: `times[i]` is TIMES[i] (NULL where
    unknown), `codes[i]` indexes `names[i]` (TEXTS[i])."""

    times: Ints  # shape (len(TIMES), n)
    reopens: Ints
    is_open: Bools
    codes: Ints  # shape (len(TEXTS), n)
    names: tuple[tuple[str, ...], ...]
    local: Ints | None = None  # arrival on the local clock (local_seconds), once worked out

    def __len__(self) -> int:
        return int(self.reopens.shape[0])

    def time(self, name: str) -> Ints:
        column: Ints = self.times[_T[name]]
        return column

    def code(self, name: str) -> Ints:
        column: Ints = self.codes[TEXTS.index(name)]
        return column

    def take(self, keep: Bools) -> Columns:
        return Columns(
            self.times[:, keep], self.reopens[keep], self.is_open[keep], self.codes[:, keep],
            self.names, None if self.local is None else self.local[keep],
        )  # fmt: skip

    def localised(self) -> Columns:
        """With the arrivals on the local clock (a read's every plot groups by them)."""
        if self.local is not None:
            return self
        return replace(self, local=local_seconds(self.time("arrived_at")))

    def local_arrival(self) -> Ints:
        return self.local if self.local is not None else local_seconds(self.time("arrived_at"))


def _empty() -> Columns:
    return Columns(
        np.zeros((len(TIMES), 0), np.int64),
        np.zeros(0, np.int64),
        np.zeros(0, np.bool_),
        np.zeros((len(TEXTS), 0), np.int64),
        tuple(() for _ in TEXTS),
    )


def _from_rows(rows: Sequence[Sequence[Any]]) -> Columns:
    if not rows:
        return _empty()
    columns = list(zip(*rows, strict=True))
    times = np.array(columns[: len(TIMES)], dtype=np.int64)
    reopens = np.array(columns[len(TIMES)], dtype=np.int64)
    is_open = np.array(columns[len(TIMES) + 1], dtype=np.bool_)
    codes = np.zeros((len(TEXTS), len(rows)), np.int64)
    names: list[tuple[str, ...]] = []
    for i, values in enumerate(columns[len(TIMES) + 2 :]):
        index: dict[str, int] = {}
        codes[i] = [index.setdefault(v, len(index)) for v in values]
        names.append(tuple(index))
    return Columns(times, reopens, is_open, codes, tuple(names))


def _pack(columns: Columns) -> tuple[int, str, bytes]:
    """(n, names as JSON, blob): the times as int64, then reopens int32, is_open uint8
    and the codes uint16, each column after the other."""
    blob = b"".join(
        (
            columns.times.astype("<i8").tobytes(),
            columns.reopens.astype("<i4").tobytes(),
            columns.is_open.astype(np.uint8).tobytes(),
            columns.codes.astype("<u2").tobytes(),
        )
    )
    return len(columns), json.dumps(columns.names), blob


def _unpack(n: int, names: str, blob: bytes) -> Columns:
    k = len(TIMES) * n
    times = np.frombuffer(blob, "<i8", k).reshape(len(TIMES), n).astype(np.int64)
    offset = 8 * k
    reopens = np.frombuffer(blob, "<i4", n, offset).astype(np.int64)
    offset += 4 * n
    is_open = np.frombuffer(blob, np.uint8, n, offset).astype(np.bool_)
    offset += n
    codes = np.frombuffer(blob, "<u2", len(TEXTS) * n, offset).reshape(len(TEXTS), n)
    return Columns(
        times, reopens, is_open, codes.astype(np.int64), tuple(tuple(x) for x in json.loads(names))
    )


def _concat(parts: Sequence[Columns]) -> Columns:
    """One Columns from many, their codes put on one list of names per text column."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return _empty()
    if len(parts) == 1:
        return parts[0]
    names: list[tuple[str, ...]] = []
    codes: list[Ints] = []
    for i in range(len(TEXTS)):
        index: dict[str, int] = {}
        lookups: dict[tuple[str, ...], Ints] = {}  # most days name the same few values
        mapped = []
        for part in parts:
            lookup = lookups.get(part.names[i])
            if lookup is None:
                lookup = np.array(
                    [index.setdefault(n, len(index)) for n in part.names[i]], np.int64
                )
                lookups[part.names[i]] = lookup
            mapped.append(lookup[part.codes[i]])
        names.append(tuple(index))
        codes.append(np.concatenate(mapped))
    return Columns(
        np.concatenate([p.times for p in parts], axis=1),
        np.concatenate([p.reopens for p in parts]),
        np.concatenate([p.is_open for p in parts]),
        np.stack(codes),
        tuple(names),
    )


# -- keeping the packs --------------------------------------------------------------------


def drop_all(connection: Connection) -> None:
    """Every pack must be made again (the working clocks changed for every case)."""
    connection.exec_driver_sql("UPDATE measure_days SET pack = NULL WHERE pack IS NOT NULL")


def days_to_pack(connection: Connection) -> int:
    return int(
        connection.exec_driver_sql(
            "SELECT count(*) FROM measure_days WHERE pack IS NULL"
        ).scalar_one()
    )


def _pack_day(connection: Connection, day: int) -> None:
    rows = connection.exec_driver_sql(_ROWS, (day * DAY_US, (day + 1) * DAY_US)).fetchall()
    if not rows:
        connection.exec_driver_sql("DELETE FROM measure_days WHERE day = ?", (day,))
        return
    n, names, blob = _pack(_from_rows(rows))
    connection.exec_driver_sql(
        "UPDATE measure_days SET n = ?, names = ?, pack = ? WHERE day = ?", (n, names, blob, day)
    )


def pack_days(connection: Connection, limit: int = 30) -> int:
    """Pack up to `limit` days that wait (oldest first); returns how many still wait."""
    days = connection.exec_driver_sql(
        f"SELECT day FROM measure_days WHERE pack IS NULL ORDER BY day LIMIT {int(limit)}"
    ).scalars()
    for day in list(days):
        _pack_day(connection, day)
    return days_to_pack(connection)


def repack_days(connection: Connection, after: int, limit: int = 30) -> int | None:
    """Pack anew the next `limit` days after `after`, packed or not (the working clocks
    of every case changed); returns the last day done, None when none were left."""
    days = list(
        connection.exec_driver_sql(
            f"SELECT day FROM measure_days WHERE day > ? ORDER BY day LIMIT {int(limit)}",
            (after,),
        ).scalars()
    )
    for day in days:
        _pack_day(connection, day)
    return int(days[-1]) if days else None


def day_span(connection: Connection) -> tuple[int, int] | None:
    """The first and last day with cases."""
    # Two subqueries: SQLite reads min() or max() alone from the key's ends, not both at once.
    first, last = connection.exec_driver_sql(
        "SELECT (SELECT min(day) FROM measure_days), (SELECT max(day) FROM measure_days)"
    ).one()
    return None if first is None else (int(first), int(last))


# The upkeep's steps, each its own write transaction of a fraction of a second on a
# million cases, so a desk's own writes go in between.
CASES_PER_STEP = 20_000
DAYS_PER_STEP = 30


@dataclass(frozen=True, slots=True)
class Upkeep:
    """Where the record's upkeep stands after a step. `counting`: every case is being put
    on new working clocks (a calendar changed, or the database was upgraded), so figures
    in working time are not all right yet; `share`: how much of that count is done.
    `done`: nothing waits (days waiting to be packed only make reads slower)."""

    done: bool
    counting: bool = False
    share: float = 1.0
    calendars_changed: bool = False


def upkeep_step(conn: Connection) -> Upkeep:
    """One step of the record's upkeep once its calendars are stored (Records.prepare_step
    stores them): a recount's next cases or days, else the next days waiting."""
    state = measures.recount_state(conn)
    if state is None:
        waiting = pack_days(conn, DAYS_PER_STEP)
        return Upkeep(done=waiting == 0)
    phase, _, at = state.partition(":")
    if phase == "w":
        last = measures.recompute_working_rows(conn, int(at), CASES_PER_STEP)
        if last is None:
            measures.set_recount_state(conn, "p:-1")
            return Upkeep(done=False, counting=True, share=0.8)
        measures.set_recount_state(conn, f"w:{last}")
        top = conn.exec_driver_sql("SELECT max(rowid) FROM case_measures").scalar() or last
        return Upkeep(done=False, counting=True, share=0.8 * last / top)
    day = repack_days(conn, int(at), DAYS_PER_STEP)
    if day is None:
        measures.set_recount_state(conn, None)
        return Upkeep(done=days_to_pack(conn) == 0)
    span = day_span(conn) or (day, day)
    share = 0.8 + 0.2 * (day - span[0] + 1) / (span[1] - span[0] + 1)
    measures.set_recount_state(conn, f"p:{day}")
    return Upkeep(done=False, counting=True, share=share)


# -- reading --------------------------------------------------------------------------------


def _day_range(connection: Connection, where: MeasureFilter) -> tuple[int, int] | None:
    """The UTC days the filter's arrival range touches (an open end: up to the first or
    last day with cases). A bound the filter gives is kept as it is, so the range read
    stays the same when a case arrives on a new day."""
    if where.start is None or where.end is None:
        span = day_span(connection)
        if span is None:
            return None
        first, last = span
    if where.start is not None:
        first = to_micros(where.start) // DAY_US
    if where.end is not None:
        last = (to_micros(where.end) - 1) // DAY_US
    return None if first > last else (first, last)


def _read_day_parts(connection: Connection, first: int, last: int) -> dict[int, Columns]:
    """Each day's cases among these days (days without cases left out): packed days as
    they are, the days waiting to be packed from their rows (consecutive ones in one
    read, split by day)."""
    rows = connection.exec_driver_sql(
        "SELECT day, n, names, pack FROM measure_days WHERE day >= ? AND day <= ? ORDER BY day",
        (first, last),
    ).fetchall()
    parts: dict[int, Columns] = {}
    waiting: list[int] = []

    def read_waiting() -> None:
        if not waiting:
            return
        found = connection.exec_driver_sql(
            _ROWS, (waiting[0] * DAY_US, (waiting[-1] + 1) * DAY_US)
        ).fetchall()
        by_day: dict[int, list[Any]] = {}
        for row in found:  # arrived_at comes first: never NULL
            by_day.setdefault(row[0] // DAY_US, []).append(row)
        for day, day_rows in by_day.items():
            parts[day] = _from_rows(day_rows)
        waiting.clear()

    for day, n, names, pack in rows:
        if pack is None:
            if waiting and waiting[-1] != day - 1:
                read_waiting()
            waiting.append(day)
            continue
        read_waiting()
        parts[day] = _unpack(n, names, pack)
    read_waiting()
    return parts


def _read_days(connection: Connection, first: int, last: int) -> Columns:
    """Every case of these days, in the days' order."""
    parts = _read_day_parts(connection, first, last)
    return _concat([parts[day] for day in sorted(parts)])


def data_version(connection: Connection) -> tuple[int, str]:
    """Changes whenever a case's measures may have: a new event (the events' sequence is
    their table's key: one step of its index) or a calendar's recount going on."""
    seq, stamps = connection.exec_driver_sql(
        "SELECT (SELECT coalesce(max(seq), 0) FROM events), "
        "(SELECT group_concat(calendar || '=' || stamp, ';') FROM work_calendars)"
    ).one()
    return int(seq), str(stamps or "")


def days_changed_since(connection: Connection, seq: int, first: int, last: int) -> set[int]:
    """The days among [first, last] whose cases' measures may have changed since event
    `seq`: the days of arrival of the cases with a later event (a case's measures change
    only with its events; a day's pack holds the cases that arrived on it)."""
    return {
        int(day)
        for (day,) in connection.exec_driver_sql(
            # From the events to their cases (a join would scan every case).
            f"SELECT DISTINCT coalesce(c.arrived_at, c.created_at) / {DAY_US} FROM cases c "
            "WHERE c.pk IN (SELECT e.case_pk FROM events e WHERE e.seq > ?)",
            (seq,),
        )
        if first <= day <= last
    }


@dataclass(slots=True)
class _Kept:
    """A range read: its days' cases one part per day (to read again only the days that
    changed), and all of them together with their local arrivals (what readers take)."""

    version: tuple[int, str]
    first: int
    last: int
    parts: dict[int, Columns]
    columns: Columns


class ColumnsCache:
    """The days last read, shared by the view's plots (read side by side on reader
    threads, they share one read) and kept across filter changes (roles, priorities,
    people or a narrower range need no read). When events come in, only the days of the
    cases they changed are read again: a busy desk does not read its quarter anew for
    every new case."""

    KEPT = 3  # ranges: the view going back and forth between a few
    # Beyond this many changed days, the whole range is read again (one read is cheaper).
    MAX_CHANGED_DAYS = 60

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._kept: list[_Kept] = []

    def read(self, connection: Connection, first: int, last: int) -> Columns:
        with self._lock:
            version = data_version(connection)
            for kept in self._kept:
                if kept.version == version and kept.first <= first and last <= kept.last:
                    return kept.columns
            for kept in reversed(self._kept):
                if (
                    kept.version[1] == version[1]
                    and kept.version[0] <= version[0]
                    and kept.first <= first
                    and last <= kept.last
                ):
                    return self._catch_up(connection, kept, version)
            parts = _read_day_parts(connection, first, last)
            columns = _concat([parts[day] for day in sorted(parts)]).localised()
            # The ranges kept before stay (new events only make them catch up), unless
            # a calendar's recount changed every case.
            self._kept = [k for k in self._kept if k.version[1] == version[1]][-(self.KEPT - 1) :]
            self._kept.append(_Kept(version, first, last, parts, columns))
            return columns

    def _catch_up(self, connection: Connection, kept: _Kept, version: tuple[int, str]) -> Columns:
        """`kept` brought up to `version`: the changed days read again, the others kept."""
        changed = days_changed_since(connection, kept.version[0], kept.first, kept.last)
        if len(changed) > self.MAX_CHANGED_DAYS:
            kept.parts = _read_day_parts(connection, kept.first, kept.last)
        elif changed:
            for day in changed:
                kept.parts.pop(day, None)
            runs: list[list[int]] = []  # consecutive days, each run in one read
            for day in sorted(changed):
                if runs and runs[-1][1] == day - 1:
                    runs[-1][1] = day
                else:
                    runs.append([day, day])
            for start, stop in runs:
                kept.parts.update(_read_day_parts(connection, start, stop))
        if changed:
            kept.columns = _concat([kept.parts[d] for d in sorted(kept.parts)]).localised()
        kept.version = version
        self._kept = [k for k in self._kept if k is not kept] + [kept]  # the last used last
        return kept.columns


def read_columns(
    connection: Connection, where: MeasureFilter, cache: ColumnsCache | None = None
) -> Columns:
    """The measures of the cases the filter keeps."""
    days = _day_range(connection, where)
    if days is None:
        return _empty()
    read = cache.read(connection, *days) if cache is not None else _read_days(connection, *days)
    return _keep(read, where)


def _keep(columns: Columns, where: MeasureFilter) -> Columns:
    keep = np.ones(len(columns), np.bool_)
    arrived = columns.time("arrived_at")
    if where.start is not None:
        keep &= arrived >= to_micros(where.start)
    if where.end is not None:
        keep &= arrived < to_micros(where.end)
    for name, values in (
        ("role", where.roles),
        ("priority", where.priorities),
        ("channel", where.channels),
        ("desk", where.desks),
        ("person", where.persons),
    ):
        if values:
            known = columns.names[TEXTS.index(name)]
            wanted = [known.index(v) for v in values if v in known]
            keep &= np.isin(columns.code(name), wanted)
    return columns if bool(keep.all()) else columns.take(keep)


# -- local time -----------------------------------------------------------------------------


def local_seconds(moments: Ints) -> Ints:
    """Each moment (UTC microseconds) as seconds on the desk's local clock since 1970, as
    SQLite's 'localtime' reads it: the offset is looked up once per UTC hour (zones
    change their offset on a whole UTC hour, or half hour at the start of one)."""
    seconds = moments // 1_000_000
    if not len(seconds):
        return seconds
    hours = seconds // 3600
    first = int(hours.min())
    span = int(hours.max()) - first + 1
    offsets = np.fromiter(
        (time.localtime((first + h) * 3600).tm_gmtoff for h in range(span)), np.int64, span
    )
    local: Ints = seconds + offsets[hours - first]
    return local


_EPOCH = date(1970, 1, 1).toordinal()


def _iso(days: Iterable[int]) -> list[str]:
    return [date.fromordinal(_EPOCH + int(d)).isoformat() for d in days]


def _keys(columns: Columns, group: str) -> tuple[Ints, list[Any]]:
    """Per case the index of its group, and the groups' keys as measures.py's SQL gives
    them (texts; ISO dates of local periods; weekday 0 = Monday and hour as numbers)."""
    if group in TEXTS:
        return columns.code(group), list(columns.names[TEXTS.index(group)])
    if group == "all":
        return np.zeros(len(columns), np.int64), [""]
    local = columns.local_arrival()
    days = local // 86400
    weekday = (days + 3) % 7  # 1 January 1970 was a Thursday
    if group == "weekday":
        return weekday, list(range(7))
    if group == "hour":
        return (local // 3600) % 24, list(range(24))
    if group == "week":
        days = days - weekday
    values, index = np.unique(days, return_inverse=True)
    if group == "month":
        months = [d[:8] + "01" for d in _iso(values)]
        keys = sorted(set(months))
        lookup = np.array([keys.index(m) for m in months], np.int64)
        return lookup[index], list(keys)
    if group in ("day", "week"):
        return index.astype(np.int64), _iso(values)
    raise ValueError(f"unknown group {group!r}")


def _grouped(columns: Columns, group: str) -> tuple[Ints, list[Any]]:
    """Per case its group's place among the groups present, and their keys in order."""
    codes, keys = _keys(columns, group)
    present = np.unique(codes)
    order = sorted(present.tolist(), key=lambda c: keys[c])
    place = np.zeros(max(len(keys), 1), np.int64)
    place[order] = np.arange(len(order))
    return place[codes], [keys[c] for c in order]


# -- the aggregates (measures.py's SQL, over arrays) -----------------------------------------


def _durations(columns: Columns) -> dict[str, Floats]:
    found = {}
    for name, (start, stop) in _SPANS.items():
        a, b = columns.time(start), columns.time(stop)
        known = (a != NULL) & (b != NULL)
        found[name] = np.where(known, (b - a) / 1e6, np.nan)
    return found


def _targets(columns: Columns, targets: Targets, index: int) -> Floats:
    """Each case's target (seconds; NaN: none), as measures._target_sql picks it."""
    roles, priorities = columns.names[0], columns.names[1]
    table = np.full((max(len(roles), 1), max(len(priorities), 1)), np.nan)
    for r, role in enumerate(roles):
        for p, priority in enumerate(priorities):
            line = targets.get((role, priority)) or targets.get(("*", priority))
            if line is not None:
                table[r, p] = float(line[index])
    found: Floats = table[columns.code("role"), columns.code("priority")]
    return found


def _judged(
    columns: Columns, targets: Targets, now: datetime, now_w: Mapping[str, int | None]
) -> dict[str, npt.NDArray[np.int8]]:
    """Per case and target: 1 met, 0 missed, -1 not judged yet (measures._base's rule)."""
    now_us = to_micros(now)
    arrived = columns.time("arrived_at")
    found: dict[str, npt.NDArray[np.int8]] = {}
    for index, (name, moment) in enumerate((("ack", "acked_at"), ("reply", "replied_at"))):
        limit = _targets(columns, targets, index) * 1e6
        done = columns.time(moment)
        has_target = ~np.isnan(limit)
        state = np.full(len(columns), -1, np.int8)
        known = done != NULL
        state[known & has_target] = ((done - arrived) <= limit)[known & has_target]
        state[~known & has_target & ((now_us - arrived) > limit)] = 0
        found[name] = state
    limit = _targets(columns, targets, 2) * 1e6
    has_target = ~np.isnan(limit)
    arrived_w, resolved_w = columns.time("arrived_w"), columns.time("resolved_w")
    state = np.full(len(columns), -1, np.int8)
    resolved = resolved_w != NULL
    measured = resolved & (arrived_w != NULL) & has_target
    state[measured] = ((resolved_w - arrived_w) <= limit)[measured]
    clock = np.array([_or_nan(now_w.get(r)) for r in columns.names[0]] or [np.nan])
    role_now = clock[columns.code("role")]
    waiting = (
        ~resolved
        & (columns.time("finished_at") == NULL)
        & (arrived_w != NULL)
        & has_target
        & ~np.isnan(role_now)
    )
    late = waiting & ((role_now - arrived_w) > limit)
    state[late] = 0
    found["resolve"] = state
    return found


def _or_nan(value: int | None) -> float:
    return np.nan if value is None else float(value)


def working_now(
    connection: Connection, roles: Iterable[str], now: datetime
) -> dict[str, int | None]:
    """Each role's working clock at `now` (None: no calendar marks yet)."""
    now_us = str(to_micros(now))
    found: dict[str, int | None] = {}
    for role in roles:
        literal = "'" + role.replace("'", "''") + "'"
        value = connection.exec_driver_sql(f"SELECT {working_clock(now_us, literal)}").scalar()
        found[role] = None if value is None else int(value)
    return found


def _sums(place: Ints, groups: int, values: npt.NDArray[Any]) -> list[int]:
    return [int(v) for v in np.bincount(place, weights=values, minlength=groups)]


def group_rows(
    connection: Connection,
    group: str,
    where: MeasureFilter,
    targets: Targets,
    now: datetime,
    cache: ColumnsCache | None = None,
) -> list[GroupRow]:
    """measures.group_rows over the packed days: counts, spreads and targets met per
    group, ordered by the group's key."""
    columns = read_columns(connection, where, cache)
    return rows_of(columns, group, targets, now, working_now(connection, columns.names[0], now))


def rows_of(
    columns: Columns,
    group: str,
    targets: Targets,
    now: datetime,
    now_w: Mapping[str, int | None],
) -> list[GroupRow]:
    if not len(columns):
        return []
    place, keys = _grouped(columns, group)
    groups = len(keys)
    count = np.bincount(place, minlength=groups)
    resolved = _sums(place, groups, (columns.time("resolved_at") != NULL).astype(np.int64))
    reopens = _sums(place, groups, columns.reopens)
    backlog = _sums(place, groups, columns.is_open.astype(np.int64))
    oldest = np.full(groups, np.iinfo(np.int64).max, np.int64)
    np.minimum.at(oldest, place[columns.is_open], columns.time("arrived_at")[columns.is_open])
    judged = {
        name: (
            _sums(place, groups, (state == 1).astype(np.int64)),
            _sums(place, groups, (state >= 0).astype(np.int64)),
        )
        for name, state in _judged(columns, targets, now, now_w).items()
    }
    values = _durations(columns)
    values["age"] = np.where(
        columns.is_open, (to_micros(now) - columns.time("arrived_at")) / 1e6, np.nan
    )
    spreads = _spreads(place, groups, {name: values[name] for name in SPREAD_NAMES})
    return [
        GroupRow(
            key=keys[g],
            count=int(count[g]),
            resolved=resolved[g],
            reopens=reopens[g],
            backlog=backlog[g],
            oldest_open=None if backlog[g] == 0 else from_micros(int(oldest[g])),
            within={name: (met[g], seen[g]) for name, (met, seen) in judged.items()},
            spreads=spreads[g],
        )
        for g in range(groups)
    ]


def _spreads(place: Ints, groups: int, values: Mapping[str, Floats]) -> list[dict[str, Spread]]:
    """Count, median and p90 (nearest rank) of each column's known values, per group: the
    cases put in group order once, then two ranks picked from each group's values (a
    partial sort: a full sort of a year's values took most of the time)."""
    order = np.argsort(place, kind="stable")
    bounds = np.concatenate(([0], np.cumsum(np.bincount(place, minlength=groups))))
    found: list[dict[str, Spread]] = [{} for _ in range(groups)]
    for name, column in values.items():
        grouped = column[order]
        for g in range(groups):
            part = grouped[bounds[g] : bounds[g + 1]]
            part = part[~np.isnan(part)]
            n = len(part)
            if n:
                low, high = (n + 1) // 2 - 1, (9 * n + 9) // 10 - 1
                ranked = np.partition(part, (low, high))
                found[g][name] = Spread(n, float(ranked[low]), float(ranked[high]))
    return found


def counts_by(
    connection: Connection,
    keys: Sequence[str],
    where: MeasureFilter,
    cache: ColumnsCache | None = None,
) -> list[tuple[Any, ...]]:
    """measures.counts_by over the packed days: (key values..., count), in key order."""
    columns = read_columns(connection, where, cache)
    if not len(columns):
        return []
    places: list[Ints] = []
    names: list[list[Any]] = []
    for key in keys:
        place, found = _grouped(columns, key)
        places.append(place)
        names.append(found)
    combined = np.zeros(len(columns), np.int64)
    for place, found in zip(places, names, strict=True):
        combined = combined * len(found) + place
    values, counts = np.unique(combined, return_counts=True)
    rows = []
    for value, n in zip(values.tolist(), counts.tolist(), strict=True):
        parts = []
        for found in reversed(names):
            value, at = divmod(value, len(found))
            parts.append(found[at])
        rows.append((*reversed(parts), int(n)))
    return rows


def duration_histogram(
    connection: Connection,
    duration: str,
    edges: Sequence[float],
    where: MeasureFilter,
    cache: ColumnsCache | None = None,
) -> list[int]:
    """measures.duration_histogram over the packed days."""
    values = _durations(read_columns(connection, where, cache))[duration]
    values = values[~np.isnan(values) & (values >= float(edges[0]))]
    bins = np.searchsorted(np.array(edges, float), values, side="right") - 1
    return [int(n) for n in np.bincount(bins, minlength=len(edges))[: len(edges)]]


def within_by(
    connection: Connection,
    group: str,
    where: MeasureFilter,
    targets: Targets,
    now: datetime,
    cache: ColumnsCache | None = None,
) -> list[tuple[str, int, int, int, int, int, int]]:
    """measures.within_by over the packed days."""
    columns = read_columns(connection, where, cache)
    if not len(columns):
        return []
    now_w = working_now(connection, columns.names[0], now)
    place, keys = _grouped(columns, group)
    judged = _judged(columns, targets, now, now_w)
    sums = {
        name: (
            _sums(place, len(keys), (state == 1).astype(np.int64)),
            _sums(place, len(keys), (state >= 0).astype(np.int64)),
        )
        for name, state in judged.items()
    }
    (am, aj), (rm, rj), (sm, sj) = sums["ack"], sums["reply"], sums["resolve"]
    return [(str(k), am[g], aj[g], rm[g], rj[g], sm[g], sj[g]) for g, k in enumerate(keys)]


def backlog_series(
    connection: Connection,
    where: MeasureFilter,
    start: datetime,
    end: datetime,
    cache: ColumnsCache | None = None,
) -> tuple[int, list[tuple[str, int, int]]]:
    """measures.backlog_series, the cases that arrived in [start, end) taken from the
    packed days, the others from the finished index (it holds arrival and role: a role's
    backlog reads no case row): those still open, and those that finished after `start`
    though they arrived before it (or, clocks being what they are, after `end`)."""
    condition, params = replace(where, start=None, end=None).sql()
    first, last = to_micros(start), to_micros(end)
    still_open = connection.exec_driver_sql(
        f"SELECT count(*) FROM case_measures m INDEXED BY ix_case_measures_finished "
        f"WHERE m.finished_at IS NULL AND m.arrived_at < ? AND {condition}",
        (first, *params),
    ).scalar_one()
    others = connection.exec_driver_sql(
        f"SELECT m.finished_at, m.arrived_at < ? FROM case_measures m "
        f"INDEXED BY ix_case_measures_finished WHERE m.finished_at >= ? "
        f"AND (m.arrived_at < ? OR (m.arrived_at >= ? AND m.finished_at < ?)) AND {condition}",
        (first, first, first, last, last, *params),
    ).fetchall()
    before = int(still_open) + sum(1 for _, earlier in others if earlier)
    arrived = read_columns(connection, replace(where, start=start, end=end), cache)
    finished = arrived.time("finished_at")
    finished = np.concatenate(
        (finished[(finished >= first) & (finished < last)], [f for f, _ in others if f < last])
    ).astype(np.int64)
    counts: dict[int, list[int]] = {}
    for index, local in enumerate((arrived.local_arrival(), local_seconds(finished))):
        local_days, n = np.unique(local // 86400, return_counts=True)
        for day, count in zip(local_days.tolist(), n.tolist(), strict=True):
            counts.setdefault(day, [0, 0])[index] = count
    ordered = sorted(counts)
    return before, [
        (name, counts[day][0], counts[day][1])
        for name, day in zip(_iso(ordered), ordered, strict=True)
    ]
