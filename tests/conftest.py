"""Test set-up shared by every test: no real keyring, no real home, Qt offscreen."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The compiled test modules (pytest's rewritten asserts) and the package's are kept between
# runs even where the environment asks Python to write no bytecode: collecting the suite
# then takes 4 s instead of 11, in each of the quick loop's workers.
sys.dont_write_bytecode = False


def pytest_asyncio_loop_factories(
    config: pytest.Config, item: pytest.Item
) -> dict[str, Callable[[], asyncio.AbstractEventLoop]]:
    """The GUI's async tests run on a qasync loop, so Qt widgets (qtbot) and asyncio share
    one loop as they do in the console; the others on asyncio's own loop."""

    def qt_loop() -> asyncio.AbstractEventLoop:
        import qasync
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance() or QApplication([])
        return qasync.QEventLoop(app)

    if "gui" in Path(str(item.path)).parts:
        return {"qasync": qt_loop}
    return {"asyncio": asyncio.new_event_loop}


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps secrets in a dict; unlike null.Keyring it really stores."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.values:
            raise PasswordDeleteError(username)
        del self.values[(service, username)]


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """A machine with no usable keyring (keyring's fail.Keyring raises on every call)."""
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def jundesk_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings and the default database live in a fresh folder for every test."""
    home = tmp_path / "jundesk-home"
    monkeypatch.setenv("JUNDESK_HOME", str(home))
    for name in (
        "JUNDESK_X_BEARER_TOKEN",
        "JUNDESK_X_CONSUMER_KEY",
        "JUNDESK_X_CONSUMER_SECRET",
        "JUNDESK_X_ACCESS_TOKEN",
        "JUNDESK_X_ACCESS_TOKEN_SECRET",
        "JUNDESK_X_USER_ID",
    ):
        monkeypatch.delenv(name, raising=False)
    return home
