"""A desk's database written by the 0019 schema (each case's measures keyed by the case's text
id) upgrades to measures keyed by the case's rowid and back, with the town's record
unchanged: every case keeps its measures, the Records view's figures, click-through,
records and reports are the same, and intake keeps the rows in step afterwards. A
measures row whose case is not stored is left out, and its day is packed again without
it; a recount of the working clocks under way starts again from the first case."""

from __future__ import annotations

import sqlite3
from datetime import UTC, timedelta
from pathlib import Path
from typing import Any

from jundesk.app import records_export
from jundesk.app.records import Pick, RecordQuery, Records
from jundesk.app.settings import Settings
from jundesk.core.events import make_event
from jundesk.core.model import Actor, EventKind, Priority
from jundesk.store import Store
from jundesk.store import measures as sql
from jundesk.store.column_types import id_from_stored
from jundesk.store.database import downgrade, upgrade
from tests.app.records_week import ANA, LUIS, WEEK, add_case, at, records_of, utc_local_time
from tests.store.test_lean_upgrade import DONE, OPEN, T0, _at
from tests.store.test_posts_case_links_upgrade import MERGED, _populate_0018

__all__ = ["utc_local_time"]

GONE = "01950000-0000-7000-8000-0000000000ff"  # a measures row's case that is not stored
GONE_DAY = _at(-30 * 24 * 60) // 86_400_000_000


def _populate_0019(path: Path) -> None:
    """Two cases from 0006 and a third merged into one (tests/store/test_posts_case_links
    _upgrade.py) at 0019, with rows as JunDesk at 0019 wrote them: OPEN's measures
    rewritten (its row's rowid is no longer its case's), a row of a case not stored on a
    day of its own with that day packed, and a recount of the working clocks under way."""
    _populate_0018(path)
    upgrade(path, "0019")
    conn = sqlite3.connect(path)
    try:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(case_measures)")]
        names = ", ".join(columns)
        conn.execute("CREATE TEMP TABLE kept AS SELECT * FROM case_measures")
        conn.execute("DELETE FROM case_measures WHERE case_id = ?", (OPEN,))
        conn.execute(
            f"INSERT INTO case_measures ({names}) SELECT {names} FROM kept WHERE case_id = ?",
            (OPEN,),
        )
        gone = {c: c for c in columns} | {"case_id": "?", "arrived_at": "?", "finished_at": "?"}
        conn.execute(
            f"INSERT INTO case_measures ({names}) "
            f"SELECT {', '.join(gone[c] for c in columns)} FROM kept WHERE case_id = ?",
            (GONE, _at(-30 * 24 * 60), _at(-30 * 24 * 60 + 5), DONE),
        )
        conn.execute(
            "INSERT INTO measure_days (day, n, names, pack) VALUES (?, 1, '[]', x'00')",
            (GONE_DAY,),
        )
        conn.execute("INSERT INTO work_calendars (calendar, stamp) VALUES ('~recount', 'w:3')")
        conn.commit()
    finally:
        conn.close()


def _measures(path: Path) -> list[tuple[Any, ...]]:
    """Every measures row as (its case's id, its measures...), by case id, at either
    schema (without the status, which is the case's own from 0036 on, nor the flag that
    0041 reads the resolution by)."""
    with sqlite3.connect(path) as conn:
        # table_xinfo: resolved_at is a virtual column from 0041 on.
        columns = [r[1] for r in conn.execute("PRAGMA table_xinfo(case_measures)")]
        left_out = ("case_id", "case_pk", "status", "rejected")
        kept = ", ".join(f"m.{c}" for c in columns if c not in left_out)
        if "case_id" in columns:
            query = f"SELECT m.case_id, {kept} FROM case_measures m ORDER BY m.case_id"
        else:
            query = (
                f"SELECT c.id, {kept} FROM case_measures m JOIN cases c ON c.pk = m.case_pk "
                "ORDER BY c.id"
            )
        return [(id_from_stored(case_id), *rest) for case_id, *rest in conn.execute(query)]


def _schema(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as conn:
        return dict(
            conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE tbl_name = 'case_measures' "
                "AND sql IS NOT NULL"
            )
        )


def _figures(records: Records, query: RecordQuery) -> list[Any]:
    """What the Records view, its click-through, its records and its reports show."""
    figures: list[Any] = []
    for by in ("role", "priority", "channel", "desk", "person", "period"):
        figures.append(records.measures(query, by=by))  # type: ignore[arg-type]
    per_day = records.cases_per_day(query)
    backlog = records.backlog(query)
    histogram = records.resolve_histogram(query)
    heat = records.arrivals_heat(query)
    figures += [per_day, backlog, histogram, records.within_target_weekly(query), heat]
    picks = [p.pick for p in (*per_day, *backlog, *histogram, *heat)]
    figures.append([records.cases_for(query, pick) for pick in (*picks, Pick())])
    for limit in (1, 2):
        figures.append(records.fastest_fixes(query.start.year if query.start else None, limit))
    figures.append(records_export.case_rows(records, query))
    figures.append(records_export.measure_rows(records, query))
    figures.append(
        records.store.read_measures(
            lambda conn: sql.missed_targets(
                conn, records.targets, records.now(), T0.replace(year=2020)
            )
        )
    )
    return figures


def _records(store: Store) -> Records:
    records = Records(store, Settings(), tz=UTC, clock=lambda: T0 + timedelta(hours=2))
    records.prepare()
    return records


def test_a_populated_0019_database_keys_each_case_s_measures_by_its_rowid(db_path: Path) -> None:
    _populate_0019(db_path)
    before = _measures(db_path)
    assert [row[0] for row in before] == [OPEN, DONE, GONE]

    with Store(db_path) as store:
        assert _measures(db_path) == [row for row in before if row[0] != GONE]
        with sqlite3.connect(db_path) as conn:
            # Each row's rowid is its case's; the one of a case not stored is gone, and so
            # is its day's pack; the recount starts again from the first case.
            assert conn.execute(
                "SELECT count(*) FROM case_measures m JOIN cases c ON c.pk = m.rowid"
            ).fetchone() == (2,)
            assert conn.execute(
                "SELECT pack FROM measure_days WHERE day = ?", (GONE_DAY,)
            ).fetchall() == [(None,)]
            assert conn.execute(
                "SELECT stamp FROM work_calendars WHERE calendar = '~recount'"
            ).fetchall() == [("w:0",)]
            indexes = {r[1] for r in conn.execute("PRAGMA index_list(case_measures)")}
        assert indexes == {"ix_case_measures_arrived", "ix_case_measures_finished"}  # 0035
        records = _records(store)
        with sqlite3.connect(db_path) as conn:
            assert conn.execute(
                "SELECT count(*) FROM measure_days WHERE day = ?", (GONE_DAY,)
            ).fetchone() == (0,)
        (row,) = records.measures(RecordQuery(), by="all")
        assert (row.count, row.resolved, row.backlog) == (2, 1, 1)
        assert row.resolve.median == 60  # DONE arrived at 09:10 and was resolved at 09:11
        assert row.oldest_open == T0
        assert records.cases_for(RecordQuery(), Pick()) == [DONE, OPEN]
        assert [r.case_id for r in records.fastest_fixes(2026)] == [DONE]
        assert [r[0] for r in records_export.case_rows(records, RecordQuery())] == [OPEN, DONE]
        # What the rows say is what a rebuild from the cases and their events says.
        figures = _figures(records, RecordQuery())
        prepared = _measures(db_path)  # on the working clocks now
        store.write_measures(sql.refresh_all)
        assert _measures(db_path) == prepared
        assert _figures(_records(store), RecordQuery()) == figures

        # Intake keeps the rows in step: a case acknowledged, and the merged one's events.
        ana = Actor("lighting", "Ana")
        store.append_events(
            [make_event(OPEN, EventKind.ACKNOWLEDGED, ana, T0 + timedelta(hours=1))]
        )
        store.append_events([make_event(MERGED, EventKind.NOTED, ana, T0 + timedelta(hours=1))])
        (row,) = _records(store).measures(RecordQuery(), by="all")
        assert (row.count, row.ack.count, row.ack.median) == (2, 1, 3600)
        kept = _measures(db_path)
        store.write_measures(sql.refresh_all)
        assert _measures(db_path) == kept


def test_down_to_0019_keys_the_measures_by_case_id_again(db_path: Path) -> None:
    _populate_0019(db_path)
    before = _measures(db_path)
    schema = _schema(db_path)
    upgrade(db_path)
    downgrade(db_path, "0019")

    assert _schema(db_path) == schema
    assert _measures(db_path) == [row for row in before if row[0] != GONE]
    with sqlite3.connect(db_path) as conn:
        # Each row keeps its case's rowid as its own.
        assert conn.execute(
            "SELECT count(*) FROM case_measures m JOIN cases c ON c.id = m.case_id "
            "WHERE c.pk = m.rowid"
        ).fetchone() == (2,)
    with Store(db_path) as store:  # and up again
        (row,) = _records(store).measures(RecordQuery(), by="all")
        assert (row.count, row.resolved, row.backlog) == (2, 1, 1)


def test_a_week_s_record_reads_the_same_down_at_0019_and_up_again(
    tmp_path: Path, utc_local_time: None
) -> None:
    """The hand-made week of tests/app/records_week.py with a busier desk's extras (a case
    merged into another, a reopened one, a calendar change): its figures at 0020, the same
    rows down at 0019, and the same figures once upgraded again."""
    path = tmp_path / "records.db"
    store = Store(path)
    ack, resolve = EventKind.ACKNOWLEDGED, EventKind.RESOLVED
    a = add_case(store, "lighting", Priority.NORMAL, at(0, 10), [(ack, LUIS, at(0, 10, 5))])
    b = add_case(store, "lighting", Priority.NORMAL, at(0, 10, 30), [(resolve, LUIS, at(0, 11))])
    c = add_case(store, "police", Priority.URGENT, at(2, 8), [(ack, ANA, at(2, 8, 2))])
    d = add_case(store, "police", Priority.URGENT, at(3, 8), [(resolve, ANA, at(3, 8, 40))])
    # Same resolution time as d: the records' ties go by case id.
    e = add_case(store, "police", Priority.URGENT, at(4, 8), [(resolve, ANA, at(4, 8, 40))])
    store.append_events(
        [
            make_event(b, EventKind.MERGED, LUIS, at(0, 12), into=a),
            make_event(a, EventKind.ABSORBED, LUIS, at(0, 12), source_case=b, post_ids=[]),
            make_event(c, EventKind.RESOLVED, ANA, at(2, 9)),
            make_event(c, EventKind.REOPENED, ANA, at(2, 10)),
        ]
    )
    assert {d, e} <= {row[0] for row in _measures(path)}
    records = records_of(store)
    figures = _figures(records, WEEK)
    assert [m.key for m in figures[0]] == ["lighting", "police"]
    assert [(f.role, f.case_id) for f in figures[-4]] == [("police", d), ("police", e)]
    rows = _measures(path)
    assert b not in {row[0] for row in rows}  # a merged case counts in the one it went into
    store.close()

    downgrade(path, "0019")
    assert _measures(path) == rows

    with Store(path) as again:
        assert _measures(path) == rows
        assert _figures(records_of(again), WEEK) == figures
        # A calendar change recounts every case (by rowid, in steps): the same as at once.
        changed = records_of(again, work_calendars={})
        counted = _figures(changed, WEEK)
        again.write_measures(sql.refresh_all)
        assert _figures(records_of(again, work_calendars={}), WEEK) == counted
