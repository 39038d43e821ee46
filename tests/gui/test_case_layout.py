"""The case pane holds still: its buttons stay put whatever the title's length, another
case opens on its conversation, and after Resolve the list moves on to the next case."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from jundesk.core.model import Status
from jundesk.gui.case_dialogs import ResolveDialog
from jundesk.gui.inbox_model import ROLE_PREFIX
from tests.gui.conftest import Desk, until

pytestmark = pytest.mark.asyncio

LONG = (
    "la farola de la calle Real esquina con la plaza del Ayuntamiento lleva tres noches "
    "apagada y parpadea a ratos, los vecinos de los numeros pares e impares no vemos nada "
    "al volver a casa y ya ha habido dos caidas en la acera que esta levantada junto al banco"
)


async def ingest(desk: Desk, text: str, author: str = "vecina") -> str:
    before = {s.case.id for s in desk.session.store.list_cases(limit=1000)}
    desk.post(text, author)
    await desk.poll()
    after = desk.session.store.list_cases(limit=1000)
    return next(s.case.id for s in after if s.case.id not in before)


def shown(desk: Desk) -> str | None:
    detail = desk.window.current_detail()
    return detail.case.id if detail is not None else None


async def test_buttons_stay_put_whatever_the_title(open_desk: Callable[..., object]) -> None:
    async with open_desk() as desk:  # type: ignore[attr-defined]
        short = await ingest(desk, "farola apagada")
        long = await ingest(desk, LONG)
        view = desk.window.ui.caseView
        places = []
        for case_id in (short, long, short):
            await desk.select(case_id)
            await until(lambda: view.ui.acknowledgeButton.isVisible())
            places.append(view.ui.resolveButton.mapTo(view, QPoint(0, 0)).y())
        assert places[0] == places[1] == places[2]
        await desk.select(long)
        assert view.ui.titleLabel.text().endswith("…")


async def test_another_case_opens_on_its_conversation(open_desk: Callable[..., object]) -> None:
    async with open_desk() as desk:  # type: ignore[attr-defined]
        first = await ingest(desk, "farola apagada en la calle Real")
        second = await ingest(desk, "farola fundida en la plaza")
        view = desk.window.ui.caseView
        await desk.select(first)
        view.ui.tabs.setCurrentWidget(view.ui.historyTab)
        await desk.select(second)
        assert view.ui.tabs.currentWidget() is view.ui.conversationTab


@pytest.mark.slow
async def test_after_resolve_the_list_moves_on_to_the_next_case(
    open_desk: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ResolveDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    async with open_desk() as desk:  # type: ignore[attr-defined]
        first = await ingest(desk, "farola apagada en la calle Real")
        second = await ingest(desk, "farola fundida en la plaza")
        window = desk.window
        window.select_inbox(window.inboxes.row_of(ROLE_PREFIX + "lighting"))
        await desk.settle()
        await desk.select(first)
        QTest.keyClicks(window.ui.caseTable, "e")
        await until(lambda: desk.case(first).status is Status.RESOLVED)
        await until(lambda: shown(desk) == second, what="the next case on show")
        assert window.ui.caseTable.current_case_id() == second


async def test_the_role_is_never_cut_in_the_case_header(open_desk: Callable[..., object]) -> None:
    async with open_desk() as desk:  # type: ignore[attr-defined]
        case_id = await ingest(desk, "bolsas de basura tiradas junto al contenedor")
        window = desk.window
        window.ui.splitter.setSizes([200, 766, 400])  # the case pane at its narrowest
        await desk.select(case_id)
        view = window.ui.caseView
        view.ui.assigneeLabel.setText("Asignado a Antonio Fernández de la Torre")
        await until(lambda: view.ui.roleLabel.isVisible())
        view.layout().activate()
        for label in (view.ui.roleLabel, view.ui.statusLabel):
            assert label.width() >= label.sizeHint().width(), label.text()
