"""Qt's own messages go to the desk's log; the multimedia stack's start-up chatter
(libraries it looked for, no PulseAudio server, a sound format the device refuses) never
reaches the person's terminal: it says nothing they can act on, and no sound is no fault."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("jundesk.qt")

NOISY_CATEGORIES = ("qt.multimedia",)
NOISY_PREFIXES = (
    "PulseAudioService:",
    "QSoundEffect:",
    "QAudioSink",
    "pa_context",
    # The installed desk ships no media backend: its alerts need none (packaging/freeze.py).
    "No QtMultimedia backends found",
)

_installed = False
_previous: Callable[..., Any] | None = None


def is_noise(category: str, message: str) -> bool:
    """A message about sound's plumbing, for the log only."""
    return category.startswith(NOISY_CATEGORIES) or message.startswith(NOISY_PREFIXES)


def install() -> None:
    """Route Qt's messages through here (once; call before the multimedia stack starts)."""
    global _installed, _previous
    if _installed:
        return
    _installed = True
    _previous = qInstallMessageHandler(_handle)


def _handle(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = str(getattr(context, "category", "") or "")
    if is_noise(category, message):
        log.debug("%s: %s", category or "qt", message)
        return
    if _previous is not None:
        _previous(kind, context, message)
        return
    prefix = f"{category}: " if category and category != "default" else ""
    sys.stderr.write(f"{prefix}{message}\n")
