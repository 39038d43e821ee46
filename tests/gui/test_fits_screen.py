"""The window fits the screen: at 1366x768 with a panel, the status bar with intake's
health is on screen; the case list gives the report its room."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QRect

pytestmark = pytest.mark.asyncio


async def test_the_window_and_its_status_bar_fit_the_available_area(
    open_desk: Callable[..., object],
) -> None:
    async with open_desk() as desk:  # type: ignore[attr-defined]
        window = desk.window
        window.resize(1366, 768)  # the form's size, as a first run has it
        area = QRect(0, 0, 1366, 768 - 28)  # a 1366x768 screen with a 28-pixel panel
        window.fit_to(area)
        frame_height = window.height() + 36  # the title bar a window manager adds
        assert window.y() + frame_height <= area.bottom() + 1
        assert window.x() + window.width() <= area.right() + 1
        status = window.statusBar()
        bottom = status.mapTo(window, QPoint(0, status.height())).y()
        assert status.isVisible() and bottom <= window.height()
