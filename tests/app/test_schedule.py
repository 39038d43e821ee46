"""The weekly duty schedule: which local times its shifts cover, night shifts past
midnight, and when coverage next changes."""

from __future__ import annotations

from datetime import datetime, time

from jundesk.app.schedule import Shift, WeeklySchedule


def test_schedule_covers_day_and_night_shifts() -> None:
    schedule = WeeklySchedule.from_settings(
        {"mon": [["08:00", "15:00"]], "fri": [["22:00", "06:00"]], "sun": [["bad", "x"]]}
    )
    assert schedule.shifts[0] == (Shift(time(8), time(15)),)
    assert 6 not in schedule.shifts  # the unreadable Sunday range is skipped
    monday = datetime(2026, 3, 2)
    assert schedule.covers(monday.replace(hour=8))
    assert not schedule.covers(monday.replace(hour=15))
    friday, saturday = datetime(2026, 3, 6), datetime(2026, 3, 7)
    assert schedule.covers(friday.replace(hour=23))
    assert schedule.covers(saturday.replace(hour=5, minute=59))
    assert not schedule.covers(saturday.replace(hour=6))
    assert schedule.next_change(monday.replace(hour=10)) == monday.replace(hour=15)
    assert schedule.next_change(monday.replace(hour=16)) == friday.replace(hour=22)
    assert WeeklySchedule.from_settings(schedule.to_settings()) == schedule
    assert WeeklySchedule({}).next_change(monday) is None
