"""`jundesk sync [--once]`: keep a desk's database in step with the town's hub, headless."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys

from jundesk.app.engine import Engine
from jundesk.app.engine_events import QuietEvents
from jundesk.app.hub_access import hub_connector
from jundesk.app.settings import Settings
from jundesk.app.town_status import SyncHealth
from jundesk.cli.common import add_db_option, database
from jundesk.cli.hub_commands import HubCommandError, add_hub_option, check_hub, hub_errors
from jundesk.intake.x_credentials import XCredentials
from jundesk.store.repository import Store
from jundesk.sync.claims import ClaimLost
from jundesk.sync.hub_connection import HubConnector, Purpose
from jundesk.sync.replicator import Replicator


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("sync", help="sync this desk's database with the town's hub")
    p.add_argument("--once", action="store_true", help="push and pull once, then exit")
    add_db_option(p)
    add_hub_option(p)
    p.set_defaults(run=run)


def connector_for(settings: Settings, url: str | None) -> HubConnector:
    connector = hub_connector(settings, url)
    if connector is None:
        raise HubCommandError(
            "No hub: give --hub postgresql://DESK_ROLE@HOST/DATABASE, or run 'jundesk hub join'."
        )
    return connector


def sync_once(store: Store, connector: HubConnector, desk: str) -> str:
    """One push and pull; returns the summary line."""
    replicator = Replicator(store, desk)
    with connector.connect(Purpose.SYNC, autocommit=True) as conn:
        report = replicator.sync_once(conn)
    line = (
        f"pushed {report.pushed}, pulled {report.pulled} new events "
        f"({len(report.case_ids)} cases); hub cursor {report.cursor}"
    )
    if report.refused:
        line += f"; {report.refused} refused by the hub (kept on this desk only)"
    if report.held:
        line += f"; {report.held} events of a newer JunDesk kept aside"
    for claim in report.claims_lost:
        line += "\n" + claim_line(claim)
    return line


def claim_line(claim: ClaimLost) -> str:
    who = claim.winner or "nobody"
    return f"case {claim.case_id[-8:]}: your claim ({claim.claimed}) lost; it is with {who}" + (
        f" ({claim.winner_desk})" if claim.winner_desk else ""
    )


def run(args: argparse.Namespace) -> int:
    settings = Settings.load()
    with hub_errors():
        connector = connector_for(settings, args.hub)
        check_hub(connector)
        if args.once:
            with Store(database(args)) as store:
                print(sync_once(store, connector, settings.desk))
            return 0
    engine = Engine(
        database(args),
        settings,
        XCredentials(),
        events=SyncPrinter(),
        hub=connector,
    )
    try:
        assert engine.sync is not None
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(engine.sync.run())
    finally:
        engine.close()
    return 0


class SyncPrinter(QuietEvents):
    """Prints the desk going online or offline (every round changes the health's time),
    and the claims it lost."""

    def __init__(self) -> None:
        self.last = ""

    def on_claim_lost(self, lost: ClaimLost) -> None:
        print(claim_line(lost), flush=True)

    def on_sync_health(self, health: SyncHealth) -> None:
        state = "online" if health.online else health.status
        if state == self.last:
            return
        self.last = state
        line = f"sync: {state}"
        if not health.online and health.last_error:
            line += f" ({health.last_error})"
        print(line, file=sys.stdout if health.online else sys.stderr, flush=True)
