"""Filters never narrow the list unseen: each one on shows as a chip with an "x" that
turns it off, and a quick filter ("Show urgent cases") does not follow the desk into
another inbox; a word search, over all cases, does."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from jundesk.core.model import Priority
from jundesk.gui.inbox_model import ALL_OPEN_KEY, ROLE_PREFIX
from tests.gui.conftest import until

pytestmark = pytest.mark.asyncio


def choose_priority(window: object, priority: Priority) -> None:
    combo = window.ui.searchBar.ui.priorityCombo  # type: ignore[attr-defined]
    rows = [row for row in range(combo.count()) if combo.itemData(row) == (priority,)]
    combo.setCurrentIndex(rows[0])


async def test_a_chip_per_filter_and_quick_filters_stay_in_their_inbox(
    open_desk: Callable[..., object],
) -> None:
    async with open_desk(poll_interval=60) as desk:  # type: ignore[attr-defined]
        window = desk.window
        for n in range(3):
            desk.post(f"la farola {n} de la calle Real está apagada", f"vecino{n}")
        await desk.poll()
        all_open = window.inboxes.row_of(ALL_OPEN_KEY)
        window.select_inbox(all_open)
        await until(lambda: window.cases.rowCount() == 3, what="three cases")
        chips = window.filter_chips
        assert chips.isHidden()

        choose_priority(window, Priority.URGENT)  # as "Show urgent cases" does
        await until(lambda: window.cases.rowCount() == 0, what="the urgent filter")
        assert not chips.isHidden() and chips.labels() == ["Urgent"]
        assert "(filtered)" in window.ui.listTitle.text()

        # The chip's "x" turns it off.
        chips.chips[0].close.click()
        await until(lambda: window.cases.rowCount() == 3, what="the filter off")
        assert chips.isHidden() and window.ui.searchBar.filters.priorities is None

        # Set again, then another inbox: it does not follow silently.
        choose_priority(window, Priority.URGENT)
        await until(lambda: window.cases.rowCount() == 0)
        window.select_inbox(window.inboxes.row_of(ROLE_PREFIX + "lighting"))
        await until(lambda: window.cases.rowCount() == 3, what="the lighting inbox, unfiltered")
        assert window.ui.searchBar.filters.priorities is None and chips.isHidden()
        assert "(filtered)" not in window.ui.listTitle.text()

        # Words search all cases: kept across inboxes, and shown.
        window.ui.searchBar.ui.searchEdit.setText("farola")
        await until(lambda: chips.labels() == ["Words: farola"], what="the words chip")
        window.select_inbox(all_open)
        await desk.settle()
        assert chips.labels() == ["Words: farola"]
        choose_priority(window, Priority.LOW)
        await until(lambda: len(chips.labels()) == 2)
        assert chips.clear_all.isVisibleTo(chips)
        chips.clear_all.click()
        await until(lambda: chips.isHidden() and window.cases.rowCount() == 3)
