"""What the engine tells the desk: one listener, given to the Engine once.

The GUI's bridge (jundesk.gui.bridge) turns each call into a Qt signal; the command line
prints the calls it cares about. A listener may be called from the writer thread, the
sync thread or the event loop's thread: it must hand the news on, not do the work.
"""

from __future__ import annotations

from typing import Protocol

from jundesk.app.ingest import IngestReport
from jundesk.app.intake_loop import IntakeHealth
from jundesk.app.town_status import CollectorRole, SyncHealth
from jundesk.sync.claims import ClaimLost


class EngineEvents(Protocol):
    def on_report(self, report: IngestReport) -> None:
        """A page of posts was stored (this desk's intake, or the town's at this desk)."""
        ...

    def on_health(self, channel: str, health: IntakeHealth) -> None:
        """One channel's intake changed ("x", "mastodon", ...; `health.channel` is the same):
        a poll, a failure, the rate limit, the reads used, the channel's notice."""
        ...

    def on_changed(self, case_ids: list[str]) -> None:
        """These cases changed: an action here, a pull from the hub, the daily purge."""
        ...

    def on_sync_health(self, health: SyncHealth) -> None:
        """The town hub's connection changed (a town's desks only)."""
        ...

    def on_claim_lost(self, lost: ClaimLost) -> None:
        """Another desk's claim on a case this desk took came first (a town's desks only)."""
        ...

    def on_role(self, role: CollectorRole, message: str) -> None:
        """This desk now collects for the town, stands by, or can't (a town's desks with X
        credentials only). `message` is English, for logs and the command line."""
        ...


class QuietEvents:
    """EngineEvents that hear nothing: subclass it and override what you need."""

    def on_report(self, report: IngestReport) -> None:
        pass

    def on_health(self, channel: str, health: IntakeHealth) -> None:
        pass

    def on_changed(self, case_ids: list[str]) -> None:
        pass

    def on_sync_health(self, health: SyncHealth) -> None:
        pass

    def on_claim_lost(self, lost: ClaimLost) -> None:
        pass

    def on_role(self, role: CollectorRole, message: str) -> None:
        pass
