"""The Records view's plots (pyqtgraph): arrivals per period by role, the time-to-resolve
distribution, % within target per week, the backlog and the arrivals heat map. Each bar,
point or cell clicked says which cases it stands for (`picked`, a Target)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

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


class RecordPlot(pg.PlotWidget):  # type: ignore[misc]
    """A plot a manager reads, not explores: no panning, no zoom menu; a left click is
    turned into the cases under it."""

    picked = Signal(object)  # Target

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent=parent)
        self.setTitle(title, size="10pt")
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.getPlotItem().showGrid(y=True, alpha=0.2)
        self.setMinimumSize(240, 180)
        self.hit: Callable[[float, float], Target | None] = lambda _x, _y: None
        self.scene().sigMouseClicked.connect(self._clicked)

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
        top = max(1.0, float(base.max()) if len(base) else 1.0)
        self.setYRange(0, top * (1.05 + 0.08 * -(-len(order) // 2)) + 1, padding=0)

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
        self.setLabel(
            "bottom", QCoreApplication.translate("RecordsPlots", "resolved within"), size="8pt"
        )
        small = QFont(self.font())
        small.setPointSizeF(max(6.0, small.pointSizeF() - 2))
        self.getAxis("bottom").setStyle(tickFont=small)

    def show_snapshot(self, snap: RecordsSnapshot) -> None:
        bars = snap.resolve
        self.counts = [b.count for b in bars]
        # Each bar is read by its upper bound ("resolved within 1 h"), the last by its lower.
        labels = [span_text(b.high) if b.high is not None else f">{span_text(b.low)}" for b in bars]
        self.bars.setOpts(
            x=np.arange(len(bars)), height=np.array(self.counts, dtype=float), width=0.8
        )
        self.getAxis("bottom").setTicks([[(float(i), t) for i, t in enumerate(labels)]])
        self.setXRange(-0.6, len(bars) - 0.4, padding=0)
        self.setYRange(0, max([1, *self.counts]) * 1.05, padding=0)

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
