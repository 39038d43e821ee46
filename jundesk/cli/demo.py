"""`jundesk demo --headless` (and `jundesk demo` without a display): the demo town of
app/demo.py through the whole engine, every channel read, each case of the chosen desk
printed as it is routed (with the channel it came by).
"""

from __future__ import annotations

import argparse
import asyncio
from collections import Counter

from jundesk.app.demo import (
    DEMO_DESKS,
    DESCRIPTION,
    DemoOptions,
    DemoTown,
    add_demo_arguments,
    demo_database,
    demo_options,
    with_demo_desk,
)
from jundesk.app.engine import Engine
from jundesk.app.engine_events import QuietEvents
from jundesk.app.ingest import IngestReport
from jundesk.app.settings import Settings
from jundesk.app.x_access import x_credentials
from jundesk.cli.common import first_line, short
from jundesk.intake.source import IntakeError
from jundesk.xserver.town import Expected


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "demo",
        help="a simulated day in the town, without an X account",
        description=DESCRIPTION + " The command line always prints.",
    )
    add_demo_arguments(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    # The `jundesk` command opens the demo window itself (jundesk/launcher.py) and only
    # hands the terminal's demo to the command line, which never imports the GUI.
    return asyncio.run(headless(demo_options(args)))


async def headless(options: DemoOptions) -> int:
    desk = options.desk_to_show(can_ask=False)
    town = DemoTown(options).start()
    day, simulator = town.day, town.simulator
    settings = town.settings(with_demo_desk(Settings.load(), desk))
    roles = set(settings.desk_roles)
    expected: dict[str, Expected] = {}
    seen: Counter[str] = Counter()
    shown_ids: set[str] = set()
    right = 0

    def show(report: IngestReport) -> None:
        nonlocal right
        for case_id, verdict, post in report.new_cases:
            if verdict.role not in roles:
                continue  # another desk's case
            shown_ids.add(case_id)
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
                f"{local} {flag} {short(case_id)} {post.source:<8} {verdict.priority.value:<7} "
                f"{verdict.role:<16} @{post.author_handle:<16} {first_line(post.text, 60)}",
                flush=True,
            )
        for case_id in report.followups:
            if case_id in shown_ids:
                print(f"         {short(case_id)} + a follow-up joined the case", flush=True)

    class Shown(QuietEvents):
        def on_report(self, report: IngestReport) -> None:
            show(report)

    credentials = x_credentials(settings, demo=town).credentials
    engine = Engine(
        demo_database(options.db),
        settings,
        credentials,
        events=Shown(),
        channel_values=town.channel_values(),
    )
    loops = list(engine.intakes.values())
    assert loops, "the demo's channels did not open"
    print(
        f"JunDesk demo: a day of {len(day)} posts to the town on "
        f"{', '.join(engine.intakes)}, {options.speed:g}x real time, read through the local "
        f"servers; as {DEMO_DESKS[desk].title} sees it ({', '.join(settings.desk_roles)})\n",
        flush=True,
    )

    async def poll_all() -> None:
        """Every channel at once (Telegram's long poll waits while the others read)."""
        for outcome in await asyncio.gather(
            *(loop.poll_once() for loop in loops), return_exceptions=True
        ):
            if isinstance(outcome, IntakeError):
                print(f"         (a channel failed this time: {outcome})", flush=True)
            elif isinstance(outcome, BaseException):
                raise outcome

    def shown() -> int:
        return sum(n for role, n in seen.items() if role != "urgent")

    try:
        while not (options.quit_after and shown() >= options.quit_after):
            await poll_all()
            if simulator.remaining == 0 and simulator.wait(0):
                await poll_all()
                break
            await asyncio.sleep(options.interval)
    except KeyboardInterrupt:
        pass
    finally:
        town.stop()
        engine.close()
    opened = shown()
    print(
        f"\n{opened} cases: "
        + ", ".join(f"{n} {r}" for r, n in seen.most_common() if r != "urgent")
        + f"; {seen['urgent']} urgent; routed as the town would: {right}/{opened}"
    )
    # A check of the install (--quit-after N) fails when the day ends with fewer cases.
    return 1 if options.quit_after and opened < options.quit_after else 0
