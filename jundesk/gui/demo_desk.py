"""The demo's first question: which desk are you? The police officer, the street crew or
the town hall's front desk each see their own day (their roles' inbox, their pop-ups); the
desks themselves are app/demo.py's DEMO_DESKS."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from jundesk.gui import theme


class DemoDeskDialog(QDialog):
    """exec() returns Accepted with `desk` set to "police", "street" or "front"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("demoDesk")
        self.setWindowTitle(self.tr("JunDesk demo"))
        self.setWindowIcon(theme.app_icon())
        self.desk = ""
        title = QLabel(self.tr("Which desk are you?"), self)
        title.setObjectName("summaryTitle")
        hint = QLabel(
            self.tr("The demo shows a day in the town of Jun as that desk sees it."), self
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(hint)
        self.buttons: dict[str, QPushButton] = {}
        for desk, text, glyph in (
            ("police", self.tr("The police officer: police cases"), "police"),
            ("street", self.tr("The street crew: street cleaning and lighting"), "street_cleaning"),
            ("front", self.tr("The town hall's front desk: every case"), "unrouted"),
        ):
            button = QPushButton(theme.role_icon(glyph), text, self)
            button.setObjectName(f"demoDesk_{desk}")
            button.setMinimumHeight(40)
            button.setStyleSheet("text-align: left; padding-left: 12px;")
            button.clicked.connect(lambda _=False, d=desk: self._choose(d))
            layout.addWidget(button)
            self.buttons[desk] = button
        self.buttons["police"].setDefault(True)
        self.setMinimumWidth(460)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)

    def _choose(self, desk: str) -> None:
        self.desk = desk
        self.accept()


def ask_demo_desk(parent: QWidget | None = None) -> str | None:
    """Ask; None if the person closed the question (the demo then doesn't start)."""
    dialog = DemoDeskDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.desk:
        return None
    return dialog.desk
