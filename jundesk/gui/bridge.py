"""The engine's events as Qt signals (Electrum's pattern): the engine knows no Qt, and
whatever thread calls back, the widgets hear it on the GUI thread (queued connections)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from jundesk.app.ingest import IngestReport
from jundesk.app.intake_loop import IntakeHealth
from jundesk.app.town_status import CollectorRole, SyncHealth
from jundesk.sync.claims import ClaimLost


class EngineBridge(QObject):
    """The desk's EngineEvents: each call is emitted as the signal of the same name."""

    report = Signal(IngestReport)  # a page of posts was stored
    health = Signal(IntakeHealth)  # intake's state changed
    changed = Signal(list)  # ids of cases that changed (list[str])
    sync_health = Signal(SyncHealth)  # the town hub's connection changed
    claim_lost = Signal(ClaimLost)  # another desk's claim on a case won
    role = Signal(CollectorRole)  # this desk collects for the town, stands by, or can't

    def on_report(self, report: IngestReport) -> None:
        self.report.emit(report)

    def on_health(self, channel: str, health: IntakeHealth) -> None:
        self.health.emit(health)  # health.channel says which

    def on_changed(self, case_ids: list[str]) -> None:
        self.changed.emit(list(case_ids))

    def on_sync_health(self, health: SyncHealth) -> None:
        self.sync_health.emit(health)

    def on_claim_lost(self, lost: ClaimLost) -> None:
        self.claim_lost.emit(lost)

    def on_role(self, role: CollectorRole, message: str) -> None:
        # The message is English for the log; the window says the role in the desk's language.
        self.role.emit(role)
