"""`jundesk collect`: poll X for the town and store what comes in (headless)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys

from jundesk.app.engine import Engine
from jundesk.app.ingest import IngestReport
from jundesk.app.settings import Settings
from jundesk.cli.common import add_db_option, credentials, database, first_line, short
from jundesk.intake.source import IntakeError, Refused


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
    engine = Engine(
        database(args), settings, creds, on_report=lambda r: print_report(r, args.quiet)
    )
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
    engine.intake.on_health = lambda h: (
        h.last_error and print(f"intake: {first_line(h.last_error, 200)}", file=sys.stderr)
    )
    await engine.intake.run()
