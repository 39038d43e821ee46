"""The priority badge: red for urgent, orange for high, an outline for normal, quiet for
low. Badge colours are the only fixed colours of the console; everything else follows the
palette, so the light and dark themes both read well."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from jundesk.core.model import Priority
from jundesk.gui.case_row_delegates import paint_background, row_look
from jundesk.gui.display_names import priority_name

FILLS: dict[Priority, QColor] = {
    Priority.URGENT: QColor("#c62828"),
    Priority.HIGH: QColor("#e65100"),
}
ON_FILL = QColor("#ffffff")


def badge_style(priority: Priority, palette: QPalette) -> tuple[QColor | None, QColor, QColor]:
    """(fill or None, outline, text colour) of a priority's badge under `palette`."""
    fill = FILLS.get(priority)
    if fill is not None:
        return fill, fill, ON_FILL
    if priority is Priority.NORMAL:
        return None, palette.color(QPalette.ColorRole.Mid), palette.color(QPalette.ColorRole.Text)
    quiet = palette.color(QPalette.ColorRole.PlaceholderText)
    return None, quiet, quiet


def paint_badge(painter: QPainter, rect: QRectF, priority: Priority, palette: QPalette) -> None:
    fill, outline, text = badge_style(priority, palette)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(outline)
    if fill is not None:
        painter.setBrush(fill)
    else:
        painter.setBrush(Qt.BrushStyle.NoBrush)
    radius = rect.height() / 2
    painter.drawRoundedRect(rect, radius, radius)
    font = painter.font()
    font.setBold(priority in FILLS)
    painter.setFont(font)
    painter.setPen(text)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, priority_name(priority))
    painter.restore()


def badge_style_sheet(priority: Priority, palette: QPalette) -> str:
    """The same badge for a QLabel (the case view's header)."""
    fill, outline, text = badge_style(priority, palette)
    background = fill.name() if fill is not None else "transparent"
    weight = "bold" if fill is not None else "normal"
    return (
        f"QLabel {{ background: {background}; color: {text.name()}; border: 1px solid "
        f"{outline.name()}; border-radius: 9px; padding: 1px 10px; font-weight: {weight}; }}"
    )


class PriorityDelegate(QStyledItemDelegate):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The badge's width fits the longest priority name: per font and language.
        self._widths: dict[tuple[str, str], int] = {}

    def _badge_width(self, metrics: QFontMetrics, font: QFont) -> int:
        key = (font.key(), priority_name(Priority.URGENT))
        width = self._widths.get(key)
        if width is None:
            width = max(metrics.horizontalAdvance(priority_name(p)) for p in Priority) + 16
            self._widths[key] = width
        return width

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        look = row_look(index)
        if look is None:
            super().paint(painter, option, index)
            return
        priority = look.summary.case.priority
        item = paint_background(painter, option, look)
        metrics = QFontMetrics(item.font)
        width = self._badge_width(metrics, item.font)
        height = min(item.rect.height() - 6, metrics.height() + 4)
        rect = QRectF(
            item.rect.left() + 6,
            item.rect.top() + (item.rect.height() - height) / 2,
            min(width, item.rect.width() - 12),
            height,
        )
        paint_badge(painter, rect, priority, item.palette)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        metrics = QFontMetrics(option.font)
        width = max(metrics.horizontalAdvance(priority_name(p)) for p in Priority) + 28
        return QSize(width, metrics.height() + 10)
