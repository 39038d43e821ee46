"""Each role's working calendar (weekly shifts, breaks, holidays) and the working clock
made from it: how much working time lies between two moments.

A calendar becomes a list of marks (where the clock starts and stops, with the working
time before each) that the store keeps, so a duration in working hours is a subtraction
in SQL. Police work around the clock by default; street crews and the front desk work
shifts. Settings.work_calendars holds them (role -> {"week", "breaks", "holidays"};
"*" for every role without its own line).
"""

from __future__ import annotations

import hashlib
import json
import time
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from jundesk.app.schedule import WEEKDAYS, WeeklySchedule
from jundesk.store.measures import WorkMark

ANY_ROLE = "*"
# The clock's origin and how far ahead the marks reach: cases from before the origin have
# no working-time measures; the marks are made again (a new stamp) each new year.
ORIGIN = date(2010, 1, 1)
YEARS_AHEAD = 3

_WEEKDAYS_ONLY = ("mon", "tue", "wed", "thu", "fri")


def default_work_calendars() -> dict[str, dict[str, Any]]:
    """Police around the clock; street crews on a morning shift with a half-hour break
    (and Saturday mornings); every other role on the town hall's weekday hours."""
    crews = {
        "week": {
            **{day: [["07:00", "14:30"]] for day in _WEEKDAYS_ONLY},
            "sat": [["08:00", "13:00"]],
        },
        "breaks": {day: [["10:00", "10:30"]] for day in _WEEKDAYS_ONLY},
        "holidays": [],
    }
    return {
        "police": {
            "week": {day: [["00:00", "00:00"]] for day in WEEKDAYS},
            "breaks": {},
            "holidays": [],
        },
        "street_cleaning": crews,
        "lighting": json.loads(json.dumps(crews)),
        ANY_ROLE: {
            "week": {day: [["08:00", "15:00"]] for day in _WEEKDAYS_ONLY},
            "breaks": {},
            "holidays": [],
        },
    }


class CalendarError(ValueError):
    """A calendar setting that makes no sense; `code` for the console's words."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.code = code


Interval = tuple[datetime, datetime]  # naive local times


@dataclass(frozen=True, slots=True)
class WorkCalendar:
    """Weekly shifts, weekly breaks inside them, and whole days off (local dates)."""

    week: WeeklySchedule
    breaks: WeeklySchedule
    holidays: frozenset[date] = frozenset()

    @classmethod
    def from_settings(cls, raw: Mapping[str, Any]) -> WorkCalendar:
        """Read one calendar of Settings.work_calendars; raises CalendarError."""
        if not isinstance(raw, Mapping):
            raise CalendarError("a calendar is an object with week, breaks, holidays", "shape")
        week, breaks = raw.get("week", {}), raw.get("breaks", {})
        if not isinstance(week, Mapping) or not isinstance(breaks, Mapping):
            raise CalendarError("week and breaks map weekdays to time ranges", "shape")
        days: set[date] = set()
        for value in raw.get("holidays", []) or []:
            try:
                days.add(date.fromisoformat(str(value)))
            except ValueError:
                raise CalendarError(f"{value!r} is not a date (YYYY-MM-DD)", "holiday") from None
        return cls(
            WeeklySchedule.from_settings(week),
            WeeklySchedule.from_settings(breaks),
            frozenset(days),
        )

    def to_settings(self) -> dict[str, Any]:
        return {
            "week": self.week.to_settings(),
            "breaks": self.breaks.to_settings(),
            "holidays": sorted(d.isoformat() for d in self.holidays),
        }

    # -- intervals ----------------------------------------------------------------------

    def _ranges(self, schedule: WeeklySchedule, day: date) -> list[Interval]:
        found = []
        for shift in schedule.shifts.get(day.weekday(), ()):
            start = datetime.combine(day, shift.start)
            end = datetime.combine(day + timedelta(days=1 if shift.overnight else 0), shift.end)
            found.append((start, end))
        return found

    def open_intervals(self, first: date, last: date) -> list[Interval]:
        """The working intervals of the shifts starting on days first..last (local, naive,
        merged and sorted), breaks taken out; a holiday has no shift starting on it."""
        shifts: list[Interval] = []
        cuts: list[Interval] = []
        day = first
        while day <= last:
            if day not in self.holidays:
                shifts += self._ranges(self.week, day)
            cuts += self._ranges(self.breaks, day)
            day += timedelta(days=1)
        merged = _merge(shifts)
        return _subtract(merged, _merge(cuts))

    def marks(self, tz: tzinfo | None, until: date | None = None) -> list[WorkMark]:
        """The clock's marks from ORIGIN to `until` (default: YEARS_AHEAD years from this
        year's start), in UTC; `tz` None: the system's local time."""
        end = until or date(datetime.now(UTC).year + YEARS_AHEAD, 1, 1)
        marks: list[WorkMark] = []
        cum = 0
        for start, stop in self.open_intervals(ORIGIN, end):
            opened, closed = _utc(start, tz), _utc(stop, tz)
            if closed <= opened:
                continue  # a range swallowed by a clock change
            marks.append(WorkMark(opened, cum, True))
            cum += (closed - opened) // timedelta(microseconds=1)
            marks.append(WorkMark(closed, cum, False))
        return marks

    def stamp(self, tz: tzinfo | None, until: date | None = None) -> str:
        """Changes whenever the marks would: the calendar, the time zone, the range."""
        end = until or date(datetime.now(UTC).year + YEARS_AHEAD, 1, 1)
        text = json.dumps([self.to_settings(), _tz_name(tz), end.isoformat()], sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def _utc(local: datetime, tz: tzinfo | None) -> datetime:
    aware = local.replace(tzinfo=tz) if tz is not None else local.astimezone()
    return aware.astimezone(UTC)


def _tz_name(tz: tzinfo | None) -> str:
    if tz is None:
        # Both names of the local zone: the stamp must not change with daylight saving.
        return f"local:{'/'.join(time.tzname)}"
    return str(getattr(tz, "key", None) or tz.tzname(None))


def _merge(intervals: Sequence[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _subtract(intervals: Sequence[Interval], cuts: Sequence[Interval]) -> list[Interval]:
    """`intervals` minus `cuts` (both merged and sorted)."""
    out: list[Interval] = []
    starts = [c[0] for c in cuts]
    for start, end in intervals:
        current = start
        for cut_start, cut_end in cuts[max(bisect_right(starts, start) - 1, 0) :]:
            if cut_start >= end:
                break
            if cut_end <= current:
                continue
            if cut_start > current:
                out.append((current, cut_start))
            current = max(current, cut_end)
            if current >= end:
                break
        if current < end:
            out.append((current, end))
    return out


def calendars_from_settings(raw: Mapping[str, Any]) -> dict[str, WorkCalendar]:
    """Every calendar of Settings.work_calendars over the defaults; a line that makes no
    sense keeps the default (the settings command refuses such lines up front)."""
    found = {
        name: WorkCalendar.from_settings(value) for name, value in default_work_calendars().items()
    }
    for name, value in raw.items():
        try:
            found[str(name)] = WorkCalendar.from_settings(value)
        except CalendarError:
            continue
    return found


def working_seconds(marks: Sequence[WorkMark], start: datetime, end: datetime) -> float:
    """Working seconds between two moments on a clock made of these marks (the same
    arithmetic the store does in SQL; for the policy's own use and for tests)."""

    def clock(at: datetime) -> int | None:
        index = bisect_right([m.at for m in marks], at) - 1
        if index < 0:
            return None
        mark = marks[index]
        return mark.cum_micros + ((at - mark.at) // timedelta(microseconds=1) if mark.open else 0)

    a, b = clock(start), clock(end)
    if a is None or b is None:
        return 0.0
    return (b - a) / 1_000_000
