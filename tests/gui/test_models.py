"""The inbox model and the history model under QAbstractItemModelTester."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from jundesk.core.events import make_event
from jundesk.core.model import Actor, EventKind
from jundesk.gui.event_history_model import COL_DETAIL, COL_WHAT, EventHistoryModel
from jundesk.gui.inbox_model import (
    ALL_OPEN_KEY,
    CountRole,
    InboxModel,
    UnreadRole,
    desk_inboxes,
)
from jundesk.gui.translations import install_translators, remove_translators

WARN = QAbstractItemModelTester.FailureReportingMode.Warning


def failures(qtlog: object) -> list[str]:
    return [r.message for r in qtlog.records if "FAIL!" in r.message]  # type: ignore[attr-defined]


@pytest.mark.slow
def test_inbox_model(qtbot: object, qtlog: object) -> None:
    model = InboxModel(desk_inboxes(("police", "lighting"), "Ana"))
    _tester = QAbstractItemModelTester(model, WARN)
    titles = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert titles == ["Police", "Lighting", "Unrouted", "Mine", "All open", "Resolved"]
    model.set_counts({ALL_OPEN_KEY: (12, 3)})
    row = model.row_of(ALL_OPEN_KEY)
    assert model.index(row, 0).data(CountRole) == 12
    assert model.index(row, 0).data(UnreadRole) == 3
    # Counted words ("1 case", "12 cases") come from the English translation's plurals.
    app = QApplication.instance()
    assert install_translators(app, "en") == "en"  # type: ignore[arg-type]
    try:
        described = model.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole)
    finally:
        remove_translators(app)  # type: ignore[arg-type]
    assert "12 cases, 3 unread" in described
    assert model.rowCount(model.index(0, 0)) == 0
    assert failures(qtlog) == []


def test_nobody_named_has_an_empty_mine(qtbot: object) -> None:
    model = InboxModel(desk_inboxes(("police",), ""))
    mine = model.inbox(model.row_of("mine"))
    assert mine.query.roles == ()


def test_history_model(qtbot: object, qtlog: object) -> None:
    model = EventHistoryModel()
    _tester = QAbstractItemModelTester(model, WARN)
    now = datetime.now(UTC)
    actor = Actor("police", "Ana")
    events = [
        make_event(
            "c1",
            EventKind.REROUTED,
            actor,
            now,
            role="lighting",
            previous="police",
            reason="<b>no</b>",
        ),
        make_event("c1", EventKind.NOTED, actor, now, text="línea 1\nlínea 2 \u202e"),
        make_event("c1", EventKind.RESOLVED, actor, now, photo="/tmp/farola.jpg"),
    ]
    model.set_events(events)
    assert model.rowCount() == 3 and model.rowCount(model.index(0, 0)) == 0
    assert model.index(0, COL_WHAT).data() == "Re-routed"
    assert model.index(0, COL_DETAIL).data() == "Police → Lighting — <b>no</b>"
    assert model.index(1, COL_DETAIL).data() == "línea 1 línea 2 [U+202E]"
    assert "farola.jpg" in model.index(2, COL_DETAIL).data()
    assert model.data(QModelIndex()) is None
    assert failures(qtlog) == []


def test_history_words_the_duty_policys_mark_in_the_desks_language(qtbot: object) -> None:
    model = EventHistoryModel()
    stored = "Urgent and uncovered (stored words, English)"
    model.set_events(
        [
            make_event(
                "c1",
                EventKind.NOTED,
                Actor("town-hall"),
                datetime.now(UTC),
                text=stored,
                flag="uncovered_urgent",
                role="police",
            ),
        ]
    )
    detail = model.index(0, COL_DETAIL).data()
    assert detail != stored
    assert "nobody on duty covers Police" in detail


@pytest.mark.slow
def test_history_words_a_missed_target_in_the_desks_language(qtbot: object) -> None:
    model = EventHistoryModel()
    model.set_events(
        [
            make_event(
                "c1",
                EventKind.TARGET_MISSED,
                Actor("targets"),
                datetime.now(UTC),
                target="resolve",
                minutes=240,
                working=True,
            ),
        ]
    )
    assert model.index(0, COL_WHAT).data() == "Target missed"
    assert model.index(0, COL_DETAIL).data() == "not resolved within 240 min of working time"
    app = QApplication.instance()
    assert app is not None
    try:
        assert install_translators(app, "es") == "es"
        model.set_events(model.events())
        assert model.index(0, COL_WHAT).data() == "Objetivo incumplido"
        assert model.index(0, COL_DETAIL).data() == "sin resolver en 240 min de horario de trabajo"
    finally:
        remove_translators(app)
