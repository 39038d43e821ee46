"""The Records view's measures table: per role, how many cases, how fast acknowledged,
answered and resolved (median and p90), how many within target, and the backlog."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from jundesk.app.records import Measure
from jundesk.gui.display_names import role_name
from jundesk.gui.records_plots import span_text

ROLE, COUNT, ACK_MEDIAN, ACK_P90, REPLY_MEDIAN, REPLY_P90 = range(6)
RESOLVE_MEDIAN, RESOLVE_P90, WITHIN_ACK, WITHIN_REPLY, WITHIN_RESOLVE, BACKLOG = range(6, 12)
KeyRole = Qt.ItemDataRole.UserRole + 1  # the group's key (a role)

Index = QModelIndex | QPersistentModelIndex


class MeasuresModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Measure] = []
        self.headers = (
            self.tr("Role"),
            self.tr("Cases"),
            self.tr("Acknowledge\nmedian"),
            self.tr("Acknowledge\np90"),
            self.tr("Reply\nmedian"),
            self.tr("Reply\np90"),
            self.tr("Resolve\nmedian"),
            self.tr("Resolve\np90"),
            self.tr("Acknowledged\nwithin target"),
            self.tr("Replied\nwithin target"),
            self.tr("Resolved\nwithin target"),
            self.tr("Backlog"),
        )

    def set_measures(self, rows: Sequence[Measure]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def measure_at(self, row: int) -> Measure | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        m = self._rows[index.row()]
        column = index.column()
        if role == KeyRole:
            return m.key
        if role == Qt.ItemDataRole.TextAlignmentRole and column != ROLE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.cell_text(m, column)

    def cell_text(self, m: Measure, column: int) -> str:
        spreads: dict[int, float | None] = {
            ACK_MEDIAN: m.ack.median,
            ACK_P90: m.ack.p90,
            REPLY_MEDIAN: m.reply.median,
            REPLY_P90: m.reply.p90,
            RESOLVE_MEDIAN: m.resolve.median,
            RESOLVE_P90: m.resolve.p90,
        }
        percents = {WITHIN_ACK: m.within_ack, WITHIN_REPLY: m.within_reply,
                    WITHIN_RESOLVE: m.within_resolve}  # fmt: skip
        if column == ROLE:
            return role_name(m.key)
        if column == COUNT:
            return str(m.count)
        if column == BACKLOG:
            return str(m.backlog)
        if column in spreads:
            value = spreads[column]
            return "–" if value is None else span_text(value)
        if column in percents:
            percent = percents[column]
            return "–" if percent is None else f"{percent:.0f} %"
        return ""
