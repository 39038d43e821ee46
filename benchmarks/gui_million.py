"""The desk window on a million cases, offscreen: launch to inbox painted, switching inbox
or filter, scroll to the end, resident memory.

Uses ./bench-data/search_million.db, or the file given with --db (benchmarks/
search_million.py builds it there through the store, ~4 min; it is reused when present).
Each run is a fresh interpreter, and the launch is timed from the process starting to the
first rows of the inbox painted. Every figure ends when the list's first paint with the
rows read ends (the paint the desk waits for; the list is not asked to paint again). The
machine's load moves these figures a lot: the load average is printed with each run, and
the medians of the runs at the end.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_million.py [--db PATH] [--runs 3]
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
STARTED = time.perf_counter()
DB = Path("bench-data/search_million.db")


def ensure_database(path: Path) -> None:
    if path.exists():
        return
    print(f"building {path} (about 4 minutes)...", flush=True)
    here = Path(__file__).resolve().parent
    subprocess.run(
        [sys.executable, str(here / "search_million.py"), "--db", str(path), "--runs", "1"],
        check=True,
    )


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child(db: Path, home: str) -> None:
    """Runs in a fresh interpreter: open the desk on `db`, time everything, print figures."""
    import asyncio

    os.environ["JUNDESK_HOME"] = home
    import qasync
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QApplication, QTableView

    from jundesk.app.settings import Settings
    from jundesk.core.model import DEFAULT_ROLES, UNROUTED
    from jundesk.gui.app import application
    from jundesk.gui.case_list_model import COL_TEXT
    from jundesk.gui.case_table import CaseTable
    from jundesk.gui.main_window import MainWindow
    from jundesk.gui.session import DeskSession

    settings = Settings(
        desk_roles=[*DEFAULT_ROLES, "parks", "waste", UNROUTED], person="Paco", desk_name="bench"
    )
    app = application(settings)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    class PaintWatch:
        """Notes when the list's paint ends, if its rows were read when the paint began:
        the first such paint is what a desk sees. (The list is not asked to paint again
        for the watch: that would time two paints where the desk waits for one.)"""

        def __init__(self) -> None:
            self.ready: Callable[[], bool] | None = None
            self.painted_at = 0.0

        def paint(self, table: QTableView, event: QPaintEvent) -> None:
            ready = self.ready is not None and self.ready()
            QTableView.paintEvent(table, event)
            if ready and self.painted_at == 0.0:
                self.painted_at = time.perf_counter()

    watch = PaintWatch()

    def paint_event(table: QTableView, event: QPaintEvent) -> None:
        watch.paint(table, event)

    CaseTable.paintEvent = paint_event  # type: ignore[method-assign,assignment]

    async def painted_with_rows(window: MainWindow, since: float, row: int | None = None) -> float:
        """Seconds from `since` until the list painted with its rows (or `row`) read."""
        model = window.cases
        wanted = row if row is not None else 0

        def ready() -> bool:
            # The rows people see: the list's count may still be on its way.
            return (
                model.query is not None
                and model.query == window.current_query()
                and (
                    model.summary_at(wanted) is not None
                    or (model.rowCount() == 0 and not model.is_loading())
                )
            )

        watch.ready, watch.painted_at = ready, 0.0
        ready_since = 0.0
        while watch.painted_at == 0.0:
            # Polling gently: a busy loop of sleep(0) would itself slow the GUI thread.
            await asyncio.sleep(0.001)
            if ready() and watch.painted_at == 0.0:
                ready_since = ready_since or time.perf_counter()
                if time.perf_counter() - ready_since > 0.1:
                    # Read but not painted by itself (a row scrolled to that was held
                    # already): ask, and the wait counts.
                    window.ui.caseTable.viewport().update()
        watch.ready = None
        return watch.painted_at - since

    pauses: list[float] = []

    def gc_timer(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            pauses.append(time.perf_counter())
        elif pauses:
            pauses[-1] = time.perf_counter() - pauses[-1]
            if pauses[-1] > 0.005 and os.environ.get("JUNDESK_BENCH_VERBOSE"):
                print(f"   (gc generation {info['generation']}: {pauses[-1] * 1000:.0f} ms)")

    import gc

    gc.callbacks.append(gc_timer)

    async def main() -> None:
        session = DeskSession(db, settings)
        window = MainWindow(session)
        window.resize(1366, 768)
        window.show()
        window.start()
        launch = await painted_with_rows(window, STARTED)
        assert str(window.cases.index(0, COL_TEXT).data()) != "Loading…"
        print(f"launch to inbox painted: {launch * 1000:.0f} ms ({window.ui.listTitle.text()!r})")
        await asyncio.sleep(1.0)  # let the inbox counts settle

        switches: list[tuple[str, float]] = []
        for _ in range(3):
            for row in range(window.inboxes.rowCount()):
                began = time.perf_counter()
                window.select_inbox(row)
                switches.append(
                    (window.inboxes.inbox(row).title, await painted_with_rows(window, began))
                )
        for row in (window.inboxes.row_of("resolved"), window.inboxes.row_of("all_open")):
            window.select_inbox(row)
            await painted_with_rows(window, time.perf_counter())
            combo = window.ui.searchBar.ui.priorityCombo
            for index in (combo.findText("Urgent"), 0, combo.findText("Low"), 0):
                began = time.perf_counter()
                combo.setCurrentIndex(index)
                switches.append(
                    (f"filter {combo.currentText()}", await painted_with_rows(window, began))
                )
        if os.environ.get("JUNDESK_BENCH_VERBOSE"):
            for title, took in switches:
                print(f"   {title:<24} {took * 1000:7.1f} ms")
        times = sorted(t for _, t in switches)
        worst = max(switches, key=lambda s: s[1])
        print(
            f"switch inbox or filter ({len(times)} switches): "
            f"p50 {statistics.median(times) * 1000:.1f} ms,"
            f" p95 {times[int(len(times) * 0.95) - 1] * 1000:.1f} ms,"
            f" max {worst[1] * 1000:.1f} ms ({worst[0]})"
        )

        table = window.ui.caseTable
        for key in ("resolved", "all_open"):
            window.select_inbox(0)  # from another inbox, so the list is read afresh
            await painted_with_rows(window, time.perf_counter())
            window.select_inbox(window.inboxes.row_of(key))
            await painted_with_rows(window, time.perf_counter())
            while window.cases.is_loading():  # the count too, so the end is the end
                await asyncio.sleep(0.001)
            rows = window.cases.rowCount()
            began = time.perf_counter()
            table.scrollToBottom()
            scrolled = await painted_with_rows(window, began, row=rows - 1)
            print(f"scroll to the end of {rows:,} rows ({key}): {scrolled * 1000:.1f} ms")
        print(f"resident memory: {rss_mb():.0f} MB")
        window.close()
        await session.aclose()

    with loop:
        loop.run_until_complete(main())
    QApplication.processEvents()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, default=DB)
    parser.add_argument("--runs", type=int, default=3, help="fresh interpreters (median)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--home", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.db, args.home)
        return
    ensure_database(args.db)
    # An installed desk starts from compiled modules (pip and the frozen build write them);
    # a checkout run with PYTHONDONTWRITEBYTECODE would time compiling the package instead.
    compileall.compile_dir(Path(__file__).resolve().parents[1] / "jundesk", quiet=1)
    launches: list[float] = []
    switch_p95s: list[float] = []
    with tempfile.TemporaryDirectory() as home:
        for run in range(1, args.runs + 1):
            load = " ".join(f"{n:.2f}" for n in os.getloadavg())
            print(f"-- run {run} (fresh interpreter; load average {load})", flush=True)
            done = subprocess.run(
                [sys.executable, __file__, "--child", "--db", str(args.db), "--home", home],
                check=True,
                stdout=subprocess.PIPE,
                text=True,
            )
            print(done.stdout, end="", flush=True)
            if found := re.search(r"launch to inbox painted: (\d+) ms", done.stdout):
                launches.append(float(found[1]))
            if found := re.search(r"switch inbox or filter .* p95 ([\d.]+) ms", done.stdout):
                switch_p95s.append(float(found[1]))
    if launches and switch_p95s:
        load = " ".join(f"{n:.2f}" for n in os.getloadavg())
        print(
            f"median of {args.runs} runs: launch to inbox painted "
            f"{statistics.median(launches):.0f} ms, switch p95 "
            f"{statistics.median(switch_p95s):.1f} ms (load average now {load})"
        )


if __name__ == "__main__":
    main()
