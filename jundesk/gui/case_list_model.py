"""The case list: a table model that pages from the store, so a million cases stay fast.

It holds a few blocks of BLOCK rows around what the view shows (frozen CaseSummary
dataclasses, never ORM rows); the row count is the database's count, and a block not
held yet is read on a reader thread when the view first asks for one of its rows. The
order (urgent first, then oldest) and every filter are the database's: nothing is sorted
here. refresh() re-reads the held blocks and keeps selections on the same cases.
"""

from __future__ import annotations

import asyncio
import functools
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from jundesk.app.sla import SlaTargets
from jundesk.core.case_filter import CaseFilter
from jundesk.core.display_text import one_line, without_leading_mentions
from jundesk.core.model import Case, CaseSummary
from jundesk.core.private_posts import shows_private
from jundesk.gui.display_names import channels_text, priority_name, role_name, status_name
from jundesk.gui.session import DeskSession
from jundesk.gui.sla_display import timer_text, timer_tooltip
from jundesk.gui.tasks import TaskSet
from jundesk.gui.theme import colour

# Rows per read. A switch waits for the first read alone: 50 rows fill a tall screen and
# read in a quarter of the time of 200 (their conversion to summaries is most of it).
BLOCK = 50
MAX_BLOCKS = 48  # blocks held at most (a few screens either side of the view)
REFRESH_DELAY_MS = 120  # coalesces a burst of changes into one re-read
FIRSTS_KEPT = 16  # first blocks kept for going back to a list (an inbox, a filter) unchanged

COL_PRIORITY, COL_AGE, COL_CHANNEL, COL_AUTHOR, COL_TEXT, COL_STATUS, COL_ROLE, COL_ASSIGNEE = (
    range(8)
)
# Drawn as icons or marks (case_row_delegates.py): their words are the tooltip and what a
# screen reader says.
ICON_COLUMNS = frozenset({COL_CHANNEL, COL_STATUS, COL_ROLE})
HEADERS = ("Priority", "Due", "Channel", "Author", "Report", "Status", "Role", "Assignee")

CaseIdRole = Qt.ItemDataRole.UserRole + 1
SummaryRole = Qt.ItemDataRole.UserRole + 2
PriorityRole = Qt.ItemDataRole.UserRole + 3
UnreadRole = Qt.ItemDataRole.UserRole + 4
LookRole = Qt.ItemDataRole.UserRole + 5  # the row's RowLook, for the delegates

AnyIndex = QModelIndex | QPersistentModelIndex

_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ToolTipRole,
        CaseIdRole,
        SummaryRole,
        PriorityRole,
        UnreadRole,
        LookRole,
    }
)


@dataclass(slots=True)
class RowLook:
    """Everything a row's cells show, worked out once per row and tick: the view asks each
    cell for several roles on every paint, and the delegates take it in one call."""

    summary: CaseSummary
    texts: tuple[str, ...]  # per column; the SLA timer as of the last tick
    unread: bool
    font: QFont | None  # bold while unread
    background: QColor | None  # red: an urgent case nobody acknowledged in time
    text: QColor | None
    timer: QColor | None
    # A private post this desk may not read (core/private_posts.py): no text, no author,
    # no place; the list says "Private message".
    withheld: bool = False
    # The report's lines, per (width, bold): wrapping measures words one by one.
    lines: dict[tuple[int, bool], list[str]] = field(default_factory=dict)


@dataclass
class Block:
    """BLOCK consecutive rows of the list, and which of them this desk has seen."""

    rows: tuple[CaseSummary, ...]
    seen: dict[str, str] = field(default_factory=dict)  # case id -> last event id seen

    def unread(self, summary: CaseSummary) -> bool:
        mark = self.seen.get(summary.case.id)
        return mark is None or mark < summary.case.last_event_id


class StoreCases:
    """Reads the list from the store on the session's reader threads."""

    def __init__(self, session: DeskSession) -> None:
        self.session = session

    def _block(self, query: CaseFilter, offset: int) -> Block:
        store = self.session.store
        rows = store.list_cases(query, limit=BLOCK, offset=offset)
        return Block(tuple(rows), store.seen_marks([r.case.id for r in rows]))

    def _window(self, query: CaseFilter, blocks: Sequence[int]) -> tuple[int, dict[int, Block]]:
        total = self.session.store.count_cases(query)
        return total, {b: self._block(query, b * BLOCK) for b in blocks if b * BLOCK < total}

    async def count(self, query: CaseFilter) -> int:
        return await self.session.read(self.session.store.count_cases, query)

    async def window(
        self, query: CaseFilter, blocks: Sequence[int]
    ) -> tuple[int, dict[int, Block]]:
        """The count and the given blocks, read in one trip to a reader thread."""
        return await self.session.read(functools.partial(self._window, query, list(blocks)))

    async def block(self, query: CaseFilter, index: int) -> Block:
        return await self.session.read(self._block, query, index * BLOCK)


class CaseListModel(QAbstractTableModel):
    refreshAboutToApply = Signal()  # the view notes which case is at its top
    refreshApplied = Signal()  # ... and scrolls back to it
    loaded = Signal()  # a new query's first rows are in
    counted = Signal()  # ... and its row count, when it came after them

    def __init__(self, source: StoreCases, tasks: TaskSet, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._source = source
        self._tasks = tasks
        self._query: CaseFilter | None = None
        self._total = 0
        # False between a query's first rows and its count: `total` is then the rows read
        # so far, and the list's title says it is still counting.
        self._exact = True
        self._blocks: OrderedDict[int, Block] = OrderedDict()
        # Lists shown before: their first block, as of the desk's change count then (see
        # set_query), so going back to one shows it without reading it again.
        self._firsts: OrderedDict[CaseFilter, tuple[int, Block]] = OrderedDict()
        self._pending: set[int] = set()
        self._generation = 0
        self._now = datetime.now(UTC)
        # The SLA targets the timers count against (the desk's settings; see set_sla).
        self._sla = SlaTargets.from_settings({})
        # The desk's roles as configured: whose private posts it reads (none until told).
        self._desk_roles: frozenset[str] = frozenset()
        self._looks: dict[int, RowLook] = {}  # row -> its look, until the rows or the tick move
        self._bold = QFont()
        self._bold.setBold(True)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._start_refresh)
        self._refreshing = False
        self._refresh_again = False
        self._loading_query = False

    # -- Qt --------------------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole and section in ICON_COLUMNS:
            return ""  # a column of icons: its name in the tooltip and for screen readers
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return self._header(section)
        return None

    def _header(self, section: int) -> str:
        return (
            self.tr("Priority"),
            self.tr("Due"),
            self.tr("Channel"),
            self.tr("Author"),
            self.tr("Report"),
            self.tr("Status"),
            self.tr("Role"),
            self.tr("Assignee"),
        )[section]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():
            return None
        row = index.row()
        look = self._looks.get(row)
        if look is None:
            look = self._look(row)
            if look is None:
                if role == Qt.ItemDataRole.DisplayRole and index.column() == COL_TEXT:
                    return self.tr("Loading…") if 0 <= row < self._total else None
                return None
        else:
            self._blocks.move_to_end(row // BLOCK)  # the blocks on show are kept longest
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return look.texts[column]
        if role == LookRole:
            return look
        case = look.summary.case
        if role == CaseIdRole:
            return case.id
        if role == SummaryRole:
            return look.summary
        if role == PriorityRole:
            return case.priority
        if role == UnreadRole:
            return look.unread
        if role == Qt.ItemDataRole.FontRole:
            return look.font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_AGE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return look.background
        if role == Qt.ItemDataRole.ForegroundRole:
            return look.timer if column == COL_AGE else look.text
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_AGE:
            return timer_tooltip(self._sla, case, self._now)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_ROLE:
            return role_name(case.role)  # the column shows the role's icon
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_STATUS:
            return status_name(case.status)  # ... and the status's
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_CHANNEL:
            return look.texts[column]  # ... and the channels' marks
        return None

    def look_at(self, row: int) -> RowLook | None:
        """The row's look for the delegates, as data(LookRole) gives it, without the trip
        through Qt's data() (asked once per cell on every paint)."""
        look = self._looks.get(row)
        if look is None:
            return self._look(row)
        self._blocks.move_to_end(row // BLOCK)  # the blocks on show are kept longest
        return look

    def _look(self, row: int) -> RowLook | None:
        """The row's look, made and kept; None while its block is being read."""
        if not 0 <= row < self._total:
            return None
        found = self._row(row)
        if found is None:
            return None
        summary, block = found
        case = summary.case
        unread = block.unread(summary)
        background, text, timer = self._row_colours(case)
        withheld = self.withheld(summary)
        look = RowLook(
            summary,
            tuple(self._display(summary, c, withheld) for c in range(len(HEADERS))),
            unread,
            self._bold if unread else None,
            background,
            text,
            timer,
            withheld,
        )
        self._looks[row] = look
        return look

    def _row_colours(self, case: Case) -> tuple[QColor | None, QColor | None, QColor | None]:
        """(background, text, timer text) of a row as of the last tick."""
        left = self._sla.left(case, self._now)
        if self._sla.escalated(case, self._now):
            red = colour("urgent")
            return (colour("urgent_bg"), red, red)
        if left is None:
            return (None, None, colour("muted"))  # acknowledged: the age, quietly
        if left.total_seconds() <= 0:
            return (None, None, colour("urgent"))  # overdue
        return (None, None, None)

    def withheld(self, summary: CaseSummary) -> bool:
        """Whether the row's post is private and this desk may not read it."""
        return summary.private and not shows_private(self._desk_roles, summary.case.role)

    def _display(self, summary: CaseSummary, column: int, withheld: bool = False) -> str:
        case = summary.case
        if column == COL_PRIORITY:
            return priority_name(case.priority)
        if column == COL_AGE:
            return timer_text(self._sla.left(case, self._now), case, self._now)
        if column == COL_CHANNEL:
            return channels_text(summary.channels)
        if column == COL_AUTHOR:
            if withheld or not summary.author_handle:
                return "—"
            return "@" + one_line(summary.author_handle)
        if column == COL_TEXT:
            if withheld:
                return self.tr("Private message")
            return one_line(without_leading_mentions(summary.excerpt), 240)
        if column == COL_STATUS:
            return status_name(case.status)
        if column == COL_ROLE:
            return role_name(case.role)
        if column == COL_ASSIGNEE:
            return one_line(case.assignee)
        return ""

    # -- the cases -------------------------------------------------------------------------

    @property
    def query(self) -> CaseFilter | None:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    @property
    def total_known(self) -> bool:
        """Whether `total` is the query's count (not yet, just after a switch)."""
        return self._exact

    def summary_at(self, row: int) -> CaseSummary | None:
        found = self._row(row, fetch=False)
        return found[0] if found else None

    def case_id_at(self, row: int) -> str | None:
        summary = self.summary_at(row)
        return summary.case.id if summary else None

    def row_of(self, case_id: str) -> int:
        """The row of a case among the rows held, or -1."""
        for number, block in self._blocks.items():
            for offset, summary in enumerate(block.rows):
                if summary.case.id == case_id:
                    return number * BLOCK + offset
        return -1

    def is_loading(self) -> bool:
        return bool(self._pending) or self._refreshing or self._loading_query

    def _row(self, row: int, fetch: bool = True) -> tuple[CaseSummary, Block] | None:
        number, offset = divmod(row, BLOCK)
        block = self._blocks.get(number)
        if block is None:
            if fetch:
                self._request(number)
            return None
        self._blocks.move_to_end(number)
        if offset >= len(block.rows):
            return None  # counted, but the block was read before it came: a refresh follows
        return block.rows[offset], block

    # -- reading ---------------------------------------------------------------------------

    def stop(self) -> None:
        """No more reads (the window is closing)."""
        self._refresh_timer.stop()
        self._generation += 1
        self._query = None

    def set_query(
        self, query: CaseFilter, total: int | None = None, as_of: int | None = None
    ) -> asyncio.Task[None] | None:
        """Show the cases of `query`; the current rows stay until the new ones are read.
        `total`: how many there are, when the caller knows it as of now (an inbox's count
        read since the last change), so it is not counted again. `as_of`: the caller's
        count of changes to the cases (any case written, by anyone): the query's first
        rows read at the same count are shown again without reading them."""
        self._generation += 1
        self._refresh_timer.stop()
        self._loading_query = True
        task = self._tasks.spawn(
            self._load(self._generation, query, total, as_of), "case list: load"
        )
        if task is None:
            self._loading_query = False
        return task

    async def _load(
        self, generation: int, query: CaseFilter, known: int | None, as_of: int | None
    ) -> None:
        # The first rows come first; the count (900,000 finished cases: tens of ms of a
        # core) only after them, so it never competes with the read the desk waits for.
        # Until the count is in, the list holds the rows it has; then the rest are added.
        kept = self._firsts.get(query)
        if kept is not None and as_of is not None and kept[0] == as_of:
            first = kept[1]
            self._firsts.move_to_end(query)
        else:
            try:
                first = await self._source.block(query, 0)
            except BaseException:
                if generation == self._generation:
                    self._loading_query = False
                raise
            if as_of is not None:
                self._firsts[query] = (as_of, first)
                self._firsts.move_to_end(query)
                while len(self._firsts) > FIRSTS_KEPT:
                    self._firsts.popitem(last=False)
        if generation != self._generation:
            return
        self.beginResetModel()
        self._query = query
        self._total = known if known is not None else len(first.rows)
        self._exact = known is not None or len(first.rows) < BLOCK
        self._blocks = OrderedDict({0: first} if first.rows else {})
        self._pending.clear()
        self._now = datetime.now(UTC)
        self._looks.clear()
        self.endResetModel()
        self.loaded.emit()
        if known is not None:
            if generation == self._generation:
                self._loading_query = False
            return
        try:
            total = await self._source.count(query)
        finally:
            if generation == self._generation:
                self._loading_query = False
        if generation != self._generation:
            return
        was_exact, self._exact = self._exact, True
        if total == self._total:
            if not was_exact:
                self.counted.emit()
            return
        if total > self._total:
            self.beginInsertRows(QModelIndex(), self._total, total - 1)
            self._total = total
            self.endInsertRows()
        else:  # cases left between the two reads: the next refresh puts rows right
            self.beginRemoveRows(QModelIndex(), total, self._total - 1)
            self._total = total
            self.endRemoveRows()
        self.counted.emit()

    def _request(self, number: int) -> None:
        if number in self._pending or self._query is None:
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return  # painted outside the event loop (never in the app): nothing to read with
        self._pending.add(number)
        task = self._tasks.spawn(
            self._load_block(self._generation, self._query, number), "case list: block"
        )
        if task is None:
            self._pending.discard(number)

    async def _load_block(self, generation: int, query: CaseFilter, number: int) -> None:
        try:
            block = await self._source.block(query, number)
        finally:
            if generation == self._generation:
                self._pending.discard(number)
        if generation != self._generation or query != self._query:
            return
        self._blocks[number] = block
        while len(self._blocks) > MAX_BLOCKS:
            dropped, _ = self._blocks.popitem(last=False)
            for row in range(dropped * BLOCK, (dropped + 1) * BLOCK):
                self._looks.pop(row, None)
        first = number * BLOCK
        last = min(first + BLOCK, self._total) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(HEADERS) - 1))

    def refresh(self) -> None:
        """Re-read the count and the rows held, soon (bursts of changes coalesce)."""
        if self._query is not None:
            self._refresh_timer.start()

    def _start_refresh(self) -> None:
        if self._refreshing:
            self._refresh_again = True
            return
        self._refreshing = True
        if self._tasks.spawn(self._refresh(self._generation), "case list: refresh") is None:
            self._refreshing = False

    async def _refresh(self, generation: int) -> None:
        query = self._query
        try:
            if query is None:
                return
            held = sorted(self._blocks) or [0]
            total, blocks = await self._source.window(query, held)
            if generation == self._generation and query == self._query:
                self._apply(total, blocks)
        finally:
            self._refreshing = False
            if self._refresh_again:
                self._refresh_again = False
                self.refresh()

    def _apply(self, total: int, blocks: dict[int, Block]) -> None:
        """Swap in re-read rows; persistent indexes (selection, current) follow their case."""
        self.refreshAboutToApply.emit()
        old_total = self._total
        self._exact = True
        if total > old_total:
            self.beginInsertRows(QModelIndex(), old_total, total - 1)
            self._total = total
            self.endInsertRows()
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old_ids = [self.case_id_at(p.row()) for p in persistent]
        self._blocks = OrderedDict(sorted(blocks.items()))
        self._pending.clear()
        self._generation += 1  # blocks being read for the old layout are dropped
        new_rows: dict[str, int] = {}
        for number, block in self._blocks.items():
            for offset, summary in enumerate(block.rows):
                new_rows[summary.case.id] = number * BLOCK + offset
        moved: list[QModelIndex] = []
        for index, case_id in zip(persistent, old_ids, strict=True):
            if case_id is not None and case_id in new_rows:
                moved.append(self.index(new_rows[case_id], index.column()))
            elif case_id is None and index.row() < total:
                moved.append(self.index(index.row(), index.column()))
            else:
                moved.append(QModelIndex())  # the case left this list
        self.changePersistentIndexList(persistent, moved)
        self._now = datetime.now(UTC)
        self._looks.clear()
        self.layoutChanged.emit()
        if total < old_total:
            self.beginRemoveRows(QModelIndex(), total, old_total - 1)
            self._total = total
            self.endRemoveRows()
        self.refreshApplied.emit()

    # -- small changes -------------------------------------------------------------------

    def set_sla(self, targets: SlaTargets) -> None:
        """Count the timers against these targets (the desk's settings changed)."""
        self._sla = targets
        self.tick()

    @property
    def sla(self) -> SlaTargets:
        return self._sla

    def set_desk_roles(self, roles: Sequence[str]) -> None:
        """The desk's roles as configured (the front desk's "unrouted" among them): the
        private posts of cases of these roles show their text, the others don't."""
        self._desk_roles = frozenset(roles)
        self.tick()

    def tick(self, now: datetime | None = None) -> None:
        """Let the SLA timers move on; a row that escalates turns red."""
        self._now = now or datetime.now(UTC)
        self._looks.clear()
        if self._total:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(self._total - 1, len(HEADERS) - 1),
                [
                    Qt.ItemDataRole.DisplayRole,
                    Qt.ItemDataRole.ForegroundRole,
                    Qt.ItemDataRole.BackgroundRole,
                    Qt.ItemDataRole.ToolTipRole,
                ],
            )

    def mark_seen(self, case_id: str, last_event_id: str) -> None:
        """Show the case as read at once (the database is told separately)."""
        for _, first in self._firsts.values():  # ... also in the lists shown before
            held = any(row.case.id == case_id for row in first.rows)
            if held and first.seen.get(case_id, "") < last_event_id:
                first.seen[case_id] = last_event_id
        for number, block in self._blocks.items():
            for offset, summary in enumerate(block.rows):
                if summary.case.id == case_id:
                    if block.seen.get(case_id, "") < last_event_id:
                        block.seen[case_id] = last_event_id
                    row = number * BLOCK + offset
                    self._looks.pop(row, None)
                    self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
                    return
