"""Search over all cases and the list's filters (status, priority, role, date).

Typing waits for a pause (250 ms) and for the letters the store needs to search
(`is_searchable`): a one-letter prefix matches thousands of words, and on a million posts
that query alone would take seconds.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QWidget

from jundesk.core.case_filter import CaseFilter
from jundesk.core.model import UNROUTED, Priority, Status
from jundesk.core.text_match import is_searchable
from jundesk.gui.display_names import priority_name, role_name, status_name
from jundesk.gui.forms.ui_search_bar import Ui_SearchBar

SEARCH_DELAY_MS = 250
ANY_DATE, TODAY, LAST_7, LAST_30, THIS_YEAR, BETWEEN = range(6)


def _local_midnight(day: QDate) -> datetime:
    local = datetime.combine(date(day.year(), day.month(), day.day()), time(0)).astimezone()
    return local.astimezone(UTC)


class SearchBar(QWidget):
    """The words and filters a desk narrows its list with. Its filter leaves None what it
    does not set ("as the inbox has it"); `CaseFilter.narrowed` applies it to an inbox."""

    filters_changed = Signal(object)  # CaseFilter
    done = Signal()  # Escape: back to the list

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_SearchBar()
        self.ui.setupUi(self)
        self._filters = CaseFilter()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._emit)
        self.ui.searchEdit.textChanged.connect(lambda _: self._timer.start())
        self.ui.searchEdit.installEventFilter(self)
        self._fill_static()
        self.set_roles(())
        for combo in (self.ui.statusCombo, self.ui.priorityCombo, self.ui.roleCombo):
            combo.currentIndexChanged.connect(self._emit)
        self.ui.dateCombo.currentIndexChanged.connect(self._date_choice)
        today = QDate.currentDate()
        self.ui.fromDate.setDate(today.addDays(-7))
        self.ui.toDate.setDate(today)
        self.ui.fromDate.dateChanged.connect(self._emit)
        self.ui.toDate.dateChanged.connect(self._emit)
        self._date_choice()

    def _fill_static(self) -> None:
        status = self.ui.statusCombo
        status.addItem(self.tr("Status: as the inbox"), None)
        status.addItem(self.tr("Open"), Status.open())
        status.addItem(self.tr("Any status"), tuple(Status))
        for state in Status:
            status.addItem(status_name(state), (state,))
        priority = self.ui.priorityCombo
        priority.addItem(self.tr("Any priority"), None)
        for level in Priority:
            priority.addItem(priority_name(level), (level,))
        dates = self.ui.dateCombo
        for label in (
            self.tr("Any date"),
            self.tr("Today"),
            self.tr("Last 7 days"),
            self.tr("Last 30 days"),
            self.tr("This year"),
            self.tr("Between…"),
        ):
            dates.addItem(label)

    def set_roles(self, roles: tuple[str, ...]) -> None:
        combo = self.ui.roleCombo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("Any role"), None)
        for role in (*roles, UNROUTED):
            combo.addItem(role_name(role), (role,))
        combo.blockSignals(False)

    # -- what it holds ---------------------------------------------------------------------

    @property
    def filters(self) -> CaseFilter:
        return self._filters

    def words(self) -> str:
        text = self.ui.searchEdit.text().strip()
        return text if is_searchable(text) else ""

    def current(self) -> CaseFilter:
        since, until = self._dates()
        return CaseFilter(
            search=self.words() or None,
            statuses=_data(self.ui.statusCombo),
            priorities=_data(self.ui.priorityCombo),
            roles=_data(self.ui.roleCombo),
            since=since,
            until=until,
        )

    def _dates(self) -> tuple[datetime | None, datetime | None]:
        choice = self.ui.dateCombo.currentIndex()
        today = QDate.currentDate()
        if choice == TODAY:
            return _local_midnight(today), None
        if choice == LAST_7:
            return _local_midnight(today.addDays(-6)), None
        if choice == LAST_30:
            return _local_midnight(today.addDays(-29)), None
        if choice == THIS_YEAR:
            return _local_midnight(QDate(today.year(), 1, 1)), None
        if choice == BETWEEN:
            start = _local_midnight(self.ui.fromDate.date())
            end = _local_midnight(self.ui.toDate.date()) + timedelta(days=1)
            return start, end
        return None, None

    def _date_choice(self) -> None:
        self._date_choice_shown()
        self._emit()

    def _date_choice_shown(self) -> None:
        between = self.ui.dateCombo.currentIndex() == BETWEEN
        self.ui.fromDate.setVisible(between)
        self.ui.toDate.setVisible(between)

    def _emit(self) -> None:
        self._timer.stop()
        filters = self.current()
        if filters != self._filters:
            self._filters = filters
            self.filters_changed.emit(filters)

    # -- the chips: one per filter on, each with its own "x" -------------------------------

    def chips(self) -> list[tuple[str, str]]:
        """(name, label) of each filter on, as the chips above the list show them."""
        found: list[tuple[str, str]] = []
        words = self.words()
        if words:
            found.append(("words", self.tr("Words: %1").replace("%1", words)))
        for name, combo in (
            ("statuses", self.ui.statusCombo),
            ("priorities", self.ui.priorityCombo),
            ("roles", self.ui.roleCombo),
        ):
            if combo.currentIndex() > 0:
                found.append((name, combo.currentText()))
        if self.ui.dateCombo.currentIndex() > 0:
            dates = self.ui.dateCombo.currentText()
            if self.ui.dateCombo.currentIndex() == BETWEEN:
                dates = (
                    f"{self.ui.fromDate.date().toString('d MMM')} – "
                    f"{self.ui.toDate.date().toString('d MMM')}"
                )
            found.append(("dates", dates))
        return found

    def clear_filter(self, name: str) -> None:
        """Turn one filter off (a chip's "x"); the list follows through filters_changed."""
        if name == "words":
            self.ui.searchEdit.clear()
        widget = {
            "statuses": self.ui.statusCombo,
            "priorities": self.ui.priorityCombo,
            "roles": self.ui.roleCombo,
            "dates": self.ui.dateCombo,
        }.get(name)
        if widget is not None:
            widget.setCurrentIndex(0)
        self._emit()

    def clear_quick_filters(self) -> None:
        """Every filter but the words off, without a signal: another inbox was chosen, and
        a filter set for the last one must not narrow this one unseen."""
        combos = (
            self.ui.statusCombo,
            self.ui.priorityCombo,
            self.ui.roleCombo,
            self.ui.dateCombo,
        )
        for combo in combos:
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._date_choice_shown()
        self._filters = self.current()

    def clear_filters(self) -> None:
        """Back to the inbox as it is: no words, every filter off, without a signal (the
        caller loads the list it wants)."""
        widgets = (
            self.ui.searchEdit,
            self.ui.statusCombo,
            self.ui.priorityCombo,
            self.ui.roleCombo,
            self.ui.dateCombo,
        )
        for widget in widgets:
            widget.blockSignals(True)
        self._timer.stop()
        self.ui.searchEdit.clear()
        for combo in widgets[1:]:
            combo.setCurrentIndex(0)  # type: ignore[attr-defined]
        for widget in widgets:
            widget.blockSignals(False)
        self._date_choice_shown()
        self._filters = CaseFilter()

    # -- keyboard --------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.ui.searchEdit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.ui.searchEdit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.ui.searchEdit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            if event.key() == Qt.Key.Key_Escape:
                self.done.emit()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Down):
                self._emit()
                self.done.emit()
                return True
        return super().eventFilter(watched, event)


def _data(combo: QComboBox) -> Any:
    return combo.currentData()
