"""The desk's typed settings: defaults, a version, and a JSON file in the config folder.

Secrets never live here: they go to the keyring (see secrets.py).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from jundesk.app.locations import config_dir
from jundesk.core.model import DEFAULT_ROLES

log = logging.getLogger(__name__)
VERSION = 1


def default_schedule() -> dict[str, list[list[str]]]:
    """A town hall's usual hours: weekday mornings."""
    return {day: [["08:00", "15:00"]] for day in ("mon", "tue", "wed", "thu", "fri")}


@dataclass
class Settings:
    version: int = VERSION
    # Intake
    x_api_base: str = ""  # empty: X's own API
    x_user_id: str = ""  # the town account; looked up once when empty
    x_searches: list[str] = field(default_factory=list)  # e.g. ["#Jun -is:retweet"]
    poll_interval: float = 60.0  # seconds between polls when all is well
    monthly_read_budget: int = 10_000  # posts X may bill this month
    # This desk
    desk_id: str = ""
    desk_name: str = ""
    desk_roles: list[str] = field(default_factory=lambda: list(DEFAULT_ROLES))
    person: str = ""
    language: str = ""  # empty: the system's
    # Town policy
    auto_reply_112: bool = False
    # The town's hub (jundesk.sync): a PostgreSQL URL without the password, which lives
    # in the keyring ('jundesk hub join'); empty: this desk works alone.
    hub_url: str = ""
    # Duty and notifications (duty.py reads and writes these)
    duty_override: str = ""  # "", "on" or "off": the desk's toggle, over the schedule
    duty_override_until: str = ""  # ISO time (UTC) the toggle lasts until; empty: until undone
    duty_schedule_enabled: bool = False
    # Weekday ("mon".."sun") -> on-duty ranges ["HH:MM", "HH:MM"] in local time; an end at
    # or before the start runs past midnight (a night shift).
    duty_schedule: dict[str, list[list[str]]] = field(default_factory=default_schedule)
    off_duty_since: str = ""  # ISO time (UTC) this desk went off duty; empty while on duty
    notification_sound: bool = True

    @classmethod
    def path(cls) -> Path:
        return config_dir() / "settings.json"

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        target = path or cls.path()
        try:
            raw = json.loads(target.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("Settings at %s unreadable (%s); using defaults", target, exc)
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        defaults = cls()
        for name, value in raw.items():
            if name in known and isinstance(value, type(getattr(defaults, name))):
                values[name] = value
        values["version"] = VERSION
        return cls(**values)

    def save(self, path: Path | None = None) -> None:
        target = path or self.path()
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".settings-")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(asdict(self), out, indent=2, ensure_ascii=False)
        os.replace(tmp, target)
