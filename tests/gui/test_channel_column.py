"""Each case shows the channels its posts came by: a mark per channel in the list (its
names for the tooltip and screen readers), and in the conversation each post says where
it was written. A private post is read only at the desks of its case's role."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication, QTextEdit

from jundesk.app.settings import Settings
from jundesk.core.case_filter import CaseFilter
from jundesk.core.events import make_event, opening_events
from jundesk.core.ids import uuid7
from jundesk.core.model import (
    INTAKE_ACTOR,
    TRIAGE_ACTOR,
    Actor,
    Case,
    CaseSummary,
    EventKind,
    Post,
    Priority,
)
from jundesk.gui.case_list_model import (
    COL_AUTHOR,
    COL_CHANNEL,
    COL_TEXT,
    CaseListModel,
    StoreCases,
)
from jundesk.gui.conversation_document import render_conversation
from jundesk.gui.session import DeskSession
from jundesk.gui.translations import install_translators, remove_translators
from jundesk.store import Store
from tests.gui.conftest import until

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def citizen_post(source: str, source_id: str, text: str, minutes: int = 0) -> Post:
    created = T0 + timedelta(minutes=minutes)
    return Post(
        id=uuid7(),
        source=source,
        source_id=source_id,
        author_id="u-" + source_id,
        author_handle="vecina",
        author_name="Vecina Rosa",
        text=text,
        created_at=created,
        received_at=created,
        conversation_id=source_id,
    )


def open_case(store: Store, post: Post, role: str = "lighting") -> str:
    case_id = uuid7()
    events = opening_events(
        case_id,
        post.id,
        post.created_at,
        role,
        Priority.NORMAL,
        0.9,
        INTAKE_ACTOR,
        TRIAGE_ACTOR,
        at=post.received_at,
    )
    with store.unit() as uow:
        uow.add_posts([post], [case_id])
        uow.append_events(events, {case_id: post})
    return case_id


@pytest.fixture
def session(tmp_path: Path) -> Iterator[DeskSession]:
    opened = DeskSession(tmp_path / "channels.db", Settings(person="Ana"))
    yield opened
    opened.close()


@pytest.mark.asyncio
async def test_the_list_marks_each_case_with_its_channels(
    session: DeskSession, qtbot: object, qtlog: object
) -> None:
    store = session.store
    on_x = open_case(store, citizen_post("x", "1001", "farola rota en la calle Real"))
    on_telegram_id = citizen_post("telegram", "77:5", "la farola de la calle Real", 1)
    on_telegram = open_case(store, on_telegram_id)
    open_case(store, citizen_post("mastodon", "109", "papelera llena en la plaza", 2))
    later = T0 + timedelta(hours=1)
    store.append_events(
        [
            make_event(on_telegram, EventKind.MERGED, Actor("front"), later, into=on_x),
            make_event(
                on_x, EventKind.ABSORBED, Actor("front"), later, post_ids=[on_telegram_id.id]
            ),
        ]
    )
    model = CaseListModel(StoreCases(session), session.tasks)
    _tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
    model.set_query(CaseFilter())
    await until(lambda: model.rowCount() == 2 and model.index(1, COL_CHANNEL).data())
    words = [model.index(r, COL_CHANNEL).data() for r in range(2)]
    assert words == ["X and Telegram", "Mastodon"]
    # A column of marks: no header words on show, but a name for the tooltip and readers.
    assert model.headerData(COL_CHANNEL, Qt.Orientation.Horizontal) == ""
    assert (
        model.headerData(COL_CHANNEL, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
        == "Channel"
    )
    assert model.index(0, COL_CHANNEL).data(Qt.ItemDataRole.AccessibleTextRole) == words[0]
    assert model.index(1, COL_CHANNEL).data(Qt.ItemDataRole.ToolTipRole) == "Mastodon"
    app = QApplication.instance()
    try:
        install_translators(app, "es")  # type: ignore[arg-type]
        model.tick()
        assert model.index(0, COL_CHANNEL).data() == "X y Telegram"
    finally:
        remove_translators(app)  # type: ignore[arg-type]
    assert [r.message for r in qtlog.records if "FAIL!" in r.message] == []  # type: ignore[attr-defined]


def test_a_private_post_shows_only_at_the_desks_of_its_role(qtbot: object) -> None:
    """The front desk (its roles: what no rule routed) sees "Private message" for a private
    Telegram chat routed to the police, without its text, author or place; the police desk
    reads it; a public post reads everywhere."""
    model = CaseListModel(StoreCases(None), None)  # type: ignore[arg-type]
    case = Case(id=uuid7(), role="police", location="Calle Real 3")
    private = CaseSummary(case, "rosa", "me han robado la bici en mi portal", ("telegram",), True)
    public = replace(private, private=False)
    model.set_desk_roles(["unrouted"])
    assert model.withheld(private) and not model.withheld(public)
    assert model._display(private, COL_TEXT, True) == "Private message"
    assert model._display(private, COL_AUTHOR, True) == "—"
    assert "bici" in model._display(public, COL_TEXT)
    model.set_desk_roles(["police"])
    assert not model.withheld(private)
    model.set_desk_roles(["unrouted", "police"])
    assert not model.withheld(private)
    model.set_desk_roles([])  # a desk told nothing reads no private post
    assert model.withheld(private)


def test_each_post_says_where_it_was_written(qtbot: object) -> None:
    posts = [
        citizen_post("x", "1001", "farola rota en la calle Real"),
        citizen_post("telegram", "77:5", "sigue apagada", 5),
        replace(citizen_post("telegram", "77:6", "Gracias, vamos para allá", 9), is_own=True),
    ]
    edit = QTextEdit()
    qtbot.addWidget(edit)  # type: ignore[attr-defined]
    render_conversation(edit, posts, edit.palette())
    lines = edit.toPlainText().splitlines()
    headers = [line for line in lines if "·" in line]
    assert len(headers) == 3
    assert "on X" in headers[0] and "on Telegram" in headers[1]
    assert headers[2].startswith("Town reply") and "on Telegram" in headers[2]
    app = QApplication.instance()
    try:
        install_translators(app, "es")  # type: ignore[arg-type]
        render_conversation(edit, posts, QPalette())
        assert "en Telegram" in edit.toPlainText()
    finally:
        remove_translators(app)  # type: ignore[arg-type]
