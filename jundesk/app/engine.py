"""The engine a desk runs: store, triage (with the town's corrections), intake and actions."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from jundesk.app.actions import CaseActions
from jundesk.app.ingest import Ingestor, IngestReport
from jundesk.app.intake_loop import IntakeHealth, IntakeLoop
from jundesk.app.settings import Settings
from jundesk.core.model import Actor
from jundesk.intake.x_credentials import XCredentials
from jundesk.intake.x_source import XSource
from jundesk.store.repository import Store
from jundesk.triage import Triage

log = logging.getLogger(__name__)


class Engine:
    """Everything below the GUI for one desk. Call close() when done."""

    def __init__(
        self,
        db_path: Path,
        settings: Settings,
        credentials: XCredentials | None = None,
        *,
        on_report: Callable[[IngestReport], None] | None = None,
        on_health: Callable[[IntakeHealth], None] | None = None,
        on_changed: Callable[[list[str]], None] | None = None,
    ) -> None:
        self.settings = settings
        self.store = Store(db_path)
        self.triage = Triage.from_resources()
        self.triage.learn_many(self.store.corrections())
        # SQLite writes are serialised on one thread, as one desk has one writer.
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jundesk-db")
        self.ingestor = Ingestor(self.store, self.triage)
        self.source: XSource | None = None
        self.intake: IntakeLoop | None = None
        creds = credentials or XCredentials()
        if settings.x_user_id and not creds.user_id:
            creds = creds.merged(XCredentials(user_id=settings.x_user_id))
        if creds.can_read:
            self.source = XSource(
                creds, api_base=settings.x_api_base or None, searches=tuple(settings.x_searches)
            )
            self.intake = IntakeLoop(
                self.source,
                self.ingestor,
                self.store,
                self.writer,
                interval=settings.poll_interval,
                read_budget=settings.monthly_read_budget,
                on_report=on_report,
                on_health=on_health,
            )
        actor = Actor(settings.desk_name or settings.desk_id or "desk", settings.person)
        self.actions = CaseActions(
            self.store, self.triage, self.writer, actor, self.source, on_changed=on_changed
        )

    def close(self) -> None:
        if self.intake:
            self.intake.stop()
        self.writer.shutdown(wait=True)
        self.store.close()
