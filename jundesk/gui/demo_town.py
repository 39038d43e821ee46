"""`jundesk demo` in the window: the local X API server and a simulated day in the town of
Jun run in this process, sped up so a post arrives every few seconds, and the desk reads
them through the real intake path (tweepy, cursors, triage, the store)."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, replace
from pathlib import Path

from jundesk.app.locations import data_dir
from jundesk.app.settings import Settings
from jundesk.core.model import DEFAULT_ROLES, UNROUTED
from jundesk.intake.x_credentials import XCredentials
from jundesk.xserver import XServer
from jundesk.xserver.town import TownDay, TownSimulator

# About one post every 3 s in the town's busy hours (a day of 150 posts, sped up 200x).
DEFAULT_SPEED = 200.0
DEFAULT_POSTS = 150
DEFAULT_PRELOAD = 12
DEFAULT_INTERVAL = 2.0


@dataclass(frozen=True)
class DemoOptions:
    seed: int = 7
    posts: int = DEFAULT_POSTS
    speed: float = DEFAULT_SPEED
    preload: int = DEFAULT_PRELOAD
    interval: float = DEFAULT_INTERVAL
    db: Path | None = None
    quit_after: int = 0  # close once this many cases are routed (0: stay open)
    desk: str = ""  # "police", "street" or "front" (demo_desk.py); "": ask


def demo_database(path: Path | None) -> Path:
    """The demo's own database: a fresh demo.db each time, never the desk's database."""
    if path is not None:
        return path
    target = data_dir() / "demo.db"
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(target) + suffix).unlink()
    return target


class DemoTown:
    """The simulated town: start() before reading settings(), stop() when done."""

    def __init__(self, options: DemoOptions | None = None) -> None:
        self.options = options or DemoOptions()
        self.server = XServer(seed=self.options.seed)
        self.day = TownDay(seed=self.options.seed, posts=self.options.posts)
        self.simulator = TownSimulator(self.server, self.day, speed=self.options.speed)

    def start(self) -> DemoTown:
        self.server.start()
        self.simulator.preload(self.options.preload)
        self.simulator.start()
        return self

    @property
    def day_over(self) -> bool:
        """Every post of the simulated day is on the server: nothing more will come."""
        return self.simulator.remaining == 0

    def stop(self) -> None:
        self.simulator.stop()
        self.server.stop()

    def settings(self, base: Settings | None = None) -> Settings:
        """The desk's settings pointed at the local server; a front desk unless the person
        chose roles on the first run."""
        base = base or Settings()
        roles = base.desk_roles if base.person else [*DEFAULT_ROLES, UNROUTED]
        return replace(
            base,
            x_api_base=self.server.base_url,
            x_user_id=self.server.town_user_id,
            x_handle=self.server.town_handle,
            x_searches=[],
            poll_interval=self.options.interval,
            desk_id="demo",
            desk_name=base.desk_name or "demo",
            desk_roles=list(roles),
            person=base.person or "Demo",
        )

    def credentials(self) -> XCredentials:
        return XCredentials(user_id=self.server.town_user_id, **self.server.credentials())
