"""`jundesk settings get|set KEY [VALUE]`: a headless desk's settings, typed and checked
as the console's settings dialog checks them (jundesk.app.setting_values)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jundesk.app import setting_values
from jundesk.app.setting_values import SettingError
from jundesk.app.settings import Settings


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "settings",
        help="show or change this desk's settings",
        description="Show or change this desk's settings. Keys: "
        + ", ".join(setting_values.known_keys()),
    )
    p.add_argument(
        "--file", type=Path, default=None, help="the settings file (default: the desk's)"
    )
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    get = actions.add_parser("get", help="print one setting, or all of them")
    get.add_argument("key", nargs="?", help="the setting; none: every one")
    put = actions.add_parser("set", help="change one setting")
    put.add_argument("key")
    put.add_argument("value", help='the new value (lists comma-separated; "" to empty)')
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path = args.file or Settings.path()
    settings = Settings.load(path)
    try:
        if args.action == "get":
            keys = [args.key] if args.key else list(setting_values.SETTINGS)
            for key in keys:
                value = setting_values.shown(setting_values.get(settings, key))
                print(value if args.key else f"{key} = {value}")
            if not args.key:
                for prefix, (name, _) in setting_values.TARGET_TABLES.items():
                    for role, line in sorted(getattr(settings, name).items()):
                        for priority, minutes in sorted(line.items()):
                            print(f"{prefix}{role}.{priority} = {minutes}")
                for role in sorted(setting_values.calendar_roles(settings)):
                    for part in setting_values.CALENDAR_PARTS:
                        key = f"{setting_values.CALENDAR_PREFIX}{role}.{part}"
                        value = setting_values.shown(setting_values.get(settings, key))
                        print(f"{key} = {value}")
            return 0
        value = setting_values.set_value(settings, args.key, args.value)
    except SettingError as exc:
        print(f"jundesk settings: {exc}", file=sys.stderr)
        return 2
    settings.save(path)
    print(f"{args.key} = {setting_values.shown(value)}")
    return 0
