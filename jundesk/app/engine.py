"""The engine a desk runs: store, triage (with the town's corrections), intake and actions.

With a hub (a town), it also runs the sync service, the town's duty board and the
election for the town's intake (intake then runs only at the desk holding the lock).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jundesk.app.actions import CaseActions
from jundesk.app.engine_events import EngineEvents, QuietEvents
from jundesk.app.ingest import Ingestor
from jundesk.app.privacy import DailyPurge, Privacy
from jundesk.app.settings import Settings
from jundesk.core.model import Actor, Event
from jundesk.intake.x_credentials import XCredentials
from jundesk.store.repository import Store
from jundesk.triage import Triage
from jundesk.triage.deferred import DeferredTriage, bundled_roles

if TYPE_CHECKING:
    from jundesk.app.duty_board import TownDuty
    from jundesk.app.intake_loop import IntakeLoop
    from jundesk.app.sync_runner import SyncRunner
    from jundesk.app.town_collector import TownCollector
    from jundesk.intake.x_source import XSource
    from jundesk.sync.hub_connection import HubConnector

# The hub's pieces (psycopg) and X's (tweepy, requests) are imported only by a desk that
# uses them, when it does: a desk alone, or one without X, starts ~0.5 s sooner.

log = logging.getLogger(__name__)


class Engine:
    """Everything below the GUI for one desk. Call close() when done.

    `events` hears what happens (see engine_events.py); by default nothing listens.
    """

    def __init__(
        self,
        db_path: Path,
        settings: Settings,
        credentials: XCredentials | None = None,
        *,
        events: EngineEvents | None = None,
        hub: HubConnector | None = None,
    ) -> None:
        self.settings = settings
        self.events: EngineEvents = events if events is not None else QuietEvents()
        events = self.events
        # A town: the hub given, or the one this desk joined ('jundesk hub join').
        if hub is None and (settings.hub_url or "").strip():
            from jundesk.app.hub_access import hub_connector

            hub = hub_connector(settings)
        self.hub = hub
        self.sync: SyncRunner | None = None
        self.duty: TownDuty | None = None
        self.collector: TownCollector | None = None
        self.store = Store(db_path)
        # Triage is read on its first use (intake's first page, a re-route), not before the
        # desk's window shows: only its roles' names are needed for that.
        self.triage: Triage = DeferredTriage(self._read_triage, bundled_roles())
        # SQLite writes are serialised on one thread, as one desk has one writer.
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jundesk-db")
        self.ingestor = Ingestor(self.store, self.triage)
        self.source: XSource | None = None
        self.intake: IntakeLoop | None = None
        creds = credentials or XCredentials()
        if settings.x_user_id and not creds.user_id:
            creds = creds.merged(XCredentials(user_id=settings.x_user_id))
        if creds.can_read:
            from jundesk.app.intake_lock import IntakeLock
            from jundesk.app.intake_loop import IntakeLoop
            from jundesk.app.usage_cap import UsageCap, intake_setup
            from jundesk.intake.x_source import XSource

            self.source = XSource(
                creds, api_base=settings.x_api_base or None, searches=tuple(settings.x_searches)
            )
            if self.hub is None:
                self.intake = IntakeLoop(
                    self.source,
                    self.ingestor,
                    self.store,
                    self.writer,
                    interval=settings.poll_interval,
                    read_budget=settings.monthly_read_budget,
                    on_report=events.on_report,
                    on_health=partial(events.on_health, self.source.name),
                    usage_cap=UsageCap(self.store, lambda: intake_setup(settings, creds)),
                    lock=IntakeLock(self.store.path),
                )
        actor = Actor(settings.desk, settings.person)
        if self.hub is not None:
            from jundesk.app.duty_board import TownDuty
            from jundesk.app.sync_runner import SyncRunner
            from jundesk.app.town_collector import TownCollector

            self.sync = SyncRunner(
                self.store,
                self.hub,
                self.writer,
                actor.desk,
                on_health=events.on_sync_health,
                on_changed=events.on_changed,
                on_claim_lost=events.on_claim_lost,
                on_rerouted=self._learn_from_town,
            )
            self.duty = TownDuty(self.sync, settings.person)
            if self.source is not None:
                # Intake runs only while this desk holds the town's intake lock.
                self.collector = TownCollector(
                    self.hub,
                    self.source,
                    self.triage,
                    self.writer,
                    interval=settings.poll_interval,
                    read_budget=settings.monthly_read_budget,
                    on_report=events.on_report,
                    on_health=partial(events.on_health, self.source.name),
                    on_role=events.on_role,
                )
            on_changed = self._pushing(events.on_changed)
        else:
            on_changed = events.on_changed
        self.actions = CaseActions(
            self.store, self.triage, self.writer, actor, self.source, on_changed=on_changed
        )
        self.privacy = Privacy(
            self.store,
            actor,
            desk_roles=settings.desk_roles,
            keep_days=settings.blocked_keep_days,
            retention_days=settings.retention_days,
            in_town=self.hub is not None,
        )
        # X's compliance jobs need the app's bearer token; in a town the front desks run
        # them (the hub takes blocking from front desks only).
        x_check = None
        if self.source is not None and creds.bearer_token and self.privacy.may_block:
            from jundesk.intake.x_compliance import XCompliance

            x_check = XCompliance(creds, api_base=settings.x_api_base or None).check
        self.purge = DailyPurge(self.privacy, self.writer, on_changed, x_check=x_check)

    def _read_triage(self) -> Triage:
        """The town's triage, with the corrections its desks made."""
        triage = Triage.from_resources(min_confidence=self.settings.triage_min_confidence)
        triage.learn_many(self.store.corrections())
        return triage

    def services(self) -> list[Coroutine[Any, Any, None]]:
        """The long-running services to start as tasks: intake alone, or in a town the
        sync service and (with X credentials) the competition for the town's intake; and
        the daily privacy purge (retention, destroying blocked originals)."""
        runs: list[Coroutine[Any, Any, None]] = []
        if self.intake:
            runs.append(self.intake.run())
        if self.sync:
            runs.append(self.sync.run())
        if self.collector:
            runs.append(self.collector.run())
        runs.append(self.purge.run())
        return runs

    def _pushing(self, on_changed: Callable[[list[str]], None]) -> Callable[[list[str]], None]:
        """on_changed that also tells the sync service to push the desk's new events."""

        def changed(case_ids: list[str]) -> None:
            if self.sync:
                self.sync.poke()
            on_changed(case_ids)

        return changed

    def _learn_from_town(self, rerouted: list[Event]) -> None:
        """Corrections made at other desks teach this desk's triage too (writer thread)."""
        for event in rerouted:
            role = event.payload.get("role")
            if not isinstance(role, str) or not role:
                continue
            citizen = [p for p in self.store.case_posts(event.case_id) if not p.is_own]
            if citizen:
                self.triage.learn(citizen[0].text, role)

    def close(self) -> None:
        self.purge.stop()
        if self.intake:
            self.intake.stop()
        if self.collector:
            self.collector.close()
        if self.sync:
            self.sync.close()
        self.writer.shutdown(wait=True)
        self.store.close()
