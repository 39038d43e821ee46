"""Asked before going off duty while urgent cases of the desk's roles are still open: it
lists them, and says plainly when nobody else will be alerted of them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jundesk.core.model import CaseSummary
from jundesk.gui import theme
from jundesk.gui.display_names import local_time, role_name, status_name
from jundesk.gui.notifier import plain_excerpt
from jundesk.gui.off_duty_summary import fit_rows

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class OffDutyConfirmDialog(QDialog):
    """exec() returns Accepted for "go off duty anyway", Rejected to stay on duty."""

    def __init__(
        self,
        urgent: Sequence[CaseSummary],
        nobody_else: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("offDutyConfirm")
        self.setWindowTitle(self.tr("Go off duty?"))
        self.setWindowIcon(theme.icon("duty_off"))
        self.urgent = tuple(urgent)
        heading = QLabel(
            self.tr("%n urgent case(s) of your roles are still open:", "", len(self.urgent)), self
        )
        heading.setObjectName("summaryUrgentHeading")
        heading.setProperty("urgent", True)
        self.cases = QTreeWidget(self)
        self.cases.setObjectName("offDutyConfirmCases")
        self.cases.setAccessibleName(self.tr("Urgent cases still open"))
        self.cases.setRootIsDecorated(False)
        self.cases.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.cases.setHeaderLabels(
            [self.tr("Arrived"), self.tr("Role"), self.tr("Status"), self.tr("Post")]
        )
        for entry in self.urgent:
            case = entry.case
            author = f"@{entry.author_handle}: " if entry.author_handle else ""
            item = QTreeWidgetItem(
                [
                    local_time(case.arrival),
                    role_name(case.role),
                    status_name(case.status),
                    author + plain_excerpt(entry.excerpt, 160),  # plain text, never markup
                ]
            )
            item.setIcon(0, theme.icon("urgent", theme.colour("urgent")))
            item.setData(0, CASE_ID_ROLE, case.id)
            self.cases.addTopLevelItem(item)
        header = self.cases.header()
        header.setStretchLastSection(True)
        for column in (0, 1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        fit_rows(self.cases, min(max(1, len(self.urgent)), 8))  # no empty space; more scroll

        if nobody_else:
            names = ", ".join(role_name(r) for r in nobody_else)
            warning = self.tr(
                "Nobody else on duty covers %1: once you are off, nobody will be alerted "
                "of these cases or of new urgent ones."
            ).replace("%1", names)
        else:
            warning = self.tr("Another desk on duty covers your roles and will be alerted.")
        self.warning = QLabel(warning, self)
        self.warning.setObjectName("offDutyConfirmWarning")
        self.warning.setWordWrap(True)
        self.warning.setTextFormat(Qt.TextFormat.PlainText)

        buttons = QDialogButtonBox(self)
        self.stay = buttons.addButton(
            self.tr("Stay on duty"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.stay.setDefault(True)  # Enter keeps the desk on duty
        self.go_off = buttons.addButton(
            self.tr("Go off duty anyway"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.go_off.setIcon(theme.icon("duty_off"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(self.cases)
        layout.addWidget(self.warning)
        layout.addWidget(buttons)
        self.resize(max(620, self.sizeHint().width()), self.sizeHint().height())

    def case_ids(self) -> list[str]:
        return [
            str(self.cases.topLevelItem(i).data(0, CASE_ID_ROLE))
            for i in range(self.cases.topLevelItemCount())
        ]
