"""Where this desk keeps its settings and its database (platformdirs, or JUNDESK_HOME)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "jundesk"


def _home() -> Path | None:
    value = os.environ.get("JUNDESK_HOME", "").strip()
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    home = _home()
    return home / "config" if home else Path(platformdirs.user_config_dir(APP))


def data_dir() -> Path:
    home = _home()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP))


def default_database() -> Path:
    return data_dir() / "jundesk.db"
