"""A resolution time is stored once (migration 0045): a case's row keeps it as how long
before its last change it came (0 when the resolution was the last change), and its
measures read resolved_at from finished_at. Every case still reads back its resolution
through the store, the lists, the export and the record, and a populated 0044 database
upgrades and downgrades with every case and measure as it was."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from jundesk.app.records import Records
from jundesk.core.case_filter import CaseFilter
from jundesk.core.events import make_event
from jundesk.core.model import EventKind, Priority, Status
from jundesk.store import Store
from jundesk.store import measures as sql
from jundesk.store.case_codes import resolved_from_stored, resolved_sql, resolved_to_stored
from jundesk.store.column_types import EPOCH, id_from_stored, id_to_stored
from jundesk.store.database import downgrade, upgrade
from jundesk.store.measures import MeasureFilter
from tests.app.records_week import ANA, WEEK, add_case, at, records_of, utc_local_time
from tests.store.schema_snapshot import every_row, indexes_and_statistics

__all__ = ["utc_local_time"]

# The revision that stores each resolution once, and the one before it.
REVISION = "0045"
BEFORE = "0044"

EVERY_CASE = CaseFilter(statuses=tuple(Status))
ack, resolve, note = EventKind.ACKNOWLEDGED, EventKind.RESOLVED, EventKind.NOTED
HOUR = 3600


def _police_case(store: Store, arrived: Any, steps: list[tuple[EventKind, Any]]) -> str:
    return add_case(
        store, "police", Priority.URGENT, arrived, [(kind, ANA, when) for kind, when in steps]
    )


def _a_case_of_each_ending(store: Store) -> dict[str, str]:
    """Police cases (a clock around the clock: their durations are plain) that end each
    way a case can; their resolutions and finishes are RESOLVED_AT and FINISHED_AT."""
    return {
        "resolved": _police_case(store, at(0, 9), [(resolve, at(0, 10))]),
        "noted after": _police_case(store, at(0, 11), [(resolve, at(0, 12)), (note, at(0, 13))]),
        "closed after": _police_case(
            store, at(1, 9), [(resolve, at(1, 10, 30)), (EventKind.CLOSED, at(1, 12))]
        ),
        "closed": _police_case(store, at(1, 13), [(EventKind.CLOSED, at(1, 14))]),
        "reopened": _police_case(
            store, at(1, 14), [(resolve, at(1, 15)), (EventKind.REOPENED, at(1, 16))]
        ),
        "rejected": _police_case(store, at(2, 9), [(EventKind.REJECTED, at(2, 9, 20))]),
        "open": _police_case(store, at(2, 10), [(ack, at(2, 10, 5))]),
    }


RESOLVED_AT = {
    "resolved": at(0, 10),
    "noted after": at(0, 12),
    "closed after": at(1, 10, 30),
    "closed": at(1, 14),
    "reopened": None,
    "rejected": None,
    "open": None,
}
FINISHED_AT = RESOLVED_AT | {"rejected": at(2, 9, 20)}
HOURS_TO_RESOLVE = {"resolved": 1, "noted after": 1, "closed after": 1.5, "closed": 1}
# How long before each case's last change it was resolved, as its row stores it.
STORED = {
    "resolved": 0,
    "noted after": HOUR * 10**6,
    "closed after": HOUR * 10**6 * 3 // 2,
    "closed": 0,
    "reopened": None,
    "rejected": None,
    "open": None,
}


def _micros(when: Any) -> int | None:
    return None if when is None else (when - EPOCH) // timedelta(microseconds=1)


def _stored_resolutions(db_path: Path) -> dict[str, tuple[Any, ...]]:
    """Case id -> (its row's resolved_at, updated_at) as stored."""
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT id, resolved_at, updated_at FROM cases")
        return {id_from_stored(row[0]): row[1:] for row in rows}


def _measures(db_path: Path) -> dict[str, tuple[Any, ...]]:
    """Case id -> its measures, by name (the same at either revision: resolved_at computed
    or stored, without the flag 0045 reads it by)."""
    with sqlite3.connect(db_path) as conn:
        columns = [
            r[1]
            for r in conn.execute("PRAGMA table_xinfo(case_measures)")
            if r[1] not in ("case_pk", "rejected")
        ]
        rows = conn.execute(
            f"SELECT c.id, {', '.join(f'm.{c}' for c in columns)} "
            "FROM case_measures m JOIN cases c ON c.pk = m.case_pk"
        )
        return {id_from_stored(row[0]): tuple(zip(columns, row[1:], strict=True)) for row in rows}


def _measures_schema(db_path: Path) -> tuple[str, list[tuple[Any, ...]]]:
    with sqlite3.connect(db_path) as conn:
        (create,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'case_measures'"
        ).fetchone()
        return create, conn.execute("PRAGMA table_xinfo(case_measures)").fetchall()


def _figures(records: Records) -> tuple[object, ...]:
    """What the Records view shows of the week: its measures and its fastest fixes."""
    return (
        records.measures(WEEK, by="role"),
        records.measures(WEEK, by="period"),
        records.backlog(WEEK),
        records.fastest_fixes(),
    )


def test_every_ending_reads_back_its_resolution_everywhere(
    tmp_path: Path, utc_local_time: None
) -> None:
    path = tmp_path / "records.db"
    with Store(path) as store:
        cases = _a_case_of_each_ending(store)
        for name, case_id in cases.items():
            case = store.get_case(case_id)
            assert case is not None
            assert case.resolved_at == RESOLVED_AT[name], name
        got = {c: store.get_case(c) for c in cases.values()}
        assert {s.case.id: s.case for s in store.list_cases(EVERY_CASE)} == got
        listed = store.list_cases(CaseFilter(statuses=(Status.RESOLVED,)))
        assert {s.case.id for s in listed} == {cases["resolved"], cases["noted after"]}
        assert {case.id: case for case, _ in store.iter_cases_for_export()} == got
        # Finished before a cutoff by its resolution, or (rejected) by its last change:
        # the case noted after and the one closed after were resolved before it.
        assert set(store.finished_cases_before({"*": at(1, 11)})) == {
            cases["resolved"],
            cases["noted after"],
            cases["closed after"],
        }
        assert set(store.finished_cases_before({"*": at(0, 12, 30)})) == {
            cases["resolved"],
            cases["noted after"],
        }

        # The measures: a resolution for the resolved and the closed, only an end for the
        # rejected, neither for the reopened and the open; the durations from them.
        rows = store.read_measures(lambda c: sql.case_rows(c, MeasureFilter()))
        names = {case_id: name for name, case_id in cases.items()}
        index = {n: sql.CASE_COLUMNS.index(n) for n in ("resolved_at", "finished_at", "resolve")}
        assert {names[r[0]]: tuple(r[i] for i in index.values()) for r in rows} == {
            name: (
                _micros(RESOLVED_AT[name]),
                _micros(FINISHED_AT[name]),
                None if RESOLVED_AT[name] is None else HOURS_TO_RESOLVE[name] * HOUR,
            )
            for name in cases
        }
        police = records_of(store).measures(WEEK, by="role")
        assert [(m.key, m.count, m.resolved, m.reopens, m.backlog) for m in police] == [
            ("police", 7, 4, 1, 2)
        ]
        resolve_spread = police[0].resolve
        assert (resolve_spread.count, resolve_spread.median, resolve_spread.p90) == (
            4,
            1 * HOUR,
            1.5 * HOUR,
        )

    # Stored once: a resolution that was its case's last change in no byte, the others as
    # a distance back from it; the measures compute theirs.
    stored = _stored_resolutions(path)
    assert {name: stored[c][0] for name, c in cases.items()} == STORED
    _, columns = _measures_schema(path)
    hidden = {c[1]: c[6] for c in columns}
    assert hidden["resolved_at"] == 2  # virtual: computed when read
    assert hidden["finished_at"] == hidden["rejected"] == 0
    with sqlite3.connect(path) as conn:
        flagged = conn.execute(
            "SELECT c.id FROM case_measures m JOIN cases c ON pk = case_pk WHERE m.rejected"
        )
        assert [id_from_stored(i) for (i,) in flagged] == [cases["rejected"]]


def test_a_resolution_at_the_epoch_s_first_microsecond_is_not_taken_for_the_last_change(
    tmp_path: Path, utc_local_time: None
) -> None:
    # No clock gives it, but a case's times are whatever its events say.
    path = tmp_path / "records.db"
    with Store(path) as store:
        case_id = _police_case(store, EPOCH, [(resolve, EPOCH), (note, EPOCH + timedelta(1))])
        case = store.get_case(case_id)
        assert case is not None
        assert (case.resolved_at, case.updated_at) == (EPOCH, EPOCH + timedelta(1))
        assert [s.case for s in store.list_cases(EVERY_CASE)] == [case]
        assert [c for c, _ in store.iter_cases_for_export()] == [case]
        rows = store.read_measures(lambda c: sql.case_rows(c, MeasureFilter()))
        resolved_at = sql.CASE_COLUMNS.index("resolved_at")
        assert [r[resolved_at] for r in rows] == [0]
    assert _stored_resolutions(path)[case_id] == (86_400 * 10**6, 86_400 * 10**6)


@pytest.mark.parametrize(
    ("resolved", "updated"),
    [(5, 5), (0, 5), (5, 0), (0, 0), (None, 5), (5, None), (None, None), (-7, 3), (2**62, 0)],
)
def test_a_stored_resolution_reads_back_in_python_and_in_sql(
    resolved: int | None, updated: int | None
) -> None:
    stored = resolved_to_stored(resolved, updated)
    assert resolved_from_stored(stored, updated) == resolved
    assert (stored == 0) == (resolved is not None and updated is not None and resolved == updated)
    with sqlite3.connect(":memory:") as conn:
        (read,) = conn.execute(
            f"SELECT {resolved_sql('c')} FROM (SELECT ? AS resolved_at, ? AS updated_at) c",
            (stored, updated),
        ).fetchone()
    assert read == resolved


def test_a_populated_0044_database_upgrades_and_downgrades_with_every_case_and_measure(
    tmp_path: Path, utc_local_time: None
) -> None:
    path = tmp_path / "records.db"
    with Store(path) as store:
        cases = _a_case_of_each_ending(store)
        figures = _figures(records_of(store))
        projected = {c: store.get_case(c) for c in cases.values()}
        listed = store.list_cases(EVERY_CASE)
        reported = store.read_measures(lambda c: sql.case_rows(c, MeasureFilter()))
    measured = _measures(path)
    schema = _measures_schema(path)

    downgrade(path, BEFORE)
    stored = _stored_resolutions(path)
    assert {name: stored[c][0] for name, c in cases.items()} == {
        name: _micros(when) for name, when in RESOLVED_AT.items()
    }
    assert _measures(path) == measured
    assert "rejected" not in {c[1] for c in _measures_schema(path)[1]}
    with sqlite3.connect(path) as conn:
        conn.execute("ANALYZE")  # the copy keeps the planner's statistics
        packs = conn.execute("SELECT count(*) FROM measure_days WHERE pack IS NOT NULL")
        assert packs.fetchone()[0] == 3
    rows_before = every_row(path)
    indexes_before = indexes_and_statistics(path, ("case_measures",))
    assert indexes_before[1]

    upgrade(path, REVISION)
    stored = _stored_resolutions(path)
    assert {name: stored[c][0] for name, c in cases.items()} == STORED
    assert _measures(path) == measured
    assert _measures_schema(path) == schema
    assert indexes_and_statistics(path, ("case_measures",)) == indexes_before
    # Every other table as it was: the days' packs still hold.
    changed = ("cases", "case_measures")
    assert {n: r for n, r in every_row(path).items() if n not in changed} == {
        n: r for n, r in rows_before.items() if n not in changed
    }
    with Store(path) as reopened:
        assert {c: reopened.get_case(c) for c in cases.values()} == projected
        assert reopened.list_cases(EVERY_CASE) == listed
        assert reopened.read_measures(lambda c: sql.case_rows(c, MeasureFilter())) == reported
        assert _figures(records_of(reopened)) == figures
        # Intake keeps them in step afterwards: the reopened case resolved again.
        reopened.append_events([make_event(cases["reopened"], resolve, ANA, at(1, 17))])
        now = {c: reopened.get_case(c) for c in cases.values()}
        assert now[cases["reopened"]].resolved_at == at(1, 17)  # type: ignore[union-attr]
        again = reopened.read_measures(lambda c: sql.case_rows(c, MeasureFilter()))
        resolved_at = sql.CASE_COLUMNS.index("resolved_at")
        assert {r[0]: r[resolved_at] for r in again}[cases["reopened"]] == _micros(at(1, 17))

    # And down again: each row with its real resolution time.
    downgrade(path, BEFORE)
    stored = _stored_resolutions(path)
    assert {c: stored[c][0] for c in cases.values()} == {
        c: _micros(case.resolved_at) for c, case in now.items() if case is not None
    }


def test_the_round_trip_leaves_a_0044_database_as_it_was(
    tmp_path: Path, utc_local_time: None
) -> None:
    path = tmp_path / "records.db"
    with Store(path) as store:
        _a_case_of_each_ending(store)
        records_of(store)
    downgrade(path, BEFORE)
    with sqlite3.connect(path) as conn:
        conn.execute("ANALYZE")
    rows_before = every_row(path)
    schema_before = _measures_schema(path)
    indexes_before = indexes_and_statistics(path, ("case_measures",))

    upgrade(path, REVISION)
    downgrade(path, BEFORE)
    assert every_row(path) == rows_before
    assert _measures_schema(path) == schema_before
    assert indexes_and_statistics(path, ("case_measures",)) == indexes_before


def test_a_measures_row_whose_resolution_is_not_its_finish_has_its_day_packed_again(
    tmp_path: Path, utc_local_time: None
) -> None:
    path = tmp_path / "records.db"
    with Store(path) as store:
        cases = _a_case_of_each_ending(store)
        records_of(store)
    downgrade(path, BEFORE)
    # No JunDesk wrote such a row: a resolution an hour before the finish.
    day = (at(1, 0) - EPOCH) // timedelta(days=1)
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE case_measures SET resolved_at = resolved_at - ? "
            "WHERE case_pk = (SELECT pk FROM cases WHERE id = ?)",
            (HOUR * 10**6, id_to_stored(cases["closed after"])),
        )
        packed = dict(conn.execute("SELECT day, pack IS NOT NULL FROM measure_days"))
    assert packed[day] == 1

    upgrade(path, REVISION)
    with sqlite3.connect(path) as conn:
        packed_now = dict(conn.execute("SELECT day, pack IS NOT NULL FROM measure_days"))
    assert packed_now == packed | {day: 0}
    finished = dict(_measures(path)[cases["closed after"]])
    assert finished["resolved_at"] == finished["finished_at"] == _micros(at(1, 10, 30))
