"""`jundesk demo`, wired once for the window and the terminal: its arguments, the local
servers of the town's four channels (X, Mastodon, Bluesky, Telegram) with a simulated day
in the town of Jun (sped up so a post arrives every few seconds; each citizen writes on
their own channel, jundesk/localserver/town.py), the desk whose day it shows, and that
desk's settings: every channel enabled, with the servers' made-up credentials (X's:
app/x_access.py; the others': channel_values()), never the keyring's.

The desk reads the town through the real intake path (each channel's client library, the
cursors, triage, the store); nothing here knows Qt, so both ways to show the demo take the
same arguments and see the same town.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

from jundesk.app.channel_access import ChannelValues
from jundesk.app.locations import data_dir
from jundesk.app.settings import Settings
from jundesk.core.model import DEFAULT_ROLES, LIGHTING, POLICE, STREET_CLEANING, UNROUTED

if TYPE_CHECKING:
    from jundesk.localserver.bluesky import BlueskyServer
    from jundesk.localserver.mastodon import MastodonServer
    from jundesk.localserver.telegram import TelegramServer
    from jundesk.localserver.town import TownChannels
    from jundesk.xserver import XServer
    from jundesk.xserver.town import TownDay, TownSimulator

# About one post every 3 s in the town's busy hours (a day of 150 posts, sped up 200x):
# the whole day in about five minutes.
DEFAULT_SEED = 7
DEFAULT_SPEED = 200.0
DEFAULT_POSTS = 150
DEFAULT_PRELOAD = 12
DEFAULT_INTERVAL = 2.0
# Every channel the demo's town posts on, in the order desks list them.
DEMO_CHANNELS = ("x", "mastodon", "bluesky", "telegram")
# Seconds a Telegram getUpdates waits for a message: short, so closing the demo is quick.
DEMO_LONG_POLL = "2"


@dataclass(frozen=True)
class DemoDesk:
    """A desk the demo can show: its roles, the person it names at it, and who that is
    (for the terminal; the window asks in the desk's language)."""

    roles: tuple[str, ...]
    person: str
    title: str


DEMO_DESKS: dict[str, DemoDesk] = {
    "police": DemoDesk((POLICE,), "Agente Ruiz", "the police officer"),
    "street": DemoDesk((STREET_CLEANING, LIGHTING), "Paco", "the street crew"),
    "front": DemoDesk((*DEFAULT_ROLES, UNROUTED), "Ana", "the town hall's front desk"),
}
# Whose day to show when nobody can be asked (the terminal, a check of the install).
UNASKED_DESK = "front"


@dataclass(frozen=True)
class DemoOptions:
    seed: int = DEFAULT_SEED
    posts: int = DEFAULT_POSTS
    speed: float = DEFAULT_SPEED
    preload: int = DEFAULT_PRELOAD
    interval: float = DEFAULT_INTERVAL
    db: Path | None = None
    quit_after: int = 0  # stop once this many cases are routed and shown (0: go on)
    desk: str = ""  # a key of DEMO_DESKS; "": ask where a window can, else UNASKED_DESK
    headless: bool = False  # print the cases in the terminal, no window

    def desk_to_show(self, *, can_ask: bool) -> str:
        """The desk chosen (--desk); else "" when the window may ask, else the front desk.
        A check of the install (--quit-after) never waits for an answer."""
        if self.desk:
            return self.desk
        return "" if can_ask and not self.quit_after else UNASKED_DESK


def add_demo_arguments(parser: argparse.ArgumentParser) -> None:
    """The demo's arguments: the same for the window and the terminal."""
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="the day's random seed")
    parser.add_argument("--posts", type=int, default=DEFAULT_POSTS, help="posts in the day")
    parser.add_argument(
        "--speed",
        type=float,
        default=DEFAULT_SPEED,
        help=f"times faster than real time ({DEFAULT_SPEED:g}: a post every few seconds)",
    )
    parser.add_argument(
        "--preload", type=int, default=DEFAULT_PRELOAD, help="posts already there at the start"
    )
    parser.add_argument(
        "--interval", type=float, default=DEFAULT_INTERVAL, help="seconds between polls"
    )
    parser.add_argument(
        "--db", type=Path, default=None, help="database (default: a fresh demo.db each time)"
    )
    parser.add_argument(
        "--desk",
        choices=sorted(DEMO_DESKS),
        default="",
        help=f"whose day to show (default: the window asks; the terminal shows the "
        f"{UNASKED_DESK} desk's)",
    )
    parser.add_argument(
        "--headless", action="store_true", help="print the cases in the terminal, no window"
    )
    parser.add_argument(
        "--quit-after",
        type=int,
        default=0,
        metavar="N",
        help="stop once N cases are routed and shown (a check of the install)",
    )


DESCRIPTION = (
    "A simulated day in the town of Jun through the whole desk, no X account needed: the "
    "desk window, or with --headless (or without a display) the cases in the terminal."
)


def demo_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jundesk demo", description=DESCRIPTION)
    add_demo_arguments(parser)
    return parser


def demo_options(args: argparse.Namespace | Sequence[str]) -> DemoOptions:
    """The options from parsed arguments, or from the words after `jundesk demo`."""
    if not isinstance(args, argparse.Namespace):
        args = demo_parser().parse_args(list(args))
    return DemoOptions(**{f.name: getattr(args, f.name) for f in fields(DemoOptions)})


def with_demo_desk(base: Settings, desk: str) -> Settings:
    """`base` as the chosen demo desk: its roles, a person and a name."""
    chosen = DEMO_DESKS[desk]
    return replace(
        base, desk_roles=list(chosen.roles), person=chosen.person, desk_name=f"demo-{desk}"
    )


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
        # The servers' modules load for the demo alone, never at a desk's start.
        from jundesk.localserver.bluesky import BlueskyServer
        from jundesk.localserver.mastodon import MastodonServer
        from jundesk.localserver.telegram import TelegramServer
        from jundesk.localserver.town import TownChannels
        from jundesk.xserver import XServer
        from jundesk.xserver.town import TownDay, TownSimulator

        self.server: XServer = XServer(seed=self.options.seed)
        self.mastodon: MastodonServer = MastodonServer()
        self.bluesky: BlueskyServer = BlueskyServer()
        self.telegram: TelegramServer = TelegramServer()
        self.channels: TownChannels = TownChannels(
            self.server, self.mastodon, self.bluesky, self.telegram
        )
        self.day: TownDay = TownDay(seed=self.options.seed, posts=self.options.posts)
        self.simulator: TownSimulator = TownSimulator(
            self.channels, self.day, speed=self.options.speed
        )

    def start(self) -> DemoTown:
        self.server.start()
        self.mastodon.start()
        self.bluesky.start()
        self.telegram.start()
        self.simulator.preload(self.options.preload)
        self.simulator.start()
        return self

    @property
    def day_over(self) -> bool:
        """Every post of the simulated day is on the server: nothing more will come."""
        return self.simulator.remaining == 0

    def stop(self) -> None:
        self.simulator.stop()
        for server in (self.telegram, self.bluesky, self.mastodon, self.server):
            server.stop()

    def channel_values(self) -> dict[str, ChannelValues]:
        """What each channel but X opens with: its local server's address and made-up
        credentials (X's come through app/x_access.py)."""
        return {
            "mastodon": ChannelValues(self.mastodon.settings(), self.mastodon.secrets()),
            # A session of its own (none yet): the channel then leaves the keyring alone.
            "bluesky": ChannelValues(
                self.bluesky.settings(), {**self.bluesky.secrets(), "session": ""}
            ),
            "telegram": ChannelValues(
                {**self.telegram.settings(), "long_poll": DEMO_LONG_POLL},
                self.telegram.secrets(),
            ),
        }

    def settings(self, base: Settings | None = None) -> Settings:
        """The desk's settings pointed at the local server; a front desk unless a desk
        was chosen (with_demo_desk) or the person chose roles on the first run. The demo
        never joins the desk's town: its cases stay off the hub."""
        base = base or Settings()
        roles = base.desk_roles if base.person else [*DEFAULT_ROLES, UNROUTED]
        return replace(
            base,
            x_api_base=self.server.base_url,
            x_user_id=self.server.town_user_id,
            x_handle=self.server.town_handle,
            x_searches=[],
            channels=list(DEMO_CHANNELS),
            # Plain values only: the secrets stay with channel_values(), off the settings.
            channel_settings={name: dict(v.settings) for name, v in self.channel_values().items()},
            poll_interval=self.options.interval,
            desk_name=base.desk_name or "demo",
            desk_roles=list(roles),
            person=base.person or "Demo",
            hub_url="",
        )
