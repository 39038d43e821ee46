"""The desk's settings a person may change after the first run, each with its type and
what makes a value valid; shared by `jundesk settings get|set` and the console's
settings dialog, so both accept and refuse the same values.

SLA targets are set one at a time as `sla.ROLE.PRIORITY` (minutes to acknowledge; ROLE
`*` for every role without its own line), `sla_reply.ROLE.PRIORITY` (minutes to a public
reply) and `sla_resolve.ROLE.PRIORITY` (working minutes to resolve). A role's working
calendar is set part by part: `calendar.ROLE.week` and `calendar.ROLE.breaks` as
"mon-fri 07:00-14:30; sat 08:00-13:00", `calendar.ROLE.holidays` as "2026-12-25, ...".
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlparse

from jundesk.app.schedule import WEEKDAYS
from jundesk.app.settings import (
    Settings,
    default_reply_minutes,
    default_resolve_minutes,
    default_sla_minutes,
)
from jundesk.app.sla import SlaTargets
from jundesk.app.work_calendar import (
    ANY_ROLE,
    CalendarError,
    WorkCalendar,
    default_work_calendars,
)
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


def _channels(value: str) -> list[str]:
    """The channels a desk reads: known names, each once; none is allowed (a desk that
    reads nothing, as in a town where another desk collects)."""
    from jundesk.intake.channels import CHANNELS, is_channel

    names = [name.lower() for name in _list(value)]
    bad = [name for name in names if not is_channel(name)]
    if bad:
        known = ", ".join(CHANNELS)
        raise SettingError(
            f"unknown channel {', '.join(bad)} (known: {known})",
            "bad_channel",
            value=", ".join(bad),
            known=known,
        )
    return list(dict.fromkeys(names))


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
        Setting(
            "channels",
            "list",
            "the channels this desk reads and answers on: x, mastodon, bluesky, telegram",
            _channels,
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


# Target tables set one entry at a time: PREFIX.ROLE.PRIORITY = minutes.
TARGET_TABLES: dict[str, tuple[str, Callable[[], dict[str, dict[str, int]]]]] = {
    SLA_PREFIX: ("sla_minutes", default_sla_minutes),
    "sla_reply.": ("sla_reply_minutes", default_reply_minutes),
    "sla_resolve.": ("sla_resolve_minutes", default_resolve_minutes),
}
CALENDAR_PREFIX = "calendar."
CALENDAR_PARTS = ("week", "breaks", "holidays")


def _target_prefix(key: str) -> str | None:
    return next((p for p in TARGET_TABLES if key.startswith(p)), None)


def _sla_key(key: str, prefix: str = SLA_PREFIX) -> tuple[str, str]:
    parts = key[len(prefix) :].split(".")
    if len(parts) != 2 or not parts[0] or parts[1] not in Priority._value2member_map_:
        raise SettingError(
            f"an SLA key is {prefix}ROLE.PRIORITY (ROLE or *; PRIORITY one of "
            f"{', '.join(p.value for p in Priority)}), not {key!r}",
            "bad_sla_key",
            key=key,
        )
    return parts[0], parts[1]


def _calendar_key(key: str) -> tuple[str, str]:
    parts = key[len(CALENDAR_PREFIX) :].split(".")
    if len(parts) != 2 or not parts[0] or parts[1] not in CALENDAR_PARTS:
        raise SettingError(
            f"a calendar key is calendar.ROLE.PART (ROLE or *; PART one of "
            f"{', '.join(CALENDAR_PARTS)}), not {key!r}",
            "bad_calendar_key",
            key=key,
        )
    return parts[0], parts[1]


def calendar_roles(settings: Settings) -> list[str]:
    """The roles with a working calendar: the built-in ones and the settings' own."""
    return sorted(set(default_work_calendars()) | set(settings.work_calendars))


def _calendar_line(settings: Settings, role: str) -> dict[str, Any]:
    """A role's calendar as settings hold it (its own line, else the built-in one, else
    the town's default '*')."""
    own = settings.work_calendars.get(role)
    if isinstance(own, dict):
        return dict(own)
    built_in = default_work_calendars()
    return dict(built_in.get(role) or built_in[ANY_ROLE])


def known_keys() -> list[str]:
    return [
        *SETTINGS,
        *(f"{prefix}ROLE.PRIORITY" for prefix in TARGET_TABLES),
        *(f"{CALENDAR_PREFIX}ROLE.{part}" for part in CALENDAR_PARTS),
    ]


def get(settings: Settings, key: str) -> Any:
    """The value of `key`. Raises SettingError for a key that is not a setting."""
    prefix = _target_prefix(key)
    if prefix is not None:
        role, priority = _sla_key(key, prefix)
        name, defaults = TARGET_TABLES[prefix]
        table = SlaTargets.from_settings(getattr(settings, name), defaults())
        return int(table.target(role, Priority(priority)).total_seconds() // 60)
    if key.startswith(CALENDAR_PREFIX):
        role, part = _calendar_key(key)
        line = _calendar_line(settings, role)
        if part == "holidays":
            return list(line.get("holidays", []))
        return week_text(line.get(part, {}))
    if key not in SETTINGS:
        raise SettingError(
            f"no setting {key!r}; known: {', '.join(known_keys())}", "unknown_key", key=key
        )
    return getattr(settings, key)


def set_value(settings: Settings, key: str, text: str) -> Any:
    """Parse `text` for `key` and store it in `settings` (not saved); returns the value.
    Raises SettingError for an unknown key or a value that does not fit."""
    prefix = _target_prefix(key)
    if prefix is not None:
        role, priority = _sla_key(key, prefix)
        minutes = _sla_minutes(text)
        name, _ = TARGET_TABLES[prefix]
        table = {r: dict(line) for r, line in getattr(settings, name).items()}
        table.setdefault(role, {})[priority] = minutes
        setattr(settings, name, table)
        return minutes
    if key.startswith(CALENDAR_PREFIX):
        role, part = _calendar_key(key)
        line = _calendar_line(settings, role)
        value: Any = _holidays(text) if part == "holidays" else parse_week(text)
        line[part] = value
        try:
            WorkCalendar.from_settings(line)
        except CalendarError as error:
            raise SettingError(str(error), "bad_calendar", value=text) from None
        settings.work_calendars = {**settings.work_calendars, role: line}
        return value if part == "holidays" else week_text(value)
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


# -- weekly calendars as people write them: "mon-fri 07:00-14:30; sat 08:00-13:00" --------

_ALL_DAYS = {"all", "daily", "every day", "*"}


def _days(text: str) -> list[str]:
    text = text.strip().lower()
    if text in _ALL_DAYS:
        return list(WEEKDAYS)
    days: list[str] = []
    for part in text.split(","):
        first, _, last = part.strip().partition("-")
        if first not in WEEKDAYS or (last and last not in WEEKDAYS):
            raise SettingError(
                f"{part.strip()!r} is not a weekday (mon..sun, a range mon-fri, or all)",
                "bad_calendar",
                value=text,
            )
        start = WEEKDAYS.index(first)
        end = WEEKDAYS.index(last) if last else start
        days += [WEEKDAYS[i % 7] for i in range(start, end + 1 if end >= start else end + 8)]
    return days


def _hhmm(text: str) -> str:
    hours, _, minutes = text.strip().partition(":")
    if not (hours.isdigit() and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60):
        raise SettingError(f"{text!r} is not a time (HH:MM)", "bad_calendar", value=text)
    return f"{int(hours):02d}:{int(minutes):02d}"


def parse_week(text: str) -> dict[str, list[list[str]]]:
    """ "mon-fri 07:00-14:30, 15:00-18:00; sat 08:00-13:00" -> {"mon": [["07:00",
    "14:30"], ...], ...}; "" is an empty week; "all 00:00-00:00" is around the clock."""
    week: dict[str, list[list[str]]] = {}
    for chunk in text.split(";"):
        if not chunk.strip():
            continue
        days, _, ranges = chunk.strip().partition(" ")
        found = []
        for pair in ranges.split(","):
            start, sep, end = pair.strip().partition("-")
            if not sep:
                raise SettingError(
                    f"{pair.strip()!r} is not a range (HH:MM-HH:MM)", "bad_calendar", value=text
                )
            found.append([_hhmm(start), _hhmm(end)])
        for day in _days(days):
            week.setdefault(day, []).extend(found)
    return week


def week_text(week: object) -> str:
    """A weekly calendar as parse_week reads it."""
    if not isinstance(week, dict):
        return ""
    return "; ".join(
        f"{day} " + ", ".join(f"{a}-{b}" for a, b in week[day]) for day in WEEKDAYS if week.get(day)
    )


def _holidays(text: str) -> list[str]:
    days = []
    for part in text.replace(";", ",").split(","):
        if not part.strip():
            continue
        try:
            days.append(date.fromisoformat(part.strip()).isoformat())
        except ValueError:
            raise SettingError(
                f"{part.strip()!r} is not a date (YYYY-MM-DD)", "bad_calendar", value=part
            ) from None
    return sorted(set(days))
