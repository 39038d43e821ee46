"""The small dialogs of the triage actions: re-route, assign, merge, resolve, and logging a
complaint at the front desk. Each is a Designer form; ask() returns what was chosen, or
None when the dialog was cancelled (tests patch exec, so nothing blocks)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QListWidgetItem, QWidget

from jundesk.core.display_text import one_line
from jundesk.core.model import UNROUTED, CaseSummary, Priority
from jundesk.core.x_text import MAX_WEIGHTED_LENGTH, weighted_length
from jundesk.gui import canned_replies
from jundesk.gui.display_names import case_ref, priority_name, role_name
from jundesk.gui.forms.ui_assign_dialog import Ui_AssignDialog
from jundesk.gui.forms.ui_complaint_dialog import Ui_ComplaintDialog
from jundesk.gui.forms.ui_merge_dialog import Ui_MergeDialog
from jundesk.gui.forms.ui_reroute_dialog import Ui_RerouteDialog
from jundesk.gui.forms.ui_resolve_dialog import Ui_ResolveDialog


def _describe(summary: CaseSummary) -> str:
    who = f"@{one_line(summary.author_handle)}" if summary.author_handle else "—"
    return f"{case_ref(summary.case.id)}  {who}: {one_line(summary.excerpt, 90)}"


def _ok(dialog: QDialog, enabled: bool) -> None:
    box = dialog.findChild(QDialogButtonBox, "buttonBox")
    if box is not None:
        button = box.button(QDialogButtonBox.StandardButton.Ok)
        if button is not None:
            button.setEnabled(enabled)


@dataclass(frozen=True, slots=True)
class Reroute:
    role: str
    reason: str


class RerouteDialog(QDialog):
    def __init__(
        self, summary: CaseSummary, roles: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_RerouteDialog()
        self.ui.setupUi(self)
        self.ui.caseLabel.setText(_describe(summary))
        for role in (*roles, UNROUTED):
            if role != summary.case.role:
                self.ui.roleCombo.addItem(role_name(role), role)
        self.ui.reasonEdit.setFocus()

    def ask(self) -> Reroute | None:
        if self.exec() != QDialog.DialogCode.Accepted:
            return None
        return Reroute(str(self.ui.roleCombo.currentData()), self.ui.reasonEdit.text().strip())


class AssignDialog(QDialog):
    def __init__(
        self, summary: CaseSummary, people: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_AssignDialog()
        self.ui.setupUi(self)
        self.ui.caseLabel.setText(_describe(summary))
        self.ui.assigneeCombo.addItems([p for p in dict.fromkeys(people) if p])
        self.ui.assigneeCombo.setCurrentText(summary.case.assignee)
        editor = self.ui.assigneeCombo.lineEdit()
        if editor is not None:
            editor.selectAll()

    def ask(self) -> str | None:
        if self.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.ui.assigneeCombo.currentText().strip()


class MergeDialog(QDialog):
    """Several cases in; the one to keep out (the others merge into it)."""

    def __init__(self, cases: Sequence[CaseSummary], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_MergeDialog()
        self.ui.setupUi(self)
        for summary in cases:
            item = QListWidgetItem(_describe(summary))
            item.setData(Qt.ItemDataRole.UserRole, summary.case.id)
            self.ui.casesList.addItem(item)
        # The oldest report usually carries the most context: keep it by default.
        oldest = min(
            range(len(cases)),
            key=lambda i: (cases[i].case.created_at is None, cases[i].case.created_at),
        )
        self.ui.casesList.setCurrentRow(oldest)

    def ask(self) -> str | None:
        if self.exec() != QDialog.DialogCode.Accepted:
            return None
        item = self.ui.casesList.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None


@dataclass(frozen=True, slots=True)
class Resolution:
    reply: str
    photo: str


class ResolveDialog(QDialog):
    def __init__(
        self,
        summary: CaseSummary,
        can_reply: bool,
        parent: QWidget | None = None,
        *,
        lang: str = "",
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ResolveDialog()
        self.ui.setupUi(self)
        self._summary = summary
        self.ui.caseLabel.setText(_describe(summary))
        self.ui.replyCheck.setEnabled(can_reply)
        self.ui.replyCheck.setChecked(False)
        self.ui.replyCheck.toggled.connect(self._update)
        # The town's closing replies for this case's role and the citizen's language.
        self._closing = canned_replies.closing_for_case(summary.case.role, lang)
        combo = self.ui.cannedCombo
        combo.addItem(self.tr("Closing replies…"))
        for reply in self._closing:
            combo.addItem(reply.title)
        combo.setEnabled(can_reply and bool(self._closing))
        combo.activated.connect(self._use_canned)
        self.ui.replyEdit.textChanged.connect(self._update)
        self.ui.photoEdit.textChanged.connect(self._update)
        self.ui.browseButton.clicked.connect(self._browse)
        self._update()

    def _use_canned(self, row: int) -> None:
        if not 0 < row <= len(self._closing):
            return
        summary = self._summary
        text = self._closing[row - 1].filled(summary.author_handle, case_ref(summary.case.id))
        self.ui.replyCheck.setChecked(True)
        self.ui.replyEdit.setPlainText(text)
        self.ui.cannedCombo.setCurrentIndex(0)
        self.ui.replyEdit.setFocus()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Photo of the work done"),
            str(Path.home()),
            # What X takes as a post photo; HEIC would only fail at the upload.
            self.tr("Images (*.jpg *.jpeg *.png *.gif *.webp)"),
        )
        if path:
            self.ui.photoEdit.setText(path)

    def _update(self) -> None:
        replying = self.ui.replyCheck.isChecked()
        self.ui.replyEdit.setEnabled(replying)
        left = MAX_WEIGHTED_LENGTH - weighted_length(self.ui.replyEdit.toPlainText())
        self.ui.counterLabel.setText(
            self.tr("%1 characters left").replace("%1", str(left)) if replying else ""
        )
        text_ok = not replying or (bool(self.ui.replyEdit.toPlainText().strip()) and left >= 0)
        # The photo is published with the closing reply, so it needs one.
        photo_ok = replying or not self.ui.photoEdit.text().strip()
        _ok(self, text_ok and photo_ok)

    def ask(self) -> Resolution | None:
        if self.exec() != QDialog.DialogCode.Accepted:
            return None
        reply = self.ui.replyEdit.toPlainText().strip() if self.ui.replyCheck.isChecked() else ""
        return Resolution(reply, self.ui.photoEdit.text().strip())


@dataclass(frozen=True, slots=True)
class Complaint:
    text: str
    channel: str
    author_name: str
    role: str  # "" lets triage decide
    priority: Priority | None


class ComplaintDialog(QDialog):
    def __init__(self, roles: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ComplaintDialog()
        self.ui.setupUi(self)
        self.ui.channelCombo.addItem(self.tr("In person at the desk"), "walk-in")
        self.ui.channelCombo.addItem(self.tr("Phone call"), "phone")
        self.ui.roleCombo.addItem(self.tr("Let triage decide"), "")
        for role in (*roles, UNROUTED):
            self.ui.roleCombo.addItem(role_name(role), role)
        self.ui.priorityCombo.addItem(self.tr("Let triage decide"), None)
        for priority in Priority:
            self.ui.priorityCombo.addItem(priority_name(priority), priority)
        self.ui.textEdit.textChanged.connect(
            lambda: _ok(self, bool(self.ui.textEdit.toPlainText().strip()))
        )
        _ok(self, False)
        self.ui.textEdit.setFocus()

    def ask(self) -> Complaint | None:
        if self.exec() != QDialog.DialogCode.Accepted:
            return None
        return Complaint(
            self.ui.textEdit.toPlainText().strip(),
            str(self.ui.channelCombo.currentData()),
            self.ui.nameEdit.text().strip(),
            str(self.ui.roleCombo.currentData() or ""),
            # A StrEnum comes back from Qt as its str value.
            Priority(priority) if (priority := self.ui.priorityCombo.currentData()) else None,
        )
