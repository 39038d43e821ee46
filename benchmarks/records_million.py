"""The town's record on a million cases: what the Records view reads when it opens, a
filter change, `jundesk report --format csv` for a year, and what the measures cost on
disk and on intake.

Builds ./bench-data/records_million.db through the store's unit of work, as intake and the
desks write (or reuses it when it already holds the cases asked for): five years of a
town's cases, each with its opening events and, as they happened, acknowledgement, a
public reply, resolution and now and then a reopening. Generating the events is not
timed; storing them is (the measures table is kept in the same transactions).

It prints: store rate with the measures kept, the rebuild of every case's measures (what
migration 0007 does on an existing database), putting every case on the working clocks
and packing every day (a calendar change, in steps: the longest is what a desk's own
write may wait), p50/p95 of the view's opening reads and of a filter change, the CSV
report of a year, and the bytes of the measures table, its indexes and the calendars.

    PYTHONPATH=. .venv/bin/python benchmarks/records_million.py [--cases N] [--rebuild] [--runs N]
"""

from __future__ import annotations

import argparse
import io
import math
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from jundesk.app.records import RecordQuery, Records
from jundesk.app.settings import Settings
from jundesk.core.events import make_event, opening_events
from jundesk.core.ids import uuid7
from jundesk.core.model import INTAKE_ACTOR, TRIAGE_ACTOR, Actor, Event, EventKind, Post, Priority
from jundesk.store import Store
from jundesk.store import measures as sql

DATA = Path("bench-data")
ROLES = ("police", "street_cleaning", "lighting", "parks", "waste")
PRIORITIES = (Priority.URGENT, Priority.HIGH, Priority.NORMAL, Priority.NORMAL, Priority.LOW)
PEOPLE = {role: [Actor(f"{role}-desk", name) for name in ("Ana", "Luis", "Paco")] for role in ROLES}
# Arrivals by hour of the day: few at night, most in the morning.
HOURS = [1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 14, 13, 12, 11, 10, 9, 9, 9, 8, 7, 6, 4, 3, 2]
T0 = datetime(2021, 12, 1, tzinfo=UTC)
YEARS = 5
BATCH = 2000
WORDS = ["farola", "rota", "calle", "plaza", "bache", "acera", "basura", "contenedor", "ruido"]


def arrival(n: int, total: int, rng: random.Random) -> datetime:
    per_day = total / (YEARS * 365)
    day = int(n / per_day)
    hour = rng.choices(range(24), weights=HOURS)[0]
    return T0 + timedelta(days=day, hours=hour, seconds=rng.randrange(3600))


def batches(
    total: int, start: int, seed: int
) -> Iterator[tuple[list[Post], list[str], list[Event]]]:
    rng = random.Random(seed + start)
    end = T0 + timedelta(days=YEARS * 365)
    for first in range(start, total, BATCH):
        posts: list[Post] = []
        case_ids: list[str] = []
        events: list[Event] = []
        for n in range(first, min(total, first + BATCH)):
            came = arrival(n, total, rng)
            post = Post(
                id=uuid7(),
                source="x" if rng.random() < 0.9 else "manual",
                source_id=str(10**17 + n),
                author_id=str(n % 20_000),
                author_handle=f"vecino{n % 20_000}",
                author_name="Vecino",
                text="@AytoJun " + " ".join(rng.choices(WORDS, k=8)),
                created_at=came - timedelta(seconds=30),
                received_at=came,
                lang="es",
                conversation_id=str(10**17 + n),
            )
            case_id = uuid7()
            role = rng.choice(ROLES)
            priority = rng.choice(PRIORITIES)
            posts.append(post)
            case_ids.append(case_id)
            events += opening_events(
                case_id, post.id, post.created_at, role, priority, 0.8, INTAKE_ACTOR,
                TRIAGE_ACTOR, at=came,
            )  # fmt: skip
            who = rng.choice(PEOPLE[role])
            fast = 60 if priority is Priority.URGENT else 900
            ack = came + timedelta(seconds=rng.expovariate(1 / fast))
            if rng.random() < 0.97 and ack < end:
                events.append(make_event(case_id, EventKind.ACKNOWLEDGED, who, ack))
            if rng.random() < 0.7:
                replied = ack + timedelta(seconds=rng.expovariate(1 / (fast * 3)))
                if replied < end:
                    events.append(make_event(case_id, EventKind.REPLIED, who, replied, text="ok"))
            fixed = ack + timedelta(seconds=rng.lognormvariate(9.5, 1.3))
            if fixed < end:
                events.append(make_event(case_id, EventKind.RESOLVED, who, fixed))
                if rng.random() < 0.03:
                    again = fixed + timedelta(hours=rng.uniform(1, 48))
                    if again < end:
                        events.append(make_event(case_id, EventKind.REOPENED, who, again))
                        events.append(
                            make_event(case_id, EventKind.RESOLVED, who, again + timedelta(hours=2))
                        )
        yield posts, case_ids, events


def stored_cases(path: Path) -> int:
    if not path.exists():
        return 0
    with sqlite3.connect(path) as conn:
        try:
            return int(conn.execute("SELECT count(*) FROM cases").fetchone()[0])
        except sqlite3.OperationalError:
            return 0


def build(store: Store, total: int, start: int) -> float:
    spent = 0.0
    for posts, case_ids, events in batches(total, start, seed=10):
        began = time.perf_counter()
        with store.unit() as uow:
            uow.add_posts(posts, case_ids)
            uow.append_events(events, dict(zip(case_ids, posts, strict=True)))
        spent += time.perf_counter() - began
        done = int(posts[-1].source_id) - 10**17 + 1
        if done % 100_000 < BATCH:
            print(f"  {done:,} cases: {(done - start) / spent:,.0f} cases/s stored", flush=True)
    return spent


def timings(call: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        call()
        times.append((time.perf_counter() - began) * 1000)
    return times


def pct(times: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(times)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def p50_p95(call: Callable[[], object], runs: int) -> tuple[float, float]:
    times = timings(call, runs)
    return pct(times, 0.5), pct(times, 0.95)


def open_view(records: Records, query: RecordQuery) -> None:
    """What the Records view reads when it opens (or its filter changes)."""
    records.prepare()
    records.measures(query, by="role")
    records.cases_per_day(query)
    records.resolve_histogram(query)
    records.within_target_weekly(query)
    records.backlog(query)
    records.arrivals_heat(query)
    records.fastest_fixes()


def measures_bytes(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT name, sum(pgsize) FROM dbstat WHERE name LIKE '%case_measures%' "
            "OR name LIKE '%measure_days%' OR name LIKE '%work_marks%' "
            "OR name LIKE '%work_calendars%' GROUP BY name"
        ).fetchall()
    return dict(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--name", default="records_million", help="bench-data/NAME.db")
    args = parser.parse_args()
    DATA.mkdir(exist_ok=True)
    path = DATA / f"{args.name}.db"
    if args.rebuild:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    have = stored_cases(path)
    store = Store(path)
    if have < args.cases:
        print(f"Storing cases {have:,}..{args.cases:,} with their events (measures kept)")
        spent = build(store, args.cases, have)
        print(f"store: {(args.cases - have) / spent:,.0f} cases/s with the measures kept")
    now = T0 + timedelta(days=YEARS * 365)
    records = Records(store, Settings(), clock=lambda: now)

    began = time.perf_counter()
    store.write_measures(sql.refresh_all)
    print(f"rebuild of every case's measures (migration 0007): {time.perf_counter() - began:.1f} s")
    store.write_measures(lambda conn: conn.exec_driver_sql("DELETE FROM work_calendars"))
    began = time.perf_counter()
    steps: list[float] = []
    while True:
        step_began = time.perf_counter()
        done = records.prepare_step().done
        steps.append(time.perf_counter() - step_began)
        if done:
            break
    print(
        f"working calendars applied to every case, and every day packed: "
        f"{time.perf_counter() - began:.1f} s in {len(steps)} writes, the longest "
        f"{max(steps) * 1000:.0f} ms (what a desk's own write may wait)"
    )
    store.write_measures(lambda conn: conn.exec_driver_sql("ANALYZE"))

    opening = RecordQuery.last_weeks(12, now=now)
    p50, p95 = p50_p95(lambda: open_view(records, opening), args.runs)
    print(f"Records view reads at open (last 12 weeks): p50 {p50:.0f} ms, p95 {p95:.0f} ms")
    changes = {
        "a role": RecordQuery.last_weeks(12, now=now, roles=("lighting",)),
        "a priority": RecordQuery.last_weeks(12, now=now, priorities=(Priority.URGENT,)),
        "a person": RecordQuery.last_weeks(12, now=now, person="Ana"),
        "another quarter": RecordQuery.last_weeks(12, now=now - timedelta(days=365)),
    }
    every: list[float] = []
    for label, query in changes.items():
        times = timings(lambda query=query: open_view(records, query), args.runs)
        every += times
        print(
            f"filter change to {label}: p50 {pct(times, 0.5):.0f} ms, p95 {pct(times, 0.95):.0f} ms"
        )
    print(f"filter changes, all: p50 {pct(every, 0.5):.0f} ms, p95 {pct(every, 0.95):.0f} ms")
    for weeks in (26, 52):
        wide = RecordQuery.last_weeks(weeks, now=now)
        times = timings(lambda wide=wide: open_view(records, wide), 5)
        print(
            f"the view over the last {weeks} weeks: "
            f"p50 {pct(times, 0.5):.0f} ms, max {max(times):.0f} ms"
        )
    year = RecordQuery.year(now.year - 1)
    for by in ("role", "person", "period"):
        p50, p95 = p50_p95(lambda by=by: records.measures(year, by=by), 5)
        print(f"measures of a whole year by {by}: p50 {p50:.0f} ms, p95 {p95:.0f} ms")

    try:
        from jundesk.app.records_export import write_ods_report, write_report
    except ImportError:
        print("report: records_export not available yet")
    else:
        out = io.StringIO()
        began = time.perf_counter()
        write_report(records, year, "csv", out)
        print(
            f"jundesk report --format csv (measures) for {now.year - 1}: "
            f"{time.perf_counter() - began:.2f} s"
        )
        out = io.StringIO()
        began = time.perf_counter()
        write_report(records, year, "csv", out, table="cases")
        print(
            f"jundesk report --format csv --table cases for {now.year - 1}: "
            f"{time.perf_counter() - began:.1f} s, {out.getvalue().count(chr(10)) - 1:,} cases, "
            f"{len(out.getvalue()) / 1e6:.0f} MB"
        )
        began = time.perf_counter()
        with open(DATA / "records_year.ods", "wb") as ods:
            write_ods_report(records, year, ods)
        print(
            f"jundesk report --format ods for {now.year - 1}: {time.perf_counter() - began:.1f} s"
        )

    sizes = measures_bytes(path)
    total = sum(sizes.values())
    print(f"database size added: {total / 1e6:.1f} MB of {path.stat().st_size / 1e6:.0f} MB")
    for name, size in sorted(sizes.items(), key=lambda kv: -kv[1]):
        print(f"  {name}: {size / 1e6:.1f} MB")
    store.close()


if __name__ == "__main__":
    main()
