"""What the desk writes about itself while it runs, apart from the person's preferences:
the duty toggle and since when the desk is off. A small JSON file in the data folder,
beside the database; the settings file holds only what the person chose.

A desk upgraded from settings version 1 kept these in settings.json: Settings.load takes
them out (its version-1 step) and hands them here as `carried`, adopted when this file
does not exist yet.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from jundesk.app.locations import data_dir

log = logging.getLogger(__name__)
VERSION = 1


@dataclass
class DeskState:
    version: int = VERSION
    duty_override: str = ""  # "", "on" or "off": the desk's toggle, over the schedule
    duty_override_until: str = ""  # ISO time (UTC) the toggle lasts until; empty: until undone
    off_duty_since: str = ""  # ISO time (UTC) this desk went off duty; empty while on duty
    # Keys a newer JunDesk wrote, written back as read.
    unknown: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def path(cls) -> Path:
        return data_dir() / "desk_state.json"

    @classmethod
    def load(
        cls, path: Path | None = None, *, carried: Mapping[str, Any] | None = None
    ) -> DeskState:
        """The state as last saved; with no file yet, the `carried` values (moved out of
        an older settings file), saved at once so they survive that file's next save."""
        target = path or cls.path()
        try:
            raw = json.loads(target.read_text(encoding="utf-8"))
        except FileNotFoundError:
            state = cls._from(carried or {})
            if carried:
                try:
                    state.save(target)
                except OSError:
                    log.exception("Could not save the desk's state at %s", target)
            return state
        except (OSError, ValueError) as exc:
            log.warning("Desk state at %s unreadable (%s); starting afresh", target, exc)
            return cls()
        return cls._from(raw) if isinstance(raw, dict) else cls()

    @classmethod
    def _from(cls, raw: Mapping[str, Any]) -> DeskState:
        known = {f.name for f in fields(cls) if f.name not in ("version", "unknown")}
        values: dict[str, Any] = {k: v for k, v in raw.items() if k in known and isinstance(v, str)}
        unknown = {
            k: v for k, v in raw.items() if k not in known and k not in ("version", "unknown")
        }
        return cls(**values, unknown=unknown)

    def save(self, path: Path | None = None) -> None:
        target = path or self.path()
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".desk_state-")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            values = asdict(self)
            json.dump({**values.pop("unknown"), **values}, out, indent=2, ensure_ascii=False)
        os.replace(tmp, target)
