"""The "while you were off" dialog: what came in for this desk's roles while it was off
duty, counted per role, with the urgent cases listed. It replaces the burst of
notifications those cases would have made.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
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

from jundesk.app.off_duty_summary import OffDutySummary
from jundesk.gui import theme
from jundesk.gui.display_names import local_time, role_name, status_name
from jundesk.gui.notifier import plain_excerpt

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the case id on each urgent row
URGENT_ROWS_SHOWN = 8  # more scroll


class OffDutySummaryDialog(QDialog):
    """Shows an OffDutySummary. `caseRequested(case_id)` when an urgent case is opened;
    `urgentRequested` for "show the urgent cases" (the main window filters its list)."""

    caseRequested = Signal(str)
    urgentRequested = Signal()

    def __init__(self, summary: OffDutySummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary
        self.setObjectName("offDutySummary")
        self.setWindowTitle(self.tr("While you were off"))
        self.setWindowIcon(theme.icon("duty_on"))

        title = QLabel(self.tr("While you were off"), self)
        title.setObjectName("summaryTitle")
        period = QLabel(
            self.tr("From %1 to %2")
            .replace("%1", local_time(summary.since))
            .replace("%2", local_time(summary.until)),
            self,
        )
        period.setObjectName("summaryPeriod")
        self.headline = QLabel(self._headline(), self)
        self.headline.setWordWrap(True)

        self.counts = QTreeWidget(self)
        self.counts.setObjectName("summaryCounts")
        self.counts.setAccessibleName(self.tr("Cases per role"))
        self.counts.setRootIsDecorated(False)
        self.counts.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.counts.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.counts.setHeaderLabels([self.tr("Role"), self.tr("Came in"), self.tr("Still open")])
        for count in summary.counts:
            item = QTreeWidgetItem([role_name(count.role), str(count.total), str(count.still_open)])
            item.setIcon(0, theme.role_icon(count.role))
            for column in (1, 2):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
            self.counts.addTopLevelItem(item)
        fit_rows(self.counts, max(1, len(summary.counts)))
        header = self.counts.header()
        for column in (1, 2):
            self.counts.headerItem().setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        self.urgent_heading = QLabel(self._urgent_heading(), self)
        self.urgent_heading.setObjectName("summaryUrgentHeading")
        # Red only when there is something urgent to look at.
        self.urgent_heading.setProperty("urgent", self.summary.urgent_total > 0)
        self.urgent = QTreeWidget(self)
        self.urgent.setObjectName("summaryUrgent")
        self.urgent.setAccessibleName(self.tr("Urgent cases that came in"))
        self.urgent.setRootIsDecorated(False)
        self.urgent.setAlternatingRowColors(True)
        self.urgent.setHeaderLabels(
            [self.tr("Time"), self.tr("Role"), self.tr("Status"), self.tr("Post")]
        )
        # Item text is always plain: a citizen's markup shows as the characters typed.
        for entry in summary.urgent:
            case = entry.case
            author = f"@{entry.author_handle}: " if entry.author_handle else ""
            item = QTreeWidgetItem(
                [
                    local_time(case.arrival),  # when it came in, as the summary counts
                    role_name(case.role),
                    status_name(case.status),
                    author + plain_excerpt(entry.excerpt, 200),
                ]
            )
            item.setIcon(0, theme.icon("urgent", theme.colour("urgent")))
            item.setData(0, CASE_ID_ROLE, case.id)
            item.setToolTip(3, entry.excerpt)
            self.urgent.addTopLevelItem(item)
        self.urgent.itemActivated.connect(self._open)
        self.urgent.setCurrentIndex(QModelIndex())  # no focus frame until the keyboard goes there
        urgent_header = self.urgent.header()
        urgent_header.setStretchLastSection(True)
        for column in (0, 1, 2):
            urgent_header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.urgent.setVisible(bool(summary.urgent))
        fit_rows(self.urgent, min(max(1, len(summary.urgent)), URGENT_ROWS_SHOWN))
        self.more = QLabel(
            self.tr("…and %n more urgent case(s)", "", summary.urgent_total - len(summary.urgent)),
            self,
        )
        self.more.setVisible(summary.urgent_total > len(summary.urgent))

        self.buttons = QDialogButtonBox(self)
        self.show_urgent = self.buttons.addButton(
            self.tr("Show urgent cases"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.show_urgent.setIcon(theme.icon("urgent"))
        self.show_urgent.setEnabled(summary.urgent_total > 0)
        self.show_urgent.clicked.connect(self._show_urgent)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setDefault(True)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.addWidget(title)
        layout.addWidget(period)
        layout.addWidget(self.headline)
        layout.addWidget(self.counts)
        layout.addSpacing(4)
        layout.addWidget(self.urgent_heading)
        layout.addWidget(self.urgent)
        layout.addWidget(self.more)
        layout.addWidget(self.buttons)
        self.resize(max(640, self.sizeHint().width()), self.sizeHint().height())

    def _headline(self) -> str:
        total = self.summary.total
        if total == 0:
            return self.tr("Nothing came in for your roles.")
        return self.tr("%n case(s) came in for your roles.", "", total)

    def _urgent_heading(self) -> str:
        if self.summary.urgent_total == 0:
            return self.tr("No urgent cases.")
        return self.tr("%n urgent case(s):", "", self.summary.urgent_total)

    def _open(self, item: QTreeWidgetItem) -> None:
        self.caseRequested.emit(str(item.data(0, CASE_ID_ROLE)))
        self.accept()

    def _show_urgent(self) -> None:
        self.urgentRequested.emit()
        self.accept()


def fit_rows(tree: QTreeWidget, rows: int) -> None:
    """Size a table to `rows` rows, so the dialog has no empty space; a longer table
    scrolls."""
    row = tree.sizeHintForRow(0) if tree.topLevelItemCount() else tree.fontMetrics().height() + 8
    height = tree.header().sizeHint().height() + row * rows + 2 * tree.frameWidth() + 2
    tree.setFixedHeight(height)
    if tree.topLevelItemCount() <= rows:
        tree.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
