"""`jundesk demo`: a simulated day in the town through the whole engine, no X account needed.

The local X API server and the town simulator run in this process; the real intake path
(tweepy, the cursors, triage, the store) reads them, and each case is shown as it is routed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from collections import Counter
from pathlib import Path

from jundesk.app.engine import Engine
from jundesk.app.ingest import IngestReport
from jundesk.app.locations import data_dir
from jundesk.app.settings import Settings
from jundesk.cli.common import first_line, short
from jundesk.intake.x_credentials import XCredentials
from jundesk.xserver import XServer
from jundesk.xserver.town import TownDay, TownSimulator


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="a simulated day in the town, without an X account")
    p.add_argument(
        "--headless", action="store_true", help="print the cases (the command line always does)"
    )
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--posts", type=int, default=120, help="posts in the simulated day")
    p.add_argument(
        "--speed",
        type=float,
        default=1200.0,
        help="times faster than real time (1200: the day in about a minute)",
    )
    p.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
    p.add_argument(
        "--db",
        type=Path,
        default=None,
        help="database for the demo (default: a fresh demo.db in the data folder)",
    )
    p.set_defaults(run=run)


def demo_database(path: Path | None) -> Path:
    target = path or data_dir() / "demo.db"
    if path is None:
        # The demo starts a fresh day each time; the desk's own database is never touched.
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                Path(str(target) + suffix).unlink()
    return target


def run(args: argparse.Namespace) -> int:
    # The `jundesk` command opens the demo window itself (jundesk/launcher.py) and only
    # hands `demo --headless` to the command line, which never imports the GUI.
    return asyncio.run(headless(args))


async def headless(args: argparse.Namespace) -> int:
    server = XServer(seed=args.seed).start()
    day = TownDay(seed=args.seed, posts=args.posts)
    simulator = TownSimulator(server, day, speed=args.speed)
    settings = Settings(
        x_api_base=server.base_url,
        x_user_id=server.town_user_id,
        poll_interval=args.interval,
        desk_name="demo",
        person="demo",
    )
    creds = XCredentials(user_id=server.town_user_id, **server.credentials())
    expected = {}
    seen: Counter[str] = Counter()
    right = 0

    def show(report: IngestReport) -> None:
        nonlocal right
        for case_id, verdict, post in report.new_cases:
            seen[verdict.role] += 1
            seen["urgent"] += verdict.priority.value == "urgent"
            if post.source_id not in expected:
                for index, post_id in list(simulator.posted.items()):
                    expected.setdefault(post_id, day.schedule[index].expected)
            label = expected.get(post.source_id)
            if label is not None and label.role == verdict.role:
                right += 1
            local = post.created_at.astimezone().strftime("%H:%M")
            flag = "!!" if verdict.priority.value == "urgent" else "  "
            print(
                f"{local} {flag} {short(case_id)} {verdict.priority.value:<7} "
                f"{verdict.role:<16} @{post.author_handle:<16} {first_line(post.text, 70)}",
                flush=True,
            )
        for case_id in report.followups:
            print(f"         {short(case_id)} + a follow-up joined the case", flush=True)

    engine = Engine(demo_database(args.db), settings, creds, on_report=show)
    assert engine.intake is not None
    print(
        f"JunDesk demo: a day of {len(day)} posts to @{server.town_handle}, "
        f"{args.speed:g}x real time, read through {server.base_url}\n",
        flush=True,
    )
    simulator.preload(3)
    simulator.start()
    try:
        while True:
            await engine.intake.poll_once()
            if simulator.remaining == 0 and simulator.wait(0):
                await engine.intake.poll_once()
                break
            await asyncio.sleep(args.interval)
    except KeyboardInterrupt:
        pass
    finally:
        simulator.stop()
        server.stop()
        engine.close()
    opened = sum(seen[r] for r in seen if r != "urgent")
    print(
        f"\n{opened} cases: "
        + ", ".join(f"{n} {r}" for r, n in seen.most_common() if r != "urgent")
        + f"; {seen['urgent']} urgent; routed as the town would: {right}/{opened}"
    )
    return 0
