"""Nothing typed is lost: a reply is saved as it is typed, a reply that fails stays with
the reason shown, and both survive closing the window and opening it again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from jundesk.xserver import CREATE_TWEET, Fault
from tests.gui.conftest import until

pytestmark = pytest.mark.asyncio


@pytest.mark.slow
async def test_a_failed_reply_keeps_its_draft_across_a_restart(
    open_desk: Callable[..., object], tmp_path: Path
) -> None:
    db = tmp_path / "same.db"
    async with open_desk(db) as desk:  # type: ignore[attr-defined]
        desk.session.settings.reply_undo_seconds = 0  # no undo delay: the fault at once
        desk.post("contenedor quemado en la avenida", "marta")
        await desk.poll()
        case_id = desk.session.store.list_cases()[0].case.id
        await desk.select(case_id)
        box = desk.window.ui.caseView.reply_box
        QTest.keyClicks(desk.window.ui.caseTable, "r")
        # QTest types ASCII only: the accented part goes in as a paste would.
        QTest.keyClicks(box.ui.replyEdit, "Vamos para ")
        box.ui.replyEdit.insertPlainText("allá, gracias @marta")
        desk.server.faults.push(
            Fault.rate_limit(reset_in=3600, endpoint="/2/tweets", method="POST")
        )
        QTest.keyClick(box.ui.replyEdit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        await until(lambda: box.ui.errorLabel.isVisible(), what="the reason shown")
        assert "Not sent" in box.ui.errorLabel.text()
        assert "rate limit" in box.ui.errorLabel.text().lower()
        assert box.text() == "Vamos para allá, gracias @marta"
        draft = desk.session.store.get_draft(case_id, "reply")
        assert draft is not None and draft.text == "Vamos para allá, gracias @marta"
        assert "rate limit" in draft.error.lower()
        assert desk.case(case_id).replies == 0

    async with open_desk(db) as again:  # type: ignore[attr-defined]
        again.session.settings.reply_undo_seconds = 0
        await again.select(case_id)
        box = again.window.ui.caseView.reply_box
        assert box.text() == "Vamos para allá, gracias @marta"
        assert box.ui.errorLabel.isVisible() and "Not sent" in box.ui.errorLabel.text()
        # Sent at last, once X's window has reset: the draft goes.
        again.server.set_rate_limit(CREATE_TWEET, 100)
        QTest.keyClicks(again.window.ui.caseTable, "r")
        QTest.keyClick(box.ui.replyEdit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        await until(lambda: again.case(case_id).replies == 1)
        await until(lambda: again.session.store.get_draft(case_id, "reply") is None)
        await until(lambda: not box.ui.errorLabel.isVisible(), what="the reason gone")


@pytest.mark.slow
async def test_typing_is_saved_without_sending_even_when_closed_at_once(
    open_desk: Callable[..., object], tmp_path: Path
) -> None:
    db = tmp_path / "typed.db"
    async with open_desk(db) as desk:  # type: ignore[attr-defined]
        desk.post("farola fundida en la plaza", "jose")
        await desk.poll()
        case_id = desk.session.store.list_cases()[0].case.id
        await desk.select(case_id)
        view = desk.window.ui.caseView
        QTest.keyClicks(view.reply_box.ui.replyEdit, "Pasado ")
        view.reply_box.ui.replyEdit.insertPlainText("mañana pasa el electricista")
        view.focus_note()
        QTest.keyClicks(view.ui.noteEdit, "llamar a Paco")
        # Closed before the typing pause: the drafts are flushed on close.
    async with open_desk(db) as again:  # type: ignore[attr-defined]
        await again.select(case_id)
        view = again.window.ui.caseView
        assert view.reply_box.text() == "Pasado mañana pasa el electricista"
        assert view.ui.noteEdit.toPlainText() == "llamar a Paco"
