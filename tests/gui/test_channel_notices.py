"""The channels' notices read in the desk's language: the three JunDesk's channels say are
recognised (with their figures), any other shows as it came; and each channel module still
writes its notice the way it is recognised."""

from __future__ import annotations

import inspect

from PySide6.QtWidgets import QApplication

from jundesk.gui.channel_notices import notice_text
from jundesk.gui.translations import install_translators, remove_translators
from jundesk.intake import bluesky_channel, mastodon_channel, telegram_channel

AWAY = (
    "Telegram: the desk read nothing from the bot for 31 h (since 2026-12-05 08:10 UTC); "
    "Telegram keeps messages only 24 h, so those sent before the last 24 h are lost."
)
FILTERS = (
    "Mastodon's notification filters keep some mentions from JunDesk (new accounts, "
    "private mentions): set them to accept in the town account's notification settings."
)
SESSION = (
    "The Bluesky session can't be kept in the keyring: each start logs in again, and "
    "Bluesky allows 300 logins a day."
)


def test_known_notices_read_in_spanish_with_their_figures(qapp: QApplication) -> None:
    assert notice_text(SESSION) == SESSION
    assert notice_text("Something new a channel says.") == "Something new a channel says."
    install_translators(qapp, "es")
    try:
        away = notice_text(AWAY)
        assert "31 h" in away and "2026-12-05 08:10" in away and "24 h" in away
        assert away != AWAY and "bot" in away
        filters = notice_text(FILTERS)
        assert "(new accounts, private mentions)" in filters and filters != FILTERS
        assert notice_text(SESSION) != SESSION and "300" in notice_text(SESSION)
        assert notice_text("Something new a channel says.") == "Something new a channel says."
    finally:
        remove_translators(qapp)


def test_the_channels_still_write_their_notices_so() -> None:
    """If a channel rewords its notice, this fails rather than the desk showing English."""
    assert "The Bluesky session can't be kept in the keyring" in inspect.getsource(bluesky_channel)
    assert "Mastodon's notification filters keep some mentions from JunDesk (" in (
        inspect.getsource(mastodon_channel)
    )
    assert "Telegram: the desk read nothing from the bot for {hours:.0f} h (since " in (
        inspect.getsource(telegram_channel)
    )
