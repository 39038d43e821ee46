"""`jundesk collect`: poll X for the town and store what comes in (headless)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys

from jundesk.app.engine import Engine
from jundesk.app.hub_access import hub_connector
from jundesk.app.ingest import IngestReport
from jundesk.app.intake_loop import IntakeHealth
from jundesk.app.settings import Settings
from jundesk.app.town_status import CollectorRole
from jundesk.cli.common import add_db_option, credentials, database, first_line, short
from jundesk.cli.hub_commands import add_hub_option, check_hub, hub_errors
from jundesk.cli.sync_command import SyncPrinter, sync_once
from jundesk.intake.source import IntakeError, Refused
from jundesk.intake.x_credentials import XCredentials
from jundesk.sync.hub_connection import HubConnector


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("collect", help="poll X for the town's mentions and store them")
    p.add_argument("--once", action="store_true", help="one full poll of every page, then exit")
    add_db_option(p)
    p.add_argument("--x-api-base", default=None, help="API base URL (default: X's own)")
    p.add_argument("--interval", type=float, default=None, help="seconds between polls")
    p.add_argument(
        "--search",
        action="append",
        default=None,
        help="also read this recent-search query (repeatable), e.g. '#Jun'",
    )
    p.add_argument("--quiet", action="store_true", help="print only the summary")
    add_hub_option(p)
    p.set_defaults(run=run)


def print_report(report: IngestReport, quiet: bool = False) -> None:
    if quiet:
        return
    for case_id, verdict, post in report.new_cases:
        who = f"@{post.author_handle}" if post.author_handle else "-"
        print(
            f"new case {short(case_id)}  {verdict.priority.value:<7} {verdict.role:<16} "
            f"{who}: {first_line(post.text, 60)}"
        )
    sys.stdout.flush()


class CollectPrinter(SyncPrinter):
    """What `jundesk collect` prints of the engine's news: new cases (unless quiet), intake's
    failures (when it runs on), and in a town the hub and who collects for it."""

    def __init__(self, quiet: bool, failures: bool) -> None:
        super().__init__()
        self.quiet = quiet
        self.failures = failures

    def on_report(self, report: IngestReport) -> None:
        print_report(report, self.quiet)

    def on_health(self, channel: str, health: IntakeHealth) -> None:
        if self.failures and health.last_error:
            print(f"intake ({channel}): {first_line(health.last_error, 200)}", file=sys.stderr)

    def on_role(self, role: CollectorRole, message: str) -> None:
        stream = sys.stderr if role in (CollectorRole.OFFLINE, CollectorRole.NOT_ALLOWED) else None
        print(f"town intake: {role.value}: {message}", file=stream or sys.stdout, flush=True)


def run(args: argparse.Namespace) -> int:
    settings = Settings.load()
    if args.x_api_base:
        settings.x_api_base = args.x_api_base
    if args.interval:
        settings.poll_interval = args.interval
    if args.search:
        settings.x_searches = list(args.search)
    creds = credentials(settings)
    if not creds.can_read:
        raise Refused(
            "No X credentials: run 'jundesk accounts set', or set JUNDESK_X_BEARER_TOKEN "
            "(and JUNDESK_X_USER_ID) for a headless collector."
        )
    with hub_errors():
        hub = hub_connector(settings, args.hub)
        if hub is not None:
            check_hub(hub)
    if hub is not None:
        # A town: collect only while holding the town's intake lock.
        return town_collect(args, settings, creds, hub)
    events = CollectPrinter(args.quiet, failures=not args.once)
    engine = Engine(database(args), settings, creds, events=events)
    try:
        assert engine.intake is not None and engine.source is not None
        if not creds.user_id:
            user_id, handle, _ = engine.source.account()
            print(f"town account: @{handle} ({user_id})")
            # Looked up once: the id goes into the settings (it is not a secret).
            stored = Settings.load()
            stored.x_user_id = user_id
            stored.save()
        if args.once:
            report = asyncio.run(engine.intake.poll_once())
            health = engine.intake.health
            print(
                f"stored {report.stored} posts: {len(report.new_cases)} new cases, "
                f"{len(report.followups)} follow-ups, {report.own_replies} of our replies, "
                f"{report.duplicates} duplicates skipped, {report.skipped} malformed skipped; "
                f"reads this month {health.reads_this_month:,}/{health.read_budget:,}"
            )
            return 0
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(_forever(engine))
        return 0
    except IntakeError:
        raise
    finally:
        engine.close()


async def _forever(engine: Engine) -> None:
    assert engine.intake is not None
    await engine.intake.run()


# -- a town: intake once per town, through the hub's intake lock -------------------------


def town_collect(
    args: argparse.Namespace, settings: Settings, creds: XCredentials, hub: HubConnector
) -> int:
    """Collect for the town while holding its intake lock; stand by while another does."""
    engine = Engine(
        database(args),
        settings,
        creds,
        events=CollectPrinter(args.quiet, failures=False),
        hub=hub,
    )
    try:
        collector, runner = engine.collector, engine.sync
        assert collector is not None and runner is not None
        with hub_errors():
            if args.once:
                report = asyncio.run(collector.collect_once())
                if report is None:
                    print("Another desk collects for the town: nothing polled here.")
                    return 0
                print(
                    f"stored {report.stored} posts for the town: {len(report.new_cases)} new "
                    f"cases, {len(report.followups)} follow-ups, {report.duplicates} duplicates "
                    "skipped"
                )
                print(sync_once(engine.store, hub, settings.desk))
                return 0
            with contextlib.suppress(KeyboardInterrupt):
                asyncio.run(_town_forever(engine))
        return 1 if collector.role is CollectorRole.NOT_ALLOWED else 0
    finally:
        engine.close()


async def _town_forever(engine: Engine) -> None:
    tasks = [asyncio.ensure_future(run) for run in engine.services()]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
