"""The town's record on a hand-made week where every answer is known: medians and p90 in
calendar and working time (shifts, a break, a holiday), targets met, reopens, backlog,
the plots' series with their click-through, the records, and a calendar change.
(The week itself, case by case: tests/app/records_week.py.)"""

from __future__ import annotations

from datetime import UTC, date, timedelta

from jundesk.app.records import Pick, RecordQuery, Records
from jundesk.app.settings import Settings
from jundesk.core.events import make_event
from jundesk.core.model import EventKind, Priority
from jundesk.store import Store
from tests.app.records_week import ANA, LUIS, MON, NOW, WEEK, at, records_of


def test_measures_per_role_in_calendar_and_working_time(week: tuple[Store, dict[str, str]]) -> None:
    store, _ = week
    rows = {m.key: m for m in records_of(store).measures(WEEK, by="role")}
    assert sorted(rows) == ["lighting", "police"]
    light = rows["lighting"]
    assert (light.count, light.resolved, light.reopens, light.backlog) == (3, 2, 1, 1)
    # Acknowledged after 300, 600 and 57,600 s (working: 300, 600 and 0).
    assert (light.ack.count, light.ack.median, light.ack.p90) == (3, 600, 57_600)
    assert (light.ack_work.median, light.ack_work.p90) == (300, 600)
    assert (light.reply.median, light.reply_work.median) == (3000, 1200)
    # Resolved after 4 h and 44 h; in working time 3 h 30 min and 4 h.
    assert (light.resolve.median, light.resolve.p90) == (14_400, 158_400)
    assert (light.resolve_work.median, light.resolve_work.p90) == (12_600, 14_400)
    # C is the backlog: open since Friday 18:00, three days and 18 hours before NOW.
    assert light.oldest_open == at(4, 18)
    assert light.backlog_age.median == (NOW - at(4, 18)).total_seconds()

    police = rows["police"]
    assert (police.count, police.resolved, police.backlog) == (2, 1, 1)
    assert (police.ack.median, police.ack.p90) == (240, 600)
    assert police.resolve_work.median == police.resolve.median == 1800


def test_within_target(week: tuple[Store, dict[str, str]]) -> None:
    store, _ = week
    rows = {m.key: m for m in records_of(store).measures(WEEK, by="role")}
    # Urgent: acknowledged within 5 min. D in 4 (met), E in 10 (missed).
    assert rows["police"].within_ack == 50.0
    # Normal: acknowledged within a day (all three), answered within a day: A did; B and C
    # never answered and their day has passed.
    assert rows["lighting"].within_ack == 100.0
    assert rows["lighting"].judged["reply"] == (1, 3)
    # Resolved within 40 working hours: A and B; C is open with 4 working hours gone.
    assert rows["lighting"].judged["resolve"] == (2, 2)

    # A tighter target, 3 h 40 min of working time: A met it, B (4 h) missed, and C, open
    # with 4 working hours (Monday 08:00-12:00) behind it, is already past it.
    tight = records_of(store, sla_resolve_minutes={"lighting": {"normal": 220}})
    light = {m.key: m for m in tight.measures(WEEK)}["lighting"]
    assert light.judged["resolve"] == (1, 3)


def test_other_groups(week: tuple[Store, dict[str, str]]) -> None:
    store, _ = week
    records = records_of(store)
    by_person = {m.key: m.count for m in records.measures(WEEK, by="person")}
    assert by_person == {"Luis": 3, "Ana": 2}
    by_channel = {m.key: m.count for m in records.measures(WEEK, by="channel")}
    assert by_channel == {"x": 4, "manual": 1}
    by_day = {
        m.key: m.count
        for m in records.measures(
            RecordQuery(start=MON, end=MON + timedelta(days=7), granularity="day"), by="period"
        )
    }
    assert by_day == {"2026-03-02": 2, "2026-03-03": 2, "2026-03-06": 1}
    assert [m.count for m in records.measures(WEEK, by="period")] == [5]
    urgent = records.measures(RecordQuery(priorities=(Priority.URGENT,)), by="all")
    assert [m.count for m in urgent] == [2]
    ana = records.measures(RecordQuery(desk="police-1"), by="role")
    assert [(m.key, m.count) for m in ana] == [("police", 2)]


def test_series_and_their_cases(week: tuple[Store, dict[str, str]]) -> None:
    store, ids = week
    records = records_of(store)
    bars = records.cases_per_day(WEEK)
    assert [(b.x.day, b.series, b.count) for b in bars] == [
        (2, "lighting", 1),
        (2, "police", 1),
        (3, "lighting", 1),
        (3, "police", 1),
        (6, "lighting", 1),
    ]
    assert records.cases_for(WEEK, bars[1].pick) == [ids["D"]]

    histogram = records.resolve_histogram(WEEK)
    assert [b.count for b in histogram] == [0, 0, 1, 0, 1, 1, 0, 0]
    assert records.cases_for(WEEK, histogram[4].pick) == [ids["A"]]
    working = records.resolve_histogram(WEEK, working=True)
    # In working time A took 3 h 30 min and B 4 h (the bin from 4 h on).
    assert [b.count for b in working] == [0, 0, 1, 1, 1, 0, 0, 0]
    assert records.cases_for(WEEK, working[4].pick) == [ids["B"]]

    weekly = records.within_target_weekly(WEEK)
    assert [(p.week, p.ack) for p in weekly] == [(date(2026, 3, 2), 80.0)]
    assert len(records.cases_for(WEEK, weekly[0].pick)) == 5

    backlog = {p.at: p.open for p in records.backlog(WEEK)}
    assert backlog[at(2, 0)] == 2  # end of Tuesday: B and E
    assert backlog[at(5, 0)] == 2  # end of Friday: C and E (B was fixed on Thursday)
    assert backlog[at(4, 0)] == 1  # end of Thursday: E
    end_of_friday = next(p for p in records.backlog(WEEK) if p.at == at(5, 0))
    assert set(records.cases_for(WEEK, end_of_friday.pick)) == {ids["C"], ids["E"]}

    heat = records.arrivals_heat(WEEK)
    assert [(c.role, c.weekday, c.hour, c.count) for c in heat] == [
        ("lighting", 0, 11, 1),
        ("lighting", 1, 15, 1),
        ("lighting", 4, 18, 1),
        ("police", 0, 9, 1),
        ("police", 1, 22, 1),
    ]
    assert records.cases_for(WEEK, heat[2].pick) == [ids["C"]]


def test_fastest_fix_this_year(week: tuple[Store, dict[str, str]]) -> None:
    store, ids = week
    fixes = {r.role: r for r in records_of(store).fastest_fixes()}
    assert fixes["lighting"].case_id == ids["A"]
    assert fixes["lighting"].seconds == 14_400
    assert fixes["lighting"].location == "Calle Real"
    assert "farola" in fixes["lighting"].excerpt
    assert (fixes["police"].case_id, fixes["police"].seconds) == (ids["D"], 1800)
    assert fixes["police"].location == "Rotonda norte"
    # A faster fix comes in: the records read it (not a copy kept from before).
    records = records_of(store)
    assert records.fastest_fixes()[1].case_id == ids["D"]
    store.append_events([make_event(ids["E"], EventKind.RESOLVED, ANA, at(1, 22, 20))])
    assert [(r.case_id, r.seconds) for r in records.fastest_fixes()][1] == (ids["E"], 1200)
    top_two = [(r.role, r.case_id) for r in records_of(store).fastest_fixes(limit=2)]
    assert top_two == [
        ("lighting", ids["A"]),
        ("lighting", ids["B"]),
        ("police", ids["E"]),
        ("police", ids["D"]),
    ]
    # A note on another case keeps them; the record's own case reopened gives it up.
    store.append_events([make_event(ids["C"], EventKind.NOTED, LUIS, at(1, 23), text="visto")])
    assert [(r.case_id, r.seconds) for r in records.fastest_fixes()][1] == (ids["E"], 1200)
    store.append_events([make_event(ids["E"], EventKind.REOPENED, ANA, at(1, 23, 30))])
    assert [(r.case_id, r.seconds) for r in records.fastest_fixes()][1] == (ids["D"], 1800)
    assert records.fastest_fixes() == records_of(store).fastest_fixes()


def test_changing_a_calendar_gives_new_numbers(week: tuple[Store, dict[str, str]]) -> None:
    store, _ = week
    records = records_of(store)
    assert records.prepare(until=date(2027, 1, 1)) is False  # nothing changed
    around_the_clock = {
        "week": {d: [["00:00", "00:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    }
    changed = Records(
        store,
        Settings(work_calendars={"lighting": around_the_clock}),
        tz=UTC,
        clock=lambda: NOW,
    )
    assert changed.prepare(until=date(2027, 1, 1)) is True
    light = {m.key: m for m in changed.measures(WEEK)}["lighting"]
    assert light.resolve_work.median == light.resolve.median == 14_400
    assert light.ack_work.p90 == 57_600


def test_new_events_update_the_measures(week: tuple[Store, dict[str, str]]) -> None:
    store, ids = week
    records = records_of(store)
    store.append_events([make_event(ids["C"], EventKind.RESOLVED, LUIS, at(7, 9))])
    light = {m.key: m for m in records.measures(WEEK)}["lighting"]
    assert (light.resolved, light.backlog) == (3, 0)
    # Monday 9 March 08:00-09:00: one working hour after Friday 18:00.
    pick = Pick(duration="resolve", working=True, low=3600, high=3601)
    assert records.cases_for(WEEK, pick) == [ids["C"]]
    assert light.resolve_work.median == 12_600


def test_the_views_default_range_is_whole_weeks(utc_local_time: None) -> None:
    wednesday = MON + timedelta(days=9, hours=15)
    query = RecordQuery.last_weeks(2, now=wednesday)
    assert (query.start, query.end) == (MON, MON + timedelta(days=14))
