"""The strip across the main window while the desk is off duty, so nobody wonders why it
is quiet; its button puts the desk back on duty."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QToolButton, QWidget

from jundesk.gui import theme
from jundesk.gui.display_names import role_name


class OffDutyBanner(QFrame):
    def __init__(self, duty_action: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("offDutyBanner")
        # A strip, never more: the window's panes keep the height.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(self.tr("Off duty"))
        self.duty_action = duty_action
        icon = QLabel(self)
        icon.setPixmap(theme.icon("duty_off", theme.colour("off_duty_text")).pixmap(20, 20))
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.button = QToolButton(self)
        self.button.setText(self.tr("Go on duty"))
        self.button.setIcon(theme.icon("duty_on"))
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.clicked.connect(self._go_on_duty)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(10)
        layout.addWidget(icon)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()

    def show_off_duty(
        self, until: str = "", *, alone: bool = False, nobody_else: Sequence[str] = ()
    ) -> None:
        """Show the strip; `until` is when duty resumes by the schedule, as people read it.
        `alone`: no town around this desk; `nobody_else`: its roles no other desk on duty
        covers. Either way the strip says that nobody will be alerted."""
        if alone:
            text = self.tr(
                "Off duty: no sounds, no pop-ups. This desk is alone: nobody will be alerted, "
                "not even of urgent cases."
            )
        elif nobody_else:
            text = self.tr(
                "Off duty: no sounds, no pop-ups. Nobody else on duty covers %1: nobody will "
                "be alerted of its urgent cases."
            ).replace("%1", ", ".join(role_name(r) for r in nobody_else))
        else:
            text = self.tr(
                "Off duty: no sounds, no pop-ups. Urgent cases go to whoever is on duty."
            )
        self.setProperty("alone", bool(alone or nobody_else))
        self.style().unpolish(self)
        self.style().polish(self)
        if until:
            text += " " + self.tr("Back on duty at %s.") % until
        self.label.setText(text)
        self.show()

    def _go_on_duty(self) -> None:
        if not self.duty_action.isChecked():
            self.duty_action.trigger()
