"""The desk's typed settings: defaults, a version, and a JSON file in the config folder.

A file from an older JunDesk is migrated, never dropped: its version's steps run in turn
(MIGRATIONS), a value hand-edited to a near type is converted (`"poll_interval": 30` is a
float), and keys this version doesn't know are kept for the version that wrote them.

Secrets never live here: they go to the keyring (see secrets.py). Nor does what the
program writes while it runs (the duty toggle, since when the desk is off): that is the
desk's state (desk_state.py).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from jundesk.app.locations import config_dir
from jundesk.core.model import DEFAULT_ROLES

log = logging.getLogger(__name__)
VERSION = 4

# The desk's state that version 1 kept among the settings (desk_state.DeskState's fields).
RUNTIME_KEYS = ("duty_override", "duty_override_until", "off_duty_since")
# Where a step leaves values that move out of the settings, for Settings.moved_state.
MOVED_STATE = "moved_to_desk_state"


def step_1_runtime_state_out(raw: dict[str, Any]) -> dict[str, Any]:
    """Version 1 -> 2: the duty toggle and the off-duty time are the desk's state, not a
    preference; they leave the settings (and go to desk_state.json, see DeskState.load)."""
    moved = {key: raw.pop(key) for key in RUNTIME_KEYS if key in raw}
    if moved:
        raw[MOVED_STATE] = {**raw.get(MOVED_STATE, {}), **moved}
    return raw


def step_2_one_desk_name(raw: dict[str, Any]) -> dict[str, Any]:
    """Version 2 -> 3: a desk is named once. `desk_id` only ever stood in for an empty
    `desk_name` (as the name its events carry): it becomes the name in that case, and goes."""
    desk_id = raw.pop("desk_id", "")
    if desk_id and isinstance(desk_id, str) and not raw.get("desk_name"):
        raw["desk_name"] = desk_id
    return raw


def step_3_channels(raw: dict[str, Any]) -> dict[str, Any]:
    """Version 3 -> 4: a desk reads several channels. A desk from before read X alone: it
    says so in its file, so that whatever new desks start with, an upgraded one reads on as
    it did; no channel has settings yet."""
    raw.setdefault("channels", ["x"])
    raw.setdefault("channel_settings", {})
    return raw


# Steps from a version to the next, applied to the raw JSON object in turn: a renamed or
# reshaped setting is moved here (MIGRATIONS[1] takes a version-1 file to version 2).
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: step_1_runtime_state_out,
    2: step_2_one_desk_name,
    3: step_3_channels,
}


def default_schedule() -> dict[str, list[list[str]]]:
    """A town hall's usual hours: weekday mornings."""
    return {day: [["08:00", "15:00"]] for day in ("mon", "tue", "wed", "thu", "fri")}


def default_sla_minutes() -> dict[str, dict[str, int]]:
    """Acknowledge urgent cases within 5 minutes, high within an hour, normal within a
    day, low within three days, whatever the role."""
    return {"*": {"urgent": 5, "high": 60, "normal": 24 * 60, "low": 3 * 24 * 60}}


def default_reply_minutes() -> dict[str, dict[str, int]]:
    """Answer in public (calendar time): urgent within 15 minutes, high within 2 hours,
    normal within a day, low within three days."""
    return {"*": {"urgent": 15, "high": 120, "normal": 24 * 60, "low": 3 * 24 * 60}}


def default_resolve_minutes() -> dict[str, dict[str, int]]:
    """Resolve, counted in the role's working hours: urgent within 4 working hours, high
    within 2 working days (of 8 hours), normal within 5, low within 15."""
    return {"*": {"urgent": 4 * 60, "high": 16 * 60, "normal": 40 * 60, "low": 120 * 60}}


@dataclass
class Settings:
    version: int = VERSION
    # Intake
    x_api_base: str = ""  # empty: X's own API
    x_user_id: str = ""  # the town account; looked up once when empty
    x_handle: str = ""  # the town account's @handle, without the @ (shown when publishing)
    x_searches: list[str] = field(default_factory=list)  # e.g. ["#Jun -is:retweet"]
    poll_interval: float = 60.0  # seconds between polls when all is well
    # The channels this desk (or the town's collector) reads and answers on, of "x",
    # "mastodon", "bluesky", "telegram" (jundesk.intake.channels).
    channels: list[str] = field(default_factory=lambda: ["x"])
    # Channel -> its plain settings by field (the channel module's SETTING_FIELDS: the
    # server's address, the account...); its secrets live in the keyring (secrets.py).
    channel_settings: dict[str, dict[str, str]] = field(default_factory=dict)
    monthly_read_budget: int = 10_000  # posts X may bill this month
    # This desk: its name in the town (the hub checks it), the roles it handles, who sits there
    desk_name: str = ""
    desk_roles: list[str] = field(default_factory=lambda: list(DEFAULT_ROLES))
    person: str = ""
    language: str = ""  # empty: the system's
    # Town policy
    auto_reply_112: bool = False
    # Seconds a public reply waits, with an Undo, before it goes to X (0: at once).
    reply_undo_seconds: float = 5.0
    # Privacy: days a blocked post's original is kept for the auditor before it is
    # destroyed (erasure, retention, X's compliance), and days after a case is finished
    # before its posts' personal data is blocked, per role ("*": every role without its
    # own line; no line: kept until erased).
    blocked_keep_days: int = 30
    retention_days: dict[str, int] = field(default_factory=dict)
    # Triage's calibrated confidence below which a post waits at the front desk (0-1).
    triage_min_confidence: float = 0.5
    # The town's hub (jundesk.sync): a PostgreSQL URL without the password, which lives
    # in the keyring ('jundesk hub join'); empty: this desk works alone.
    hub_url: str = ""
    # Duty and notifications (duty.py reads these; its toggle is in desk_state.py)
    duty_schedule_enabled: bool = False
    # Weekday ("mon".."sun") -> on-duty ranges ["HH:MM", "HH:MM"] in local time; an end at
    # or before the start runs past midnight (a night shift).
    duty_schedule: dict[str, list[list[str]]] = field(default_factory=default_schedule)
    notification_sound: bool = True
    # Which priorities of the desk's own roles pop up (and sound); the others only show
    # in the list. Urgent cases nobody covers always reach the front desk.
    popup_priorities: list[str] = field(default_factory=lambda: ["urgent", "high"])
    # SLA targets: minutes to acknowledge a case, per role and priority ("*": every role
    # without its own line). An urgent case past its target escalates (sla.py).
    sla_minutes: dict[str, dict[str, int]] = field(default_factory=default_sla_minutes)
    # The town's record's other targets: minutes to a first public reply (calendar time)
    # and to resolution (the role's working time), per role and priority like sla_minutes.
    sla_reply_minutes: dict[str, dict[str, int]] = field(default_factory=default_reply_minutes)
    sla_resolve_minutes: dict[str, dict[str, int]] = field(default_factory=default_resolve_minutes)
    # Each role's working calendar (work_calendar.py): {"week": {"mon": [["07:00",
    # "14:30"]], ...}, "breaks": {...}, "holidays": ["2026-12-25"]}; "*": every other role.
    # Lines here replace the built-in ones (police around the clock, crews on shifts).
    work_calendars: dict[str, dict[str, Any]] = field(default_factory=dict)
    escalation_sound_interval: float = 60.0  # seconds between repeats of the escalation sound
    # Keys of the file this version doesn't know (a newer JunDesk's), written back as read.
    unknown: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # The desk's state an upgrade moved out of an older file, for DeskState.load(carried=);
    # never written back here.
    moved_state: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def desk(self) -> str:
        """The desk's name as its events carry it ("desk" until it has one)."""
        return self.desk_name or "desk"

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
        raw = migrate(raw)
        moved = raw.pop(MOVED_STATE, {})
        known = {f.name for f in fields(cls) if f.name not in _NOT_KEYS}
        values: dict[str, Any] = {}
        defaults = cls()
        for name, value in raw.items():
            if name not in known:
                continue
            converted = _as_type_of(getattr(defaults, name), value)
            if converted is _INVALID:
                log.warning(
                    "Setting %s=%r is not a %s; using the default",
                    name,
                    value,
                    type(getattr(defaults, name)).__name__,
                )
                continue
            tidy = _TIDY.get(name)
            values[name] = tidy(converted) if tidy is not None else converted
        unknown = {k: v for k, v in raw.items() if k not in known and k not in _NOT_KEYS}
        return cls(**values, unknown=unknown, moved_state=moved if isinstance(moved, dict) else {})

    def save(self, path: Path | None = None) -> None:
        target = path or self.path()
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".settings-")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            values = asdict(self)
            del values["moved_state"]
            # Keys a newer JunDesk wrote stay in the file for it.
            json.dump({**values.pop("unknown"), **values}, out, indent=2, ensure_ascii=False)
        os.replace(tmp, target)


def enabled_channels(settings: Settings) -> list[str]:
    """The channels the desk reads, as JunDesk knows them (a name it doesn't know, from a
    newer JunDesk or a typo, is left out with a warning)."""
    from jundesk.intake.channels import is_channel

    known = [name for name in settings.channels if is_channel(name)]
    for name in settings.channels:
        if not is_channel(name):
            log.warning("Setting channels names %r, which this JunDesk doesn't know", name)
    return known


def town_channel(settings: Settings) -> str:
    """Where the town's own posts (the weekly summary) go: X, unless the town has no X;
    then the first channel enabled ("" when none is)."""
    channels = enabled_channels(settings)
    if "x" in channels:
        return "x"
    return channels[0] if channels else ""


_INVALID = object()
_NOT_KEYS = ("version", "unknown", "moved_state", MOVED_STATE)


def migrate(raw: dict[str, Any]) -> dict[str, Any]:
    """Bring a settings object from its version up to this one's, step by step."""
    version = raw.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        version = 1
    while version < VERSION:
        step = MIGRATIONS.get(version)
        if step is not None:
            raw = step(dict(raw))
        version += 1
    return {**raw, "version": VERSION}


def _channel_names(value: Any) -> list[str]:
    """The channel names of a hand-edited list, each once; anything else is dropped."""
    names = [v.strip() for v in value if isinstance(v, str) and v.strip()]
    if len(names) != len(value):
        log.warning("Setting channels=%r has entries that are not names; dropped", value)
    return list(dict.fromkeys(names))


def _channel_values(value: Any) -> dict[str, dict[str, str]]:
    """Each channel's settings as text; a value that is not text is dropped, with a warning
    (a number is read as its text: a port, an account id)."""
    tidy: dict[str, dict[str, str]] = {}
    for channel, entries in value.items():
        if not isinstance(entries, dict):
            log.warning("Setting channel_settings[%r] is not an object; dropped", channel)
            continue
        kept: dict[str, str] = {}
        for key, item in entries.items():
            if isinstance(item, str):
                kept[str(key)] = item
            elif isinstance(item, int | float) and not isinstance(item, bool):
                kept[str(key)] = str(item)
            else:
                log.warning("Setting channel_settings[%r][%r] is not text; dropped", channel, key)
        tidy[str(channel)] = kept
    return tidy


_TIDY: dict[str, Callable[[Any], Any]] = {
    "channels": _channel_names,
    "channel_settings": _channel_values,
}


def _as_type_of(default: object, value: object) -> object:
    """`value` as the type of `default`, when it is that type or a lossless near one;
    else _INVALID."""
    if isinstance(default, bool):
        return value if isinstance(value, bool) else _INVALID
    if isinstance(value, bool):
        return _INVALID  # true is not a number of seconds
    if isinstance(default, float):
        return float(value) if isinstance(value, int | float) else _INVALID
    if isinstance(default, int):
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value if isinstance(value, int) else _INVALID
    return value if isinstance(value, type(default)) else _INVALID
