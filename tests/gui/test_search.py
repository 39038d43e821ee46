"""Search over all cases (accent-insensitive, after three letters and a pause), matches
highlighted in the case as formatting ranges, and the filters by status and priority."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtTest import QTest

from jundesk.core.case_filter import CaseFilter
from jundesk.core.model import Priority, Status
from tests.gui.conftest import until

pytestmark = pytest.mark.asyncio


@pytest.mark.slow
async def test_search_highlights_and_filters(open_desk: Callable[..., object]) -> None:
    async with open_desk(desk_roles=["police"]) as desk:  # type: ignore[attr-defined]
        desk.post("la farola de la plaza está apagada", "ana")
        desk.post("Faróla rota junto al colegio", "luis")
        desk.post("contenedor lleno en la calle Mayor", "rosa")
        await desk.poll()
        window = desk.window
        bar = window.ui.searchBar
        # One or two letters don't search (a one-letter prefix is slow on a million).
        QTest.keyClicks(bar.ui.searchEdit, "fa")
        await desk.settle()
        assert bar.filters.search is None
        QTest.keyClicks(bar.ui.searchEdit, "rola")
        await until(
            lambda: window.cases.query is not None and window.cases.query.search == "farola"
        )
        await until(lambda: window.cases.rowCount() == 2)
        # Search covers every case, whatever the inbox (this desk sees police only).
        assert window.cases.query.statuses == tuple(Status) and window.cases.query.roles is None
        assert "in all cases" in window.ui.listTitle.text()
        window.ui.caseTable.select_row(0)
        await until(lambda: window.current_detail() is not None)
        view = window.ui.caseView
        await until(lambda: bool(view.matches()))
        text = view.ui.conversationText.toPlainText()
        matched = [text[a:b].lower() for a, b in view.matches()]
        assert any(m in ("farola", "faróla") for m in matched)
        selections = view.ui.conversationText.extraSelections()
        assert len(selections) == len(view.matches())
        # The text itself is untouched: highlighting is formatting, not markup.
        assert "<" not in text

        # A priority filter narrows the search; the database does the filtering.
        case_id = desk.session.store.list_cases(
            CaseFilter(search="colegio", statuses=tuple(Status))
        )[0].case.id
        await desk.session.actions.set_priority(case_id, Priority.URGENT)
        combo = bar.ui.priorityCombo
        combo.setCurrentIndex(combo.findText("Urgent"))
        await until(lambda: window.cases.rowCount() == 1)
        assert window.cases.case_id_at(0) == case_id

        bar.ui.searchEdit.clear()
        combo.setCurrentIndex(0)
        await until(lambda: window.cases.query is not None and window.cases.query.search is None)


@pytest.mark.slow
async def test_status_filter_shows_resolved_cases(open_desk: Callable[..., object]) -> None:
    async with open_desk() as desk:  # type: ignore[attr-defined]
        desk.post("banco roto en el parque", "ana")
        desk.post("perro suelto en la plaza", "luis")
        await desk.poll()
        window = desk.window
        first = desk.session.store.list_cases()[0].case.id
        await desk.session.actions.resolve(first)
        combo = window.ui.searchBar.ui.statusCombo
        combo.setCurrentIndex(combo.findText("Resolved"))
        await until(lambda: window.cases.rowCount() == 1 and window.cases.case_id_at(0) == first)
