"""The demo window says when its simulated day is over, so nobody waits for posts that
will never come."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from jundesk.app.demo import DemoOptions, DemoTown
from jundesk.app.settings import Settings
from jundesk.app.x_access import x_credentials
from jundesk.gui.main_window import MainWindow
from jundesk.gui.session import DeskSession

pytestmark = pytest.mark.asyncio


async def test_the_demo_window_tells_when_the_day_is_over(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    town = DemoTown(DemoOptions(posts=4, preload=1, interval=0.2))
    town.server.start()  # the day's clock is not running: the test plays it out
    session = DeskSession(
        tmp_path / "demo.db",
        town.settings(Settings()),
        x_credentials(Settings(), demo=town).credentials,
        demo=town,
    )
    window = MainWindow(session)
    try:
        window._check_demo_day()
        assert window.day_over_label is None  # the day is still going on
        town.simulator.preload()  # the rest of the day, at once
        assert town.day_over
        window._check_demo_day()
        label = window.day_over_label
        assert label is not None and label.isVisibleTo(window)
        assert label.text().startswith("The simulated day is over: all 4 post")
        assert "no more posts will come" in window.ui.messageLabel.text()
        window._check_demo_day()  # said once
        assert len(window.findChildren(type(label), "demoDayOver")) == 1
    finally:
        window.close()
        await asyncio.sleep(0)
        session.close()
