"""Logging for the window and the commands. Every line passes through one filter that replaces each
secret it has seen (keyring values, JUNDESK_* credentials, hub passwords) by ***."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import threading
from collections.abc import Iterable
from pathlib import Path

# Shorter values (a blank, "0", a port) would blank ordinary words; no real token is this short.
MIN_SECRET_LENGTH = 6


class RedactSecrets(logging.Filter):
    """Replaces every known secret in a record's message (and traceback) by ***."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self.secrets: frozenset[str] = frozenset()
        self.add(secrets)

    def add(self, secrets: Iterable[str]) -> None:
        fresh = {s for s in secrets if len(s) >= MIN_SECRET_LENGTH}
        if fresh - self.secrets:
            with self._lock:
                self.secrets = self.secrets | fresh

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secrets:
            record.msg, record.args = self.redact(record.getMessage()), None
            if record.exc_info:
                # Formatted here, once, so the traceback's text is redacted too.
                record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
                record.exc_info = None
        return True


REDACTOR = RedactSecrets()


def quiet_chatty_libraries() -> None:
    """HTTP clients log request headers (a bearer token) at debug: never let that through."""
    for name in ("tweepy", "requests_oauthlib", "oauthlib", "urllib3", "httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)


def desk_log(folder: Path) -> Path:
    """The window's log: warnings to stderr, and everything from INFO up to
    `folder`/jundesk.log (three files of 1 MB at most, the oldest dropped), secrets
    redacted in both. Returns the file's path. A folder that can't be written leaves the
    stderr handler alone: a desk runs without its log file rather than not at all."""
    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setLevel(logging.WARNING)
    stderr.setFormatter(formatter)
    stderr.addFilter(REDACTOR)
    handlers: list[logging.Handler] = [stderr]
    path = folder / "jundesk.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        file = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=2, encoding="utf-8"
        )
    except OSError as exc:
        logging.getLogger(__name__).warning("No log file at %s: %s", path, exc)
    else:
        file.setFormatter(formatter)
        file.addFilter(REDACTOR)
        handlers.append(file)
    root = logging.getLogger()
    root.handlers[:] = handlers
    root.setLevel(logging.INFO)
    quiet_chatty_libraries()
    return path
