"""A desk's weekly on-duty schedule in local time: shifts per weekday, which moments they
cover and when that next changes. Plain data, no Qt and no I/O, so duty and the records
(working hours of a role) read the same rule.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

log = logging.getLogger(__name__)

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class Shift:
    """One on-duty range in local time. An end at or before the start runs past midnight
    (a night shift); start == end is a whole day from the start."""

    start: time
    end: time

    @property
    def overnight(self) -> bool:
        return self.end <= self.start

    def as_strings(self) -> list[str]:
        return [self.start.strftime("%H:%M"), self.end.strftime("%H:%M")]


def _parse_hhmm(value: object) -> time | None:
    if not isinstance(value, str):
        return None
    try:
        hours, minutes = value.strip().split(":")
        return time(int(hours) % 24, int(minutes))
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class WeeklySchedule:
    """On-duty shifts per weekday (0 = Monday), in the desk's local time."""

    shifts: Mapping[int, tuple[Shift, ...]]

    @classmethod
    def from_settings(cls, raw: Mapping[str, object]) -> WeeklySchedule:
        """Read Settings.duty_schedule; a hand-edited entry that makes no sense is skipped."""
        shifts: dict[int, tuple[Shift, ...]] = {}
        for index, day in enumerate(WEEKDAYS):
            ranges = raw.get(day, [])
            found: list[Shift] = []
            for pair in ranges if isinstance(ranges, list) else []:
                if isinstance(pair, list | tuple) and len(pair) == 2:
                    start, end = _parse_hhmm(pair[0]), _parse_hhmm(pair[1])
                    if start is not None and end is not None:
                        found.append(Shift(start, end))
                    else:
                        log.warning("Duty schedule: ignoring %s range %r", day, pair)
            if found:
                shifts[index] = tuple(found)
        return cls(shifts)

    def to_settings(self) -> dict[str, list[list[str]]]:
        return {
            WEEKDAYS[day]: [s.as_strings() for s in shifts]
            for day, shifts in sorted(self.shifts.items())
            if shifts
        }

    def covers(self, local: datetime) -> bool:
        """Whether `local` (a naive local time) falls in a shift."""
        clock = local.time()
        for shift in self.shifts.get(local.weekday(), ()):
            if shift.overnight:
                if clock >= shift.start:
                    return True
            elif shift.start <= clock < shift.end:
                return True
        # Yesterday's night shifts run into today.
        for shift in self.shifts.get((local.weekday() - 1) % 7, ()):
            if shift.overnight and clock < shift.end:
                return True
            if shift.start == shift.end and clock < shift.start:
                return True
        return False

    def next_change(self, local: datetime) -> datetime | None:
        """The first local time after `local` when covers() changes; None if it never does."""
        state = self.covers(local)
        candidates: list[datetime] = []
        for offset in range(-1, 9):
            day: date = local.date() + timedelta(days=offset)
            for shift in self.shifts.get(day.weekday(), ()):
                start = datetime.combine(day, shift.start)
                end = datetime.combine(day + timedelta(days=1 if shift.overnight else 0), shift.end)
                candidates += [start, end]
        for moment in sorted(c for c in candidates if c > local):
            if self.covers(moment) != state:
                return moment
        return None
