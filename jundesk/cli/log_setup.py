"""Logging for the command line: to stderr, with any known secret redacted
(app/log_setup.py)."""

from __future__ import annotations

import logging
import sys

from jundesk.app.log_setup import REDACTOR, quiet_chatty_libraries


def setup(verbose: bool = False) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(REDACTOR)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)
    quiet_chatty_libraries()
