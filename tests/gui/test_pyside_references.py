"""The PySide6 installed is one that keeps its references to None, True and False on
Python 3.11 (6.12.0 leaks them, and pyproject.toml excludes it): a long day of signals and
void calls must not abort Python."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import jundesk.gui
from PySide6.QtCore import QObject, Signal

class Chatty(QObject):
    ping = Signal()

chatty = Chatty()
for _ in range(200_000):
    chatty.ping.emit()
    chatty.setObjectName("x")
print("alive")
"""


def test_a_day_of_signals_and_void_calls_does_not_abort_python() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "alive" in result.stdout
