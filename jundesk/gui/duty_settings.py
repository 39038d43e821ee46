"""The "Duty and notifications" settings: the weekly on-duty schedule, the sound, the
language of the console, and the town's 112 policy for urgent cases nobody covers.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from jundesk.app.duty import DutyPolicy
from jundesk.app.schedule import WEEKDAYS, Shift, WeeklySchedule
from jundesk.app.uncovered_urgent import REPLY_112
from jundesk.gui import theme
from jundesk.gui.translations import LANGUAGE_NAMES, LANGUAGES

_DAY_NAMES = (
    QT_TRANSLATE_NOOP("DutySettingsDialog", "Monday"),
    QT_TRANSLATE_NOOP("DutySettingsDialog", "Tuesday"),
    QT_TRANSLATE_NOOP("DutySettingsDialog", "Wednesday"),
    QT_TRANSLATE_NOOP("DutySettingsDialog", "Thursday"),
    QT_TRANSLATE_NOOP("DutySettingsDialog", "Friday"),
    QT_TRANSLATE_NOOP("DutySettingsDialog", "Saturday"),
    QT_TRANSLATE_NOOP("DutySettingsDialog", "Sunday"),
)
DEFAULT_SHIFT = Shift(time(8), time(15))


class DayRow:
    """One weekday of the schedule: on duty or not, from, to."""

    def __init__(self, dialog: DutySettingsDialog, index: int, shifts: tuple[Shift, ...]) -> None:
        name = QCoreApplication.translate("DutySettingsDialog", str(_DAY_NAMES[index]))
        self.enabled = QCheckBox(name, dialog)
        self.start = QTimeEdit(dialog)
        self.end = QTimeEdit(dialog)
        start_name = QCoreApplication.translate("DutySettingsDialog", "from")
        end_name = QCoreApplication.translate("DutySettingsDialog", "to")
        for edit, what in ((self.start, start_name), (self.end, end_name)):
            edit.setDisplayFormat("HH:mm")
            edit.setAccessibleName(f"{name} {what}")
            # The word-wrapped hints above make the layout's minimum too small for
            # spin boxes; they must never be squeezed below a readable height.
            edit.setMinimumHeight(edit.sizeHint().height())
        self.night = QLabel(
            QCoreApplication.translate("DutySettingsDialog", "ends the next day"), dialog
        )
        self.night.setObjectName("dutySettingsHint")
        first = shifts[0] if shifts else DEFAULT_SHIFT
        # A hand-edited second shift is kept as it is: the editor shows the first one.
        self.extra = shifts[1:]
        self.enabled.setChecked(bool(shifts))
        self.start.setTime(QTime(first.start.hour, first.start.minute))
        self.end.setTime(QTime(first.end.hour, first.end.minute))
        self.enabled.toggled.connect(self._update)
        self.start.timeChanged.connect(self._update)
        self.end.timeChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        on = self.enabled.isChecked()
        self.start.setEnabled(on)
        self.end.setEnabled(on)
        self.night.setVisible(on and self.end.time() <= self.start.time())

    def shifts(self) -> tuple[Shift, ...]:
        if not self.enabled.isChecked():
            return ()
        start, end = self.start.time(), self.end.time()
        first = Shift(time(start.hour(), start.minute()), time(end.hour(), end.minute()))
        return (first, *self.extra)


class DutySettingsDialog(QDialog):
    """Edits the duty settings of this desk; on OK it saves them through the policy.
    `languageChanged(code)` says the console's language setting changed ("" = system)."""

    languageChanged = Signal(str)

    def __init__(self, policy: DutyPolicy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.policy = policy
        settings = policy.settings
        self.setObjectName("dutySettings")
        self.setWindowTitle(self.tr("Duty and notifications"))
        self.setWindowIcon(theme.icon("settings"))

        # -- schedule
        schedule_box = QGroupBox(self.tr("Weekly schedule"), self)
        self.use_schedule = QCheckBox(
            self.tr("Go on and off duty by this schedule (local time)"), schedule_box
        )
        self.use_schedule.setChecked(settings.duty_schedule_enabled)
        hint = QLabel(
            self.tr(
                "Outside these hours the desk is off duty: no sounds, no pop-ups. The toolbar "
                "button still puts you on or off duty until the schedule next changes."
            ),
            schedule_box,
        )
        hint.setObjectName("dutySettingsHint")
        hint.setWordWrap(True)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        schedule = policy.schedule
        self.days: list[DayRow] = []
        for index in range(len(WEEKDAYS)):
            row = DayRow(self, index, tuple(schedule.shifts.get(index, ())))
            grid.addWidget(row.enabled, index, 0)
            grid.addWidget(row.start, index, 1)
            grid.addWidget(QLabel("–", self), index, 2)
            grid.addWidget(row.end, index, 3)
            grid.addWidget(row.night, index, 4)
            self.days.append(row)
        grid.setColumnStretch(4, 1)
        self.use_schedule.toggled.connect(self._schedule_toggled)
        self._schedule_toggled(self.use_schedule.isChecked())
        box_layout = QVBoxLayout(schedule_box)
        box_layout.addWidget(self.use_schedule)
        box_layout.addWidget(hint)
        box_layout.addLayout(grid)

        # -- notifications and language
        desk_box = QGroupBox(self.tr("This desk"), self)
        self.sound = QCheckBox(self.tr("Play a sound when a case comes in"), desk_box)
        self.sound.setChecked(settings.notification_sound)
        self.language = QComboBox(desk_box)
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem(self.tr("System language"), "")
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        current = self.language.findData(settings.language)
        self.language.setCurrentIndex(max(0, current))
        restart = QLabel(self.tr("A new language shows the next time JunDesk starts."), desk_box)
        restart.setObjectName("dutySettingsHint")
        restart.setWordWrap(True)
        form = QFormLayout(desk_box)
        form.addRow(self.sound)
        form.addRow(self.tr("Language:"), self.language)
        form.addRow(restart)

        # -- town policy
        town_box = QGroupBox(self.tr("Urgent cases nobody covers"), self)
        told = QLabel(
            self.tr(
                "When an urgent case comes in and nobody on duty covers its role, the front "
                "desk is told."
            ),
            town_box,
        )
        told.setWordWrap(True)
        self.reply_112 = QCheckBox(
            self.tr("Also answer the citizen in public, pointing to 112"), town_box
        )
        self.reply_112.setChecked(settings.auto_reply_112)
        preview = QLabel(self.tr("The answer, in the citizen's language:"), town_box)
        preview.setObjectName("dutySettingsHint")
        # Shown as the citizen will read it; it is our own fixed text, still shown plain.
        self.reply_preview = QLabel(
            "\n\n".join(REPLY_112[lang].format(handle="vecino") for lang in ("es", "en")),
            town_box,
        )
        self.reply_preview.setTextFormat(Qt.TextFormat.PlainText)
        self.reply_preview.setWordWrap(True)
        town_layout = QVBoxLayout(town_box)
        town_layout.addWidget(told)
        town_layout.addWidget(self.reply_112)
        town_layout.addWidget(preview)
        town_layout.addWidget(self.reply_preview)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(schedule_box)
        layout.addWidget(desk_box)
        layout.addWidget(town_box)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        self.resize(self.sizeHint())

    def _schedule_toggled(self, on: bool) -> None:
        for row in self.days:
            for widget in (row.enabled, row.start, row.end):
                widget.setEnabled(on)
            if on:
                row._update()

    def schedule(self) -> WeeklySchedule:
        return WeeklySchedule(
            {index: row.shifts() for index, row in enumerate(self.days) if row.shifts()}
        )

    def accept(self) -> None:
        settings = self.policy.settings
        language = str(self.language.currentData() or "")
        changed_language = language != settings.language
        settings.language = language
        settings.notification_sound = self.sound.isChecked()
        settings.auto_reply_112 = self.reply_112.isChecked()
        schedule, enabled = self.schedule(), self.use_schedule.isChecked()
        if schedule != self.policy.schedule or enabled != settings.duty_schedule_enabled:
            # A new schedule replaces the toggle's override; set_schedule saves everything.
            self.policy.set_schedule(schedule, enabled)
        else:
            self.policy.save()
        if changed_language:
            self.languageChanged.emit(language)
        super().accept()
