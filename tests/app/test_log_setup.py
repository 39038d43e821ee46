"""The window's log file: what a town's IT reads after a bad day, never holding a secret."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from jundesk.app import log_setup
from jundesk.app.secrets import get_secret, set_secret
from jundesk.app.settings import Settings
from jundesk.app.x_access import x_credentials


@pytest.fixture
def root_logging() -> Iterator[None]:
    """desk_log replaces the root logger's handlers: put pytest's back afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def test_a_secret_from_the_keyring_never_reaches_the_log_file(
    tmp_path: Path, root_logging: None
) -> None:
    path = log_setup.desk_log(tmp_path / "logs")
    set_secret("x:bearer_token", "AAAAsecret-bearer-0001")
    token = get_secret("x:bearer_token")
    log = logging.getLogger("jundesk.test")
    log.info("calling X with %s", token)
    try:
        raise RuntimeError(f"401 for header Bearer {token}")
    except RuntimeError:
        log.exception("X refused")
    text = path.read_text(encoding="utf-8")
    assert "calling X with ***" in text
    assert "401 for header Bearer ***" in text  # the traceback too
    assert "AAAAsecret-bearer-0001" not in text


def test_credentials_from_the_environment_are_redacted_too(
    tmp_path: Path, root_logging: None
) -> None:
    path = log_setup.desk_log(tmp_path / "logs")
    found = x_credentials(Settings(), environ={"JUNDESK_X_BEARER_TOKEN": "env-bearer-token-0002"})
    assert found.credentials.bearer_token == "env-bearer-token-0002"
    logging.getLogger("jundesk.test").warning("token %s", "env-bearer-token-0002")
    assert "token ***" in path.read_text(encoding="utf-8")


def test_the_log_keeps_three_files_of_a_megabyte_at_most(
    tmp_path: Path, root_logging: None
) -> None:
    folder = tmp_path / "logs"
    log_setup.desk_log(folder)
    line = "x" * 1000
    for _ in range(4000):  # about 4 MB
        logging.getLogger("jundesk.test").info(line)
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["jundesk.log", "jundesk.log.1", "jundesk.log.2"]
    assert all(p.stat().st_size <= 1_000_000 + 2000 for p in folder.iterdir())


def test_a_folder_that_cannot_be_written_leaves_the_desk_logging_to_stderr(
    tmp_path: Path, root_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "logs"
    blocker.write_text("a file where the folder should be")
    log_setup.desk_log(blocker)
    logging.getLogger("jundesk.test").warning("still heard")
    assert "still heard" in capsys.readouterr().err
    assert blocker.read_text() == "a file where the folder should be"
