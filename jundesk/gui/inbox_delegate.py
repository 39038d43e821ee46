"""How an inbox row looks: its icon and name, the unread count as a pill in the palette's
highlight colour, and how many cases it holds, quieter, on the right."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from jundesk.gui.inbox_model import CountRole, IconNameRole, UnreadRole
from jundesk.gui.theme import icon

ICON = 18
PAD = 8


def _icon(name: object) -> QIcon:
    try:
        return icon(str(name))
    except KeyError:
        return QIcon()


class InboxDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        item = QStyleOptionViewItem(option)
        self.initStyleOption(item, index)
        title = item.text
        item.text = ""
        item.icon = QIcon()
        style = item.widget.style() if item.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, item, painter, item.widget)
        selected = bool(item.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active
        text_colour = item.palette.color(
            group,
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text,
        )
        rect = item.rect.adjusted(PAD, 0, -PAD, 0)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        glyph = _icon(index.data(IconNameRole))
        if not glyph.isNull():
            top = rect.top() + (rect.height() - ICON) // 2
            glyph.paint(painter, QRect(rect.left(), top, ICON, ICON))
        rect.setLeft(rect.left() + ICON + PAD)

        count = index.data(CountRole)
        unread = index.data(UnreadRole) or 0
        metrics = QFontMetrics(item.font)
        right = rect.right()
        if isinstance(count, int) and count >= 0:
            count_text = QLocale().toString(count)
            width = metrics.horizontalAdvance(count_text)
            quiet = item.palette.color(
                QPalette.ColorRole.HighlightedText
                if selected
                else QPalette.ColorRole.PlaceholderText
            )
            painter.setPen(quiet)
            painter.drawText(
                QRect(right - width, rect.top(), width, rect.height()),
                int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight),
                count_text,
            )
            right -= width + PAD
        if unread:
            bold = QFont(item.font)
            bold.setBold(True)
            bold_metrics = QFontMetrics(bold)
            pill_text = str(unread) if unread < 1000 else "999+"
            width = bold_metrics.horizontalAdvance(pill_text) + 12
            height = bold_metrics.height() + 2
            pill = QRectF(right - width, rect.top() + (rect.height() - height) / 2, width, height)
            fill = item.palette.color(
                QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Highlight
            )
            on_fill = item.palette.color(
                QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.HighlightedText
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(pill, height / 2, height / 2)
            painter.setFont(bold)
            painter.setPen(on_fill)
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, pill_text)
            painter.setFont(item.font)
            right = int(pill.left()) - PAD
            title_font = bold
        else:
            title_font = item.font
        painter.setFont(title_font)
        painter.setPen(text_colour)
        title_rect = QRect(rect.left(), rect.top(), max(0, right - rect.left()), rect.height())
        elided = QFontMetrics(title_font).elidedText(
            title, Qt.TextElideMode.ElideRight, title_rect.width()
        )
        painter.drawText(
            title_rect, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), elided
        )
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        # Wide enough for the whole title beside an unread pill and a count of thousands:
        # an inbox's name is never cut ("Todos los abiertos").
        bold = QFont(option.font)
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        width = (
            PAD * 5
            + ICON
            + bold_metrics.horizontalAdvance(title)
            + bold_metrics.horizontalAdvance("999")
            + 12
            + QFontMetrics(option.font).horizontalAdvance(QLocale().toString(99_999))
        )
        return QSize(max(160, width), QFontMetrics(option.font).height() + 16)
