"""How the case list draws its report, its status and its role: the report gets two lines
(the post, or one line of post and one of the place when the case has a location), status
and role an icon each, so the narrow columns leave the room to what the citizen wrote."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QIcon, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from jundesk.core.display_text import one_line
from jundesk.core.model import CaseSummary, Status
from jundesk.gui import theme
from jundesk.gui.case_list_model import SummaryRole

REPORT_LINES = 2
PAD = 6
ROLE_ICON = 18


def row_height(metrics: QFontMetrics) -> int:
    """Every row's height: two lines of the report."""
    return metrics.lineSpacing() * REPORT_LINES + 10


def two_lines(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """`text` wrapped on at most two lines of `width`, the second cut with "…"."""
    words = text.split()
    first, used = "", 0
    for number, word in enumerate(words):
        trial = f"{first} {word}" if first else word
        if first and metrics.horizontalAdvance(trial) > width:
            break
        first, used = trial, number + 1
    lines = [metrics.elidedText(first, Qt.TextElideMode.ElideRight, width)]
    rest = " ".join(words[used:])
    if rest:
        lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return lines


def _background(
    delegate: QStyledItemDelegate,
    painter: QPainter,
    option: QStyleOptionViewItem,
    index: QModelIndex | QPersistentModelIndex,
) -> None:
    """The cell's background and selection, without its text."""
    item = QStyleOptionViewItem(option)
    delegate.initStyleOption(item, index)
    item.text = ""
    item.icon = QIcon()
    style = item.widget.style() if item.widget else QApplication.style()
    style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)


class ReportDelegate(QStyledItemDelegate):
    """The report on two lines; with a known place, the second line is the place."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        text = item.text
        summary = index.data(SummaryRole)
        place = one_line(summary.case.location) if isinstance(summary, CaseSummary) else ""
        item.text = ""
        style = item.widget.style() if item.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        rect = item.rect.adjusted(PAD, 4, -PAD, -4)
        metrics = QFontMetrics(item.font)
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        pen = index.data(Qt.ItemDataRole.ForegroundRole) or item.palette.color(role)
        if place:
            lines = [metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())]
        else:
            lines = two_lines(text, metrics, rect.width())
        painter.save()
        painter.setFont(item.font)
        painter.setPen(pen)
        line_height = metrics.lineSpacing()
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        shown = len(lines) + (1 if place else 0)
        rect.setTop(rect.top() + max(0, (rect.height() - shown * line_height) // 2))
        for number, line in enumerate(lines):
            top = rect.top() + number * line_height
            painter.drawText(QRect(rect.left(), top, rect.width(), line_height), flags, line)
        if place:
            muted = item.palette.color(role) if selected else theme.colour("muted")
            painter.setPen(muted)
            font = item.font
            font.setBold(False)
            painter.setFont(font)
            line = QFontMetrics(font).elidedText(place, Qt.TextElideMode.ElideRight, rect.width())
            top = rect.top() + line_height
            painter.drawText(QRect(rect.left(), top, rect.width(), line_height), flags, line)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(200, row_height(QFontMetrics(option.font)))


STATUS_ICONS = {
    Status.NEW: "new_case",
    Status.ACKNOWLEDGED: "acknowledge",
    Status.IN_PROGRESS: "assign",
    Status.RESOLVED: "resolved",
    Status.CLOSED: "resolved",
    Status.REJECTED: "reopen",
    Status.MERGED: "merge",
}


class IconDelegate(QStyledItemDelegate):
    """A column drawn as an icon (its words in the tooltip and for screen readers); a
    value without an icon (a town's own role) shows its words."""

    def __init__(self, icon_name: Callable[[CaseSummary], str], parent: QObject | None = None):
        super().__init__(parent)
        self._icon_name = icon_name

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        summary = index.data(SummaryRole)
        if not isinstance(summary, CaseSummary):
            super().paint(painter, option, index)
            return
        try:
            glyph = theme.icon(self._icon_name(summary))
        except KeyError:
            super().paint(painter, option, index)
            return
        _background(self, painter, option, index)
        rect = option.rect
        target = QRect(
            rect.left() + (rect.width() - ROLE_ICON) // 2,
            rect.top() + (rect.height() - ROLE_ICON) // 2,
            ROLE_ICON,
            ROLE_ICON,
        )
        glyph.paint(painter, target)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(ROLE_ICON + 2 * PAD, row_height(QFontMetrics(option.font)))


def role_icons(parent: QObject | None = None) -> IconDelegate:
    return IconDelegate(lambda summary: summary.case.role, parent)


def status_icons(parent: QObject | None = None) -> IconDelegate:
    return IconDelegate(lambda summary: STATUS_ICONS.get(summary.case.status, ""), parent)
