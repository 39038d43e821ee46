"""From a post arriving on the demo's local X server to the desk's alert: the time until
the notifier asks for the sound and shows the pop-up, p50/p95 over N posts, one at a
time at random moments of the poll cycle, with the demo's poll interval (2 s) by default.

It also splits the time: until intake's report reaches the window (the wait for the next
poll, the poll, triage and the store) and from there to the alert (the GUI's part).
Offscreen:

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/alert_latency.py [--posts 60]
        [--interval 2.0]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync

from jundesk.app.demo import DEFAULT_INTERVAL
from jundesk.app.settings import Settings
from jundesk.core.model import DEFAULT_ROLES, UNROUTED, Priority
from jundesk.gui.app import application
from jundesk.gui.main_window import MainWindow
from jundesk.gui.session import DeskSession
from jundesk.intake.x_credentials import XCredentials
from jundesk.xserver import XServer

TEXTS = (
    "accidente en la rotonda, hay un herido, vengan rápido",
    "la farola de la calle Real está apagada",
    "hay muchas hojas y basura en la plaza",
    "perro suelto ladrando en el parque toda la noche",
    "un coche mal aparcado tapa el paso de peatones",
)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def measure(db: Path, posts: int, interval: float) -> None:
    server = XServer(seed=5, rate_limit=100_000).start()
    settings = Settings(
        x_api_base=server.base_url,
        x_user_id=server.town_user_id,
        poll_interval=interval,
        desk_roles=[*DEFAULT_ROLES, UNROUTED],  # the front desk, every role
        popup_priorities=[p.value for p in Priority],  # and every case pops up
        person="Ana",
    )
    creds = XCredentials(user_id=server.town_user_id, **server.credentials())
    session = DeskSession(db, settings, creds)
    window = MainWindow(session)
    window.resize(1366, 768)
    window.show()
    window.start()
    notifier = window.duty.notifier
    marks: dict[str, float] = {}
    notifier.soundRequested.connect(lambda kind: marks.setdefault("sound", time.perf_counter()))
    notifier.messageShown.connect(lambda *a: marks.setdefault("popup", time.perf_counter()))
    intake = session.engine.intake
    assert intake is not None and intake.on_report is not None
    told = intake.on_report

    def report_in(report: object) -> None:  # the page is stored; the window hears of it
        marks.setdefault("report", time.perf_counter())
        told(report)  # type: ignore[arg-type]

    intake.on_report = report_in
    while intake.health.last_good_poll is None:
        await asyncio.sleep(0.05)
    rng = random.Random(7)
    totals, intake_part, gui_part = [], [], []
    for n in range(posts):
        await asyncio.sleep(rng.uniform(0, interval))  # anywhere in the poll cycle
        marks.clear()
        posted = time.perf_counter()
        server.add_post(f"vecino{n}", f"@{server.town_handle} {TEXTS[n % len(TEXTS)]} ({n})")
        deadline = posted + interval * 5 + 5
        while not ("sound" in marks and "popup" in marks):
            if time.perf_counter() > deadline:
                raise SystemExit(f"post {n}: no alert within {deadline - posted:.1f} s")
            await asyncio.sleep(0.001)
        alerted = max(marks["sound"], marks["popup"])
        totals.append(alerted - posted)
        intake_part.append(marks["report"] - posted)
        gui_part.append(alerted - marks["report"])
    ms = 1000

    def line(name: str, values: list[float]) -> str:
        return (
            f"{name}: p50 {percentile(values, 50) * ms:.0f} ms, "
            f"p95 {percentile(values, 95) * ms:.0f} ms, max {max(values) * ms:.0f} ms"
        )

    print(f"{posts} posts, one at a time, poll interval {interval:g} s")
    print(line("post on the server -> alert (sound and pop-up requested)", totals))
    print(line("  of which post -> page stored (poll wait, poll, triage, store)", intake_part))
    print(line("  of which page stored -> alert (the window's part)", gui_part))
    print(f"  mean total {statistics.mean(totals) * ms:.0f} ms")
    window.close()
    await session.aclose()
    server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=60)
    parser.add_argument("--interval", type=float, default=DEFAULT_INTERVAL)
    args = parser.parse_args()
    home = tempfile.TemporaryDirectory()
    os.environ["JUNDESK_HOME"] = home.name
    app = application(Settings())
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(measure(Path(home.name) / "alerts.db", args.posts, args.interval))
    home.cleanup()


if __name__ == "__main__":
    main()
