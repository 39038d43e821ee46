"""Where JunDesk finds its resources (rule files, canned replies, demo scenario, icons,
sounds, translations): bundled inside the package, so a wheel or a frozen build carries them,
and a town's own copies in the user's config folder, which override the bundled ones and
survive upgrades (an upgrade replaces only the package).

`resource_path("triage")` and `resource_files("triage", "*.toml")` are the lookups for what
a town may change; `RESOURCES` is the bundled folder for what it may not (icons, sounds).
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.resources
import os
import sys
from pathlib import Path

import platformdirs

APP = "jundesk"
HOME_ENV = "JUNDESK_HOME"  # one folder for config and data (tests, a portable desk)


def _bundled_root() -> Path:
    # PyInstaller unpacks the collected data beside the program (sys._MEIPASS); the
    # package's __file__ may then point into its archive, so ask for the folder itself.
    frozen_root = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_root:
        candidate = Path(frozen_root) / APP / "resources"
        if candidate.is_dir():
            return candidate
    root = importlib.resources.files(APP) / "resources"
    if isinstance(root, Path):
        return root
    # A zipped install: Qt and the TOML readers need real files, so extract them once.
    stack = contextlib.ExitStack()
    atexit.register(stack.close)
    return Path(stack.enter_context(importlib.resources.as_file(root)))


RESOURCES: Path = _bundled_root()


def _home() -> Path | None:
    value = os.environ.get(HOME_ENV, "").strip()
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    """The desk's config folder: settings.json and the town's own resources."""
    home = _home()
    return home / "config" if home else Path(platformdirs.user_config_dir(APP))


def data_dir() -> Path:
    """The desk's data folder: its database and the backups taken before upgrades."""
    home = _home()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP))


def user_resources() -> Path:
    """The town's override folder, laid out as the bundled one (`triage/police.toml`,
    `canned_replies.toml`, ...): the config folder itself, e.g. ~/.config/jundesk on Linux,
    %LOCALAPPDATA%\\jundesk\\jundesk on Windows. It may not exist."""
    return config_dir()


def resource_path(*parts: str) -> Path:
    """The town's own file or folder at `parts` if there is one, else the bundled one.

    A folder is taken whole: the town's `triage/` replaces the bundled one only when it
    holds files. For one file at a time over the bundled folder use resource_files().
    """
    own = user_resources().joinpath(*parts)
    if own.is_file() or (own.is_dir() and any(own.iterdir())):
        return own
    return RESOURCES.joinpath(*parts)


def resource_files(folder: str, pattern: str = "*") -> list[Path]:
    """The files matching `pattern` in the bundled `folder`, each replaced by the town's own
    file of the same name, plus the town's new files; sorted by name."""
    found = {p.name: p for p in RESOURCES.joinpath(folder).glob(pattern) if p.is_file()}
    own = user_resources() / folder
    if own.is_dir():
        found.update({p.name: p for p in own.glob(pattern) if p.is_file()})
    return [found[name] for name in sorted(found)]
