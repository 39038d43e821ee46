"""The channels' notices in the desk's language. A channel's `notice()` is one English
sentence (intake knows no translations); the ones JunDesk's channels say are recognised
here and said in the desk's language, with their figures; any other is shown as it came."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication


def _bluesky_session(_match: re.Match[str]) -> str:
    return QCoreApplication.translate(
        "ChannelNotices",
        "The Bluesky session can't be kept in the keyring: each start logs in again, and "
        "Bluesky allows 300 logins a day.",
    )


def _mastodon_filters(match: re.Match[str]) -> str:
    return QCoreApplication.translate(
        "ChannelNotices",
        "Mastodon's notification filters keep some mentions from JunDesk (%1): set them to "
        "accept in the town account's notification settings.",
    ).replace("%1", match.group(1))


def _telegram_away(match: re.Match[str]) -> str:
    return (
        QCoreApplication.translate(
            "ChannelNotices",
            "the desk read nothing from the bot for %1 h (since %2 UTC); Telegram keeps "
            "messages only 24 h, so those sent before the last 24 h are lost.",
        )
        .replace("%1", match.group(1))
        .replace("%2", match.group(2))
    )


# The start of each notice as the channel module writes it (tests check they still do).
NOTICES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r"^The Bluesky session can't be kept in the keyring"), _bluesky_session),
    (
        re.compile(r"^Mastodon's notification filters keep some mentions from JunDesk \((.*?)\)"),
        _mastodon_filters,
    ),
    (
        re.compile(
            r"^(?:Telegram: )?the desk read nothing from the bot for (\d+) h \(since (.+?) UTC\)"
        ),
        _telegram_away,
    ),
)


def notice_text(notice: str) -> str:
    """`notice` in the desk's language when JunDesk knows it, else as it came."""
    for pattern, say in NOTICES:
        found = pattern.match(notice)
        if found is not None:
            return say(found)
    return notice
