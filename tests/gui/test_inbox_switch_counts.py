"""Switching inbox takes the count the inboxes show only while nothing has changed since
it was read: a case that arrives in between is in the list and its count at once."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from jundesk.gui.inbox_model import ALL_OPEN_KEY
from tests.gui.conftest import until


@pytest.mark.asyncio
async def test_a_case_arriving_after_the_counts_is_in_the_list_switched_to(
    open_desk: Callable[..., object],
) -> None:
    async with open_desk() as desk:  # type: ignore[attr-defined]
        window = desk.window
        desk.post("la farola de la calle Real está apagada")
        await desk.poll()
        all_open = window.inboxes.row_of(ALL_OPEN_KEY)
        await until(lambda: window.inboxes.counts(ALL_OPEN_KEY) == (1, 1), what="the counts")
        window.select_inbox(0)
        await desk.settle()
        # A second case is stored; the switch comes before the inbox counts are read again.
        desk.post("accidente en la rotonda, hay un herido")
        await desk.poll()
        window.select_inbox(all_open)
        await until(lambda: window.cases.rowCount() == 2, what="both cases in All open")
        await desk.settle()
        assert window.cases.rowCount() == 2
        assert window.ui.listTitle.text().startswith(window.inboxes.inbox(all_open).title)
        assert "2" in window.ui.listTitle.text()
