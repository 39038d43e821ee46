"""Every triage action, driven through the window (keys, buttons, dialogs with exec
patched), changes the database and what the window shows, and lands in the history."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from jundesk.core.model import EventKind, Priority, Status
from jundesk.gui.case_dialogs import (
    AssignDialog,
    ComplaintDialog,
    MergeDialog,
    RerouteDialog,
    ResolveDialog,
)
from jundesk.gui.case_list_model import COL_ASSIGNEE, COL_STATUS
from jundesk.gui.inbox_model import MINE_KEY
from tests.gui.conftest import Desk, until

pytestmark = pytest.mark.asyncio


async def ingest(desk: Desk, text: str, author: str = "vecina") -> str:
    desk.post(text, author)
    before = set(desk.session.store.list_cases(limit=1000))
    await desk.poll()
    after = desk.session.store.list_cases(limit=1000)
    new = [s.case.id for s in after if s not in before]
    return new[-1]


def history_kinds(desk: Desk) -> list[EventKind]:
    return [e.kind for e in desk.window.ui.caseView.history.events()]


def cell(desk: Desk, case_id: str, column: int) -> str:
    model = desk.window.cases
    return str(model.index(desk.row_of(case_id), column).data())


def key(
    desk: Desk, text: str, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    QTest.keyClicks(desk.window.ui.caseTable, text, modifier)


def patch_exec(monkeypatch: pytest.MonkeyPatch, cls: type, fill: Callable[[object], None]) -> None:
    def fake_exec(self: QDialog) -> int:
        fill(self)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(cls, "exec", fake_exec)


async def test_acknowledge_take_priority_reopen_by_keys(
    open_desk: Callable[..., object],
) -> None:
    async with open_desk() as desk:  # type: ignore[attr-defined]
        case_id = await ingest(desk, "la farola de la calle Real no enciende")
        await desk.select(case_id)

        key(desk, "a")
        await until(lambda: desk.case(case_id).status is Status.ACKNOWLEDGED)
        await until(lambda: cell(desk, case_id, COL_STATUS) == "Acknowledged")
        await until(lambda: EventKind.ACKNOWLEDGED in history_kinds(desk))

        key(desk, "t")
        await until(lambda: desk.case(case_id).assignee == "Ana")
        await until(lambda: cell(desk, case_id, COL_ASSIGNEE) == "Ana")
        inboxes = desk.window.inboxes
        await until(lambda: (inboxes.counts(MINE_KEY) or (0, 0))[0] == 1, what="Mine counts 1")

        key(desk, "1")
        await until(lambda: desk.case(case_id).priority is Priority.URGENT)
        await until(lambda: desk.window.ui.caseView.ui.priorityBadge.text() == "Urgent")

        # Resolve through the dialog, then reopen with the key.
        patch_exec(monkeypatch := pytest.MonkeyPatch(), ResolveDialog, lambda d: None)
        try:
            key(desk, "e")
            await until(lambda: desk.case(case_id).status is Status.RESOLVED)
        finally:
            monkeypatch.undo()
        # The resolved case leaves the open list (the list moves on); opening it again
        # (as a pop-up or a search does) switches to an inbox that holds it.
        await until(lambda: desk.row_of(case_id) == -1, what="the case to leave the open list")
        desk.window.open_case(case_id)
        await until(lambda: desk.row_of(case_id) >= 0, what="the case in the list again")
        await until(
            lambda: (
                (detail := desk.window.current_detail()) is not None
                and detail.case.status is Status.RESOLVED
            ),
            what="the resolved case in the pane",
        )
        QTest.keyClick(desk.window, "o")
        await until(lambda: desk.case(case_id).status is Status.ACKNOWLEDGED)
        kinds = desk.kinds(case_id)
        for kind in ("acknowledged", "assigned", "prioritised", "resolved", "reopened"):
            assert kind in kinds
        await until(lambda: EventKind.REOPENED in history_kinds(desk))


async def test_assign_and_reroute_through_their_dialogs(
    open_desk: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    async with open_desk() as desk:  # type: ignore[attr-defined]
        case_id = await ingest(desk, "la fuente de la plaza pierde agua sin parar")
        await desk.select(case_id)

        patch_exec(monkeypatch, AssignDialog, lambda d: d.ui.assigneeCombo.setCurrentText("Paco"))
        QTest.keyClick(desk.window.ui.caseTable, Qt.Key.Key_T, Qt.KeyboardModifier.ShiftModifier)
        await until(lambda: desk.case(case_id).assignee == "Paco")
        await until(lambda: desk.window.ui.caseView.ui.assigneeLabel.text() == "Assigned to Paco")

        def choose(dialog: RerouteDialog) -> None:
            combo = dialog.ui.roleCombo
            combo.setCurrentIndex(combo.findData("street_cleaning"))
            dialog.ui.reasonEdit.setText("la fuente es de la brigada")

        patch_exec(monkeypatch, RerouteDialog, choose)
        desk.window.ui.caseView.ui.rerouteButton.click()
        await until(lambda: desk.case(case_id).role == "street_cleaning")
        await until(lambda: desk.window.ui.caseView.ui.roleLabel.text() == "Street cleaning")
        rerouted = [
            e for e in desk.session.store.case_events(case_id) if e.kind is EventKind.REROUTED
        ]
        assert rerouted[0].payload["reason"] == "la fuente es de la brigada"
        await until(lambda: EventKind.REROUTED in history_kinds(desk))


async def test_note_reply_and_canned_reply(open_desk: Callable[..., object]) -> None:
    async with open_desk() as desk:  # type: ignore[attr-defined]
        desk.session.settings.reply_undo_seconds = 0  # published at once (no undo delay)
        case_id = await ingest(desk, "hay cacas de perro en la puerta del colegio", "marta")
        await desk.select(case_id)
        view = desk.window.ui.caseView

        key(desk, "n")
        assert view.ui.noteEdit.hasFocus()
        QTest.keyClicks(view.ui.noteEdit, "Avisado el barrendero")
        QTest.keyClick(view.ui.noteEdit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        await until(lambda: desk.case(case_id).notes == 1)
        await until(lambda: "Avisado el barrendero" in view.ui.notesText.toPlainText())
        assert view.ui.noteEdit.toPlainText() == ""

        QTest.keyClick(view.ui.noteEdit, Qt.Key.Key_Escape)
        desk.window.ui.caseTable.setFocus()
        key(desk, "r")
        box = view.reply_box
        assert box.ui.replyEdit.hasFocus()
        combo = box.ui.cannedCombo
        assert combo.count() > 1
        combo.activated.emit(1)
        text = box.text()
        assert ("@marta" in text and "#" + case_id[-8:] in text) or "@marta" in text
        QTest.keyClick(box.ui.replyEdit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        await until(lambda: desk.case(case_id).replies == 1)
        assert desk.server.replies_created[-1]["text"] == text
        await until(lambda: "Town reply" in view.ui.conversationText.toPlainText())
        await until(lambda: box.text() == "")
        assert desk.session.store.get_draft(case_id, "reply") is None


async def test_resolve_with_closing_reply_and_photo(
    open_desk: Callable[..., object], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    photo = tmp_path / "farola.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    async with open_desk() as desk:  # type: ignore[attr-defined]
        case_id = await ingest(desk, "farola apagada en la calle Real", "luis")
        await desk.select(case_id)
        seen_note: list[str] = []

        def fill(dialog: ResolveDialog) -> None:
            seen_note.append(dialog.ui.photoNote.text())
            ok = dialog.ui.buttonBox.button(QDialogButtonBox.StandardButton.Ok)
            dialog.ui.photoEdit.setText(str(photo))
            assert not ok.isEnabled()  # a photo goes out with the closing reply only
            dialog.ui.replyCheck.setChecked(True)
            dialog.ui.replyEdit.setPlainText("@luis Farola reparada, gracias")
            assert ok.isEnabled()

        patch_exec(monkeypatch, ResolveDialog, fill)
        key(desk, "e")
        await until(lambda: desk.case(case_id).status is Status.RESOLVED)
        assert "published with the closing reply" in seen_note[0]
        events = desk.session.store.case_events(case_id)
        resolved = [e for e in events if e.kind is EventKind.RESOLVED]
        assert resolved[0].payload["photo"] == str(photo)
        replied = [e for e in events if e.kind is EventKind.REPLIED]
        assert replied[0].payload["photo"] == "farola.jpg" and replied[0].payload["media_ids"]
        created = desk.server.replies_created[-1]
        assert created["text"] == "@luis Farola reparada, gracias"
        assert created["attachments"]["media_keys"] == [f"3_{replied[0].payload['media_ids'][0]}"]
        # The case left the open inbox; it is in Resolved.
        await until(lambda: desk.row_of(case_id) == -1, what="the case to leave the open list")


async def test_merge_duplicates_keeps_one(
    open_desk: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    async with open_desk() as desk:  # type: ignore[attr-defined]
        a = await ingest(desk, "la farola 12 de la calle Real no enciende", "ana")
        b = await ingest(desk, "farola apagada en calle Real, frente al 12", "luis")
        await until(lambda: desk.row_of(b) >= 0, what="both cases in the list")
        await desk.settle()
        await desk.select(a)
        table = desk.window.ui.caseTable
        selection = table.selectionModel()
        from PySide6.QtCore import QItemSelectionModel

        selection.select(
            desk.window.cases.index(desk.row_of(b), 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
        kept: list[str] = []

        def keep_first(dialog: MergeDialog) -> None:
            kept.append(str(dialog.ui.casesList.count()))

        patch_exec(monkeypatch, MergeDialog, keep_first)
        key(desk, "m")
        await until(lambda: desk.case(b).status is Status.MERGED)
        assert kept == ["2"]
        assert desk.case(b).merged_into == a
        assert len(desk.case(a).post_ids) == 2
        await until(lambda: desk.row_of(b) == -1)


async def test_front_desk_logs_a_phone_complaint(
    open_desk: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    async with open_desk() as desk:  # type: ignore[attr-defined]
        assert desk.window.ui.actionLogComplaint.isVisible()

        def fill(dialog: ComplaintDialog) -> None:
            dialog.ui.channelCombo.setCurrentIndex(dialog.ui.channelCombo.findData("phone"))
            dialog.ui.nameEdit.setText("Rosa")
            dialog.ui.textEdit.setPlainText("Un árbol caído corta el camino del cementerio")
            dialog.ui.priorityCombo.setCurrentIndex(dialog.ui.priorityCombo.findData(Priority.HIGH))

        patch_exec(monkeypatch, ComplaintDialog, fill)
        desk.window.ui.caseTable.setFocus()
        QTest.keyClick(desk.window.ui.caseTable, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        await until(lambda: desk.session.store.count_cases() == 1)
        summary = desk.session.store.list_cases()[0]
        assert summary.case.priority is Priority.HIGH
        posts = desk.session.store.case_posts(summary.case.id)
        assert posts[0].source == "manual" and posts[0].place == "phone"
        await until(lambda: desk.row_of(summary.case.id) >= 0)
        await until(
            lambda: (
                desk.window.current_detail() is not None
                and desk.window.current_detail().case.id == summary.case.id
            )  # type: ignore[union-attr]
        )
        # A case logged at the desk has no post to answer on X.
        assert not desk.window.ui.caseView.reply_box.isEnabled()


async def test_a_police_desk_has_no_complaint_action(open_desk: Callable[..., object]) -> None:
    async with open_desk(desk_roles=["police"]) as desk:  # type: ignore[attr-defined]
        assert not desk.window.ui.actionLogComplaint.isVisible()
        titles = [desk.window.inboxes.inbox(r).title for r in range(desk.window.inboxes.rowCount())]
        assert titles == ["Police", "Unrouted", "Mine", "All open", "Resolved"]
