"""The Records view's plots (pyqtgraph): arrivals per period by role, the time-to-resolve
distribution, % within target per week, the backlog and the arrivals heat map. Each bar,
point or cell clicked says which cases it stands for (`picked`, a Target).

From the keyboard, a plot takes the focus (Tab) with a visible frame; the arrow keys move
a marked box along its bars, points or cells (Home/End to the ends), each read out in a
tooltip and the plot's accessible description, and Enter lists the cases of the one
marked (`key_picked`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QFont, QKeyEvent, QPen
from PySide6.QtWidgets import QComboBox, QGraphicsRectItem, QToolTip, QVBoxLayout, QWidget

from jundesk.app.records import Pick
from jundesk.gui.display_names import role_name
from jundesk.gui.records_snapshot import RecordsSnapshot, Target

# One colour per role, by the role's place in the desk's list (colour-blind safe, Okabe-Ito).
SERIES_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
TARGET_COLOURS = {"ack": "#0072B2", "reply": "#E69F00", "resolve": "#009E73"}
MAX_TICKS = 6

pg.setConfigOptions(antialias=True, background="w", foreground="#202124")


def span_text(seconds: float) -> str:
    """A short duration for an axis or a cell: "45 s", "3 min 58 s", "2 h 10 min", "3 d"."""
    total = max(0, round(seconds))
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    day = QCoreApplication.translate("RecordsPlots", "%1 d").replace("%1", str(days))
    if days:
        return f"{day} {hours} h" if hours else day
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"


def weekday_names() -> list[str]:
    return [
        QCoreApplication.translate("RecordsPlots", "Mon"),
        QCoreApplication.translate("RecordsPlots", "Tue"),
        QCoreApplication.translate("RecordsPlots", "Wed"),
        QCoreApplication.translate("RecordsPlots", "Thu"),
        QCoreApplication.translate("RecordsPlots", "Fri"),
        QCoreApplication.translate("RecordsPlots", "Sat"),
        QCoreApplication.translate("RecordsPlots", "Sun"),
    ]


def _sparse_ticks(labels: Sequence[str]) -> list[tuple[float, str]]:
    step = max(1, -(-len(labels) // MAX_TICKS))
    return [(float(i), text) for i, text in enumerate(labels) if i % step == 0]


def _day_label(day: date) -> str:
    return f"{day.day}/{day.month}"


def _cases_text(what: str, count: int) -> str:
    return (
        QCoreApplication.translate("RecordsPlots", "%1: %2 cases")
        .replace("%1", what)
        .replace("%2", str(count))
    )


@dataclass(frozen=True, slots=True)
class Spot:
    """A bar, point or cell the keyboard can mark: its place among the others (column,
    row), the box drawn around it (plot coordinates), its cases and what it says."""

    column: int
    row: int
    box: QRectF
    target: Target
    text: str


FOCUS_STYLE = (
    "QGraphicsView { border: 2px solid transparent; }"
    "QGraphicsView:focus { border: 2px solid palette(highlight); }"
)


class RecordPlot(pg.PlotWidget):  # type: ignore[misc]
    """A plot a manager reads, not explores: no panning, no zoom menu; a left click is
    turned into the cases under it."""

    picked = Signal(object)  # Target
    key_picked = Signal(object)  # Target, chosen with Enter

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        # No view box menu made at all (the menu is off): a sixth of making a plot.
        super().__init__(parent=parent, viewBox=pg.ViewBox(enableMenu=False))
        self.setTitle(title, size="10pt")
        self.setAccessibleName(title)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.getPlotItem().showGrid(y=True, alpha=0.2)
        self.setMinimumSize(240, 180)
        self.hit: Callable[[float, float], Target | None] = lambda _x, _y: None
        self.scene().sigMouseClicked.connect(self._clicked)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(FOCUS_STYLE)
        self.spots: list[Spot] = []
        self.current = -1  # the spot the keyboard marks
        pen = QPen(QColor("#202124"), 3)
        pen.setCosmetic(True)
        self.mark = QGraphicsRectItem()
        self.mark.setPen(pen)
        self.mark.setZValue(1000)
        self.mark.hide()

    # -- the keyboard ---------------------------------------------------------------------

    def set_spots(self, spots: Sequence[Spot]) -> None:
        """The bars, points or cells on show, in reading order (column, then row)."""
        self.spots = sorted(spots, key=lambda s: (s.column, s.row))
        self.current = min(self.current, len(self.spots) - 1) if self.spots else -1
        if self.current < 0 and self.spots:
            self.current = 0
        self._show_mark()

    def current_spot(self) -> Spot | None:
        return self.spots[self.current] if 0 <= self.current < len(self.spots) else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        moves = {
            Qt.Key.Key_Left: lambda: self._step_column(-1),
            Qt.Key.Key_Right: lambda: self._step_column(1),
            Qt.Key.Key_Up: lambda: self._step_row(-1),
            Qt.Key.Key_Down: lambda: self._step_row(1),
            Qt.Key.Key_Home: lambda: 0,
            Qt.Key.Key_End: lambda: len(self.spots) - 1,
        }
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            spot = self.current_spot()
            if spot is not None:
                self.key_picked.emit(spot.target)  # first: the listing that follows may be at once
                self.picked.emit(spot.target)
            event.accept()
            return
        move = moves.get(key)
        if move is None or not self.spots:
            super().keyPressEvent(event)
            return
        self.current = max(0, min(len(self.spots) - 1, move()))
        self._show_mark(tell=True)
        event.accept()

    def _step_column(self, step: int) -> int:
        """The nearest spot in the next column that has one (the same row, or the
        closest)."""
        here = self.spots[self.current]
        columns = sorted({s.column for s in self.spots})
        at = columns.index(here.column) + step
        if not 0 <= at < len(columns):
            return self.current
        column = columns[at]
        choices = [i for i, s in enumerate(self.spots) if s.column == column]
        return min(choices, key=lambda i: abs(self.spots[i].row - here.row))

    def _step_row(self, step: int) -> int:
        here = self.spots[self.current]
        rows = [i for i, s in enumerate(self.spots) if s.column == here.column]
        at = rows.index(self.current) + step
        return rows[at] if 0 <= at < len(rows) else self.current

    def _show_mark(self, tell: bool = False) -> None:
        spot = self.current_spot()
        if spot is None or not self.hasFocus():
            self.mark.hide()
            return
        if self.mark.scene() is None:  # a plot cleared for other roles took it away
            self.addItem(self.mark, ignoreBounds=True)
        self.mark.setRect(spot.box)
        self.mark.show()
        self.setAccessibleDescription(spot.text)
        if tell:
            centre = self.widget_point(spot.box.center().x(), spot.box.center().y())
            QToolTip.showText(self.mapToGlobal(centre), spot.text, self)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._show_mark(tell=event.reason() != Qt.FocusReason.MouseFocusReason)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.mark.hide()
        QToolTip.hideText()

    def _clicked(self, event: object) -> None:
        if event.button() != Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            return
        point = self.getPlotItem().vb.mapSceneToView(event.scenePos())  # type: ignore[attr-defined]
        self.pick_at(point.x(), point.y())

    def pick_at(self, x: float, y: float) -> Target | None:
        """The cases at (x, y) in the plot's own coordinates, announced if any."""
        found = self.hit(x, y)
        if found is not None:
            self.picked.emit(found)
        return found

    def widget_point(self, x: float, y: float) -> QPoint:
        """Where (x, y) of the plot is drawn on this widget (tests click there)."""
        scene = self.getPlotItem().vb.mapViewToScene(QPointF(x, y))
        point: QPoint = self.mapFromScene(scene)
        return point

    def reset(self) -> None:
        self.getPlotItem().clear()
        legend = self.getPlotItem().legend
        if legend is not None:
            legend.clear()


class ArrivalsPlot(RecordPlot):
    """Cases per day (week, month) stacked by role."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("RecordsPlots", "Cases by role"), parent)
        # One row of role names above the bars, never over them.
        self.addLegend(offset=(4, 2), labelTextSize="8pt", colCount=2, horSpacing=10)
        self.periods: list[date] = []
        self.bars: dict[str, pg.BarGraphItem] = {}
        self.stacks: dict[int, list[tuple[float, float, Target]]] = {}
        self.heights: dict[str, list[int]] = {}

    def show_snapshot(self, snap: RecordsSnapshot, roles: Sequence[str]) -> None:
        self.periods = sorted({bar.period for bar in snap.arrivals})
        index = {p: i for i, p in enumerate(self.periods)}
        order = [r for r in roles if any(b.role == r for b in snap.arrivals)]
        order += sorted({b.role for b in snap.arrivals} - set(order))
        if order != list(self.bars):
            # Other roles on show: new bars and legend (a filter on the same roles, the
            # usual change, only moves the bars: far cheaper than drawing them anew).
            self.reset()
            self.bars = {}
            # A role keeps its colour whichever roles the filters leave on show.
            known = list(roles) + [r for r in order if r not in roles]
            for role in order:
                colour = SERIES_COLOURS[known.index(role) % len(SERIES_COLOURS)]
                item = pg.BarGraphItem(
                    x=[], height=[], width=0.8, brush=colour, pen=pg.mkPen(colour),
                    name=role_name(role),
                )  # fmt: skip
                self.addItem(item)
                self.bars[role] = item
        base = np.zeros(len(self.periods))
        self.stacks = {}
        self.heights = {}
        xs = np.arange(len(self.periods))
        by_role: dict[str, list[Any]] = {role: [] for role in order}
        for bar in snap.arrivals:
            by_role[bar.role].append(bar)
        for role in order:
            heights = np.zeros(len(self.periods))
            for bar in by_role[role]:
                i = index[bar.period]
                heights[i] = bar.count
                self.stacks.setdefault(i, []).append((base[i], base[i] + bar.count, bar.target))
            self.heights[role] = [int(h) for h in heights]
            self.bars[role].setOpts(x=xs, height=heights, y0=base.copy(), width=0.8)
            base = base + heights
        self.getAxis("bottom").setTicks([_sparse_ticks([_day_label(p) for p in self.periods])])
        self.setXRange(-0.6, max(0, len(self.periods) - 0.4), padding=0)
        self.set_spots(
            [
                Spot(i, row, QRectF(i - 0.4, low, 0.8, high - low), target,
                     _cases_text(f"{role_name(target.pick.role or '')}, "
                                 f"{_day_label(self.periods[i])}", int(high - low)))
                for i, stack in self.stacks.items()
                for row, (low, high, target) in enumerate(stack)
            ]
        )  # fmt: skip
        top = max(1.0, float(base.max()) if len(base) else 1.0)
        # Room above the bars for the legend: each of its rows (two roles a row) takes about
        # a sixth of a plot as tall as the Records view gives it at 1366x768.
        self.setYRange(0, top * (1.05 + 0.16 * -(-len(order) // 2)) + 1, padding=0)

        def hit(x: float, y: float) -> Target | None:
            i = round(x)
            if abs(x - i) > 0.4 or i not in self.stacks:
                return None
            for low, high, target in self.stacks[i]:
                if low <= y < high:
                    return target
            # Above or between the bars: the whole period, every role.
            first = self.stacks[i][0][2]
            return Target(first.query, Pick(day=first.pick.day, week=first.pick.week))

        self.hit = hit


class ResolvePlot(RecordPlot):
    """How long resolved cases took, in bins."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("RecordsPlots", "Time to resolve"), parent)
        self.counts: list[int] = []
        colour = TARGET_COLOURS["resolve"]
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.8, brush=colour, pen=pg.mkPen(colour))
        self.addItem(self.bars)
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() - 2))
        self.getAxis("bottom").setStyle(tickFont=small)

    def show_snapshot(self, snap: RecordsSnapshot) -> None:
        bars = snap.resolve
        self.counts = [b.count for b in bars]
        # Each bar is read by its upper bound ("≤1 h": resolved within an hour), the last by
        # its lower; no axis title under them (at 1366x768 the plot had no room for it).
        labels = [
            f"≤{span_text(b.high)}" if b.high is not None else f">{span_text(b.low)}" for b in bars
        ]
        self.bars.setOpts(
            x=np.arange(len(bars)), height=np.array(self.counts, dtype=float), width=0.8
        )
        self.getAxis("bottom").setTicks([[(float(i), t) for i, t in enumerate(labels)]])
        self.setXRange(-0.6, len(bars) - 0.4, padding=0)
        self.setYRange(0, max([1, *self.counts]) * 1.05, padding=0)
        self.set_spots(
            [
                Spot(i, 0, QRectF(i - 0.4, 0, 0.8, b.count), Target(snap.query, b.pick),
                     _cases_text(labels[i], b.count))
                for i, b in enumerate(bars)
                if b.count
            ]
        )  # fmt: skip

        def hit(x: float, y: float) -> Target | None:
            i = round(x)
            if abs(x - i) > 0.4 or not 0 <= i < len(bars) or bars[i].count == 0:
                return None
            return Target(snap.query, bars[i].pick)

        self.hit = hit


class WithinPlot(RecordPlot):
    """% of judged cases within target per week: acknowledge, reply, resolve."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("RecordsPlots", "% within target per week"), parent
        )
        self.addLegend(offset=(-6, -6), labelTextSize="8pt", verSpacing=-6)
        self.lines: dict[str, list[float | None]] = {}
        names = {
            "ack": QCoreApplication.translate("RecordsPlots", "Acknowledge"),
            "reply": QCoreApplication.translate("RecordsPlots", "Reply"),
            "resolve": QCoreApplication.translate("RecordsPlots", "Resolve"),
        }
        self.curves = {
            key: self.plot(
                [],
                [],
                pen=pg.mkPen(TARGET_COLOURS[key], width=2),
                symbol="o",
                symbolSize=6,
                symbolBrush=TARGET_COLOURS[key],
                symbolPen=TARGET_COLOURS[key],
                name=name,
                connect="finite",
            )
            for key, name in names.items()
        }

    def show_snapshot(self, snap: RecordsSnapshot) -> None:
        points = snap.within
        self.lines = {}
        for key, curve in self.curves.items():
            values = [getattr(p, key) for p in points]
            self.lines[key] = values
            ys = np.array([np.nan if v is None else v for v in values], dtype=float)
            curve.setData(np.arange(len(points)), ys, connect="finite")
        self.getAxis("bottom").setTicks([_sparse_ticks([_day_label(p.week) for p in points])])
        self.setXRange(-0.5, max(0.5, len(points) - 0.5), padding=0)
        self.setYRange(0, 105, padding=0)
        names = {key: item.name() for key, item in self.curves.items()}
        spots = []
        for i, p in enumerate(points):
            shares = [
                f"{names[key]} {getattr(p, key):.0f} %"
                for key in self.curves
                if getattr(p, key) is not None
            ]
            week = QCoreApplication.translate("RecordsPlots", "Week of %1").replace(
                "%1", _day_label(p.week)
            )
            text = ", ".join([week, *shares])
            spots.append(Spot(i, 0, QRectF(i - 0.3, 0, 0.6, 105), Target(snap.query, p.pick), text))
        self.set_spots(spots)

        def hit(x: float, _y: float) -> Target | None:
            i = round(x)
            if not 0 <= i < len(points) or abs(x - i) > 0.5:
                return None
            return Target(snap.query, points[i].pick)

        self.hit = hit


class BacklogPlot(RecordPlot):
    """Open cases at the end of each day."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("RecordsPlots", "Backlog (open cases)"), parent)
        self.values: list[int] = []
        self.curve = self.plot(
            [], [], pen=pg.mkPen(SERIES_COLOURS[5], width=2), fillLevel=0,
            brush=QColor(213, 94, 0, 50),
        )  # fmt: skip

    def show_snapshot(self, snap: RecordsSnapshot) -> None:
        points = snap.backlog
        self.values = [p.open for p in points]
        self.curve.setData(np.arange(len(points)), np.array(self.values, dtype=float))
        labels = [_day_label(p.at.astimezone().date()) for p in points]
        self.getAxis("bottom").setTicks([_sparse_ticks(labels)])
        self.setXRange(-0.5, max(0.5, len(points) - 0.5), padding=0)
        self.setYRange(0, max([1, *self.values]) * 1.1, padding=0)
        self.set_spots(
            [
                Spot(i, 0, QRectF(i - 0.3, 0, 0.6, max(p.open, 0.5)), Target(snap.query, p.pick),
                     QCoreApplication.translate("RecordsPlots", "%1: %2 open")
                     .replace("%1", labels[i]).replace("%2", str(p.open)))
                for i, p in enumerate(points)
            ]
        )  # fmt: skip

        def hit(x: float, _y: float) -> Target | None:
            i = round(x)
            if not 0 <= i < len(points):
                return None
            return Target(snap.query, points[i].pick)

        self.hit = hit


class HeatPlot(RecordPlot):
    """Arrivals by weekday (rows) and hour (columns), for one role or all."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("RecordsPlots", "Arrivals by weekday and hour"), parent
        )
        self.getPlotItem().showGrid(y=False)
        self.image = pg.ImageItem()
        cmap = pg.ColorMap([0.0, 1.0], [QColor("#f4f7fb"), QColor("#08306b")])
        self.image.setLookupTable(cmap.getLookupTable(nPts=64))
        self.addItem(self.image)
        self.cells = np.zeros((24, 7))
        ticks = [(i + 0.5, name) for i, name in enumerate(weekday_names())]
        left = self.getAxis("left")
        left.setTicks([ticks])
        self.getAxis("bottom").setTicks([[(h + 0.5, str(h)) for h in range(0, 24, 3)]])
        self.getPlotItem().invertY(True)
        self.setXRange(0, 24, padding=0)
        self.setYRange(0, 7, padding=0)

    def show_cells(self, snap: RecordsSnapshot, role: str | None) -> None:
        cells = np.zeros((24, 7))
        for cell in snap.heat:
            if role is None or cell.role == role:
                cells[cell.hour, cell.weekday] += cell.count
        self.cells = cells
        top = max(1.0, float(cells.max()))
        self.image.setImage(cells, levels=(0, top), autoLevels=False)
        self.image.setRect(0, 0, 24, 7)
        days = weekday_names()
        self.set_spots(
            [
                Spot(hour, weekday, QRectF(hour, weekday, 1, 1),
                     Target(snap.query, Pick(role=role, weekday=weekday, hour=hour)),
                     _cases_text(f"{days[weekday]} {hour}:00", int(cells[hour, weekday])))
                for hour in range(24)
                for weekday in range(7)
                if cells[hour, weekday]
            ]
        )  # fmt: skip

        def hit(x: float, y: float) -> Target | None:
            hour, weekday = int(x), int(y)
            if not (0 <= hour < 24 and 0 <= weekday < 7) or cells[hour, weekday] == 0:
                return None
            return Target(snap.query, Pick(role=role, weekday=weekday, hour=hour))

        self.hit = hit


class HeatPanel(QWidget):
    """The heat map with its role chooser (all roles, or one)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.role_box = QComboBox(self)
        self.role_box.setAccessibleName(QCoreApplication.translate("RecordsPlots", "Heat map role"))
        self.plot = HeatPlot(self)
        layout.addWidget(self.role_box)
        layout.addWidget(self.plot, 1)
        self._snap: RecordsSnapshot | None = None
        self.role_box.currentIndexChanged.connect(self._redraw)

    def set_roles(self, roles: Sequence[str]) -> None:
        self.role_box.blockSignals(True)
        self.role_box.clear()
        self.role_box.addItem(QCoreApplication.translate("RecordsPlots", "All roles"), None)
        for role in roles:
            self.role_box.addItem(role_name(role), role)
        self.role_box.blockSignals(False)

    def show_snapshot(self, snap: RecordsSnapshot) -> None:
        self._snap = snap
        self._redraw()

    def _redraw(self) -> None:
        if self._snap is not None:
            self.plot.show_cells(self._snap, self.role_box.currentData())
