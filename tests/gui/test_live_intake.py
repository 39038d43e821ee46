"""New posts appear with no click, within the poll interval, and the list keeps the
selected case and the case at the top while rows arrive."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from jundesk.gui.case_list_model import COL_AUTHOR
from jundesk.gui.inbox_model import ALL_OPEN_KEY
from tests.gui.conftest import until

pytestmark = [pytest.mark.asyncio, pytest.mark.slow]  # a live X server and poll intervals

POLL = 0.5


async def test_a_post_on_the_server_shows_within_the_poll_interval(
    open_desk: Callable[..., object],
) -> None:
    async with open_desk(poll_interval=POLL) as desk:  # type: ignore[attr-defined]
        window = desk.window
        intake = window.session.engine.intake
        await until(lambda: intake.health.last_good_poll is not None)
        desk.post("hay un coche mal aparcado tapando el paso de peatones", "pepe")
        posted = datetime.now(UTC)
        # The next poll after the post brings it; the list shows it as that poll ends
        # (no click), give or take the list's coalescing of a burst of changes.
        await until(lambda: intake.health.last_good_poll > posted, timeout=5)
        await until(lambda: window.cases.rowCount() == 1, timeout=1.0, what="the new row")
        assert "@pepe" in str(window.cases.index(0, COL_AUTHOR).data())
        await until(lambda: (window.inboxes.counts(ALL_OPEN_KEY) or (0, 0)) == (1, 1))
        status = window.statusBar()
        assert "Last poll" in status.last_poll.text()  # type: ignore[attr-defined]
        assert "Reads this month" in status.reads.text()  # type: ignore[attr-defined]


async def test_selection_and_top_row_stay_while_rows_arrive(
    open_desk: Callable[..., object],
) -> None:
    async with open_desk(poll_interval=60) as desk:  # type: ignore[attr-defined]
        window = desk.window
        for n in range(40):
            desk.post(f"el contenedor {n} de la calle Nueva está lleno", f"vecino{n}")
        await desk.poll()
        await until(lambda: window.cases.rowCount() == 40)
        await desk.settle()
        table = window.ui.caseTable
        table.select_row(25)
        chosen = table.current_case_id()
        table.verticalScrollBar().setValue(10)
        top = window.cases.case_id_at(table.rowAt(0))
        await asyncio.sleep(0.05)
        # An urgent report arrives: it sorts above every row on screen.
        desk.post("accidente grave en la rotonda, hay heridos, vengan ya", "testigo")
        desk.post("otro contenedor lleno en la plaza", "vecina99")
        await desk.poll()
        await until(lambda: window.cases.rowCount() == 42)
        await desk.settle()
        assert table.current_case_id() == chosen
        assert window.ui.caseTable.selected_case_ids() == [chosen]
        assert window.cases.case_id_at(table.rowAt(0)) == top
        assert window.current_detail().case.id == chosen  # type: ignore[union-attr]


async def test_intake_failure_shows_a_clear_warning(open_desk: Callable[..., object]) -> None:
    from jundesk.xserver import Fault

    async with open_desk(poll_interval=0.2) as desk:  # type: ignore[attr-defined]
        desk.session.engine.source.backoff.max_attempts = 1  # type: ignore[union-attr]
        for _ in range(12):
            desk.server.faults.push(Fault.server_error(503))
        status = desk.window.statusBar()
        await until(lambda: status.warning.isVisible(), timeout=8)  # type: ignore[attr-defined]
        assert "Intake is failing" in status.warning.text()  # type: ignore[attr-defined]
