"""The search bar searches exactly what the store searches: it waits while the words hold
fewer letters than the store takes, however many other characters were typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from jundesk.core.model import Priority, Status
from jundesk.gui.search_bar import SearchBar
from jundesk.store import SearchTooShort, to_match_query

TYPED = [
    "fa",  # two letters
    "a.b",  # three characters, two letters
    "¿¿ab",  # four characters, two letters
    "AND ab",  # an operator is not a word
    "???",  # no word at all
    "far",
    "a b c",  # three letters in three words
    "e\u0301x",  # a decomposed "é": the index keeps the accent in the word
    "12 3",
    "calle Real",
]


def store_searches(typed: str) -> bool:
    try:
        return to_match_query(typed) is not None
    except SearchTooShort:
        return False


@pytest.mark.parametrize("typed", TYPED)
def test_the_bar_searches_what_the_store_searches(qtbot: object, typed: str) -> None:
    bar = SearchBar()
    qtbot.addWidget(bar)  # type: ignore[attr-defined]
    bar.ui.searchEdit.setText(typed)  # as typed (keyClicks takes ASCII only)
    QTest.keyClick(bar.ui.searchEdit, Qt.Key.Key_Return)  # Enter searches at once
    searched = bar.filters.search
    assert (searched is not None) == store_searches(typed)
    if searched is not None:
        assert searched == typed.strip()
        assert [name for name, _label in bar.chips()] == ["words"]
    else:
        assert bar.chips() == []


def test_the_bar_holds_only_what_it_sets(qtbot: object) -> None:
    bar = SearchBar()
    qtbot.addWidget(bar)  # type: ignore[attr-defined]
    combo = bar.ui.statusCombo
    combo.setCurrentIndex(combo.findText("Open"))
    assert bar.filters.statuses == Status.open()
    combo.setCurrentIndex(combo.findText("Any status"))
    assert bar.filters.statuses == tuple(Status)
    priority = bar.ui.priorityCombo
    priority.setCurrentIndex(priority.findText("Urgent"))
    assert bar.filters.priorities == (Priority.URGENT,)
    # What the bar does not set stays None: the inbox decides it.
    assert (bar.filters.roles, bar.filters.search, bar.filters.since) == (None, None, None)
