"""How the case list draws its report, its status and its role: the report gets two lines
(the post, or one line of post and one of the place when the case has a location), status
and role an icon each, so the narrow columns leave the room to what the citizen wrote."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QIcon, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from jundesk.core.display_text import one_line
from jundesk.core.model import CaseSummary, Status
from jundesk.gui import theme
from jundesk.gui.case_list_model import CaseListModel, LookRole, RowLook
from jundesk.gui.display_names import MANUAL_CHANNEL, channel_mark

REPORT_LINES = 2
PAD = 6
ROLE_ICON = 18


def row_height(metrics: QFontMetrics) -> int:
    """Every row's height: two lines of the report."""
    return metrics.lineSpacing() * REPORT_LINES + 10


def two_lines(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """`text` wrapped on at most two lines of `width`, the second cut with "…"."""
    words = text.split()
    # The most words that fit on the first line (at least one), found by halving: a
    # report of 40 words is measured 6 times rather than 40.
    low, high = 1, len(words)
    while low < high:
        middle = (low + high + 1) // 2
        if metrics.horizontalAdvance(" ".join(words[:middle])) <= width:
            low = middle
        else:
            high = middle - 1
    used = min(low, len(words))
    lines = [metrics.elidedText(" ".join(words[:used]), Qt.TextElideMode.ElideRight, width)]
    rest = " ".join(words[used:])
    if rest:
        lines.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return lines


# Qt's enums, looked up once: each lookup costs a Python call, and the list asks for them
# in every cell of every paint.
_SELECTED = QStyle.StateFlag.State_Selected
# States the style draws a cell's panel for (the view paints the alternate rows itself).
_STYLED = QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus
_STYLED |= QStyle.StateFlag.State_MouseOver
_ITEM = QStyle.ControlElement.CE_ItemViewItem
_ELIDE = Qt.TextElideMode.ElideRight
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_TEXT = QPalette.ColorRole.Text
_HIGHLIGHTED = QPalette.ColorRole.HighlightedText


def row_look(index: QModelIndex | QPersistentModelIndex) -> RowLook | None:
    model = index.model()
    if isinstance(model, CaseListModel):
        return model.look_at(index.row()) if index.isValid() else None
    look = index.data(LookRole)
    return look if isinstance(look, RowLook) else None


def paint_background(
    painter: QPainter, option: QStyleOptionViewItem, look: RowLook | None
) -> QStyleOptionViewItem:
    """The cell's background, selection and focus as the style draws them, without text;
    returns the cell's option (font and state) for what the delegate draws on top.

    The view's option already says selected, hovered and alternate; the row's look adds
    the rest (bold while unread, red when escalated), so no role is asked for one by one.
    """
    item = QStyleOptionViewItem(option)
    background = None
    if look is not None:
        if look.font is not None:
            item.font = look.font
        background = look.background
        if background is not None:
            item.backgroundBrush = QBrush(background)
    if not item.state & _STYLED:
        # A plain cell: the style's panel would draw its background alone (no text is
        # given to the style), and asking it costs more than the cell's own drawing.
        if background is not None:
            painter.fillRect(item.rect, background)
        return item
    style = item.widget.style() if item.widget else QApplication.style()
    style.drawControl(_ITEM, item, painter, item.widget)
    return item


def text_pen(item: QStyleOptionViewItem, colour: QColor | None) -> QColor:
    """The row's own colour, else the palette's (highlighted text when selected)."""
    if colour is not None:
        return colour
    return item.palette.color(_HIGHLIGHTED if item.state & _SELECTED else _TEXT)


def plain_pen(item: QStyleOptionViewItem, colour: QColor | None) -> QColor:
    """As the style paints a plain cell: highlighted text when selected, whatever the
    row's own colour."""
    if item.state & _SELECTED:
        return item.palette.color(_HIGHLIGHTED)
    return colour if colour is not None else item.palette.color(_TEXT)


class TextDelegate(QStyledItemDelegate):
    """A plain column (the timer, the author, the assignee) on one line, from the row's
    look: the default delegate would ask the model for seven roles per cell and paint."""

    def __init__(self, alignment: Qt.AlignmentFlag, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._flags = int(alignment | Qt.AlignmentFlag.AlignVCenter)
        self._timer = bool(alignment & Qt.AlignmentFlag.AlignRight)

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
        item = paint_background(painter, option, look)
        style = item.widget.style() if item.widget else QApplication.style()
        # The style's own text margin, as its default delegate leaves it.
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, item.widget) + 1
        rect = item.rect.adjusted(margin, 0, -margin, 0)
        text = QFontMetrics(item.font).elidedText(look.texts[index.column()], _ELIDE, rect.width())
        painter.save()
        painter.setFont(item.font)
        painter.setPen(plain_pen(item, look.timer if self._timer else look.text))
        painter.drawText(rect, self._flags, text)
        painter.restore()


class ReportDelegate(QStyledItemDelegate):
    """The report on two lines; with a known place, the second line is the place."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        look = row_look(index)
        if look is None:  # a row still being read: "Loading…"
            super().paint(painter, option, index)
            return
        text = look.texts[index.column()]
        # A private post this desk may not read keeps its place to itself too.
        place = "" if look.withheld else one_line(look.summary.case.location)
        item = paint_background(painter, option, look)
        rect = item.rect.adjusted(PAD, 4, -PAD, -4)
        metrics = QFontMetrics(item.font)
        selected = bool(item.state & _SELECTED)
        pen = text_pen(item, look.text)
        key = (rect.width(), look.font is not None)
        lines = look.lines.get(key)
        if lines is None:
            if place:
                lines = [metrics.elidedText(text, _ELIDE, rect.width())]
            else:
                lines = two_lines(text, metrics, rect.width())
            look.lines[key] = lines
        painter.save()
        painter.setFont(item.font)
        painter.setPen(pen)
        line_height = metrics.lineSpacing()
        flags = _LEFT
        shown = len(lines) + (1 if place else 0)
        rect.setTop(rect.top() + max(0, (rect.height() - shown * line_height) // 2))
        for number, line in enumerate(lines):
            top = rect.top() + number * line_height
            painter.drawText(QRect(rect.left(), top, rect.width(), line_height), flags, line)
        if place:
            muted = item.palette.color(_HIGHLIGHTED) if selected else theme.colour("muted")
            painter.setPen(muted)
            font = QFont(item.font)
            font.setBold(False)
            painter.setFont(font)
            line = QFontMetrics(font).elidedText(place, _ELIDE, rect.width())
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

    def __init__(
        self,
        icon_name: Callable[[CaseSummary], str],
        parent: QObject | None = None,
        *,
        monogram: bool = False,
    ):
        super().__init__(parent)
        self._icon_name = icon_name
        # A value without an icon is drawn as its first two letters in a ring ("Pa" for
        # Parques): a narrow column would cut its words to "P…".
        self._monogram = monogram
        # The set's icons, made once per name and text colour (a theme may change it).
        self._icons: dict[tuple[str, int], QIcon | None] = {}

    def _icon(self, name: str, palette: QPalette) -> QIcon | None:
        key = (name, palette.color(QPalette.ColorRole.WindowText).rgba())
        if key not in self._icons:
            try:
                self._icons[key] = theme.icon(name)
            except KeyError:
                self._icons[key] = None
        return self._icons[key]

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        look = row_look(index)
        glyph = self._icon(self._icon_name(look.summary), option.palette) if look else None
        words = look.texts[index.column()].strip() if look else ""
        if look is None or (glyph is None and not (self._monogram and words)):
            super().paint(painter, option, index)
            return
        item = paint_background(painter, option, look)
        rect = option.rect
        target = QRect(
            rect.left() + (rect.width() - ROLE_ICON) // 2,
            rect.top() + (rect.height() - ROLE_ICON) // 2,
            ROLE_ICON,
            ROLE_ICON,
        )
        if glyph is not None:
            glyph.paint(painter, target)
            return
        font = QFont(item.font)
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        font.setBold(True)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(font)
        painter.setPen(plain_pen(item, look.text))
        painter.drawEllipse(target.adjusted(0, 0, -1, -1))
        painter.drawText(target, Qt.AlignmentFlag.AlignCenter, monogram(words))
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(ROLE_ICON + 2 * PAD, row_height(QFontMetrics(option.font)))


class ChannelDelegate(QStyledItemDelegate):
    """The channels a case's posts came by, as small marks ("X", "M" for Mastodon, "T" for
    Telegram; a note for what was logged at the desk), one above the other in the row's
    two lines, so the column stays narrow: a case merged from two channels shows both.
    Their names are the cell's tooltip and accessible text."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        look = row_look(index)
        if look is None or not look.summary.channels:
            super().paint(painter, option, index)
            return
        item = paint_background(painter, option, look)
        channels = look.summary.channels[:MAX_MARKS]
        font = QFont(item.font)
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.75))
        font.setBold(True)
        rect = option.rect
        across = 1 if len(channels) <= 2 else 2  # three or four: two by two
        down = (len(channels) + across - 1) // across
        width = across * MARK + (across - 1) * MARK_GAP
        height = down * MARK + (down - 1) * MARK_GAP
        left = rect.left() + (rect.width() - width) // 2
        top = rect.top() + (rect.height() - height) // 2
        pen = plain_pen(item, look.text)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(font)
        for number, channel in enumerate(channels):
            row, column = divmod(number, across)
            target = QRect(
                left + column * (MARK + MARK_GAP), top + row * (MARK + MARK_GAP), MARK, MARK
            )
            if channel == MANUAL_CHANNEL:
                theme.icon("note", pen).paint(painter, target)
                continue
            painter.setPen(pen)
            painter.drawRoundedRect(target.adjusted(0, 0, -1, -1), 3, 3)
            painter.drawText(target, Qt.AlignmentFlag.AlignCenter, channel_mark(channel))
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(MARK + 2 * 4, row_height(QFontMetrics(option.font)))


MARK = 16  # a channel's mark, square: two fit one above the other in a row's two lines
MARK_GAP = 2
MAX_MARKS = 4


def monogram(words: str) -> str:
    """Up to two letters that stand for a name: "Pa" for "Parques y jardines"."""
    letters = [c for c in words if c.isalnum()]
    return letters[0].upper() + "".join(letters[1:2]).lower() if letters else ""


def role_icons(parent: QObject | None = None) -> IconDelegate:
    return IconDelegate(lambda summary: summary.case.role, parent, monogram=True)


def status_icons(parent: QObject | None = None) -> IconDelegate:
    return IconDelegate(lambda summary: STATUS_ICONS.get(summary.case.status, ""), parent)
