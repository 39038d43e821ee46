"""Shortcut letters never land in a text box: after a reply or a note the keys go back to
the list, Esc leaves any box, a box with the focus keeps its letters; and a public reply
waits a few seconds, with an Undo, before it goes to X."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog

from jundesk.core.model import Status
from jundesk.gui.case_dialogs import ResolveDialog
from jundesk.gui.display_names import case_ref
from jundesk.store.errors import StoreError, StoreErrorKind
from tests.gui.conftest import Desk, until

pytestmark = pytest.mark.asyncio

CTRL = Qt.KeyboardModifier.ControlModifier


async def ingest(desk: Desk, text: str, author: str = "marta") -> str:
    before = {s.case.id for s in desk.session.store.list_cases(limit=1000)}
    desk.post(text, author)
    await desk.poll()
    after = desk.session.store.list_cases(limit=1000)
    return next(s.case.id for s in after if s.case.id not in before)


def resolve_opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Patch the Resolve dialog: it records the case it was opened for, then cancels."""
    opened: list[str] = []

    def fake_exec(self: ResolveDialog) -> int:
        opened.append(self.ui.caseLabel.text())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ResolveDialog, "exec", fake_exec)
    return opened


@pytest.mark.slow
async def test_after_sending_a_reply_letters_act_on_the_list(
    open_desk: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = resolve_opened(monkeypatch)
    async with open_desk() as desk:  # type: ignore[attr-defined]
        desk.session.settings.reply_undo_seconds = 0.5
        case_id = await ingest(desk, "hay cacas de perro en la puerta del colegio")
        await desk.select(case_id)
        window = desk.window
        box = window.ui.caseView.reply_box
        table = window.ui.caseTable

        QTest.keyClicks(table, "r")
        assert box.ui.replyEdit.hasFocus()
        QTest.keyClicks(box.ui.replyEdit, "Avisamos a la brigada")
        QTest.keyClick(box.ui.replyEdit, Qt.Key.Key_Return, CTRL)
        assert table.hasFocus()
        assert box.strip.isVisible()
        assert "to @marta" in box.strip.label.text()

        QTest.keyClicks(window.focusWidget(), "e")
        assert opened and case_ref(case_id) in opened[0] and "@marta" in opened[0]
        await until(lambda: desk.case(case_id).replies == 1, what="the reply published")
        assert desk.server.replies_created[-1]["text"] == "Avisamos a la brigada"
        await until(lambda: box.text() == "")
        assert "e" not in box.text()


async def test_after_a_note_letters_act_on_the_list(
    open_desk: Callable[..., object],
) -> None:
    async with open_desk() as desk:  # type: ignore[attr-defined]
        case_id = await ingest(desk, "hay cacas de perro en la puerta del colegio")
        await desk.select(case_id)
        window = desk.window
        view = window.ui.caseView
        QTest.keyClicks(window.ui.caseTable, "n")
        assert view.ui.noteEdit.hasFocus()
        QTest.keyClicks(view.ui.noteEdit, "Avisado el barrendero")
        QTest.keyClick(view.ui.noteEdit, Qt.Key.Key_Return, CTRL)
        assert window.ui.caseTable.hasFocus()
        await until(lambda: desk.case(case_id).notes == 1)
        QTest.keyClicks(window.focusWidget(), "a")
        await until(lambda: desk.case(case_id).status is Status.ACKNOWLEDGED)
        assert view.ui.noteEdit.toPlainText() == ""


async def test_a_note_the_disk_refuses_comes_back_to_its_box(
    open_desk: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    async with open_desk() as desk:  # type: ignore[attr-defined]
        case_id = await ingest(desk, "hay cacas de perro en la puerta del colegio")
        await desk.select(case_id)
        view = desk.window.ui.caseView

        async def disk_full(*_: object) -> None:
            raise StoreError(StoreErrorKind.DISK_FULL, "database or disk is full")

        monkeypatch.setattr(desk.session.actions, "note", disk_full)
        view.focus_note()
        QTest.keyClicks(view.ui.noteEdit, "Avisado el barrendero")
        QTest.keyClick(view.ui.noteEdit, Qt.Key.Key_Return, CTRL)
        assert view.ui.noteEdit.toPlainText() == ""  # on its way
        await until(
            lambda: view.ui.noteEdit.toPlainText() == "Avisado el barrendero",
            what="the refused note back in its box",
        )
        assert desk.case(case_id).notes == 0
        await until(
            lambda: (
                (draft := desk.session.store.get_draft(case_id, "note")) is not None
                and draft.text == "Avisado el barrendero"
            ),
            what="the refused note kept as the case's draft",
        )


async def test_escape_leaves_every_text_box_for_the_list(
    open_desk: Callable[..., object],
) -> None:
    async with open_desk() as desk:  # type: ignore[attr-defined]
        case_id = await ingest(desk, "hay cacas de perro en la puerta del colegio")
        await desk.select(case_id)
        window = desk.window
        view = window.ui.caseView
        boxes = (view.reply_box.ui.replyEdit, view.ui.noteEdit, window.ui.searchBar.ui.searchEdit)
        for box in boxes:
            box.setFocus()
            assert box.hasFocus()
            QTest.keyClick(box, Qt.Key.Key_Escape)
            assert window.ui.caseTable.hasFocus(), box.objectName()


async def test_letters_typed_in_a_box_never_fire_shortcuts(
    open_desk: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = resolve_opened(monkeypatch)
    async with open_desk() as desk:  # type: ignore[attr-defined]
        case_id = await ingest(desk, "hay cacas de perro en la puerta del colegio")
        await desk.select(case_id)
        editor = desk.window.ui.caseView.reply_box.ui.replyEdit
        editor.setFocus()
        QTest.keyClicks(editor, "ate1")
        assert editor.toPlainText() == "ate1"
        # While a reply is on its way the box is read-only: still no shortcut fires.
        editor.setReadOnly(True)
        QTest.keyClicks(editor, "aeR")
        await asyncio.sleep(0.3)
        assert opened == []
        assert desk.case(case_id).status is Status.NEW
        assert editor.toPlainText() == "ate1"


async def test_undo_keeps_the_reply_as_the_draft(
    open_desk: Callable[..., object],
) -> None:
    async with open_desk() as desk:  # type: ignore[attr-defined]
        desk.session.settings.reply_undo_seconds = 0.6
        case_id = await ingest(desk, "hay cacas de perro en la puerta del colegio")
        await desk.select(case_id)
        box = desk.window.ui.caseView.reply_box
        box.focus_editor()
        QTest.keyClicks(box.ui.replyEdit, "Vamos para alla")
        QTest.keyClick(box.ui.replyEdit, Qt.Key.Key_Return, CTRL)
        assert box.strip.isVisible()
        QTest.mouseClick(box.strip.undo_button, Qt.MouseButton.LeftButton)
        assert not box.strip.isVisible()
        assert box.ui.replyEdit.hasFocus() and not box.ui.replyEdit.isReadOnly()
        await asyncio.sleep(1.0)
        assert desk.server.replies_created == []
        assert desk.case(case_id).replies == 0
        assert box.text() == "Vamos para alla"
        draft = desk.session.store.get_draft(case_id, "reply")
        assert draft is not None and draft.text == "Vamos para alla"


async def test_closing_during_the_delay_publishes_nothing_and_keeps_the_draft(
    open_desk: Callable[..., object],
) -> None:
    async with open_desk() as desk:  # type: ignore[attr-defined]
        case_id = await ingest(desk, "hay cacas de perro en la puerta del colegio")
        await desk.select(case_id)
        box = desk.window.ui.caseView.reply_box
        box.focus_editor()
        QTest.keyClicks(box.ui.replyEdit, "Vamos para alla")
        QTest.keyClick(box.ui.replyEdit, Qt.Key.Key_Return, CTRL)  # the default delay: 5 s
        assert box.strip.isVisible()
        store = desk.session.store
        desk.window.close()
        await asyncio.sleep(0.3)
        draft = store.get_draft(case_id, "reply")
        assert draft is not None and draft.text == "Vamos para alla"
        assert "closed" in draft.error
        assert desk.server.replies_created == []
