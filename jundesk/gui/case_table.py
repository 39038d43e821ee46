"""The case list's view: rows of equal height, several can be selected (to merge), and
while new rows arrive it keeps the selected cases and the case at the top where they were.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from jundesk.gui.case_list_model import (
    COL_AGE,
    COL_ASSIGNEE,
    COL_AUTHOR,
    COL_CHANNEL,
    COL_PRIORITY,
    COL_ROLE,
    COL_STATUS,
    COL_TEXT,
    CaseListModel,
)
from jundesk.gui.case_row_delegates import (
    ChannelDelegate,
    ReportDelegate,
    TextDelegate,
    role_icons,
    row_height,
    status_icons,
)
from jundesk.gui.priority_badge import PriorityDelegate

DEFAULT_WIDTHS = {
    COL_PRIORITY: 80,
    COL_AGE: 104,  # "12 min overdue", "en 2 d 23 h"
    COL_CHANNEL: 24,  # a mark per channel, one above the other
    COL_AUTHOR: 92,
    COL_STATUS: 30,  # an icon
    COL_ROLE: 30,  # an icon: the report gets the room
    COL_ASSIGNEE: 72,
}


class CaseTable(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._anchor: str | None = None
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setTabKeyNavigation(False)
        self.setCornerButtonEnabled(False)
        vertical = self.verticalHeader()
        vertical.hide()
        # Fixed heights let the header skip measuring a million rows.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Two lines of report per row.
        vertical.setDefaultSectionSize(row_height(self.fontMetrics()))
        self._priority_delegate = PriorityDelegate(self)
        self._report_delegate = ReportDelegate(self)
        self._role_delegate = role_icons(self)
        self._status_delegate = status_icons(self)
        self._channel_delegate = ChannelDelegate(self)
        self._timer_delegate = TextDelegate(Qt.AlignmentFlag.AlignRight, self)
        self._text_delegate = TextDelegate(Qt.AlignmentFlag.AlignLeft, self)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if isinstance(model, CaseListModel):
            model.refreshAboutToApply.connect(self._remember_top)
            model.refreshApplied.connect(self._restore_top)
            self.setItemDelegateForColumn(COL_PRIORITY, self._priority_delegate)
            self.setItemDelegateForColumn(COL_TEXT, self._report_delegate)
            self.setItemDelegateForColumn(COL_ROLE, self._role_delegate)
            self.setItemDelegateForColumn(COL_STATUS, self._status_delegate)
            self.setItemDelegateForColumn(COL_CHANNEL, self._channel_delegate)
            self.setItemDelegateForColumn(COL_AGE, self._timer_delegate)
            self.setItemDelegateForColumn(COL_AUTHOR, self._text_delegate)
            self.setItemDelegateForColumn(COL_ASSIGNEE, self._text_delegate)
            header = self.horizontalHeader()
            header.setHighlightSections(False)
            header.setSectionsMovable(False)
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
            header.setMinimumSectionSize(24)
            for column, width in DEFAULT_WIDTHS.items():
                header.resizeSection(column, width)

    def show_role_column(self, shown: bool) -> None:
        """A list of one role needn't repeat it on every row; the report gets the room."""
        self.setColumnHidden(COL_ROLE, not shown)

    def case_model(self) -> CaseListModel | None:
        model = self.model()
        return model if isinstance(model, CaseListModel) else None

    # -- selection -----------------------------------------------------------------------

    def current_case_id(self) -> str | None:
        model = self.case_model()
        index = self.currentIndex()
        if model is None or not index.isValid():
            return None
        return model.case_id_at(index.row())

    def selected_case_ids(self) -> list[str]:
        """The selected cases, in list order (the current one if none is selected)."""
        model = self.case_model()
        selection = self.selectionModel()
        if model is None or selection is None:
            return []
        rows = sorted({i.row() for i in selection.selectedRows()})
        ids = [cid for cid in (model.case_id_at(r) for r in rows) if cid]
        current = self.current_case_id()
        return ids or ([current] if current else [])

    def select_row(self, row: int) -> None:
        model = self.case_model()
        if model is None or not 0 <= row < model.rowCount():
            return
        index = model.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.selectionModel().setCurrentIndex(index, flags)
        self.scrollTo(index)

    def select_relative(self, step: int) -> None:
        model = self.case_model()
        if model is None or model.rowCount() == 0:
            return
        current = self.currentIndex()
        row = current.row() + step if current.isValid() else 0
        self.select_row(max(0, min(model.rowCount() - 1, row)))

    # -- keeping the place while rows arrive -----------------------------------------------

    def _remember_top(self) -> None:
        model = self.case_model()
        bar = self.verticalScrollBar()
        # At the very top, stay there: new urgent cases come in at the top and must show.
        if model is None or bar.value() == 0:
            self._anchor = None
            return
        self._anchor = model.case_id_at(self.rowAt(0))

    def _restore_top(self) -> None:
        model = self.case_model()
        if model is None or self._anchor is None:
            return
        row = model.row_of(self._anchor)
        self._anchor = None
        if row >= 0:
            self.verticalScrollBar().setValue(row)
