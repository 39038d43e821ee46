"""The engine a desk runs: store, triage (with the town's corrections), intake and actions.

Intake reads each channel the settings enable (X, Mastodon, Bluesky, Telegram), one loop per
channel. With a hub (a town), it also runs the sync service, the town's duty board and the
election for each channel's intake (a channel is then read only at the desk holding its
lease).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jundesk.app.actions import CaseActions
from jundesk.app.channel_access import ChannelValues, channel_values
from jundesk.app.engine_events import EngineEvents, QuietEvents
from jundesk.app.ingest import Ingestor
from jundesk.app.intake_loop import IntakeHealth
from jundesk.app.privacy import DailyPurge, DeletionCheck, Privacy, gone_check
from jundesk.app.settings import Settings, enabled_channels, town_channel
from jundesk.core.model import Actor, Event
from jundesk.intake.channels import Channel, X, channel_module
from jundesk.intake.source import Publisher, Refused
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
        channel_values: Mapping[str, ChannelValues] | None = None,
    ) -> None:
        """`credentials` are X's; `channel_values` the values each other channel opens with
        where they are not the desk's (the demo's local servers), else read from the
        settings, the keyring and the environment (channel_access.py)."""
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
        self.store = Store(db_path)
        # Triage is read on its first use (intake's first page, a re-route), not before the
        # desk's window shows: only its roles' names are needed for that.
        self.triage: Triage = DeferredTriage(self._read_triage, bundled_roles())
        # SQLite writes are serialised on one thread, as one desk has one writer.
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jundesk-db")
        self.ingestor = Ingestor(self.store, self.triage)
        # X's source (its own credentials, compliance, budget), and every channel opened:
        # X's too, by name. A channel enabled but not opened says why in its health line.
        self.source: XSource | None = None
        self.channels: dict[str, Channel] = {}
        self.channel_problems: dict[str, str] = {}
        # This desk's intake, one loop per channel (a desk alone); or in a town one
        # collector per channel, collecting while it holds that channel's lease.
        self.intakes: dict[str, IntakeLoop] = {}
        self.collectors: dict[str, TownCollector] = {}
        creds = credentials or XCredentials()
        if settings.x_user_id and not creds.user_id:
            creds = creds.merged(XCredentials(user_id=settings.x_user_id))
        self._open_channels(enabled_channels(settings), creds, channel_values or {})
        actor = Actor(settings.desk, settings.person)
        if self.hub is None:
            for name, channel in self.channels.items():
                self.intakes[name] = self._intake_loop(name, channel, creds)
        else:
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
            # Intake of each channel runs only while this desk holds its lease on the hub.
            for name, channel in self.channels.items():
                self.collectors[name] = TownCollector(
                    self.hub,
                    channel,
                    self.triage,
                    self.writer,
                    interval=self._interval(name),
                    read_budget=settings.monthly_read_budget if name == X else 0,
                    on_report=events.on_report,
                    on_health=partial(events.on_health, name),
                    on_role=events.on_role,
                )
        self.tell_channel_problems()
        on_changed = self._pushing(events.on_changed) if self.hub is not None else events.on_changed
        publishers: dict[str, Publisher] = dict(self.channels)
        self.actions = CaseActions(
            self.store,
            self.triage,
            self.writer,
            actor,
            publishers,
            on_changed=on_changed,
            town_channel=town_channel(settings),
        )
        self.privacy = Privacy(
            self.store,
            actor,
            desk_roles=settings.desk_roles,
            keep_days=settings.blocked_keep_days,
            retention_days=settings.retention_days,
            in_town=self.hub is not None,
        )
        # The daily check for deleted posts: X's compliance jobs (they need the app's bearer
        # token) and each other channel's `gone`. In a town the front desks run it (the hub
        # takes blocking from front desks only).
        checks: dict[str, DeletionCheck] = {}
        if self.privacy.may_block:
            if self.source is not None and creds.bearer_token:
                from jundesk.intake.x_compliance import XCompliance

                checks[X] = XCompliance(creds, api_base=settings.x_api_base or None).check
            for name, channel in self.channels.items():
                if name != X:
                    checks[name] = gone_check(channel)
        self.purge = DailyPurge(self.privacy, self.writer, on_changed, checks=checks)

    def tell_channel_problems(self) -> None:
        """Each enabled channel that could not be opened, as a failing health line."""
        for name, problem in self.channel_problems.items():
            self.events.on_health(name, IntakeHealth(channel=name, last_error=problem))

    @property
    def intake(self) -> IntakeLoop | None:
        """X's intake loop, or the only channel's: what a caller reading one channel polls."""
        return self.intakes.get(X) or next(iter(self.intakes.values()), None)

    @property
    def collector(self) -> TownCollector | None:
        """X's town collector, or the only channel's."""
        return self.collectors.get(X) or next(iter(self.collectors.values()), None)

    def poll_now(self) -> None:
        """Every channel's intake polls at once (not waiting for its interval)."""
        for loop in self.intakes.values():
            loop.poll_now()

    def stop_intake(self) -> None:
        for loop in self.intakes.values():
            loop.stop()
        for collector in self.collectors.values():
            collector.stop()

    # -- channels --------------------------------------------------------------------------

    def _open_channels(
        self, names: Sequence[str], creds: XCredentials, given: Mapping[str, ChannelValues]
    ) -> None:
        for name in names:
            try:
                if name == X:
                    if not creds.can_read:
                        continue  # a desk without X credentials: X is simply not read here
                    from jundesk.intake.x_source import XSource

                    self.source = XSource(
                        creds,
                        api_base=self.settings.x_api_base or None,
                        searches=tuple(self.settings.x_searches),
                    )
                    self.channels[X] = self.source
                    continue
                module = channel_module(name)
                values = given.get(name) or channel_values(self.settings, module)
                if values.problem and not any(values.secrets.values()):
                    raise Refused(values.problem)
                self.channels[name] = module.open_channel(values.settings, values.secrets)
            except Refused as exc:
                log.warning("The %s channel is not read: %s", name, exc)
                self.channel_problems[name] = str(exc)
            except Exception as exc:  # a broken channel must not keep the desk from starting
                log.exception("The %s channel could not be opened", name)
                self.channel_problems[name] = f"The {name} channel could not be opened: {exc}"

    def _interval(self, name: str) -> float:
        """Seconds between a channel's polls: its own setting ("poll_interval" among its
        channel settings), else its module's POLL_INTERVAL, else the desk's."""
        own = self.settings.channel_settings.get(name, {}).get("poll_interval", "")
        try:
            value = float(own) if own else 0.0
        except ValueError:
            value = 0.0
        if value > 0:
            return value
        module_default = channel_module(name).poll_interval if name != X else None
        return module_default or self.settings.poll_interval

    def _intake_loop(self, name: str, channel: Channel, creds: XCredentials) -> IntakeLoop:
        from jundesk.app.intake_lock import IntakeLock
        from jundesk.app.intake_loop import IntakeLoop

        on_health = partial(self.events.on_health, name)
        lock = IntakeLock(self.store.path, name)
        if name != X:
            # Only X bills reads: the other channels have no budget nor monthly cap.
            return IntakeLoop(
                channel,
                self.ingestor,
                self.store,
                self.writer,
                interval=self._interval(name),
                read_budget=0,
                on_report=self.events.on_report,
                on_health=on_health,
                lock=lock,
            )
        from jundesk.app.usage_cap import UsageCap, intake_setup

        settings = self.settings
        return IntakeLoop(
            channel,
            self.ingestor,
            self.store,
            self.writer,
            interval=self._interval(name),
            read_budget=settings.monthly_read_budget,
            on_report=self.events.on_report,
            on_health=on_health,
            usage_cap=UsageCap(self.store, lambda: intake_setup(settings, creds)),
            lock=lock,
        )

    def _read_triage(self) -> Triage:
        """The town's triage, with the corrections its desks made."""
        triage = Triage.from_resources(min_confidence=self.settings.triage_min_confidence)
        triage.learn_many(self.store.corrections())
        return triage

    def services(self) -> list[Coroutine[Any, Any, None]]:
        """The long-running services to start as tasks: intake alone, or in a town the
        sync service and (with X credentials) the competition for the town's intake; and
        the daily privacy purge (retention, destroying blocked originals)."""
        # Said again as the services start: a window connects to the news after the engine
        # is made, and a channel that could not open has no loop to tell it.
        self.tell_channel_problems()
        runs: list[Coroutine[Any, Any, None]] = [loop.run() for loop in self.intakes.values()]
        if self.sync:
            runs.append(self.sync.run())
        runs += [collector.run() for collector in self.collectors.values()]
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
        for loop in self.intakes.values():
            loop.stop()
        for collector in self.collectors.values():
            collector.close()
        if self.sync:
            self.sync.close()
        for channel in self.channels.values():
            # A channel holding a connection or a thread of its own (Telegram's loop) ends it.
            close = getattr(channel, "close", None)
            if callable(close):
                close()
        self.writer.shutdown(wait=True)
        self.store.close()
