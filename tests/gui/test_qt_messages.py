"""Qt multimedia's start-up chatter stays out of the person's terminal (it goes to the
log); any other Qt message still shows."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from jundesk.gui.qt_messages import is_noise

SOUND_AT_START = """
from PySide6.QtCore import QTimer, qWarning
from PySide6.QtWidgets import QApplication
app = QApplication([])
from jundesk.gui.notifier import SoundPlayer
player = SoundPlayer()
player.preload()
player.play("urgent")
qWarning("a message that matters")
QTimer.singleShot(800, app.quit)
app.exec()
"""


@pytest.mark.slow
def test_sound_start_up_prints_nothing_but_what_matters() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("QT_LOGGING_RULES", None)
    done = subprocess.run(
        [sys.executable, "-c", SOUND_AT_START],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert lines == ["a message that matters"], lines


def test_what_counts_as_noise() -> None:
    assert is_noise("qt.multimedia.ffmpeg", "Using Qt multimedia with FFmpeg version 7.1")
    assert is_noise("default", "PulseAudioService: pa_context_connect() failed")
    assert not is_noise("qt.qpa.xcb", "could not connect to display")
    assert not is_noise("default", "a message that matters")
