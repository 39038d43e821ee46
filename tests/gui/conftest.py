"""GUI test fixtures: a local X server, a desk (session and window) on a fresh database,
every item model under QAbstractItemModelTester, and waiting without blocking the loop.

Async tests run on a qasync loop (tests/conftest.py): awaiting lets Qt and asyncio both
run, as in the console. qtbot.waitUntil would nest a Qt loop inside a running task, so
`until` polls with asyncio.sleep instead.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QApplication

from jundesk.app.settings import Settings
from jundesk.core.model import DEFAULT_ROLES, UNROUTED
from jundesk.gui.main_window import MainWindow
from jundesk.gui.session import DeskSession
from jundesk.intake.x_credentials import XCredentials
from jundesk.xserver import XServer


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that opens the whole window on a live X server (`open_desk`) is a
    whole-window flow: slow, left out of the quick loop (README), run by CI."""
    for item in items:
        if "open_desk" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


async def until(condition: Callable[[], object], timeout: float = 30.0, what: str = "") -> None:
    """Wait (letting Qt and asyncio run) until `condition()` is true. The timeout only
    bounds a failure: on a loaded machine a step of the desk may take seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what or condition}")
        await asyncio.sleep(0.02)


@pytest.fixture
def xserver() -> Iterator[XServer]:
    with XServer(seed=3) as server:
        yield server


def desk_settings(server: XServer, **changes: object) -> Settings:
    settings = Settings(
        x_api_base=server.base_url,
        x_user_id=server.town_user_id,
        poll_interval=0.5,
        desk_name="front-desk",
        desk_roles=[*DEFAULT_ROLES, UNROUTED],
        person="Ana",
    )
    return replace(settings, **changes)  # type: ignore[arg-type]


def credentials(server: XServer) -> XCredentials:
    return XCredentials(user_id=server.town_user_id, **server.credentials())


@dataclass
class Desk:
    session: DeskSession
    window: MainWindow
    server: XServer
    testers: list[QAbstractItemModelTester] = field(default_factory=list)

    def post(self, text: str, author: str = "vecina") -> str:
        return self.server.add_post(author, f"@{self.server.town_handle} {text}")

    async def poll(self) -> None:
        assert self.session.engine.intake is not None
        await self.session.engine.intake.poll_once()

    def row_of(self, case_id: str) -> int:
        return self.window.cases.row_of(case_id)

    def case(self, case_id: str):  # type: ignore[no-untyped-def]
        return self.session.store.get_case(case_id)

    def kinds(self, case_id: str) -> list[str]:
        return [e.kind.value for e in self.session.store.case_events(case_id)]

    async def select(self, case_id: str) -> None:
        await until(lambda: self.row_of(case_id) >= 0, what=f"case {case_id} in the list")
        self.window.ui.caseTable.select_row(self.row_of(case_id))
        self.window.ui.caseTable.setFocus()
        await until(
            lambda: (
                self.window.current_detail() is not None
                and self.window.current_detail().case.id == case_id
            ),  # type: ignore[union-attr]
            what="the case on show",
        )

    async def settle(self) -> None:
        """Let pending list reads, refreshes and counts finish."""
        await asyncio.sleep(0.3)
        await until(lambda: not self.window.cases.is_loading(), what="the list to settle")


def watch_models(window: MainWindow) -> list[QAbstractItemModelTester]:
    mode = QAbstractItemModelTester.FailureReportingMode.Warning
    models: list[QAbstractItemModel] = [
        window.cases,
        window.inboxes,
        window.ui.caseView.history,
    ]
    return [QAbstractItemModelTester(model, mode) for model in models]


@pytest.fixture
def open_desk(
    qtbot: object, tmp_path: Path, xserver: XServer, qtlog: object
) -> Callable[..., object]:
    """open_desk(**settings) -> an async context manager giving a running Desk.

    The model testers report through Qt warnings ("FAIL! ..."); any of them fails the test.
    """

    @asynccontextmanager
    async def opened(
        db: Path | None = None, *, start: bool = True, **changes: object
    ) -> AsyncIterator[Desk]:
        # As in the console (app.py): closing a pop-up must never end the loop.
        QApplication.instance().setQuitOnLastWindowClosed(False)  # type: ignore[union-attr]
        session = DeskSession(
            db or tmp_path / "desk.db", desk_settings(xserver, **changes), credentials(xserver)
        )
        window = MainWindow(session)
        testers = watch_models(window)
        window.resize(1366, 768)
        window.show()
        desk = Desk(session, window, xserver, testers)
        # Window shortcuts need the window active; activation arrives through the loop.
        window.activateWindow()
        await until(lambda: QApplication.activeWindow() is window, what="the window active")
        if start:
            window.start()
        try:
            yield desk
        finally:
            window.close()
            await session.aclose()
            failures = [
                r.message
                for r in qtlog.records  # type: ignore[attr-defined]
                if "FAIL!" in r.message
            ]
            assert not failures, failures

    return opened
