"""Starting the console: the Qt application, the one qasync event loop that runs the GUI
and the engine's async services together, the first run, and `jundesk demo`."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import qasync
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from jundesk import APP_ID
from jundesk.app.demo import DemoOptions, DemoTown, demo_database, with_demo_desk
from jundesk.app.locations import default_database
from jundesk.app.settings import Settings
from jundesk.app.x_access import x_credentials
from jundesk.gui.demo_check import DemoCheck
from jundesk.gui.demo_desk import ask_demo_desk
from jundesk.gui.first_run import FirstRunDialog
from jundesk.gui.main_window import MainWindow
from jundesk.gui.session import DeskSession
from jundesk.gui.theme import apply_style
from jundesk.gui.translations import install_translators
from jundesk.triage import Triage

log = logging.getLogger(__name__)

APP_NAME = "JunDesk"


def application(settings: Settings, argv: Sequence[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv or sys.argv[:1]))
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName(APP_ID)  # packaging/linux/<APP_ID>.desktop
    # The window's close ends the loop ourselves, after the engine has closed.
    app.setQuitOnLastWindowClosed(False)
    install_translators(app, settings.language)
    apply_style(app)
    return app


def run_window(
    app: QApplication, make_session: Callable[[], DeskSession], quit_after: int = 0
) -> int:
    """Run the desk window until it closes, on one qasync loop (`quit_after`: see
    demo_check.py)."""
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)

    async def main() -> int:
        session = make_session()
        window = MainWindow(session)
        check = DemoCheck(window, session, quit_after) if quit_after else None
        closed = asyncio.Event()
        window.closed.connect(closed.set)
        window.show()
        window.start()
        _quit_on_interrupt(window)
        await closed.wait()
        await session.aclose()
        return check.exit_code if check is not None else 0

    with loop:
        return int(loop.run_until_complete(main()))


def _quit_on_interrupt(window: MainWindow) -> None:
    """Ctrl+C in the terminal closes the window (Qt would otherwise swallow it)."""
    signal.signal(signal.SIGINT, lambda *_: window.close())
    # Python only runs signal handlers between bytecodes: let it, every 200 ms.
    timer = QTimer(window)
    timer.timeout.connect(lambda: None)
    timer.start(200)


def run_desk(argv: Sequence[str] | None = None, db_path: Path | None = None) -> int:
    """`jundesk`: the desk window, after the first run if no account is configured."""
    settings = Settings.load()
    app = application(settings, argv)
    found = x_credentials(settings)
    credentials = found.credentials
    if not credentials.can_read:
        dialog = FirstRunDialog(settings, Triage.from_resources().roles)
        if found.problem:
            dialog.ui.accountHint.setText(found.problem)
        choice = dialog.run()
        if choice is None:
            return 0
        if choice.demo:
            return run_demo(DemoOptions(), argv, settings=choice.settings)
        settings = choice.settings
        credentials = choice.credentials or credentials
    target = db_path or default_database()
    return run_window(app, lambda: DeskSession(target, settings, credentials))


def run_demo(
    options: DemoOptions,
    argv: Sequence[str] | None = None,
    *,
    settings: Settings | None = None,
) -> int:
    """`jundesk demo`: the desk window on a simulated day in the town."""
    base = settings or Settings.load()
    app = application(base, argv)
    if settings is None:
        # Which desk's day to show: asked, unless told (--desk) or checking the install.
        desk = options.desk_to_show(can_ask=True) or ask_demo_desk()
        if desk is None:
            return 0
        base = with_demo_desk(base, desk)
    town = DemoTown(options)

    def session() -> DeskSession:
        town.start()
        settings = town.settings(base)
        credentials = x_credentials(settings, demo=town).credentials
        return DeskSession(demo_database(options.db), settings, credentials, demo=town)

    try:
        return run_window(app, session, options.quit_after)
    except Exception:
        town.stop()
        raise
