"""The strip above the case list naming each filter that is on ("Urgent", "Last 7
days", "Words: farola"), each with an "x" that turns it off, so no filter narrows the
list unseen."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget


class FilterChip(QFrame):
    removed = Signal(str)  # the filter's name

    def __init__(self, name: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterChip")
        self.name = name
        self.label = QLabel(label, self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # words typed are never markup
        self.close = QToolButton(self)
        self.close.setObjectName("filterChipClose")
        self.close.setText("×")
        self.close.setAutoRaise(True)
        self.close.setToolTip(self.tr("Turn this filter off"))
        self.close.setAccessibleName(self.tr("Turn off the filter %1").replace("%1", label))
        self.close.clicked.connect(lambda: self.removed.emit(self.name))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 1, 2, 1)
        layout.setSpacing(2)
        layout.addWidget(self.label)
        layout.addWidget(self.close)


class FilterChips(QWidget):
    """Show `set_chips([(name, label), ...])`; `removed(name)` when an "x" is clicked,
    `clearAll` for "Clear filters"."""

    removed = Signal(str)
    clearAll = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterChips")
        self.chips: list[FilterChip] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self.heading = QLabel(self.tr("Filters on:"), self)
        self._layout.addWidget(self.heading)
        self.clear_all = QToolButton(self)
        self.clear_all.setText(self.tr("Clear filters"))
        self.clear_all.setAutoRaise(True)
        self.clear_all.clicked.connect(self.clearAll)
        self._layout.addStretch(1)
        self._layout.addWidget(self.clear_all)
        self.hide()

    def set_chips(self, chips: Sequence[tuple[str, str]]) -> None:
        if [(chip.name, chip.label.text()) for chip in self.chips] == list(chips):
            return  # the same filters: no widgets remade, no layout, no repaint
        for chip in self.chips:
            self._layout.removeWidget(chip)
            chip.deleteLater()
        self.chips = []
        for index, (name, label) in enumerate(chips):
            chip = FilterChip(name, label, self)
            chip.removed.connect(self.removed)
            self._layout.insertWidget(1 + index, chip)
            self.chips.append(chip)
        self.clear_all.setVisible(len(self.chips) > 1)
        self.setVisible(bool(self.chips))

    def labels(self) -> list[str]:
        return [chip.label.text() for chip in self.chips]
