"""The window fits the screen: at 1366x768 with a panel, the status bar with intake's
health is on screen; the case list gives the report its room."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, QRect, Qt

from jundesk.gui.case_list_model import COL_ROLE, COL_STATUS, COL_TEXT
from jundesk.gui.case_row_delegates import two_lines
from tests.gui.conftest import until

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


async def test_the_report_gets_the_room_on_two_lines(open_desk: Callable[..., object]) -> None:
    async with open_desk() as desk:  # type: ignore[attr-defined]
        desk.post(
            "la farola de la calle Real lleva tres noches apagada y los vecinos no vemos nada "
            "al volver a casa, ya ha habido dos caidas en la acera",
            "vecina",
        )
        await desk.poll()
        window = desk.window
        await until(lambda: window.cases.rowCount() == 1)
        await desk.settle()
        table = window.ui.caseTable
        header = table.horizontalHeader()
        report = header.sectionSize(COL_TEXT)
        assert report >= 0.35 * table.viewport().width(), (report, table.viewport().width())
        for narrow in (COL_STATUS, COL_ROLE):
            assert header.sectionSize(narrow) <= 40
            model = window.cases
            assert model.headerData(narrow, Qt.Orientation.Horizontal) == ""
            assert model.headerData(
                narrow, Qt.Orientation.Horizontal, Qt.ItemDataRole.AccessibleTextRole
            )
        metrics = table.fontMetrics()
        assert table.rowHeight(0) >= 2 * metrics.lineSpacing()
        text = str(window.cases.index(0, COL_TEXT).data())
        lines = two_lines(text, metrics, report - 12)
        assert len(lines) == 2 and lines[1].endswith("…")
