"""The Records view on the hand-made week of tests/app/records_week.py, whose counts are
known: what each plot draws, which cases a click lists and opens, the measures table, the
year's record, the PNG and PDF exports, and the Spanish words."""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from jundesk.gui.measures_model import BACKLOG, COUNT, ROLE, MeasuresModel
from jundesk.gui.records_view import RecordsView
from jundesk.gui.translations import install_translators, remove_translators
from jundesk.store import Store
from tests.app.records_week import records_of, utc_local_time, week
from tests.gui.conftest import until

__all__ = ["utc_local_time", "week"]

Week = tuple[Store, dict[str, str]]
ROLES = ("police", "street_cleaning", "lighting")


def week_view(store: Store, **kw: Any) -> RecordsView:
    view = RecordsView(records_of(store), ROLES, **kw)
    view.set_range(date(2026, 3, 2), date(2026, 3, 8))
    view.refresh()
    return view


def test_plots_draw_the_known_counts(qtbot: Any, week: Week) -> None:
    store, _ = week
    view = week_view(store)
    qtbot.addWidget(view)
    # Arrivals per day by role: police Mon 1, Tue 1; lighting Mon 1, Tue 1, Fri 1.
    assert [p.isoformat() for p in view.arrivals.periods] == [
        "2026-03-02", "2026-03-03", "2026-03-06"
    ]  # fmt: skip
    assert view.arrivals.heights == {"police": [1, 1, 0], "lighting": [1, 1, 1]}
    # Resolved in 30 min (D), 4 h (A), 44 h (B): bins 15 min-1 h, 1-4 h... 4 h-1 d, 1-3 d.
    assert view.resolve.counts == [0, 0, 1, 0, 1, 1, 0, 0]
    # The backlog at the end of each day, Monday to Sunday.
    assert view.backlog.values == [0, 2, 2, 1, 2, 2, 2]
    assert view.heat.plot.cells.sum() == 5
    assert view.heat.plot.cells[9, 0] == 1  # D: Monday 09:00
    # The measures table: one row per role, with count and backlog.
    table = {
        view.measures.index(r, ROLE).data(): (
            view.measures.index(r, COUNT).data(), view.measures.index(r, BACKLOG).data()
        )
        for r in range(view.measures.rowCount())
    }  # fmt: skip
    assert table == {"Lighting": ("3", "1"), "Police": ("2", "1")}
    assert view.status.text() == "5 cases"


def test_a_click_on_a_bar_lists_its_cases_and_opens_one(qtbot: Any, week: Week) -> None:
    store, ids = week
    view = week_view(store)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    plot = view.arrivals
    # Monday's police segment: the bottom of the first stack (police is drawn first).
    with qtbot.waitSignal(view.cases_listed):
        qtbot.mouseClick(plot.viewport(), Qt.MouseButton.LeftButton, pos=plot.widget_point(0, 0.5))
    assert view.listed == [ids["D"]]
    # Listed by its words, not by the town's @handle the citizen wrote them to.
    assert view.case_list.item(0).text().endswith("  Accidente en la rotonda — Rotonda norte")
    # Above Tuesday's bars: every role that day.
    plot.pick_at(1, 2.5)
    assert sorted(view.listed) == sorted([ids["B"], ids["E"]])
    # The resolve histogram's 1-3 day bar is B.
    view.resolve.pick_at(5, 0.5)
    assert view.listed == [ids["B"]]
    # Open at the end of Thursday: E alone (B resolved that morning, C came on Friday).
    view.backlog.pick_at(3, 1)
    assert view.listed == [ids["E"]]
    with qtbot.waitSignal(view.case_requested) as opened:
        view.case_list.setCurrentRow(0)
        view.open_button.click()
    assert opened.args == [ids["E"]]


def test_the_year_record_opens_its_case(qtbot: Any, week: Week) -> None:
    store, ids = week
    view = week_view(store)
    qtbot.addWidget(view)
    texts = view.record_texts()
    assert texts == [
        "Fastest fix: 30 min, Police, Rotonda norte",
        "Fastest fix: 4 h, Lighting, Calle Real",
    ]
    with qtbot.waitSignal(view.case_requested) as opened:
        view.records_list.setCurrentRow(1)
        view.records_list.setFocus()
        QTest.keyClick(view.records_list, Qt.Key.Key_Return)
    assert opened.args == [ids["A"]]


def test_a_measures_row_lists_its_role(qtbot: Any, week: Week) -> None:
    store, ids = week
    view = week_view(store)
    qtbot.addWidget(view)
    view.table.activated.emit(view.measures.index(1, ROLE))
    assert sorted(view.listed) == sorted([ids["D"], ids["E"]])


def test_a_role_keeps_its_colour_whichever_roles_are_on_show(qtbot: Any, week: Week) -> None:
    store, _ = week
    view = week_view(store)
    qtbot.addWidget(view)
    colour = view.arrivals.bars["lighting"].opts["brush"]
    view.set_range(date(2026, 3, 6), date(2026, 3, 7))  # Friday: lighting alone arrived
    view.refresh()
    assert list(view.arrivals.bars) == ["lighting"]
    assert view.arrivals.bars["lighting"].opts["brush"] == colour


def test_a_role_desk_reads_only_its_roles(qtbot: Any, week: Week) -> None:
    store, _ = week
    view = RecordsView(records_of(store), ("lighting",), town=False)
    qtbot.addWidget(view)
    view.set_range(date(2026, 3, 2), date(2026, 3, 8))
    view.refresh()
    assert [m.key for m in view.measures._rows] == ["lighting"]
    assert view.record_texts() == ["Fastest fix: 4 h, Lighting, Calle Real"]


@pytest.mark.slow
def test_export_writes_a_png_and_a_pdf(qtbot: Any, week: Week, tmp_path: Path) -> None:
    store, _ = week
    view = week_view(store)
    qtbot.addWidget(view)
    assert view.export_png(tmp_path / "r.png")
    assert view.export_pdf(tmp_path / "r.pdf")
    png = (tmp_path / "r.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    from PySide6.QtGui import QImage

    image = QImage(str(tmp_path / "r.png"))
    assert (image.width(), image.height()) == (1600, 1000)
    pdf = (tmp_path / "r.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 2  # the plots, the measures


def test_the_measures_model_passes_the_tester(qtbot: Any, week: Week) -> None:
    from PySide6.QtTest import QAbstractItemModelTester

    store, _ = week
    model = MeasuresModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    model.set_measures(records_of(store).measures(week_view(store).query()))
    assert model.rowCount() == 2


def test_spanish_labels(qtbot: Any, week: Week) -> None:
    app = QApplication.instance()
    assert isinstance(app, QCoreApplication)
    install_translators(app, "es")
    try:
        store, _ = week
        view = week_view(store)
        qtbot.addWidget(view)
        assert view.windowTitle() == "Cifras y récords"
        assert view.tabs.tabText(0) == "&Gráficos"
        assert view.arrivals.getPlotItem().titleLabel.text == "Casos por área"
        assert view.record_texts()[0] == "Arreglo más rápido: 30 min, Policía, Rotonda norte"
        assert view.measures.headerData(1, Qt.Orientation.Horizontal) == "Casos"
    finally:
        remove_translators(app)


def test_the_keyboard_moves_along_the_plots_and_opens_their_cases(qtbot: Any, week: Week) -> None:
    store, ids = week
    view = week_view(store)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    opened: list[str] = []
    view.case_requested.connect(opened.append)
    plot = view.arrivals
    plot.setFocus(Qt.FocusReason.TabFocusReason)
    assert plot.hasFocus() and plot.mark.isVisible()  # the marked bar shows
    # Monday's police segment first (police is drawn first), then lighting above it.
    assert plot.current_spot().target.pick.role == "police"
    QTest.keyClick(plot, Qt.Key.Key_Down)
    assert plot.current_spot().target.pick.role == "lighting"
    assert plot.accessibleDescription() == "Lighting, 2/3: 1 cases"
    QTest.keyClick(plot, Qt.Key.Key_Right)  # Tuesday, the same row
    assert plot.current_spot().target.pick == plot.stacks[1][1][2].pick
    QTest.keyClick(plot, Qt.Key.Key_End)  # Friday: lighting alone
    spot = plot.current_spot()
    assert (spot.column, spot.target.pick.role) == (2, "lighting")
    with qtbot.waitSignal(view.cases_listed):
        QTest.keyClick(plot, Qt.Key.Key_Return)
    assert view.listed == [ids["C"]]
    assert view.case_list.hasFocus()  # Enter again opens the case
    QTest.keyClick(view.case_list, Qt.Key.Key_Return)
    assert opened == [ids["C"]]
    assert not plot.mark.isVisible()  # the mark goes with the focus

    # The heat map's cells, by hour and weekday: Monday 09:00 (D) first.
    heat = view.heat.plot
    heat.setFocus(Qt.FocusReason.TabFocusReason)
    assert (heat.current_spot().column, heat.current_spot().row) == (9, 0)
    QTest.keyClick(heat, Qt.Key.Key_Right)
    assert (heat.current_spot().column, heat.current_spot().row) == (11, 0)  # A
    with qtbot.waitSignal(view.cases_listed):
        QTest.keyClick(heat, Qt.Key.Key_Enter)
    assert view.listed == [ids["A"]]
    # Every plot takes the focus from Tab and has something to mark.
    for each in view.plots():
        assert each.focusPolicy() == Qt.FocusPolicy.StrongFocus
        assert each.spots


@pytest.mark.slow
@pytest.mark.asyncio
async def test_reads_run_off_the_gui_thread(qtbot: Any, week: Week) -> None:
    store, ids = week
    pool = ThreadPoolExecutor(max_workers=1)
    threads: list[str] = []

    async def read(fn: Any, *args: Any) -> Any:
        def run() -> Any:
            import threading

            threads.append(threading.current_thread().name)
            return fn(*args)

        return await asyncio.get_running_loop().run_in_executor(pool, run)

    try:
        view = RecordsView(records_of(store), ROLES, read=read, write=read)
        qtbot.addWidget(view)
        view.set_range(date(2026, 3, 2), date(2026, 3, 8))
        view.refresh()
        await until(lambda: view.snapshot is not None, what="the record read")
        assert view.arrivals.heights["lighting"] == [1, 1, 1]
        view.heat.plot.pick_at(9.5, 0.5)
        await until(lambda: view.listed == [ids["D"]], what="the cell's cases")
        assert threads and "MainThread" not in threads
    finally:
        pool.shutdown()


@pytest.mark.slow
@pytest.mark.asyncio
async def test_a_new_calendar_is_counted_in_steps_that_let_the_desks_writes_in(
    qtbot: Any, week: Week, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC

    from jundesk.app.records import Records
    from jundesk.app.settings import Settings
    from jundesk.core.events import make_event
    from jundesk.core.model import EventKind
    from jundesk.store import measure_days
    from tests.app.records_week import LUIS, NOW, at

    store, ids = week
    monkeypatch.setattr(measure_days, "CASES_PER_STEP", 1)  # a step per case
    writer = ThreadPoolExecutor(max_workers=1)  # one writer, as the desk's
    done: list[str] = []

    async def write(fn: Any, *args: Any) -> Any:
        def run() -> Any:
            result = fn(*args)
            done.append(getattr(fn, "__name__", "write"))
            return result

        return await asyncio.get_running_loop().run_in_executor(writer, run)

    around_the_clock = {
        "week": {d: [["00:00", "00:00"]] for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    }
    records = Records(
        store, Settings(work_calendars={"lighting": around_the_clock}), tz=UTC, clock=lambda: NOW
    )
    statuses: list[str] = []
    try:
        view = RecordsView(records, ROLES, read=write, write=write)
        qtbot.addWidget(view)
        view.show()
        view.status.setText = lambda text, set_text=view.status.setText: (  # type: ignore[method-assign]
            statuses.append(text),
            set_text(text),
        )
        view.set_range(date(2026, 3, 2), date(2026, 3, 8))
        view.refresh()
        await until(lambda: "prepare_step" in done, what="the first step")
        # The desk resolves a case meanwhile: its write goes in between the steps.
        desk_write = write(
            store.append_events, [make_event(ids["C"], EventKind.RESOLVED, LUIS, at(7, 9))]
        )
        await desk_write
        await until(lambda: view.counting is None and view.snapshot is not None)
        await until(lambda: view.snapshot.measures[0].resolve_work.count == 3, what="a reread")
        steps = [i for i, name in enumerate(done) if name == "prepare_step"]
        assert len(steps) > 3
        assert steps[0] < done.index("append_events") < steps[-1]
        assert any("still counting working hours" in text for text in statuses)
        assert "still counting" not in view.status.text()
        # Around the clock, working time is calendar time.
        light = next(m for m in view.snapshot.measures if m.key == "lighting")
        assert light.resolve_work.median == light.resolve.median
    finally:
        writer.shutdown()


@pytest.mark.asyncio
async def test_ctrl_shift_r_opens_the_records_and_a_case_opens_in_the_window(
    open_desk: Any,
) -> None:
    from PySide6.QtTest import QTest

    async with open_desk() as desk:
        desk.post("La farola de la calle Real está rota")
        desk.post("Papelera rebosando en el parque", "vecino")
        await desk.poll()
        window = desk.window
        await until(lambda: window.cases.rowCount() == 2)
        await desk.settle()
        QTest.keyClick(
            window.ui.caseTable,
            Qt.Key.Key_R,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
        view = window.records_view
        assert view is not None and view.isVisible()
        await until(lambda: view.snapshot is not None, what="the record read")
        assert sum(m.count for m in view.measures._rows) == 2
        view.table.activated.emit(view.measures.index(0, ROLE))
        await until(lambda: len(view.listed) == 1, what="the role's cases")
        case_id = view.listed[0]
        view.case_list.setFocus()
        QTest.keyClick(view.case_list, Qt.Key.Key_Return)
        await until(
            lambda: (
                window.current_detail() is not None and window.current_detail().case.id == case_id
            ),  # type: ignore[union-attr]
            what="the case open in the window",
        )
        view.close()


@pytest.mark.slow
def test_jundesk_report_draws_png_and_pdf_off_screen(
    qtbot: Any, week: Week, tmp_path: Path
) -> None:
    from PySide6.QtGui import QImage

    from jundesk.cli.main import main

    store, _ = week
    records_of(store)
    span = ["--from", "2026-03-02", "--to", "2026-03-08"]
    png, pdf = tmp_path / "week.png", tmp_path / "week.pdf"
    db = ["report", "--db", str(store.path), *span]
    assert main([*db, "--format", "png", "--language", "es", "-o", str(png)]) == 0
    assert main([*db, "--format", "pdf", "-o", str(pdf)]) == 0
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1600, 1000)
    # Not blank: the bars and the heat map put colour on the page.
    colours = {image.pixel(x, y) for x in range(0, 1600, 23) for y in range(0, 1000, 17)}
    assert len(colours) > 10
    assert pdf.read_bytes().startswith(b"%PDF-")


@pytest.mark.asyncio
async def test_the_weekly_summary_is_drafted_edited_and_published_as_a_town_post(
    open_desk: Any,
) -> None:
    from jundesk.core.x_text import remaining
    from jundesk.gui.weekly_summary_dialog import WeeklySummaryDialog

    async with open_desk(reply_undo_seconds=0.5) as desk:
        desk.post("La farola de la calle Real está rota")
        desk.post("Papelera rebosando en el parque", "vecino")
        await desk.poll()
        window = desk.window
        await until(lambda: window.cases.rowCount() == 2)
        view = window.open_records()
        assert view.summary_button.isVisible()  # a front desk speaks for the town
        view.summary_button.click()
        dialog = window.summary_dialog
        assert isinstance(dialog, WeeklySummaryDialog)
        dialog.language_box.setCurrentIndex(dialog.language_box.findData("en"))
        dialog.week_box.setCurrentIndex(0)  # this week: both reports
        await until(lambda: dialog.drafted.startswith("This week: 2 reports, 0 fixed"))
        assert dialog.editor.toPlainText() == dialog.drafted
        text = dialog.drafted
        assert dialog.counter.text() == f"{remaining(text)} characters left"
        dialog.editor.setPlainText("x" * 300)  # too long for X: not publishable
        assert dialog.counter.text() == "-20 characters left"
        assert not dialog.publish_button.isEnabled()
        dialog.editor.setPlainText(text + " ¡Gracias!")
        before = len(desk.server.replies_created)
        dialog.publish_button.click()
        assert dialog.strip.text().startswith("Publishing as ")
        dialog.undo_button.click()  # taken back within the delay: nothing goes out
        await asyncio.sleep(0.8)
        assert len(desk.server.replies_created) == before
        closed: list[int] = []
        dialog.finished.connect(closed.append)
        dialog.publish_button.click()
        await until(lambda: len(desk.server.replies_created) == before + 1, what="the post")
        post = desk.server.replies_created[-1]
        assert post["text"] == text + " ¡Gracias!"
        assert "in_reply_to_user_id" not in post and not post.get("referenced_tweets")
        await until(lambda: closed, what="the dialog to close")


@pytest.mark.asyncio
async def test_a_role_desk_drafts_its_roles_week_for_the_town_account(open_desk: Any) -> None:
    from jundesk.gui.weekly_summary_dialog import WeeklySummaryDialog

    async with open_desk(desk_roles=["lighting"]) as desk:
        desk.post("La farola de la calle Real está rota")
        desk.post("Papelera rebosando en el parque", "vecino")
        await desk.poll()
        view = desk.window.open_records()
        assert view.summary_button.isVisible()  # a role's desk speaks for its roles
        view.summary_button.click()
        dialog = desk.window.summary_dialog
        assert isinstance(dialog, WeeklySummaryDialog)
        dialog.language_box.setCurrentIndex(dialog.language_box.findData("en"))
        dialog.week_box.setCurrentIndex(0)
        # Only the lantern counts: the bin is another role's.
        await until(
            lambda: dialog.drafted.startswith("This week, street lighting: 1 report, 0 fixed")
        )
        assert dialog.publish_button.isEnabled()
        dialog.reject()


def test_new_targets_are_read_at_once(qtbot: Any, week: Week) -> None:
    store, _ = week
    view = week_view(store)
    qtbot.addWidget(view)
    police = next(m for m in view.measures._rows if m.key == "police")
    assert police.within_ack == 50.0  # D in 4 min, E in 10: urgent's target is 5 min
    view.show()
    view.use(records_of(store, sla_minutes={"police": {"urgent": 15}}))
    police = next(m for m in view.measures._rows if m.key == "police")
    assert police.within_ack == 100.0
