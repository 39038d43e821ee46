"""One current case: a notification's click selects its case in the list (switching inbox
and clearing the filters when needed) and opens it; keys act on the case on show, and a
case that leaves the list never leaves the pane acting on another one."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from jundesk.core.model import Priority, Status
from jundesk.gui.display_names import case_ref
from jundesk.gui.inbox_model import ROLE_PREFIX
from tests.gui.conftest import Desk, until

pytestmark = pytest.mark.asyncio

# Pop-ups for every case (by default only high and urgent ones pop up).
ALL_PRIORITIES = [p.value for p in Priority]


async def ingest(desk: Desk, text: str, author: str) -> str:
    before = {s.case.id for s in desk.session.store.list_cases(limit=1000)}
    desk.post(text, author)
    await desk.poll()
    after = desk.session.store.list_cases(limit=1000)
    return next(s.case.id for s in after if s.case.id not in before)


def shown(desk: Desk) -> str | None:
    detail = desk.window.current_detail()
    return detail.case.id if detail is not None else None


def click_toast(desk: Desk) -> None:
    toast = desk.window.duty.notifier.toast
    assert toast is not None and toast.isVisible()
    QTest.mouseClick(toast, Qt.MouseButton.LeftButton, pos=QPoint(20, 10))


@pytest.mark.slow
async def test_popup_click_then_a_acknowledges_the_popups_case(
    open_desk: Callable[..., object],
) -> None:
    async with open_desk(popup_priorities=ALL_PRIORITIES) as desk:  # type: ignore[attr-defined]
        window = desk.window
        listed = await ingest(desk, "la farola de la calle Real no enciende", "vecina")
        await desk.select(listed)
        window.duty.notifier.silence()  # the first case's pop-up is gone
        popped = await ingest(desk, "la farola de la plaza parpadea toda la noche", "pepe_jun")
        await until(lambda: window.duty.notifier.toast.isVisible(), what="the pop-up")
        assert window.duty.notifier.toast._case_id == popped

        click_toast(desk)
        await until(lambda: shown(desk) == popped, what="the pop-up's case on show")
        table = window.ui.caseTable
        assert table.current_case_id() == popped
        assert table.selected_case_ids() == [popped]

        QTest.keyClicks(table, "a")
        await until(lambda: desk.case(popped).status is Status.ACKNOWLEDGED)
        assert desk.case(listed).status is Status.NEW
        await until(
            lambda: case_ref(popped) in window.statusBar().currentMessage(),
            what="the confirmation naming the case",
        )
        assert "@pepe_jun" in window.statusBar().currentMessage()


@pytest.mark.slow
async def test_popup_of_a_case_outside_the_inbox_and_filters_reaches_it(
    open_desk: Callable[..., object],
) -> None:
    async with open_desk(popup_priorities=ALL_PRIORITIES) as desk:  # type: ignore[attr-defined]
        window = desk.window
        lighting = await ingest(desk, "la farola de la calle Real no enciende", "vecina")
        window.select_inbox(window.inboxes.row_of(ROLE_PREFIX + "lighting"))
        await desk.select(lighting)
        # Words in the search box narrow the list to the lantern.
        window.ui.searchBar.ui.searchEdit.setText("farola")
        await until(lambda: window.current_query().search == "farola")  # type: ignore[union-attr]
        await desk.settle()
        window.duty.notifier.silence()

        police = await ingest(desk, "hay una pelea en la puerta del bar", "testigo")
        await until(lambda: window.duty.notifier.toast._case_id == police, what="the pop-up")
        click_toast(desk)
        await until(lambda: shown(desk) == police, what="the police case on show")
        table = window.ui.caseTable
        assert table.current_case_id() == police
        assert window.ui.searchBar.ui.searchEdit.text() == ""
        query = window.current_query()
        assert query is not None and query.search is None
        assert window.cases.case_id_at(table.currentIndex().row()) == police

        QTest.keyClicks(table, "a")
        await until(lambda: desk.case(police).status is Status.ACKNOWLEDGED)
        assert desk.case(lighting).status is Status.NEW


async def test_a_case_leaving_the_list_moves_the_pane_to_the_case_selected(
    open_desk: Callable[..., object],
) -> None:
    async with open_desk(popup_priorities=ALL_PRIORITIES) as desk:  # type: ignore[attr-defined]
        window = desk.window
        first = await ingest(desk, "la farola de la calle Real no enciende", "vecina")
        second = await ingest(desk, "la farola de la plaza parpadea", "vecino")
        window.select_inbox(window.inboxes.row_of(ROLE_PREFIX + "lighting"))
        combo = window.ui.searchBar.ui.statusCombo
        combo.setCurrentIndex(combo.findText("New"))  # only the cases nobody acknowledged
        await desk.settle()
        await desk.select(first)

        table = window.ui.caseTable
        QTest.keyClicks(table, "a")  # the case leaves the "New" list
        await until(lambda: desk.case(first).status is Status.ACKNOWLEDGED)
        await until(lambda: shown(desk) == second, what="the pane on the case now selected")
        assert table.current_case_id() == second
        assert case_ref(first) in window.statusBar().currentMessage()

        QTest.keyClicks(table, "a")
        await until(lambda: desk.case(second).status is Status.ACKNOWLEDGED)
