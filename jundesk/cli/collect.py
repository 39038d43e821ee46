"""`jundesk collect`: read every enabled channel for the town (one loop each, in one process)
and store what comes in (headless)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys

from jundesk.app.engine import Engine
from jundesk.app.hub_access import hub_connector
from jundesk.app.ingest import IngestReport
from jundesk.app.intake_loop import IntakeHealth
from jundesk.app.secrets import SecretsUnavailable
from jundesk.app.settings import Settings, enabled_channels
from jundesk.app.town_status import CollectorRole
from jundesk.cli.common import add_db_option, credentials, database, first_line, short
from jundesk.cli.hub_commands import add_hub_option, check_hub, hub_errors
from jundesk.cli.sync_command import SyncPrinter, sync_once
from jundesk.intake.channels import CHANNELS, X, is_channel
from jundesk.intake.source import IntakeError, Refused
from jundesk.intake.x_credentials import XCredentials
from jundesk.sync.hub_connection import HubConnector


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "collect", help="read every enabled channel for the town and store what comes in"
    )
    p.add_argument("--once", action="store_true", help="one full poll of every page, then exit")
    add_db_option(p)
    p.add_argument(
        "--channel",
        action="append",
        default=None,
        metavar="NAME",
        help="read this channel (x, mastodon, bluesky, telegram; repeatable) instead of "
        "those the settings enable",
    )
    p.add_argument("--x-api-base", default=None, help="X's API base URL (default: X's own)")
    p.add_argument("--interval", type=float, default=None, help="seconds between polls")
    p.add_argument(
        "--search",
        action="append",
        default=None,
        help="also read this X recent-search query (repeatable), e.g. '#Jun'",
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
    if args.channel:
        unknown = [name for name in args.channel if not is_channel(name)]
        if unknown:
            raise Refused(
                f"JunDesk has no channel {unknown[0]!r}: name one of {', '.join(CHANNELS)}."
            )
        settings.channels = list(dict.fromkeys(args.channel))
    if args.x_api_base:
        settings.x_api_base = args.x_api_base
    if args.interval:
        settings.poll_interval = args.interval
    if args.search:
        settings.x_searches = list(args.search)
    enabled = enabled_channels(settings)
    if not enabled:
        raise Refused(
            "No channel is enabled: enable one with 'jundesk settings set channels x,telegram' "
            "(or name it with --channel)."
        )
    creds = x_creds(settings, enabled)
    with hub_errors():
        hub = hub_connector(settings, args.hub)
        if hub is not None:
            check_hub(hub)
    if hub is not None:
        # A town: collect each channel only while holding its lease on the hub.
        return town_collect(args, settings, creds, hub)
    events = CollectPrinter(args.quiet, failures=not args.once)
    engine = Engine(database(args), settings, creds, events=events)
    try:
        opened(engine, enabled)
        if engine.source is not None and not creds.user_id:
            user_id, handle, _ = engine.source.account()
            print(f"town account: @{handle} ({user_id})")
            # Looked up once: the id goes into the settings (it is not a secret).
            stored = Settings.load()
            stored.x_user_id = user_id
            stored.save()
        if args.once:
            return asyncio.run(_once(engine))
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(_forever(engine))
        return 0
    except IntakeError:
        raise
    finally:
        engine.close()


def x_creds(settings: Settings, enabled: list[str]) -> XCredentials:
    """X's credentials when X is enabled; without them X is left out if another channel is
    enabled, and is the error otherwise (saying what to do)."""
    if X not in enabled:
        return XCredentials()
    try:
        creds = credentials(settings)
    except SecretsUnavailable:
        if enabled == [X]:
            raise
        creds = XCredentials(user_id=settings.x_user_id)
    if not creds.can_read and enabled == [X]:
        raise Refused(
            "No X credentials: run 'jundesk accounts set', or set JUNDESK_X_BEARER_TOKEN "
            "(and JUNDESK_X_USER_ID) for a headless collector."
        )
    return creds


def opened(engine: Engine, enabled: list[str]) -> None:
    """Say which enabled channels could not be opened, and why; Refused when none was."""
    for name in enabled:
        if name == X and X not in engine.channels and X not in engine.channel_problems:
            print(
                "x: not read: no X credentials ('jundesk accounts set', or JUNDESK_X_*).",
                file=sys.stderr,
            )
        elif name in engine.channel_problems:
            print(f"{name}: not read: {engine.channel_problems[name]}", file=sys.stderr)
    if not engine.channels:
        problems = [engine.channel_problems.get(n, "") for n in enabled]
        raise Refused(
            next((p for p in problems if p), "")
            or "No channel could be opened: set each one up with 'jundesk accounts set "
            "--channel NAME'."
        )
    sys.stderr.flush()


async def _once(engine: Engine) -> int:
    """One full poll of each channel in turn; 1 if any failed (the others still ran)."""
    failed: IntakeError | None = None
    for name, intake in engine.intakes.items():
        try:
            report = await intake.poll_once()
        except IntakeError as exc:
            if len(engine.intakes) == 1:
                raise
            print(f"jundesk: {name}: {first_line(str(exc), 300)}", file=sys.stderr)
            failed = exc
            continue
        health = intake.health
        line = (
            f"stored {report.stored} posts: {len(report.new_cases)} new cases, "
            f"{len(report.followups)} follow-ups, {report.own_replies} of our replies, "
            f"{report.duplicates} duplicates skipped, {report.skipped} malformed skipped"
        )
        if name == X:
            line += f"; reads this month {health.reads_this_month:,}/{health.read_budget:,}"
        print(f"{name}: {line}" if len(engine.intakes) > 1 else line, flush=True)
    return 1 if failed is not None else 0


async def _forever(engine: Engine) -> None:
    """Every channel's loop in this one process, until interrupted."""
    tasks = [asyncio.ensure_future(intake.run()) for intake in engine.intakes.values()]
    try:
        await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


# -- a town: intake once per town, through the hub's intake lock -------------------------


def town_collect(
    args: argparse.Namespace, settings: Settings, creds: XCredentials, hub: HubConnector
) -> int:
    """Collect each channel for the town while holding its lease; stand by while another
    desk does."""
    engine = Engine(
        database(args),
        settings,
        creds,
        events=CollectPrinter(args.quiet, failures=False),
        hub=hub,
    )
    try:
        opened(engine, enabled_channels(settings))
        collectors = engine.collectors
        assert collectors and engine.sync is not None
        with hub_errors():
            if args.once:
                for name, collector in collectors.items():
                    report = asyncio.run(collector.collect_once())
                    prefix = f"{name}: " if len(collectors) > 1 else ""
                    if report is None:
                        print(f"{prefix}Another desk collects for the town: nothing polled here.")
                        continue
                    print(
                        f"{prefix}stored {report.stored} posts for the town: "
                        f"{len(report.new_cases)} new cases, {len(report.followups)} follow-ups, "
                        f"{report.duplicates} duplicates skipped"
                    )
                print(sync_once(engine.store, hub, settings.desk))
                return 0
            with contextlib.suppress(KeyboardInterrupt):
                asyncio.run(_town_forever(engine))
        refused = all(c.role is CollectorRole.NOT_ALLOWED for c in collectors.values())
        return 1 if refused else 0
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
