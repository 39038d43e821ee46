"""Keys and text boxes in the desk's window: a single-letter shortcut (a, t, e, 1-4,
Shift+R...) never fires while a text box has the focus, even a read-only one (a reply
being sent), and Esc in a text box leaves it for the case list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

COMMAND_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


def is_text_box(widget: object) -> bool:
    """A box the desk types into. The conversation and the notes are read-only text
    views, not boxes: keys act on the case there."""
    if isinstance(widget, QLineEdit | QPlainTextEdit | QAbstractSpinBox):
        return True
    return isinstance(widget, QTextEdit) and not widget.isReadOnly()


def is_typing_key(event: QKeyEvent) -> bool:
    """A key that types a character (with or without Shift): never a shortcut in a box."""
    if event.modifiers() & COMMAND_MODIFIERS:
        return False
    text = event.text()
    return bool(text) and text.isprintable()


class TextBoxKeys(QObject):
    """Watches the keys of one window's text boxes (an application event filter, so boxes
    made later are covered too)."""

    escaped = Signal()  # Esc in a text box: the window puts the focus on its list

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return False
        if not isinstance(event, QKeyEvent) or not is_text_box(watched):
            return False
        assert isinstance(watched, QWidget)
        if watched.window() is not self.window:
            return False  # a dialog's boxes keep their own keys (Esc closes the dialog)
        if kind == QEvent.Type.ShortcutOverride:
            if is_typing_key(event) or event.key() == Qt.Key.Key_Escape:
                event.accept()  # the box gets the key; the window's shortcut does not fire
                return True
            return False
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.escaped.emit()
            return True
        return False
