"""The desk's settings a person may change after the first run, each with its type and
what makes a value valid; shared by `jundesk settings get|set` and the console's
settings dialog, so both accept and refuse the same values.

SLA targets are set one at a time as `sla.ROLE.PRIORITY` (minutes; ROLE `*` for every
role without its own line).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from jundesk.app.settings import Settings
from jundesk.app.sla import SlaTargets
from jundesk.core.model import Priority

LANGUAGES = ("", "es", "en")  # "": the system's
SLA_PREFIX = "sla."


class SettingError(ValueError):
    """A key or value the settings refuse. `code` and `params` let the console say it
    in the desk's language; the message is English, for the command line and the log."""

    def __init__(self, message: str, code: str, **params: str) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True, slots=True)
class Setting:
    key: str
    kind: str  # "text", "number", "whole number", "yes/no", "list", "URL", ...
    help: str
    parse: Callable[[str], Any]


def _text(value: str) -> str:
    return value.strip()


def _number(low: float, high: float) -> Callable[[str], float]:
    def parse(value: str) -> float:
        try:
            number = float(value)
        except ValueError:
            raise SettingError(f"{value!r} is not a number", "not_a_number", value=value) from None
        if not low <= number <= high:
            raise SettingError(
                f"{value} is out of range ({low:g} to {high:g})",
                "out_of_range",
                value=value,
                low=f"{low:g}",
                high=f"{high:g}",
            )
        return number

    return parse


def _whole(low: int, high: int) -> Callable[[str], int]:
    check = _number(low, high)

    def parse(value: str) -> int:
        number = check(value)
        if number != int(number):
            raise SettingError(
                f"{value!r} is not a whole number", "not_a_whole_number", value=value
            )
        return int(number)

    return parse


def _yes_no(value: str) -> bool:
    folded = value.strip().lower()
    if folded in ("1", "true", "yes", "on", "si", "sí"):
        return True
    if folded in ("0", "false", "no", "off"):
        return False
    raise SettingError(f"{value!r} is not yes or no", "not_yes_no", value=value)


def _list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _roles(value: str) -> list[str]:
    roles = _list(value)
    if not roles:
        raise SettingError("a desk needs at least one role", "no_roles")
    bad = [r for r in roles if not r.replace("_", "").isalnum() or r != r.lower()]
    if bad:
        raise SettingError(
            f"role names are lowercase words joined by _: {', '.join(bad)}",
            "bad_role",
            value=", ".join(bad),
        )
    return list(dict.fromkeys(roles))


def _priorities(value: str) -> list[str]:
    found = _list(value)
    bad = [p for p in found if p not in Priority._value2member_map_]
    if bad:
        known = ", ".join(p.value for p in Priority)
        raise SettingError(
            f"unknown priority {', '.join(bad)} (known: {known})",
            "bad_priority",
            value=", ".join(bad),
            known=known,
        )
    return found


def _language(value: str) -> str:
    code = value.strip().lower()
    if code not in LANGUAGES:
        raise SettingError(
            f"unknown language {value!r} (es, en, or empty for the system's)",
            "bad_language",
            value=value,
        )
    return code


def _url(schemes: tuple[str, ...]) -> Callable[[str], str]:
    def parse(value: str) -> str:
        text = value.strip()
        if not text:
            return ""
        parsed = urlparse(text)
        if parsed.scheme not in schemes or not parsed.netloc:
            raise SettingError(
                f"{value!r} is not a {' or '.join(schemes)} URL", "bad_url", value=value
            )
        if parsed.password:
            raise SettingError(
                "the URL holds a password: passwords go to the keyring "
                "('jundesk hub join'), never into the settings",
                "password_in_url",
            )
        return text

    return parse


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in (
        Setting("desk_name", "text", "this desk's name in the town", _text),
        Setting("desk_roles", "list", "the roles this desk answers for, comma-separated", _roles),
        Setting("person", "text", "who works at this desk", _text),
        Setting("language", "language", "es, en, or empty for the system's", _language),
        Setting(
            "hub_url",
            "URL",
            "the town's hub (postgresql://...), empty: alone",
            _url(("postgresql", "postgres")),
        ),
        Setting(
            "x_api_base", "URL", "the X API's address, empty: X's own", _url(("http", "https"))
        ),
        Setting("poll_interval", "number", "seconds between polls (2 to 3600)", _number(2, 3600)),
        Setting(
            "monthly_read_budget", "whole number", "posts X may bill a month", _whole(0, 10_000_000)
        ),
        Setting("notification_sound", "yes/no", "sounds with notifications", _yes_no),
        Setting("popup_priorities", "list", "priorities that pop up, comma-separated", _priorities),
        Setting(
            "escalation_sound_interval",
            "number",
            "seconds between repeats of the escalation sound (15 to 3600)",
            _number(15, 3600),
        ),
        Setting("auto_reply_112", "yes/no", "answer urgent posts nobody covers with 112", _yes_no),
        Setting("duty_schedule_enabled", "yes/no", "follow the weekly duty schedule", _yes_no),
    )
}

_sla_minutes = _whole(1, 60 * 24 * 90)


def _sla_key(key: str) -> tuple[str, str]:
    parts = key[len(SLA_PREFIX) :].split(".")
    if len(parts) != 2 or not parts[0] or parts[1] not in Priority._value2member_map_:
        raise SettingError(
            f"an SLA key is sla.ROLE.PRIORITY (ROLE or *; PRIORITY one of "
            f"{', '.join(p.value for p in Priority)}), not {key!r}",
            "bad_sla_key",
            key=key,
        )
    return parts[0], parts[1]


def known_keys() -> list[str]:
    return [*SETTINGS, f"{SLA_PREFIX}ROLE.PRIORITY"]


def get(settings: Settings, key: str) -> Any:
    """The value of `key`. Raises SettingError for a key that is not a setting."""
    if key.startswith(SLA_PREFIX):
        role, priority = _sla_key(key)
        target = SlaTargets.from_settings(settings.sla_minutes).target(role, Priority(priority))
        return int(target.total_seconds() // 60)
    if key not in SETTINGS:
        raise SettingError(
            f"no setting {key!r}; known: {', '.join(known_keys())}", "unknown_key", key=key
        )
    return getattr(settings, key)


def set_value(settings: Settings, key: str, text: str) -> Any:
    """Parse `text` for `key` and store it in `settings` (not saved); returns the value.
    Raises SettingError for an unknown key or a value that does not fit."""
    if key.startswith(SLA_PREFIX):
        role, priority = _sla_key(key)
        minutes = _sla_minutes(text)
        table = {r: dict(line) for r, line in settings.sla_minutes.items()}
        table.setdefault(role, {})[priority] = minutes
        settings.sla_minutes = table
        return minutes
    setting = SETTINGS.get(key)
    if setting is None:
        raise SettingError(
            f"no setting {key!r} can be set; known: {', '.join(known_keys())}",
            "unknown_key",
            key=key,
        )
    value = setting.parse(text)
    setattr(settings, key, value)
    return value


def shown(value: Any) -> str:
    """A value as the command line prints it: lists comma-separated, yes/no, numbers."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
