"""The desk's window: inboxes on the left, the case list in the middle, the case on the
right; intake's health below. It wires the engine's news (through the bridge) to the
views, and the actions (buttons, menus, keys) to the commands."""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gc
from dataclasses import fields, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QModelIndex, QRect, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QPalette,
    QShortcut,
)
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QSizePolicy, QWidget

from jundesk.app.available_actions import TriageAction, available_actions
from jundesk.app.desk_state import DeskState
from jundesk.app.duty import DutyPolicy
from jundesk.app.ingest import IngestReport
from jundesk.app.intake_loop import IntakeHealth
from jundesk.app.locations import config_dir
from jundesk.app.settings import Settings
from jundesk.app.town_status import CollectorRole, SyncHealth
from jundesk.core.case_filter import CaseFilter
from jundesk.core.model import UNROUTED, CaseSummary, Priority
from jundesk.gui.about_dialog import AboutDialog
from jundesk.gui.case_commands import CaseCommands
from jundesk.gui.case_detail import NOTE_DRAFT, REPLY_DRAFT, CaseDetail, read_case_detail
from jundesk.gui.case_list_model import CaseListModel, StoreCases
from jundesk.gui.case_locator import row_in
from jundesk.gui.display_names import case_label
from jundesk.gui.duty_watch import DutyWatch
from jundesk.gui.filter_chips import FilterChips
from jundesk.gui.forms.ui_main_window import Ui_MainWindow
from jundesk.gui.inbox_delegate import InboxDelegate
from jundesk.gui.inbox_model import (
    ALL_OPEN_KEY,
    ROLE_PREFIX,
    UNROUTED_KEY,
    Inbox,
    InboxModel,
    desk_inboxes,
)
from jundesk.gui.session import DeskSession
from jundesk.gui.settings_dialog import SettingsDialog
from jundesk.gui.text_focus import TextBoxKeys
from jundesk.gui.theme import colour, icon
from jundesk.sync.claims import ClaimLost

if TYPE_CHECKING:
    from jundesk.gui.records_view import RecordsView

TICK_MS = 5_000  # ages and the case header move on
COUNTS_MIN_GAP_MS = 400  # inbox counts are re-read at most this often
MESSAGE_MS = 12_000
# What a window manager adds around the window (title bar, borders), before it is known.
FRAME_ALLOWANCE = QSize(8, 36)

ICONS = {
    "actionAcknowledge": "acknowledge",
    "actionAssignToMe": "assign",
    "actionAssign": "assign",
    "actionReroute": "reroute",
    "actionPriorityUrgent": "urgent",
    "actionNote": "note",
    "actionReply": "reply",
    "actionResolve": "resolve",
    "actionReopen": "reopen",
    "actionMerge": "merge",
    "actionPriorityHigh": "priority",
    "actionLogComplaint": "new_case",
    "actionSearch": "search",
}


def window_settings() -> QSettings:
    """Window geometry and column widths (the desk's preferences live in Settings)."""
    return QSettings(str(config_dir() / "window.ini"), QSettings.Format.IniFormat)


# The case list's column widths, kept under a key of their own per set of columns: a state
# saved before the channel column was added would put every width one column off.
COLUMNS_KEY = "case_columns"


class MainWindow(QMainWindow):
    closed = Signal()
    detail_shown = Signal(str)  # case id, after the case view shows it (tests, benchmarks)
    counts_updated = Signal()

    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        ui = self.ui
        session.tasks.on_error = self._task_failed
        self.commands = CaseCommands(session, self, self)
        self._detail: CaseDetail | None = None
        self._detail_generation = 0
        self._filters = CaseFilter()
        self._inbox: Inbox | None = None
        self._closing = False
        self._list_task: object = None  # the list's load for the current query
        self._reveal_generation = 0
        self._row_before_refresh = -1
        self.day_over_label: QLabel | None = None  # the demo's "day is over" note

        # The inboxes and the case list.
        self.inboxes = InboxModel(desk_inboxes(session.desk_roles, session.person), self)
        ui.inboxList.setModel(self.inboxes)
        ui.inboxList.setItemDelegate(InboxDelegate(ui.inboxList))
        self.cases = CaseListModel(StoreCases(session), session.tasks, self)
        self.cases.set_desk_roles(session.settings.desk_roles)
        ui.caseView.set_desk_roles(session.settings.desk_roles)
        ui.caseTable.setModel(self.cases)
        ui.searchBar.set_roles(session.known_roles)
        self._style_titles()

        # Actions: one QAction per command, shared by menu, toolbar, button and key.
        self.actions_by_name = {
            "acknowledge": ui.actionAcknowledge,
            "take": ui.actionAssignToMe,
            "assign": ui.actionAssign,
            "reroute": ui.actionReroute,
            "resolve": ui.actionResolve,
            "reopen": ui.actionReopen,
            "merge": ui.actionMerge,
        }
        for name, glyph in ICONS.items():
            action = getattr(ui, name)
            with contextlib.suppress(KeyError):  # an icon the set lacks: text alone
                action.setIcon(icon(glyph))
        with contextlib.suppress(KeyError):
            ui.menuPriority.setIcon(icon("priority"))
        ui.caseView.bind_actions(self.actions_by_name, ui.menuPriority)
        for action in self.findChildren(QAction):
            # Shortcuts work wherever focus is in the window; editors keep their letters.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self._connect_actions()
        self.records_view: RecordsView | None = None
        self.summary_dialog: QWidget | None = None
        self.records_action = QAction(self.tr("&Records…"), self)
        self.records_action.setToolTip(self.tr("The town's record: figures, plots, records"))
        self.records_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.records_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.records_action.triggered.connect(self.open_records)
        ui.menuView.addAction(self.records_action)
        self._inbox_shortcuts: list[QShortcut] = []
        for row in range(min(9, self.inboxes.rowCount())):
            shortcut = QShortcut(QKeySequence(f"Ctrl+{row + 1}"), self)
            shortcut.activated.connect(functools.partial(self.select_inbox, row))
            self._inbox_shortcuts.append(shortcut)
        ui.actionLogComplaint.setVisible(session.is_front_desk)

        # News from the engine and from the views.
        bridge = session.bridge
        bridge.report.connect(self._on_report)
        bridge.health.connect(self._on_health)
        bridge.changed.connect(self._on_changed)
        bridge.sync_health.connect(self._on_sync_health)
        bridge.claim_lost.connect(self._on_claim_lost)
        bridge.role.connect(self._on_role)
        ui.inboxList.selectionModel().currentChanged.connect(self._inbox_chosen)
        ui.caseTable.selectionModel().currentChanged.connect(self._case_chosen)
        ui.caseTable.selectionModel().selectionChanged.connect(self._update_actions)
        self.cases.loaded.connect(self._list_loaded)
        self.cases.counted.connect(lambda: self.ui.listTitle.setText(self._list_title()))
        self.cases.refreshAboutToApply.connect(self._remember_current_row)
        self.cases.refreshApplied.connect(self._list_refreshed)
        self.cases.dataChanged.connect(self._rows_read)
        ui.searchBar.filters_changed.connect(self._filters_changed)
        # Each filter on shows as a chip above the list, with an "x" to turn it off.
        self.filter_chips = FilterChips(ui.listPane)
        ui.listLayout.insertWidget(ui.listLayout.indexOf(ui.searchBar) + 1, self.filter_chips)
        self.filter_chips.removed.connect(ui.searchBar.clear_filter)
        self.filter_chips.clearAll.connect(self._clear_all_filters)
        ui.searchBar.done.connect(self.focus_list)
        # Esc in any text box goes back to the list; typing keys never fire shortcuts there.
        self.text_keys = TextBoxKeys(self)
        self.text_keys.escaped.connect(self.focus_list)
        reply = ui.caseView.reply_box
        reply.attach_pending(self.commands.pending, session.settings.x_handle)
        # After sending, the keys go to the list again: a letter typed next is a command
        # on the case, never text in a box the desk has left.
        reply.send_requested.connect(self.commands.queue_reply)
        reply.send_requested.connect(self.focus_list)
        reply.draft_changed.connect(
            lambda case_id, text: self.commands.save_draft(case_id, REPLY_DRAFT, text)
        )
        ui.caseView.note_requested.connect(self.commands.add_note)
        ui.caseView.note_requested.connect(self.focus_list)
        ui.caseView.note_draft_changed.connect(
            lambda case_id, text: self.commands.save_draft(case_id, NOTE_DRAFT, text)
        )
        self.commands.done.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.commands.failed.connect(lambda text: self.show_message(text, error=True))
        self.commands.reply_sent.connect(reply.sent)
        self.commands.reply_failed.connect(reply.failed)
        self.commands.note_refused.connect(ui.caseView.note_refused)
        self.commands.case_created.connect(self._case_created)

        # Clocks.
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)
        self._tick.timeout.connect(self._on_tick)
        self._tick.start()
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(COUNTS_MIN_GAP_MS)
        self._counts_timer.timeout.connect(self._read_counts)
        self._counts_running = False
        self._counts_again = False
        # Changes heard (reports, changed cases) and the number heard when the inbox counts
        # now shown were read: equal, those counts are the list's own and need no recount.
        self._changes = 0
        self._counts_as_of = -1
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(ui.messageLabel.hide)

        # Duty: the on/off toggle (toolbar, File menu, tray), notifications and the
        # "while you were off" summary; see duty_watch.py.
        self.duty = self._setup_duty()

        status = self.ui.statusbar
        status.set_interval(session.settings.poll_interval)
        # In a town, intake runs at whichever desk holds the town's intake: not a fault here.
        status.set_intake_off(not session.has_intake and not session.in_town)
        self._set_title()
        self._restore_layout()
        self._update_actions()

    # -- starting ------------------------------------------------------------------------

    def start(self) -> None:
        """Show the first inbox and start intake (call on the running event loop)."""
        # The front desk starts on everything open; a role's desk on its first role.
        first = self.inboxes.row_of(ALL_OPEN_KEY) if self.session.is_front_desk else 0
        if self.inboxes.rowCount():
            self.select_inbox(max(0, first))
        self.refresh_counts()
        self.session.start_intake()
        # What exists now (modules, Qt wrappers, the engine) lives as long as the desk:
        # keeping it out of the collector's full passes spares the GUI ~100 ms pauses.
        gc.freeze()

    def _set_title(self) -> None:
        person = self.session.person
        demo = self.tr(" (demo)") if self.session.demo is not None else ""
        title = self.tr("JunDesk") + demo
        if person:
            title = f"{title} — {person}"
        self.setWindowTitle(title)

    def _style_titles(self) -> None:
        for label in (self.ui.inboxesTitle, self.ui.listTitle):
            font = label.font()
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 1.1)
            label.setFont(font)
        # The inboxes' names are never cut: the pane is as wide as the widest one needs.
        inboxes = self.ui.inboxList
        inbox_width = max(170, inboxes.sizeHintForColumn(0) + 2 * inboxes.frameWidth() + 4)
        self.ui.inboxPane.setMinimumWidth(inbox_width)
        self.ui.listPane.setMinimumWidth(440)
        self.ui.caseView.setMinimumWidth(400)
        self.ui.splitter.setStretchFactor(0, 0)
        self.ui.splitter.setStretchFactor(1, 3)
        self.ui.splitter.setStretchFactor(2, 2)
        self.ui.splitter.setSizes([inbox_width, 1366 - 440 - inbox_width, 440])

    def _connect_actions(self) -> None:
        ui = self.ui
        c = self.commands
        ui.actionNextCase.triggered.connect(lambda: ui.caseTable.select_relative(1))
        ui.actionPreviousCase.triggered.connect(lambda: ui.caseTable.select_relative(-1))
        ui.actionAcknowledge.triggered.connect(c.acknowledge)
        ui.actionAssignToMe.triggered.connect(c.take)
        ui.actionAssign.triggered.connect(c.assign)
        ui.actionReroute.triggered.connect(c.reroute)
        ui.actionPriorityUrgent.triggered.connect(lambda: c.set_priority(Priority.URGENT))
        ui.actionPriorityHigh.triggered.connect(lambda: c.set_priority(Priority.HIGH))
        ui.actionPriorityNormal.triggered.connect(lambda: c.set_priority(Priority.NORMAL))
        ui.actionPriorityLow.triggered.connect(lambda: c.set_priority(Priority.LOW))
        ui.actionNote.triggered.connect(ui.caseView.focus_note)
        ui.actionReply.triggered.connect(ui.caseView.reply_box.focus_editor)
        ui.actionSendReply.triggered.connect(lambda: ui.caseView.reply_box._send())
        ui.actionResolve.triggered.connect(c.resolve)
        ui.actionReopen.triggered.connect(c.reopen)
        ui.actionMerge.triggered.connect(c.merge)
        ui.actionLogComplaint.triggered.connect(c.log_complaint)
        ui.actionSearch.triggered.connect(ui.searchBar.focus_search)
        ui.actionShowLinks.triggered.connect(ui.caseView.show_links_menu)
        ui.actionPollNow.triggered.connect(self.session.poll_now)
        ui.actionShortcuts.triggered.connect(self._show_shortcuts)
        ui.actionAbout.triggered.connect(self._show_about)
        ui.actionQuit.triggered.connect(self.close)

    # -- inboxes and filters ---------------------------------------------------------------

    def select_inbox(self, row: int) -> None:
        index = self.inboxes.index(row, 0)
        if index.isValid():
            self.ui.inboxList.setCurrentIndex(index)

    def _inbox_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        self._inbox = self.inboxes.inbox(current.row())
        if self._filters != CaseFilter(search=self._filters.search):
            # A quick filter set in the last inbox ("Show urgent cases") must not narrow
            # this one unseen: it goes; a word search (over all cases) stays.
            self.ui.searchBar.clear_quick_filters()
            self._filters = self.ui.searchBar.filters
        self._load_list()

    def _filters_changed(self, filters: CaseFilter) -> None:
        self._filters = filters
        self._load_list()

    def _show_chips(self) -> None:
        self.filter_chips.set_chips(self.ui.searchBar.chips())

    def _clear_all_filters(self) -> None:
        self.ui.searchBar.clear_filters()
        self._filters = CaseFilter()
        self._load_list()

    def current_query(self) -> CaseFilter | None:
        if self._inbox is None:
            return None
        query = self._inbox.query.narrowed(self._filters)
        if query.search:
            # A private message's words find its case only at the desks of its role.
            query = replace(query, private_roles=tuple(self.session.settings.desk_roles))
        return query

    def _load_list(self) -> None:
        # Whatever path loads the list, the chips say its filters: with the new rows (see
        # _list_loaded), or now when there are none to wait for.
        query = self.current_query()
        self._list_task = None
        if query is not None:
            self._list_task = self.cases.set_query(
                query, self._known_total(query), as_of=self._changes
            )
        if self._list_task is None:
            self._show_chips()

    def _known_total(self, query: CaseFilter) -> int | None:
        """The inbox's count as the inboxes show it, when `query` is the inbox's own and
        nothing changed since it was counted."""
        inbox = self._inbox
        if inbox is None or query != inbox.query or self._counts_as_of != self._changes:
            return None
        counts = self.inboxes.counts(inbox.key)
        return counts[0] if counts is not None else None

    def _list_title(self) -> str:
        total = self.cases.total
        counted = self.cases.total_known
        if self._filters.search:
            if not counted:
                return self.tr("“%1” in all cases: counting…").replace("%1", self._filters.search)
            return self.tr("“%1” in all cases: %Ln found", "", total).replace(
                "%1", self._filters.search
            )
        name = self._inbox.title if self._inbox else ""
        filtered = self.tr(" (filtered)") if self._filters != CaseFilter() else ""
        if not counted:
            return self.tr("%1: counting cases…%3").replace("%1", name).replace("%3", filtered)
        return self.tr("%1: %Ln case(s)%3", "", total).replace("%1", name).replace("%3", filtered)

    def _list_loaded(self) -> None:
        # The role column and the filter chips change with the rows, not before them: the
        # list would move, and its old rows be laid out and painted again while the new
        # ones are read.
        query = self.cases.query
        if query is not None:
            self.ui.caseTable.show_role_column(query.roles is None or len(query.roles) != 1)
        self._show_chips()
        self.ui.listTitle.setText(self._list_title())
        # Nothing opens by itself (opening marks a case read): j, a click or Enter does.
        current = self.ui.caseTable.currentIndex()
        if not current.isValid():
            self._detail_generation += 1
            self._show_detail(None)
        self._update_actions()

    def _remember_current_row(self) -> None:
        current = self.ui.caseTable.currentIndex()
        self._row_before_refresh = current.row() if current.isValid() else -1

    def _list_refreshed(self) -> None:
        self.ui.listTitle.setText(self._list_title())
        self._keep_current_case()
        self._update_actions()

    def _keep_current_case(self) -> None:
        """After a refresh the pane must still show the list's current case. If the case on
        show left this list (resolved, re-routed, filtered out), the list moves on to the
        case that took its row, and the status bar says so: nothing acts on a case that is
        not on show."""
        detail = self._detail
        if detail is None:
            return
        table = self.ui.caseTable
        if table.current_case_id() == detail.case.id:
            return
        row = self.cases.row_of(detail.case.id)
        if row >= 0:
            table.select_row(row)
            return
        left = case_label(detail.case.id, detail.author_handle)
        total = self.cases.rowCount()
        if total == 0:
            self._detail_generation += 1
            self._show_detail(None)
            self.statusBar().showMessage(
                self.tr("%1 left this list.").replace("%1", left), MESSAGE_MS
            )
            return
        target = min(max(self._row_before_refresh, 0), total - 1)
        table.select_row(target)
        summary = self.cases.summary_at(target)
        now = (
            case_label(summary.case.id, summary.author_handle)
            if summary is not None
            else self.tr("the next case")
        )
        self.statusBar().showMessage(
            self.tr("%1 left this list; now showing %2.").replace("%1", left).replace("%2", now),
            MESSAGE_MS,
        )

    def _rows_read(self, top_left: QModelIndex, bottom_right: QModelIndex, roles: object) -> None:
        # A block arrived: the current row's case may only now be known.
        current = self.ui.caseTable.currentIndex()
        if current.isValid() and top_left.row() <= current.row() <= bottom_right.row():
            case_id = self.cases.case_id_at(current.row())
            if case_id is not None and (self._detail is None or self._detail.case.id != case_id):
                self.load_detail(case_id)
            self._update_actions()

    # -- counts ----------------------------------------------------------------------------

    def refresh_counts(self) -> None:
        if self._counts_running:
            self._counts_again = True
        elif not self._counts_timer.isActive():
            self._counts_timer.start()

    def _read_counts(self) -> None:
        self._counts_running = True
        if self.session.tasks.spawn(self._counts(), "inbox counts") is None:
            self._counts_running = False

    async def _counts(self) -> None:
        inboxes = self.inboxes.inboxes()
        store = self.session.store
        as_of = self._changes

        def read() -> dict[str, tuple[int, int]]:
            counts = {}
            for inbox in inboxes:
                total = store.count_cases(inbox.query)
                unread = store.count_unread(inbox.query) if inbox.counts_unread and total else 0
                counts[inbox.key] = (total, unread)
            return counts

        try:
            counts = await self.session.count(read)
            self.inboxes.set_counts(counts)
            self._counts_as_of = as_of
            self.counts_updated.emit()
        finally:
            self._counts_running = False
            if self._counts_again:
                self._counts_again = False
                self.refresh_counts()

    # -- the case on show --------------------------------------------------------------------

    def _case_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        case_id = self.cases.case_id_at(current.row()) if current.isValid() else None
        if case_id is None:
            return  # not read yet: _rows_read updates the actions when it is
        if self._detail is None or self._detail.case.id != case_id:
            self.load_detail(case_id)
        self._update_actions()

    def load_detail(self, case_id: str) -> None:
        self._detail_generation += 1
        self.session.tasks.spawn(self._read_detail(self._detail_generation, case_id), "case detail")

    async def _read_detail(self, generation: int, case_id: str) -> None:
        detail = await self.session.read(read_case_detail, self.session.store, case_id)
        if generation != self._detail_generation or self._closing:
            return
        self._show_detail(detail)

    def _show_detail(self, detail: CaseDetail | None) -> None:
        self._detail = detail
        view = self.ui.caseView
        if detail is None:
            view.clear()
        else:
            view.show_detail(detail, self._filters.search or "")
            self.commands.mark_seen(detail.case.id, detail.case.last_event_id)
            self.cases.mark_seen(detail.case.id, detail.case.last_event_id)
            self.refresh_counts()
            self.detail_shown.emit(detail.case.id)
        self._update_actions()

    def focus_list(self) -> None:
        self.ui.caseTable.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_detail(self) -> CaseDetail | None:
        """The case on show, when it is the list's current case; None while they differ
        (a new case being read), so that no action lands on a case the desk doesn't see."""
        detail = self._detail
        if detail is None or self.ui.caseTable.current_case_id() != detail.case.id:
            return None
        return detail

    def selected_summaries(self) -> list[CaseSummary]:
        """The selected cases as the list holds them; none while the pane does not show
        the list's current case."""
        detail = self.current_detail()
        if detail is None:
            return []
        summaries = []
        for case_id in self.ui.caseTable.selected_case_ids():
            if detail.case.id == case_id:
                # The case on show was read last: the list's row may not be re-read yet.
                summaries.append(detail.summary)
                continue
            row = self.cases.row_of(case_id)
            summary = self.cases.summary_at(row) if row >= 0 else None
            if summary is not None:
                summaries.append(summary)
        return summaries or [detail.summary]

    def label_for(self, case_id: str) -> str:
        """A case as messages name it (short id and @author), from what the window holds."""
        if self._detail is not None and self._detail.case.id == case_id:
            return case_label(case_id, self._detail.author_handle)
        row = self.cases.row_of(case_id)
        summary = self.cases.summary_at(row) if row >= 0 else None
        return case_label(case_id, summary.author_handle if summary else "")

    def known_assignees(self) -> list[str]:
        """People seen assigned in the held rows: the assign dialog offers them."""
        seen: list[str] = []
        for row in range(min(self.cases.rowCount(), 400)):
            summary = self.cases.summary_at(row)
            if summary and summary.case.assignee and summary.case.assignee not in seen:
                seen.append(summary.case.assignee)
        return seen

    def _update_actions(self, *_: object) -> None:
        """Each action enabled as app/available_actions.py says, for the selected cases
        and the case on show."""
        detail = self.current_detail()
        available = available_actions(
            self.selected_summaries(),
            detail.case if detail is not None else None,
            person=self.session.person,
            answerable=detail is not None and detail.answerable is not None,
        )
        ui = self.ui
        for rule, actions in (
            (TriageAction.ACKNOWLEDGE, (ui.actionAcknowledge,)),
            (TriageAction.TAKE, (ui.actionAssignToMe,)),
            (TriageAction.ASSIGN, (ui.actionAssign,)),
            (TriageAction.REROUTE, (ui.actionReroute,)),
            (
                TriageAction.PRIORITY,
                (
                    ui.menuPriority.menuAction(),
                    ui.actionPriorityUrgent,
                    ui.actionPriorityHigh,
                    ui.actionPriorityNormal,
                    ui.actionPriorityLow,
                ),
            ),
            (TriageAction.RESOLVE, (ui.actionResolve,)),
            (TriageAction.REOPEN, (ui.actionReopen,)),
            (TriageAction.MERGE, (ui.actionMerge,)),
            (TriageAction.NOTE, (ui.actionNote,)),
            (TriageAction.REPLY, (ui.actionReply, ui.actionSendReply)),
        ):
            for action in actions:
                action.setEnabled(rule in available)
        ui.actionShowLinks.setEnabled(detail is not None and bool(ui.caseView.links()))

    # -- news from the engine ----------------------------------------------------------------

    def _on_report(self, report: IngestReport) -> None:
        self._changes += 1
        self.cases.refresh()
        self.refresh_counts()
        if self._detail is not None and self._detail.case.id in report.followups:
            self.load_detail(self._detail.case.id)

    def _on_changed(self, case_ids: list[str]) -> None:
        self._changes += 1
        self.cases.refresh()
        self.refresh_counts()
        if self._detail is not None and self._detail.case.id in case_ids:
            self.load_detail(self._detail.case.id)

    def _on_health(self, health: IntakeHealth) -> None:
        self.ui.statusbar.set_health(health)

    def _case_created(self, case_id: str) -> None:
        self.open_case(case_id)

    # -- opening a case from elsewhere (a notification, the summary, a new complaint) -----

    def open_case(self, case_id: str) -> None:
        """Make `case_id` the current case: its row selected in the list (switching inbox
        and clearing the filters when the list on show does not hold it) and open in the
        pane, so every action that follows acts on it."""
        self._reveal_generation += 1
        self.session.tasks.spawn(self._reveal(self._reveal_generation, case_id), "open case")

    async def _reveal(self, generation: int, case_id: str) -> None:
        store = self.session.store
        case = await self.session.read(store.get_case, case_id)
        if case is None or generation != self._reveal_generation or self._closing:
            return
        query = self.current_query()
        row = await self.session.read(row_in, store, query, case) if query else None
        if row is None:
            current = self.ui.inboxList.currentIndex().row()
            role_inbox = self.inboxes.row_of(ROLE_PREFIX + case.role)
            if case.role == UNROUTED:
                role_inbox = self.inboxes.row_of(UNROUTED_KEY)
            candidates = [current, role_inbox, self.inboxes.row_of(ALL_OPEN_KEY)]
            candidates += range(self.inboxes.rowCount())
            target = -1
            for inbox_row in dict.fromkeys(r for r in candidates if r >= 0):
                inbox_query = self.inboxes.inbox(inbox_row).query
                row = await self.session.read(row_in, store, inbox_query, case)
                if row is not None:
                    target = inbox_row
                    break
            if generation != self._reveal_generation or self._closing:
                return
            if target < 0:
                self.show_message(
                    self.tr("%1 is in none of this desk's inboxes.").replace(
                        "%1", case_label(case_id)
                    )
                )
                return
            self.ui.searchBar.clear_filters()
            self._filters = CaseFilter()
            if target != current:
                self.select_inbox(target)  # loads the list
            else:
                self._load_list()
        elif self.cases.row_of(case_id) < 0:
            self._load_list()  # a case newer than the rows held: read the list afresh
        task = self._list_task
        if isinstance(task, asyncio.Future) and not task.done():
            await task
            if generation != self._reveal_generation or self._closing:
                return
        held = self.cases.row_of(case_id)
        table = self.ui.caseTable
        table.select_row(held if held >= 0 else row)
        table.setFocus(Qt.FocusReason.OtherFocusReason)
        if table.current_case_id() is None:
            self.load_detail(case_id)  # its block is on its way; the pane needn't wait

    def _on_tick(self) -> None:
        self.cases.tick()
        self.ui.caseView.tick()
        self._check_demo_day()

    def _check_demo_day(self) -> None:
        """The demo's simulated day ran out: say so, once, where it stays in sight."""
        town = self.session.demo
        if town is None or self.day_over_label is not None or not town.day_over:
            return
        label = QLabel(
            self.tr("The simulated day is over: all %n post(s) are in.", "", len(town.day)),
            self,
        )
        label.setObjectName("demoDayOver")
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(label)
        self.day_over_label = label
        self.show_message(
            self.tr(
                "The simulated day in the demo is over: no more posts will come. "
                "Run 'jundesk demo' again for a new day."
            )
        )

    # -- duty and notifications ------------------------------------------------------------

    def _setup_duty(self) -> DutyWatch:
        session = self.session
        # The demo's settings point at its local server, and its duty is the demo's: never
        # saved over the desk's own.
        if session.demo is not None:
            policy = DutyPolicy(
                session.settings, state=DeskState(), save=lambda: None, save_state=lambda: None
            )
        else:
            policy = DutyPolicy(
                session.settings, save=lambda: session.settings.save(session.settings_path)
            )
        duty = DutyWatch(policy, window=self, store=session.store, actions=session.actions)
        if session.engine.duty is not None:
            # In a town, the desk's duty goes on the hub's board, and the board says who
            # else covers a role (for the uncovered-urgent policy).
            self._unhook_town_duty = session.engine.duty.attach(policy)
        ui = self.ui
        spacer = QWidget(ui.mainToolBar)  # the toggle sits at the toolbar's far end
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        ui.mainToolBar.addWidget(spacer)
        ui.mainToolBar.addAction(duty.duty_action)
        settings = QAction(icon("settings"), self.tr("Duty and &notifications…"), self)
        settings.triggered.connect(duty.open_settings)
        ui.menuFile.insertAction(ui.actionQuit, duty.duty_action)
        ui.menuFile.insertAction(ui.actionQuit, settings)
        self.settings_action = QAction(icon("settings"), self.tr("&Settings…"), self)
        self.settings_action.setObjectName("actionSettings")
        self.settings_action.triggered.connect(self.open_settings)
        ui.menuFile.insertAction(ui.actionQuit, self.settings_action)
        ui.menuFile.insertSeparator(ui.actionQuit)
        ui.centralLayout.insertWidget(0, duty.make_banner(ui.centralwidget))
        session.bridge.report.connect(duty.handle_report)
        if duty.escalation is not None:
            # SLA timers in the list count against the desk's targets; an acknowledgement
            # stops the escalation's sound at once.
            self.cases.set_sla(duty.escalation.targets)
            session.bridge.changed.connect(duty.escalation.check_soon)
        duty.caseRequested.connect(self.open_case)
        duty.urgentRequested.connect(self._show_urgent)
        duty.tray.quitRequested.connect(self.close)
        return duty

    def open_settings(self) -> SettingsDialog:
        """The desk's settings; saved and applied when the person saves them."""
        source = self.session.engine.source
        dialog = SettingsDialog(
            self.session.settings, source.credentials if source is not None else None, self
        )
        dialog.applied.connect(self._settings_saved)
        dialog.open()
        return dialog

    def _settings_saved(self, edited: Settings) -> None:
        session = self.session
        for name in (f.name for f in fields(Settings)):
            setattr(session.settings, name, getattr(edited, name))  # one object, shared
        if session.demo is None:  # the demo's settings never go over the desk's own
            try:
                session.settings.save(session.settings_path)
            except OSError as error:
                self.show_message(
                    self.tr("The settings could not be saved: %1").replace("%1", str(error)),
                    error=True,
                )
        self.cases.set_desk_roles(session.settings.desk_roles)
        self.ui.caseView.set_desk_roles(session.settings.desk_roles)
        if self.duty.escalation is not None:
            self.duty.escalation.reload_settings()
            self.cases.set_sla(self.duty.escalation.targets)
        self.duty.refresh()  # the tray and the banner say the new settings
        if self.records_view is not None:  # targets and calendars may have changed
            from jundesk.app.records import Records

            self.records_view.use(Records(session.store, session.settings))
        self.statusBar().showMessage(self.tr("Settings saved."), 6000)

    # -- the town's hub ----------------------------------------------------------------------

    def _on_sync_health(self, health: SyncHealth) -> None:
        self.ui.statusbar.set_sync_health(health)
        if self.session.engine.duty is not None and self.session.is_front_desk:
            self.session.tasks.spawn(self._read_uncovered(), "duty board")

    async def _read_uncovered(self) -> None:
        town = self.session.engine.duty
        if town is None or self._closing:
            return
        roles = await town.uncovered_roles()
        if not self._closing:
            self.ui.statusbar.set_uncovered(roles)

    def _on_role(self, role: CollectorRole) -> None:
        self.ui.statusbar.set_collector_role(role)

    def _on_claim_lost(self, lost: ClaimLost) -> None:
        """Two desks took the same case while apart: say who has it now."""
        text = self.tr("Case %1 is assigned to %2 (%3), not to you: their claim came first.")
        self.statusBar().showMessage(
            text.replace("%1", self.label_for(lost.case_id))
            .replace("%2", lost.winner or self.tr("nobody"))
            .replace("%3", lost.winner_desk),
            15000,
        )
        self.refresh_counts()

    def _show_urgent(self) -> None:
        combo = self.ui.searchBar.ui.priorityCombo
        for row in range(combo.count()):
            if combo.itemData(row) == (Priority.URGENT,):
                combo.setCurrentIndex(row)

    # -- messages ----------------------------------------------------------------------------

    def show_message(self, text: str, *, error: bool = False) -> None:
        label = self.ui.messageLabel
        label.setText(text)
        palette = label.palette()
        if error:
            label.setAutoFillBackground(True)
            palette.setColor(QPalette.ColorRole.Window, colour("urgent_bg"))
            palette.setColor(QPalette.ColorRole.WindowText, colour("urgent"))
        else:
            label.setAutoFillBackground(True)
            palette = self.palette()
            palette.setColor(
                QPalette.ColorRole.Window, self.palette().color(QPalette.ColorRole.AlternateBase)
            )
        label.setPalette(palette)
        label.show()
        self._message_timer.start(MESSAGE_MS)

    def message(self) -> str:
        return self.ui.messageLabel.text() if self.ui.messageLabel.isVisible() else ""

    def _task_failed(self, what: str, error: BaseException) -> None:
        self.show_message(
            self.tr("Something went wrong (%1): %2. The details are in the log.")
            .replace("%1", what)
            .replace("%2", str(error)),
            error=True,
        )

    def _show_shortcuts(self) -> None:
        lines = []
        for action in self.findChildren(QAction):
            if not action.shortcut().isEmpty() and action.text():
                key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                lines.append(f"{key}\t{action.text().replace('&', '')}")
        lines.append(self.tr("Ctrl+1…9\tGo to an inbox"))
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Keyboard shortcuts"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText("\n".join(sorted(lines)))
        box.open()

    def open_records(self) -> RecordsView:
        """The Records view (made once; pyqtgraph loads only when a desk asks for it)."""
        from jundesk.app.records import Records
        from jundesk.gui.records_view import RecordsView

        view = self.records_view
        if view is None:
            session = self.session
            view = RecordsView(
                Records(session.store, session.settings),
                session.desk_roles,
                town=session.is_front_desk,
                read=session.read,
                write=session.write,
                tasks=session.tasks,
                parent=self,
            )
            view.case_requested.connect(self._open_from_records)
            view.summary_requested.connect(self._weekly_summary)
            # The front desk drafts the town's week; a role's desk its own roles' week.
            view.summary_button.setVisible(True)
            self.records_view = view
        view.refresh()  # made once; each opening reads the record afresh
        view.show()
        view.raise_()
        view.activateWindow()
        return view

    def _weekly_summary(self) -> None:
        from jundesk.gui.translations import choose_language
        from jundesk.gui.weekly_summary_dialog import WeeklySummaryDialog

        view = self.records_view
        if view is None:
            return
        settings = self.session.settings
        dialog = WeeklySummaryDialog(
            view.records,
            self.commands,
            self.session.read,
            self.session.tasks,
            language=choose_language(settings.language),
            handle=settings.x_handle,
            roles=() if self.session.is_front_desk else self.session.desk_roles,
            parent=view,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.summary_dialog = dialog

    def _open_from_records(self, case_id: str) -> None:
        self.open_case(case_id)
        self.raise_()
        self.activateWindow()

    def _show_about(self) -> None:
        AboutDialog(self).open()

    # -- closing and remembering the layout --------------------------------------------------

    def _restore_layout(self) -> None:
        stored = window_settings()
        geometry = stored.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        for key, restore in (
            ("state", self.restoreState),
            ("splitter", self.ui.splitter.restoreState),
            (COLUMNS_KEY, self.ui.caseTable.horizontalHeader().restoreState),
        ):
            value = stored.value(key)
            if isinstance(value, QByteArray):
                restore(value)
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            self.fit_to(screen.availableGeometry())

    def fit_to(self, area: QRect) -> None:
        """Keep the window, its frame and its status bar (intake's health) within the
        screen's available area: a remembered or default size larger than the screen (the
        form's 1366x768 on a 1366x768 screen with a panel) would hide the bottom."""
        width = min(self.width(), area.width() - FRAME_ALLOWANCE.width())
        height = min(self.height(), area.height() - FRAME_ALLOWANCE.height())
        self.resize(max(width, 1), max(height, 1))
        frame = QRect(self.pos(), self.size() + FRAME_ALLOWANCE)
        if not area.contains(frame):
            self.move(
                area.left() + max(0, (area.width() - frame.width()) // 2),
                area.top() + max(0, (area.height() - frame.height()) // 2),
            )

    def save_layout(self) -> None:
        stored = window_settings()
        stored.setValue("geometry", self.saveGeometry())
        stored.setValue("state", self.saveState())
        stored.setValue("splitter", self.ui.splitter.saveState())
        stored.setValue(COLUMNS_KEY, self.ui.caseTable.horizontalHeader().saveState())
        stored.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True
        # A reply still in its undo delay is not published: it stays as the case's draft.
        self.commands.keep_waiting_replies()
        # Drafts waiting for their pause are queued on the writer now, before it closes.
        self.ui.caseView.flush_drafts()
        for timer in (self._tick, self._counts_timer, self._message_timer):
            timer.stop()
        self.cases.stop()
        bridge = self.session.bridge
        for signal, slot in (
            (bridge.report, self._on_report),
            (bridge.health, self._on_health),
            (bridge.changed, self._on_changed),
            (bridge.sync_health, self._on_sync_health),
            (bridge.claim_lost, self._on_claim_lost),
            (bridge.role, self._on_role),
        ):
            signal.disconnect(slot)
        self.save_layout()
        self.duty.tray.hide()
        if self.duty.escalation is not None:
            self.duty.escalation.stop()
        super().closeEvent(event)
        self.closed.emit()
