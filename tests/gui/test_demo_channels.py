"""`jundesk demo` shows posts from all four channels in one inbox, and a health line for
each channel in the status bar."""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from jundesk.app.demo import DemoOptions, DemoTown
from jundesk.app.settings import Settings
from jundesk.app.x_access import x_credentials
from jundesk.core.case_filter import CaseFilter
from jundesk.gui.case_list_model import COL_CHANNEL
from jundesk.gui.main_window import MainWindow
from jundesk.gui.session import DeskSession
from tests.gui.conftest import until

pytestmark = [pytest.mark.asyncio, pytest.mark.slow]  # a whole window on four servers


async def test_the_demo_inbox_shows_all_four_channels(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    town = DemoTown(DemoOptions(posts=60, preload=60, interval=0.5)).start()
    session = DeskSession(
        tmp_path / "demo.db",
        town.settings(Settings()),
        x_credentials(Settings(), demo=town).credentials,
        demo=town,
    )
    # As in the console (app.py): closing a pop-up must never end the loop.
    QApplication.instance().setQuitOnLastWindowClosed(False)  # type: ignore[union-attr]
    window = MainWindow(session)
    try:
        window.resize(1366, 740)
        window.show()
        window.start()
        bar = window.ui.statusbar
        await until(
            lambda: (
                len(bar.healths) == 4
                and all(h.last_good_poll is not None for h in bar.healths.values())
            ),
            timeout=30,
            what="a good poll on every channel",
        )
        lines = bar.channel_lines
        assert [line.text().split()[0] for line in lines.values()] == [
            "X",
            "Mastodon",
            "Bluesky",
            "Telegram",
        ]
        assert all(line.isVisible() and "✓" in line.text() for line in lines.values())
        assert bar.warning.isHidden()
        summaries = await session.read(
            functools.partial(session.store.list_cases, CaseFilter(), limit=200)
        )
        assert {s.channels[0] for s in summaries} == {"x", "mastodon", "bluesky", "telegram"}
        # The list names each row's channel for a screen reader.
        await until(lambda: window.cases.rowCount() > 0)
        await until(lambda: bool(window.cases.index(0, COL_CHANNEL).data()))
        words = {
            window.cases.index(r, COL_CHANNEL).data()
            for r in range(min(50, window.cases.rowCount()))
        }
        assert words & {"X", "Mastodon", "Bluesky", "Telegram"}
    finally:
        window.close()
        await session.aclose()
        await asyncio.sleep(0)
