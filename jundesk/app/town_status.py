"""What the desk shows of the town's hub: the sync's health and the collector's role.

Kept apart from the sync service and the collector (which need psycopg) so the window,
its bridge and a desk without a hub use them without loading the PostgreSQL driver.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from jundesk.sync.hub_clock import CLOCK_WARNING, skew_text


@dataclass(frozen=True)
class SyncHealth:
    """What the status bar shows about the hub."""

    online: bool = False
    offline_since: datetime | None = None  # set while offline: the last contact (or start)
    last_sync: datetime | None = None
    last_error: str = ""
    pending: int = 0  # events and posts of this desk the hub hasn't got yet
    refused: int = 0  # rows the hub refused since start (they stay on this desk)
    held: int = 0  # pulled events of kinds this version doesn't know (kept aside)
    cursor: int = 0
    next_attempt: datetime | None = None
    desk: str = ""  # this desk's name on the hub, once connected
    clock_skew: float = 0.0  # seconds this desk's clock is ahead of the hub's (- behind)

    @property
    def clock_off(self) -> bool:
        """Whether the desk's clock is far enough off the hub's to say so."""
        return abs(self.clock_skew) > CLOCK_WARNING

    @property
    def status(self) -> str:
        """A line in English for logs and the command line (the GUI words its own)."""
        if self.online:
            line = "online" + (f", {self.pending} to send" if self.pending else "")
            if self.clock_off:
                line += (
                    f"; this desk's clock is {skew_text(self.clock_skew)} the hub's: set it "
                    "right, or the hub refuses what it dates too far ahead"
                )
            return line
        if self.offline_since is None:
            return "connecting to the hub"
        return f"offline since {self.offline_since:%Y-%m-%d %H:%M} UTC"


class CollectorRole(enum.StrEnum):
    STARTING = "starting"
    STANDBY = "standby"  # another desk collects for the town
    COLLECTING = "collecting"  # this desk polls X for the town
    OFFLINE = "offline"  # the hub can't be reached: nobody here collects
    NOT_ALLOWED = "not_allowed"  # this desk's role may not collect
