"""The Records view: the town's record at a glance for a mayor or a chief. Plots of
arrivals, time to resolve, targets met, backlog and an arrivals heat map; the measures per
role; this year's fastest fixes; each bar, point, cell or record opening its cases. A
front desk sees the town, a role's desk its roles. Every read runs off the GUI thread."""

from __future__ import annotations

import asyncio
import html
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QDate, QMarginsF, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPixmap,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jundesk.app.records import Granularity, Pick, RecordQuery, Records, Upkeep
from jundesk.core.display_text import one_line, without_leading_mentions
from jundesk.gui.display_names import case_ref, role_name
from jundesk.gui.measures_model import KeyRole, MeasuresModel
from jundesk.gui.records_plots import (
    ArrivalsPlot,
    BacklogPlot,
    HeatPanel,
    RecordPlot,
    ResolvePlot,
    WithinPlot,
    span_text,
)
from jundesk.gui.records_snapshot import (
    RecordsSnapshot,
    Target,
    assemble,
    read_snapshot,
    snapshot_parts,
)
from jundesk.gui.tasks import TaskSet
from jundesk.store import measures as sql

T = TypeVar("T")
Run = Callable[..., Awaitable[Any]]
DEFAULT_WEEKS = 12
CASES_SHOWN = 500
FILTER_DELAY_MS = 250
PNG_SIZE = QSize(1600, 1000)


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone().astimezone(UTC)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class RecordsView(QWidget):
    """`records` reads the store; `read` runs a function on a reader thread (and `write`
    on the writer), `tasks` keeps their tasks. Without `read` (the report renderer) the
    caller hands a snapshot to show_snapshot itself."""

    loaded = Signal()  # a snapshot is on show (tests, benchmarks)
    cases_listed = Signal()  # the click-through list is filled
    case_requested = Signal(str)  # open this case in the desk's window
    summary_requested = Signal()  # the desk asks for the weekly summary post

    def __init__(
        self,
        records: Records,
        roles: Sequence[str],
        *,
        town: bool = True,
        read: Run | None = None,
        write: Run | None = None,
        tasks: TaskSet | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.records = records
        self.roles = tuple(roles)
        self.town = town  # the front desk sees every role; a role's desk its own
        self._read = read
        self._write = write
        self.tasks = tasks or TaskSet()
        self._generation = 0
        self._list_generation = 0
        self._prepared = write is None
        self.counting: float | None = None  # share of the recount done while it goes on
        self._focus_list = False  # the next cases listed take the keyboard
        self.snapshot: RecordsSnapshot | None = None
        self.listed: list[str] = []
        self.setWindowTitle(self.tr("Records"))
        self.setObjectName("recordsView")

        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        outer.setSpacing(6)
        outer.addLayout(self._filter_bar())

        self.tabs = QTabWidget(self)
        self.plots_page = QWidget()
        grid = QGridLayout(self.plots_page)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        self.arrivals = ArrivalsPlot(self.plots_page)
        self.resolve = ResolvePlot(self.plots_page)
        self.within = WithinPlot(self.plots_page)
        self.backlog = BacklogPlot(self.plots_page)
        self.heat = HeatPanel(self.plots_page)
        self.heat.set_roles(self.roles)
        self.records_box = self._records_panel()
        cells: list[QWidget] = [self.arrivals, self.resolve, self.within, self.backlog]
        cells += [self.heat, self.records_box]
        for n, cell in enumerate(cells):
            grid.addWidget(cell, n // 3, n % 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        for plot in self.plots():
            plot.picked.connect(self.show_cases)
            # Chosen with Enter: the keyboard goes on to the cases listed (Enter opens one).
            plot.key_picked.connect(lambda _target: setattr(self, "_focus_list", True))
        self.tabs.addTab(self.plots_page, self.tr("&Plots"))

        self.measures = MeasuresModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.measures)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.activated.connect(self._measure_activated)
        self.tabs.addTab(self.table, self.tr("&Measures"))

        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.cases_title = QLabel(self.tr("Click a bar, point or cell to list its cases."), side)
        self.cases_title.setWordWrap(True)
        self.cases_title.setTextFormat(Qt.TextFormat.PlainText)
        self.case_list = QListWidget(side)
        self.case_list.setAccessibleName(self.tr("Cases"))
        self.case_list.setWordWrap(True)
        self.case_list.itemActivated.connect(self._case_activated)
        self.open_button = QPushButton(self.tr("&Open case"), side)
        self.open_button.clicked.connect(self._open_current)
        self.open_button.setEnabled(False)
        self.case_list.currentRowChanged.connect(lambda row: self.open_button.setEnabled(row >= 0))
        side_layout.addWidget(self.cases_title)
        side_layout.addWidget(self.case_list, 1)
        side_layout.addWidget(self.open_button)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.tabs)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1000, 260])
        outer.addWidget(splitter, 1)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.refresh)
        close = QAction(self)
        close.setShortcut(QKeySequence(QKeySequence.StandardKey.Close))
        close.triggered.connect(self.close)
        self.addAction(close)
        self.resize(1280, 720)

    # -- the filters -----------------------------------------------------------------------

    def _filter_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        today = datetime.now().date()
        monday = today - timedelta(days=today.weekday())
        self.from_edit = QDateEdit(_qdate(monday - timedelta(weeks=DEFAULT_WEEKS - 1)), self)
        self.to_edit = QDateEdit(_qdate(today), self)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._filters_changed)
        from_label = QLabel(self.tr("&From"), self)
        from_label.setBuddy(self.from_edit)
        to_label = QLabel(self.tr("&To"), self)
        to_label.setBuddy(self.to_edit)

        self.roles_button = QPushButton(self)
        self.roles_menu = QMenu(self.roles_button)
        self.role_actions: dict[str, QAction] = {}
        for role in self.roles:
            action = self.roles_menu.addAction(role_name(role))
            action.setCheckable(True)
            action.toggled.connect(self._filters_changed)
            self.role_actions[role] = action
        self.roles_button.setMenu(self.roles_menu)
        roles_label = QLabel(self.tr("&Roles"), self)
        roles_label.setBuddy(self.roles_button)

        self.granularity_box = QComboBox(self)
        for key, text in (
            ("day", self.tr("By day")),
            ("week", self.tr("By week")),
            ("month", self.tr("By month")),
        ):
            self.granularity_box.addItem(text, key)
        self.granularity_box.setCurrentIndex(0)
        self.granularity_box.currentIndexChanged.connect(self._filters_changed)

        self.summary_button = QPushButton(self.tr("Weekly &summary…"), self)
        self.png_button = QPushButton(self.tr("Export P&NG…"), self)
        self.pdf_button = QPushButton(self.tr("Export P&DF…"), self)
        # Shown where the desk can publish for the town (the window says so).
        self.summary_button.hide()
        self.summary_button.clicked.connect(self.summary_requested)
        self.png_button.clicked.connect(lambda: self._export("png"))
        self.pdf_button.clicked.connect(lambda: self._export("pdf"))
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        for label in (from_label, to_label, roles_label):
            # Whole words: the mnemonic's '&' mustn't cost a letter its room.
            words = label.text().replace("&", "")
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance(words) + 6)
        left: list[QWidget] = [from_label, self.from_edit, to_label, self.to_edit, roles_label,
                               self.roles_button, self.granularity_box]  # fmt: skip
        for widget in left:
            bar.addWidget(widget)
        bar.addWidget(self.status, 1)
        for button in (self.summary_button, self.png_button, self.pdf_button):
            bar.addWidget(button)
        self._update_roles_text()
        return bar

    def chosen_roles(self) -> tuple[str, ...]:
        return tuple(role for role, action in self.role_actions.items() if action.isChecked())

    def _update_roles_text(self) -> None:
        chosen = self.chosen_roles()
        if not chosen or len(chosen) == len(self.roles):
            text = self.tr("All roles") if self.town else self.tr("My roles")
        elif len(chosen) == 1:
            text = role_name(chosen[0])
        else:
            text = self.tr("%1 roles").replace("%1", str(len(chosen)))
        self.roles_button.setText(text)

    def set_range(self, start: date, end: date) -> None:
        """Show the local days start..end (both included)."""
        for edit in (self.from_edit, self.to_edit):
            edit.blockSignals(True)
        self.from_edit.setDate(_qdate(start))
        self.to_edit.setDate(_qdate(end))
        for edit in (self.from_edit, self.to_edit):
            edit.blockSignals(False)
        self._filters_changed()

    def set_granularity(self, granularity: Granularity) -> None:
        self.granularity_box.setCurrentIndex(self.granularity_box.findData(granularity))

    def query(self) -> RecordQuery:
        """The record the filters ask for; a role's desk never reads beyond its roles."""
        start = _pydate(self.from_edit.date())
        end = max(start, _pydate(self.to_edit.date()))
        roles = self.chosen_roles()
        if not roles and not self.town:
            roles = self.roles
        granularity: Granularity = self.granularity_box.currentData()
        return RecordQuery(
            start=_local_midnight(start),
            end=_local_midnight(end + timedelta(days=1)),
            roles=roles,
            granularity=granularity,
        )

    def _filters_changed(self, *_: object) -> None:
        self._update_roles_text()
        if self._read is not None:
            self._filter_timer.start()

    # -- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the record for the filters on show (the previous read, if any, is dropped)."""
        self._filter_timer.stop()
        if self._read is None:
            self.show_snapshot(read_snapshot(self.records, self.query(), self._scope()))
            return
        self._generation += 1
        self.status.setText(self.tr("Reading…"))
        self.tasks.spawn(self._load(self._generation, self.query()), "records view")

    def use(self, records: Records) -> None:
        """Read from `records` from now on (new targets or calendars in the settings)."""
        self.records = records
        self._prepared = self._write is None
        if self.isVisible():
            self.refresh()

    def _scope(self) -> tuple[str, ...]:
        return () if self.town else self.roles

    async def _load(self, generation: int, query: RecordQuery) -> None:
        assert self._read is not None
        if not self._prepared and self._write is not None:
            self._prepared = True
            upkeep = await self._write(self.records.prepare_step)
            if not upkeep.done:
                # The rest in steps on the writer (the desk's writes go in between), while
                # the figures read now are on show; read again once every case is counted.
                self.tasks.spawn(self._keep_up(upkeep, self.records), "records upkeep")
        # The parts side by side on the reader threads: the view waits for the slowest
        # rather than for their sum.
        parts = snapshot_parts(self.records, query)
        results = await asyncio.gather(*(self._read(read) for read in parts.values()))
        if generation == self._generation:
            self.show_snapshot(
                assemble(query, dict(zip(parts, results, strict=True)), self._scope())
            )

    async def _keep_up(self, upkeep: Upkeep, records: Records) -> None:
        assert self._write is not None
        counted = upkeep.counting
        while not upkeep.done:
            self.counting = upkeep.share if upkeep.counting else None
            self._show_status()
            upkeep = await self._write(records.prepare_step)
        self.counting = None
        self._show_status()
        if counted and records is self.records and self.isVisible():
            self.refresh()

    def _show_status(self) -> None:
        if self.snapshot is None:
            text = self.tr("Reading…")
        else:
            total = sum(m.count for m in self.snapshot.measures)
            text = self.tr("%1 cases").replace("%1", str(total))
        if self.counting is not None:
            # Working-time figures are right once every case is on the new clocks.
            text += " · " + self.tr("still counting working hours (%1 %)").replace(
                "%1", str(int(self.counting * 100))
            )
        self.status.setText(text)

    def show_snapshot(self, snap: RecordsSnapshot) -> None:
        self.snapshot = snap
        order = [*self.roles, *sorted({b.role for b in snap.arrivals} - set(self.roles))]
        self.arrivals.show_snapshot(snap, order)
        self.resolve.show_snapshot(snap)
        self.within.show_snapshot(snap)
        self.backlog.show_snapshot(snap)
        self.heat.show_snapshot(snap)
        self.measures.set_measures(snap.measures)
        self._show_records(snap)
        self._show_status()
        self.loaded.emit()

    def plots(self) -> list[RecordPlot]:
        return [self.arrivals, self.resolve, self.within, self.backlog, self.heat.plot]

    # -- the year's records ----------------------------------------------------------------

    def _records_panel(self) -> QWidget:
        box = QWidget(self.plots_page)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(6, 6, 6, 6)
        self.records_title = QLabel(self.tr("Records this year"), box)
        self.records_title.setStyleSheet("font-weight: bold")
        # A list, not links: the excerpt is a citizen's words (plain text), and Enter or a
        # double click opens the record's case.
        self.records_list = QListWidget(box)
        self.records_list.setWordWrap(True)
        self.records_list.setAccessibleName(self.tr("Records this year"))
        self.records_list.setToolTip(self.tr("Enter or double-click opens the case."))
        self.records_list.itemActivated.connect(self._case_activated)
        self.records_title.setBuddy(self.records_list)
        layout.addWidget(self.records_title)
        layout.addWidget(self.records_list, 1)
        return box

    def record_text(self, seconds: float, role: str, excerpt: str, location: str) -> str:
        where = location or one_line(without_leading_mentions(excerpt), 80)
        return (
            self.tr("Fastest fix: %1, %2, %3")
            .replace("%1", span_text(seconds))
            .replace("%2", role_name(role))
            .replace("%3", where)
        )

    def _show_records(self, snap: RecordsSnapshot) -> None:
        self.records_list.clear()
        if not snap.fastest:
            empty = QListWidgetItem(self.tr("No case resolved yet this year."))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.records_list.addItem(empty)
        for record in snap.fastest:
            text = self.record_text(record.seconds, record.role, record.excerpt, record.location)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, record.case_id)
            item.setToolTip(record.excerpt)
            self.records_list.addItem(item)

    def record_texts(self) -> list[str]:
        return [self.records_list.item(i).text() for i in range(self.records_list.count())]

    # -- click-through -------------------------------------------------------------------

    def _measure_activated(self, index: Any) -> None:
        key = self.measures.data(index, KeyRole)
        if self.snapshot is not None and isinstance(key, str):
            self.show_cases(Target(self.snapshot.query, Pick(role=key)))

    def show_cases(self, target: Target) -> None:
        """List the cases `target` stands for (newest first) beside the plots."""
        self._list_generation += 1
        generation = self._list_generation
        if self._read is None:
            ids, headers = _cases_of(self.records, target)
            self._fill_cases(ids, headers)
            return
        self.tasks.spawn(self._list(generation, target), "records cases")

    async def _list(self, generation: int, target: Target) -> None:
        assert self._read is not None
        ids, headers = await self._read(_cases_of, self.records, target)
        if generation == self._list_generation:
            self._fill_cases(ids, headers)

    def _fill_cases(self, ids: list[str], headers: dict[str, tuple[str, str, datetime]]) -> None:
        self.listed = ids
        self.case_list.clear()
        for case_id in ids:
            excerpt, location, _arrived = headers.get(case_id, ("", "", None))
            text = f"{case_ref(case_id)}  {one_line(without_leading_mentions(excerpt))}"
            if location:
                text += f" — {location}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, case_id)
            self.case_list.addItem(item)
        if len(ids) >= CASES_SHOWN:
            title = self.tr("The newest %1 cases; narrow the filters to see others.")
        else:
            title = self.tr("%1 cases. Enter or double-click opens one.")
        self.cases_title.setText(title.replace("%1", str(len(ids))))
        if ids:
            self.case_list.setCurrentRow(0)
        if self._focus_list:
            self._focus_list = False
            self.case_list.setFocus(Qt.FocusReason.OtherFocusReason)
        self.cases_listed.emit()

    def _case_activated(self, item: QListWidgetItem) -> None:
        self.case_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    def _open_current(self) -> None:
        item = self.case_list.currentItem()
        if item is not None:
            self._case_activated(item)

    # -- printing --------------------------------------------------------------------------

    def _export(self, kind: str) -> None:
        name = "records." + kind
        caption = self.tr("Export as PNG") if kind == "png" else self.tr("Export as PDF")
        pattern = self.tr("PNG image (*.png)") if kind == "png" else self.tr("PDF (*.pdf)")
        path, _ = QFileDialog.getSaveFileName(self, caption, name, pattern)
        if not path:
            return
        done = self.export_png(Path(path)) if kind == "png" else self.export_pdf(Path(path))
        if done:
            self.status.setText(self.tr("Saved %1").replace("%1", path))
        else:
            self.status.setText(self.tr("Could not write %1").replace("%1", path))

    def plots_image(self, size: QSize = PNG_SIZE) -> QPixmap:
        """The plots page as on screen; when the view isn't shown (the report renderer),
        laid out off screen with the page at `size`."""
        if self.isVisible():
            return self.plots_page.grab()
        self.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.show()
        for _ in range(12):  # the splitter shares out each resize: converge on `size`
            QApplication.processEvents()
            if self.plots_page.size() == size:
                break
            self.resize(self.size() + size - self.plots_page.size())
        image = self.plots_page.grab()
        self.hide()
        self.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, False)
        return image

    def export_png(self, path: Path) -> bool:
        return bool(self.plots_image().save(str(path), "PNG"))

    def export_pdf(self, path: Path) -> bool:
        """A4 landscape: the plots on the first page, the measures table on the second."""
        writer = QPdfWriter(str(path))
        writer.setTitle(self.tr("Records"))
        writer.setCreator("JunDesk")
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Landscape,
                QMarginsF(12, 12, 12, 12),
            )
        )
        writer.setResolution(150)
        painter = QPainter()
        if not painter.begin(writer):
            return False
        try:
            area = painter.viewport()
            image = self.plots_image()
            scaled = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawPixmap(QRect(area.topLeft(), scaled), image)
            writer.newPage()
            document = QTextDocument()
            document.setHtml(self.measures_html())
            document.setPageSize(area.size().toSizeF())
            document.drawContents(painter)
        finally:
            painter.end()
        return True

    def measures_html(self) -> str:
        """The measures and records as an HTML table for the printed page (escaped)."""
        model = self.measures
        head = "".join(f"<th>{html.escape(h).replace(chr(10), '<br>')}</th>" for h in model.headers)
        rows = []
        for row in range(model.rowCount()):
            measure = model.measure_at(row)
            assert measure is not None
            cells = "".join(
                f"<td>{html.escape(model.cell_text(measure, c))}</td>"
                for c in range(model.columnCount())
            )
            rows.append(f"<tr>{cells}</tr>")
        query = self.snapshot.query if self.snapshot is not None else self.query()
        first = query.start.astimezone().date().isoformat() if query.start else "…"
        last = (query.end.astimezone().date() - timedelta(days=1)).isoformat() if query.end else "…"
        span = self.tr("From %1 to %2").replace("%1", first).replace("%2", last)
        records = "".join(f"<p>{html.escape(text)}</p>" for text in self.record_texts())
        return (
            f"<h2>{html.escape(self.tr('Records'))}</h2><p>{html.escape(span)}</p>"
            f"<table border='1' cellspacing='0' cellpadding='4'><tr>{head}</tr>"
            f"{''.join(rows)}</table>{records}"
        )


def _cases_of(
    records: Records, target: Target
) -> tuple[list[str], dict[str, tuple[str, str, datetime]]]:
    """The ids of a target's cases (newest first) and their excerpts: one reader call."""
    ids = records.cases_for(target.query, target.pick, limit=CASES_SHOWN)
    headers = records.store.read_measures(lambda conn: sql.case_headers(conn, ids))
    return ids, headers
