"""The weekly summary post: drafted from the record (app/records_summary.py) for a week
and a language, edited by the desk with X's length counted live, and published as a post
of the town account after the same undo delay as a reply."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jundesk.app.records import Records
from jundesk.app.records_summary import weekly_summary
from jundesk.core.x_text import remaining
from jundesk.gui.case_commands import TOWN_POST, CaseCommands
from jundesk.gui.tasks import TaskSet

WEEKS_OFFERED = 8
Run = Callable[..., Awaitable[Any]]


def last_mondays(today: date, weeks: int = WEEKS_OFFERED) -> list[date]:
    """The Mondays of this week and the weeks before it, the latest first."""
    monday = today - timedelta(days=today.weekday())
    return [monday - timedelta(weeks=n) for n in range(weeks)]


class WeeklySummaryDialog(QDialog):
    def __init__(
        self,
        records: Records,
        commands: CaseCommands,
        read: Run,
        tasks: TaskSet,
        *,
        language: str = "es",
        handle: str = "",
        roles: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.records = records
        self.roles = tuple(roles)  # a role's desk: its roles' week; empty: the town's
        self.commands = commands
        self._read = read
        self.tasks = tasks
        self.handle = handle
        self._generation = 0
        self.drafted = ""  # the last draft made (before the desk's edits)
        self.setWindowTitle(self.tr("Weekly summary"))

        self.week_box = QComboBox(self)
        for monday in last_mondays(datetime.now().date()):
            self.week_box.addItem(
                self.tr("Week of %1").replace(
                    "%1", QLocale().toString(QDate(monday), QLocale.FormatType.ShortFormat)
                ),
                monday.isoformat(),
            )
        # The last whole week unless it's Sunday, when this one is nearly whole.
        self.week_box.setCurrentIndex(0 if datetime.now().weekday() == 6 else 1)
        self.language_box = QComboBox(self)
        self.language_box.addItem("Español", "es")
        self.language_box.addItem("English", "en")
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(language)))
        form = QFormLayout()
        form.addRow(self.tr("&Week"), self.week_box)
        form.addRow(self.tr("&Language of the post"), self.language_box)

        self.editor = QPlainTextEdit(self)
        self.editor.setAccessibleName(self.tr("The post"))
        self.editor.setTabChangesFocus(True)
        self.counter = QLabel(self)
        self.counter.setTextFormat(Qt.TextFormat.PlainText)
        self.strip = QLabel(self)
        self.strip.setTextFormat(Qt.TextFormat.PlainText)
        self.strip.setWordWrap(True)
        self.undo_button = QPushButton(self.tr("&Undo"), self)
        self.undo_button.hide()
        strip_row = QHBoxLayout()
        strip_row.addWidget(self.strip, 1)
        strip_row.addWidget(self.undo_button)

        self.buttons = QDialogButtonBox(self)
        self.publish_button = self.buttons.addButton(
            self.tr("&Publish on the town's account"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.publish_button.clicked.connect(self.publish)
        self.undo_button.clicked.connect(self.undo)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.counter)
        layout.addLayout(strip_row)
        layout.addWidget(self.buttons)
        self.resize(560, 320)

        self._tick = QTimer(self)
        self._tick.setInterval(250)
        self._tick.timeout.connect(self._show_pending)
        self.editor.textChanged.connect(self._count)
        self.week_box.currentIndexChanged.connect(self.draft)
        self.language_box.currentIndexChanged.connect(self.draft)
        commands.post_sent.connect(self._sent)
        commands.post_failed.connect(self._failed)
        self._count()
        self.draft()

    # -- the draft ----------------------------------------------------------------------------

    def draft(self, *_: object) -> None:
        """Draft the chosen week's post afresh (the desk's edits are replaced)."""
        self._generation += 1
        monday = date.fromisoformat(self.week_box.currentData())
        language = self.language_box.currentData()
        self.strip.setText(self.tr("Drafting…"))
        self.tasks.spawn(self._draft(self._generation, monday, language), "weekly summary")

    async def _draft(self, generation: int, monday: date, language: str) -> None:
        text = await self._read(weekly_summary, self.records, monday, language, self.roles)
        if generation == self._generation:
            self.editor.setPlainText(text)
            self.strip.clear()
            self.drafted = text

    def _count(self) -> None:
        left = remaining(self.editor.toPlainText())
        self.counter.setText(self.tr("%1 characters left").replace("%1", str(left)))
        self.counter.setStyleSheet("color: #c62828" if left < 0 else "")
        pending = self.commands.pending_posts.text(TOWN_POST) is not None
        self.publish_button.setEnabled(
            bool(self.editor.toPlainText().strip()) and left >= 0 and not pending
        )

    # -- publishing ---------------------------------------------------------------------------

    def publish(self) -> None:
        text = self.editor.toPlainText().strip()
        if not text or remaining(text) < 0:
            return
        self.commands.queue_post(text)
        self.editor.setReadOnly(True)
        self.undo_button.show()
        self._tick.start()
        self._show_pending()

    def undo(self) -> None:
        text = self.commands.pending_posts.undo(TOWN_POST)
        self._tick.stop()
        self.undo_button.hide()
        self.editor.setReadOnly(False)
        if text is not None:
            self.editor.setPlainText(text)
            self.strip.setText(self.tr("Not published."))
        self._count()

    def _show_pending(self) -> None:
        left = self.commands.pending_posts.seconds_left(TOWN_POST)
        if self.commands.pending_posts.text(TOWN_POST) is None:
            self._tick.stop()
            self.undo_button.hide()
            self.strip.setText(self.tr("Publishing…"))
            return
        who = f"@{self.handle}" if self.handle else self.tr("the town's account")
        self.strip.setText(
            self.tr("Publishing as %1 in %2 s").replace("%1", who).replace("%2", str(left))
        )
        self._count()

    def _sent(self) -> None:
        self.strip.setText(self.tr("Published."))
        self.accept()

    def _failed(self, reason: str) -> None:
        self._tick.stop()
        self.undo_button.hide()
        self.editor.setReadOnly(False)
        self.strip.setText(reason)
        self._count()

    def done(self, result: int) -> None:
        # Closing while the post still waits takes it back: nothing goes out unseen.
        if self.commands.pending_posts.text(TOWN_POST) is not None:
            self.commands.pending_posts.undo(TOWN_POST)
        super().done(result)
