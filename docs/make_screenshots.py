"""The README's screenshots: the demo window under a real X server (Xvfb), 1366x768, in
English and Spanish: a dozen live cases from the town's four channels with one open,
the reply box answering on Telegram with a canned reply and its few seconds to undo, a
photo in the conversation, urgent cases escalated, the question before going off duty,
the off-duty state, and the "while you were off" summary; then the Records view on
twelve made-up weeks of a town (docs/records_history.py) with a bar's cases listed
(`--only records` makes just these).

    Xvfb :99 -screen 0 1366x768x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python docs/make_screenshots.py --lang en
    DISPLAY=:99 QT_QPA_PLATFORM=xcb .venv/bin/python docs/make_screenshots.py --lang es

Each shot is the whole screen (ImageMagick's `import -window root`); without a display
the window renders itself (QWidget.grab) instead.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import tempfile
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import qasync
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QWidget

from jundesk.app.demo import DemoOptions, DemoTown, demo_database
from jundesk.app.settings import Settings
from jundesk.app.x_access import x_credentials
from jundesk.core.model import DEFAULT_ROLES, UNROUTED, Priority
from jundesk.gui.app import application
from jundesk.gui.main_window import MainWindow
from jundesk.gui.session import DeskSession

OUT = Path(__file__).resolve().parent / "screenshots"


async def shoot(window: QWidget, path: Path) -> None:
    await asyncio.sleep(0.3)  # let the last paints reach the screen
    if os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM", "xcb") == "xcb":
        subprocess.run(["import", "-window", "root", str(path)], check=True)
    else:
        window.grab().save(str(path))
    print(f"wrote {path}", flush=True)


async def records_scene(lang: str, out: Path, size: tuple[int, int]) -> None:
    """The Records view over twelve weeks of a town, with one day's cases listed."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from records_history import fill  # type: ignore[import-not-found]

    from jundesk.app.records import Records
    from jundesk.gui.records_view import RecordsView
    from jundesk.store import Store

    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "records.db")
        fill(store)
        records = Records(store, Settings(language=lang))
        records.prepare()
        view = RecordsView(records, (*DEFAULT_ROLES, "parks"))
        view.resize(*size)
        view.move(0, 0)
        view.show()
        view.refresh()
        await asyncio.sleep(0.5)
        bars = view.arrivals
        last = len(bars.periods) - 3
        bars.pick_at(last, 1)
        suffix = "" if size == (1366, 768) else f"-{size[0]}"
        await shoot(view, out / f"records-{lang}{suffix}.png")
        view.tabs.setCurrentIndex(1)
        view.table.selectRow(0)
        await shoot(view, out / f"records-measures-{lang}{suffix}.png")
        view.close()
        store.close()


async def scenes(lang: str, out: Path, size: tuple[int, int] = (1366, 768)) -> None:
    base = Settings(
        language=lang, person="Ana", desk_roles=[*DEFAULT_ROLES, UNROUTED], desk_name="front"
    )
    town = DemoTown(DemoOptions(seed=7, speed=240, preload=12)).start()
    credentials = x_credentials(base, demo=town).credentials
    session = DeskSession(demo_database(None), town.settings(base), credentials, demo=town)
    window = MainWindow(session)
    window.resize(*size)
    window.move(0, 0)
    window.show()
    window.start()
    await asyncio.sleep(9)  # a dozen cases in, and more arriving live

    window.duty.notifier.silence()
    table = window.ui.caseTable
    table.setFocus()
    # Open a case with a conversation: the first one with more than one post.
    for row in range(min(window.cases.rowCount(), 40)):
        summary = window.cases.summary_at(row)
        if summary is not None and len(summary.case.post_ids) > 1:
            table.select_row(row)
            break
    else:
        table.select_row(0)
    table.select_relative(0)
    await asyncio.sleep(1.5)
    window.duty.notifier.silence()
    await shoot(window, out / f"desk-{lang}.png")

    # The reply answers where the citizen wrote: a case that came by Telegram.
    for row in range(min(window.cases.rowCount(), 50)):
        summary = window.cases.summary_at(row)
        if summary is not None and summary.channels[:1] == ("telegram",):
            table.select_row(row)
            await asyncio.sleep(1.0)
            break
    box = window.ui.caseView.reply_box
    box.focus_editor()
    if box.ui.cannedCombo.count() > 1:
        box.ui.cannedCombo.activated.emit(1)
    await asyncio.sleep(0.8)
    window.duty.notifier.silence()
    await shoot(window, out / f"reply-{lang}.png")
    # Sent: "Publishing as @AytoJun to @citizen… 5 s" with its Undo, taken back here.
    box._send()
    await asyncio.sleep(1.2)
    window.duty.notifier.silence()
    await shoot(window, out / f"publishing-{lang}.png")
    box.undo()
    box.set_text("")

    # A post with a photo: its thumbnail in the conversation.
    for row in range(min(window.cases.rowCount(), 40)):
        table.select_row(row)
        await asyncio.sleep(0.4)
        detail = window.current_detail()
        if detail is not None and any(post.media for post in detail.posts):
            break
    await asyncio.sleep(1.5)  # the photo read and drawn
    window.duty.notifier.silence()
    await shoot(window, out / f"photo-{lang}.png")

    # Two urgent reports come in; six minutes on, nobody has acknowledged them: they
    # escalate (the timers are moved on rather than waited for).
    handle = town.server.town_handle
    town.server.add_post(
        "testigo_rotonda", f"@{handle} Accidente en la rotonda de la entrada, hay un herido"
    )
    town.server.add_post("vecina_mayor", f"@{handle} Incendio en un contenedor de la calle Real")
    for _ in range(100):  # until both are in the list, at its top
        second = window.cases.summary_at(1)
        if second is not None and second.case.priority is Priority.URGENT:
            break
        await asyncio.sleep(0.2)
    later = datetime.now(UTC) + timedelta(minutes=6)
    # The list re-reads its rows as the four channels' polls bring posts, each time on the
    # clock: for this scene its clock is six minutes on too.
    import jundesk.gui.case_list_model as list_model

    class Later(datetime):
        @classmethod
        def now(cls, tz: object = None) -> Later:  # type: ignore[override]
            return later  # type: ignore[return-value]

    list_model.datetime = Later  # type: ignore[misc]
    escalation = window.duty.escalation
    if escalation is not None:
        escalation.clock = lambda: later
        escalation.check()
    window.cases.tick(later)
    table.select_row(3)  # a case below the escalated ones, which stay red
    await asyncio.sleep(1.5)
    window.duty.notifier.silence()
    window.cases.tick(later)
    await shoot(window, out / f"escalated-{lang}.png")
    list_model.datetime = datetime  # type: ignore[misc]
    if escalation is not None:
        escalation.clock = lambda: datetime.now(UTC)

    # Going off duty with urgent cases open asks first; the question is answered here.
    asked: list[QDialog] = []
    window.duty.confirmAsked.connect(asked.append)
    QTimer.singleShot(0, window.duty.duty_action.trigger)
    while not asked:
        await asyncio.sleep(0.1)
    dialog = asked[0]
    await asyncio.sleep(0.8)
    await shoot(window, out / f"off-duty-confirm-{lang}.png")
    dialog.accept()
    await asyncio.sleep(8)  # cases keep coming in, silently
    await shoot(window, out / f"off-duty-{lang}.png")
    window.duty.set_on_duty(True)
    await asyncio.sleep(2)
    await shoot(window, out / f"while-you-were-off-{lang}.png")
    window.close()
    await session.aclose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", default="en", choices=("en", "es"))
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--size", default="1366x768", help="the window's size (the screen's)")
    parser.add_argument("--only", choices=("desk", "records"), help="just these scenes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["JUNDESK_HOME"] = home  # a fresh desk: no settings or window state
        app = application(replace(Settings(), language=args.lang))
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        args.out.mkdir(parents=True, exist_ok=True)
        with loop:
            width, height = (int(n) for n in args.size.split("x"))
            if args.only != "records":
                loop.run_until_complete(scenes(args.lang, args.out, (width, height)))
            if args.only != "desk":
                loop.run_until_complete(records_scene(args.lang, args.out, (width, height)))


if __name__ == "__main__":
    main()
