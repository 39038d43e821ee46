"""The Records view on a million cases, as a desk sees it: opened and painted, and a
filter changed and painted again, with its reads on reader threads as in the console.
Events keep arriving as on a busy desk: before every open and every filter change a
desk's write lands (a new case, and a note on two of the quarter's cases), so a read kept
from before is never simply reused.

Uses the database benchmarks/records_million.py builds (./bench-data/records_million.db;
run that first; the writes add a few cases to it). The first open (nothing read yet, as
after the desk starts) is shown apart from the opens after it. Each figure is from the
view's creation (or the filter's change) until its plots are painted; beside it, the
longest pause of the GUI thread meanwhile (a 5 ms timer's late ticks): what a desk would
feel as a freeze.

    PYTHONPATH=. .venv/bin/python benchmarks/gui_records.py [--db PATH] [--runs N] [--quiet]

--quiet: no writes between the figures (every open after the first reuses its read).

Runs offscreen unless QT_QPA_PLATFORM says otherwise (under Xvfb: xcb, painted for real).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from jundesk.app.records import Records
from jundesk.app.settings import Settings
from jundesk.core.events import make_event, opening_events
from jundesk.core.ids import uuid7
from jundesk.core.model import INTAKE_ACTOR, TRIAGE_ACTOR, Actor, EventKind, Post, Priority
from jundesk.gui.records_view import RecordsView
from jundesk.gui.tasks import TaskSet
from jundesk.store import Store
from jundesk.store.column_types import id_from_stored

ROLES = ("police", "street_cleaning", "lighting", "parks", "waste")
# records_million.py's five years end here: "today" for the view is the day after.
END = datetime(2021, 12, 1, tzinfo=UTC) + timedelta(days=5 * 365)


class PauseWatch:
    """The longest gap between ticks of a 5 ms timer: how long the GUI thread was busy."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.longest = 0.0

    def start(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def stop(self) -> float:
        self.timer.stop()
        self._tick()
        return self.longest * 1000


class Desk:
    """A desk's writes while the view is in use: a case arrives (a minute later than the
    last), and two cases that arrived in the last twelve weeks get a note (their days'
    packs are dropped as for any event)."""

    def __init__(self, store: Store, quiet: bool) -> None:
        self.store = store
        self.quiet = quiet
        self.rng = random.Random(7)
        self.moment = END - timedelta(hours=3)
        since = int((END - timedelta(weeks=12)).timestamp() * 1_000_000)
        self.cases: list[str] = store.read_measures(
            lambda c: [
                id_from_stored(case_id)
                for case_id in c.exec_driver_sql(
                    "SELECT c.id FROM case_measures m CROSS JOIN cases c ON c.pk = m.case_pk "
                    "WHERE m.arrived_at >= ?",
                    (since,),
                ).scalars()
            ]
        )

    def write(self) -> None:
        if self.quiet:
            return
        self.moment += timedelta(minutes=1)
        came = self.moment
        post = Post(
            id=uuid7(), source="x", source_id=uuid7(), author_id="1", author_handle="vecino1",
            author_name="Vecino", text="@AytoJun farola rota", created_at=came,
            received_at=came, lang="es",
        )  # fmt: skip
        case_id = uuid7()
        role = self.rng.choice(ROLES)
        events = opening_events(
            case_id, post.id, came, role, Priority.NORMAL, 0.9, INTAKE_ACTOR, TRIAGE_ACTOR,
            at=came,
        )  # fmt: skip
        events += [
            make_event(c, EventKind.NOTED, Actor(f"{role}-desk", "Ana"), came, text="visto")
            for c in self.rng.sample(self.cases, 2)
        ]
        with self.store.unit() as uow:
            uow.add_posts([post], [case_id])
            uow.append_events(events, {case_id: post})


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


async def measure(args: argparse.Namespace) -> None:
    store = Store(args.db)
    records = Records(store, Settings(), clock=lambda: END)
    pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="jundesk-read")
    tasks = TaskSet()

    async def read(fn: Callable[..., Any], *a: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(pool, fn, *a)

    records.prepare()  # the calendars written once, as the desk's first open does
    desk = Desk(store, args.quiet)
    watch = PauseWatch()
    today = END.astimezone().date()
    monday = today - timedelta(days=today.weekday())
    first = monday - timedelta(weeks=11)

    async def until_painted(view: RecordsView, change: Callable[[], None]) -> float:
        loaded = asyncio.Event()
        view.loaded.connect(loaded.set)
        began = time.perf_counter()
        change()
        await loaded.wait()
        view.repaint()  # painted now, not at the next turn of the loop
        spent = (time.perf_counter() - began) * 1000
        view.loaded.disconnect(loaded.set)
        return spent

    opened: list[float] = []
    open_pauses: list[float] = []
    views: list[RecordsView] = []

    def make() -> RecordsView:
        view = RecordsView(records, ROLES, read=read, tasks=tasks)
        view._prepared = True
        view.set_range(first, today)
        view.resize(1366, 740)
        view.show()
        return view

    for _ in range(args.runs + 1):
        desk.write()
        watch.start()
        loaded = asyncio.Event()
        began = time.perf_counter()
        made = make()
        made.loaded.connect(loaded.set)
        made.refresh()
        await loaded.wait()
        made.repaint()
        opened.append((time.perf_counter() - began) * 1000)
        open_pauses.append(watch.stop())
        views.append(made)
        if len(views) > 1:
            views.pop(0).close()

    view = views[-1]

    def choose(roles: tuple[str, ...] = (), start: date = first, end: date = today,
               granularity: str = "day") -> Callable[[], None]:  # fmt: skip
        def change() -> None:
            for role, action in view.role_actions.items():
                action.blockSignals(True)
                action.setChecked(role in roles)
                action.blockSignals(False)
            view.granularity_box.blockSignals(True)
            view.set_granularity(granularity)  # type: ignore[arg-type]
            view.granularity_box.blockSignals(False)
            view.from_edit.blockSignals(True)
            view.to_edit.blockSignals(True)
            view.from_edit.setDate(start)
            view.to_edit.setDate(end)
            view.from_edit.blockSignals(False)
            view.to_edit.blockSignals(False)
            view.refresh()

        return change

    changes = {
        "one role": choose(("lighting",)),
        "two roles, by week": choose(("police", "waste"), granularity="week"),
        "a year, by month": choose(start=today - timedelta(days=365), granularity="month"),
        "the same quarter a year before": choose(
            start=first - timedelta(days=365), end=today - timedelta(days=365)
        ),
        "back to the default": choose(),
    }
    changed: dict[str, list[float]] = {name: [] for name in changes}
    change_pauses: list[float] = []
    for _ in range(args.runs):
        for name, change in changes.items():
            desk.write()
            watch.start()
            changed[name].append(await until_painted(view, change))
            change_pauses.append(watch.stop())

    load = os.getloadavg()
    platform = os.environ["QT_QPA_PLATFORM"]
    print(
        f"Records view on {args.db} ({platform}), {args.runs} runs, "
        f"{'no writes' if args.quiet else 'a desk write before each'}; load average "
        f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} CPUs"
    )
    first_open, first_pause = opened.pop(0), open_pauses.pop(0)
    print(
        f"first open (nothing read yet) and painted: {first_open:.0f} ms; "
        f"longest GUI pause {first_pause:.0f} ms"
    )
    print(
        f"opened and painted (12 weeks, every role): p50 {statistics.median(opened):.0f} ms, "
        f"p95 {percentile(opened, 0.95):.0f} ms; longest GUI pause p95 "
        f"{percentile(open_pauses, 0.95):.0f} ms"
    )
    every = [t for times in changed.values() for t in times]
    print(
        f"filter change, painted: p50 {statistics.median(every):.0f} ms, "
        f"p95 {percentile(every, 0.95):.0f} ms; longest GUI pause p95 "
        f"{percentile(change_pauses, 0.95):.0f} ms"
    )
    for name, times in changed.items():
        print(f"  {name}: p50 {statistics.median(times):.0f} ms, max {max(times):.0f} ms")
    view.close()
    pool.shutdown()
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("bench-data/records_million.db"))
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--quiet", action="store_true", help="no writes between the figures")
    args = parser.parse_args()
    if not args.db.exists():
        raise SystemExit(f"{args.db} is missing: run benchmarks/records_million.py first")
    app = QApplication.instance() or QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(measure(args))


if __name__ == "__main__":
    main()
