"""Where this desk keeps its settings and its database (platformdirs, or JUNDESK_HOME).

The folders themselves are decided in jundesk.paths, which the lower layers read too (a
town's own rule files live in the config folder)."""

from __future__ import annotations

from pathlib import Path

from jundesk.paths import APP, config_dir, data_dir

__all__ = ["APP", "config_dir", "data_dir", "default_database"]


def default_database() -> Path:
    return data_dir() / "jundesk.db"
