"""The channels a town can read and answer on, and how a desk opens one.

X stays `x_source.py` with its own credentials (XCredentials); each other channel is a module
`jundesk/intake/<name>_channel.py` exposing CHANNEL, SECRET_FIELDS, SETTING_FIELDS and
`open_channel(settings, secrets)`. A module is imported only when a desk enables its channel:
its client library (Mastodon.py, atproto, python-telegram-bot) costs nothing otherwise.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from jundesk.intake.source import Publisher, Refused, Source

X = "x"
# Channel -> the module that implements it (X's is not opened through one: see engine.py).
CHANNEL_MODULES: dict[str, str] = {
    "mastodon": "jundesk.intake.mastodon_channel",
    "bluesky": "jundesk.intake.bluesky_channel",
    "telegram": "jundesk.intake.telegram_channel",
}
# Every channel a desk may enable, in the order desks list them.
CHANNELS: tuple[str, ...] = (X, "mastodon", "bluesky", "telegram")


class Channel(Source, Publisher, Protocol):
    """A channel: where the town reads citizens' posts and answers them."""


@dataclass(frozen=True)
class ChannelModule:
    """What a channel module exposes, as read from it (see the module docstring)."""

    name: str  # its CHANNEL: Post.source, Cursor.source
    secret_fields: tuple[str, ...]  # SECRET_FIELDS: kept in the keyring
    setting_fields: tuple[str, ...]  # SETTING_FIELDS: plain settings
    open_channel: Callable[[Mapping[str, str], Mapping[str, str]], Channel]
    # POLL_INTERVAL, when the module has one: seconds between polls unless the town set
    # its own (Telegram's long poll waits at the service, so it asks again at once).
    poll_interval: float | None = None


def is_channel(name: str) -> bool:
    return name == X or name in CHANNEL_MODULES


def channel_module(name: str) -> ChannelModule:
    """The module of channel `name` (imported now); Refused when there is none, its library
    is not installed, or it doesn't expose what a channel module must."""
    path = CHANNEL_MODULES.get(name)
    if path is None:
        known = ", ".join(n for n in CHANNELS if n != X)
        raise Refused(f"JunDesk has no channel {name!r} (channels: x, {known}).")
    try:
        module = importlib.import_module(path)
    except ImportError as exc:
        raise Refused(
            f"The {name} channel can't be loaded ({exc}): this JunDesk was installed without "
            "it, or without its library."
        ) from exc
    channel = getattr(module, "CHANNEL", None)
    secrets = getattr(module, "SECRET_FIELDS", None)
    plain = getattr(module, "SETTING_FIELDS", None)
    opener = getattr(module, "open_channel", None)
    if channel != name or not _names(secrets) or not _names(plain) or not callable(opener):
        raise Refused(f"{path} is not a channel module (CHANNEL, *_FIELDS, open_channel).")
    assert isinstance(secrets, tuple) and isinstance(plain, tuple)  # _names checked them
    interval = getattr(module, "POLL_INTERVAL", None)
    if not isinstance(interval, int | float) or interval <= 0:
        interval = None
    return ChannelModule(name, secrets, plain, opener, interval)


def _names(value: object) -> bool:
    return isinstance(value, tuple) and all(isinstance(v, str) and v for v in value)


def env_name(channel: str, field: str) -> str:
    """The environment variable a headless collector reads a channel's value from:
    JUNDESK_<CHANNEL>_<FIELD>."""
    return f"JUNDESK_{channel.upper()}_{field.upper()}"
