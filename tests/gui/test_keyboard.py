"""Everything works from the keyboard: j/k move through the list, / searches, Escape goes
back to the list, Ctrl+1..9 change inbox; and the widgets say what they are."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QWidget

from tests.gui.conftest import until

pytestmark = pytest.mark.asyncio


async def test_j_k_slash_and_inbox_keys(open_desk: Callable[..., object]) -> None:
    async with open_desk() as desk:  # type: ignore[attr-defined]
        for n in range(5):
            desk.post(f"papelera {n} rebosando en el parque", f"vecino{n}")
        await desk.poll()
        window = desk.window
        await until(lambda: window.cases.rowCount() == 5)
        await desk.settle()
        table = window.ui.caseTable
        table.setFocus()
        table.select_row(0)
        QTest.keyClicks(table, "jj")
        assert table.currentIndex().row() == 2
        QTest.keyClicks(table, "k")
        assert table.currentIndex().row() == 1
        await until(
            lambda: (
                window.current_detail() is not None
                and window.current_detail().case.id == table.current_case_id()
            )
        )  # type: ignore[union-attr]

        QTest.keyClicks(table, "/")
        search = window.ui.searchBar.ui.searchEdit
        assert search.hasFocus()
        QTest.keyClick(search, Qt.Key.Key_Escape)
        assert table.hasFocus()

        # Ctrl+2 goes to the second inbox (street cleaning on a front desk).
        QTest.keyClick(table, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
        await until(lambda: window.ui.inboxList.currentIndex().row() == 1)
        assert window.current_query().roles == ("street_cleaning",)  # type: ignore[union-attr]
        await until(lambda: window.cases.query == window.current_query())


async def test_widgets_have_accessible_names(open_desk: Callable[..., object]) -> None:
    async with open_desk() as desk:  # type: ignore[attr-defined]
        window = desk.window
        for name in (
            "inboxList",
            "caseTable",
            "searchBar",
        ):
            widget = getattr(window.ui, name)
            assert widget.accessibleName() or name == "searchBar"
        view = window.ui.caseView
        unnamed = [
            w.objectName()
            for w in view.findChildren(QWidget)
            if w.isVisibleTo(view)
            and w.focusPolicy() != Qt.FocusPolicy.NoFocus
            and not w.accessibleName()
            and not (isinstance(w, QAbstractButton) and w.text())
            and w.objectName()
            and not w.objectName().startswith("qt_")
        ]
        assert unnamed == []
