"""`jundesk report`: the town's record as a file, for the council or the open-data portal.

    jundesk report [--from DATE] [--to DATE] [--role R] [--format csv|ods|open311|png|pdf]
                   [--table measures|cases] [--by role|desk|person|priority|channel|period]
                   [--language es|en] [--output FILE]

Dates are local days, both included. Without --output, text formats go to the terminal.
PNG and PDF are drawn by the Records view (Qt): RENDERERS names the function that draws
each, imported only when that format is asked for, so every other format works without
a display.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from jundesk.app.records import GroupBy, RecordQuery, Records
from jundesk.app.records_export import TABLES, write_ods_report, write_report
from jundesk.app.settings import Settings
from jundesk.cli.common import add_db_option, database
from jundesk.store import Store, StoreError

TEXT_FORMATS = ("csv", "open311")
# Formats the Records view draws: format -> "module:function", called as
# function(records, query, path, language) -> None.
RENDERERS: dict[str, str] = {
    "png": "jundesk.gui.records_render:render_png",
    "pdf": "jundesk.gui.records_render:render_pdf",
}
DRAWN_FORMATS = ("png", "pdf")
GROUPS = ("role", "desk", "person", "priority", "channel", "period")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "report",
        help="the town's record: measures or cases as CSV, ODS or Open311 requests.json",
    )
    add_db_option(p)
    p.add_argument("--from", dest="start", type=_day, help="first local day (YYYY-MM-DD)")
    p.add_argument("--to", dest="end", type=_day, help="last local day, included")
    p.add_argument("--role", action="append", default=[], help="only this role (repeatable)")
    p.add_argument("--format", choices=(*TEXT_FORMATS, "ods", *DRAWN_FORMATS), default="csv")
    p.add_argument("--table", choices=TABLES, default="measures", help="what a CSV holds")
    p.add_argument("--by", choices=GROUPS, default="role", help="how measures are grouped")
    p.add_argument("--granularity", choices=("day", "week", "month"), default="week")
    p.add_argument("--language", choices=("es", "en"), default="en")
    p.add_argument("--output", "-o", type=Path, help="file to write (default: the terminal)")
    p.set_defaults(run=run)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone().astimezone(UTC)


def query_of(args: argparse.Namespace) -> RecordQuery:
    return RecordQuery(
        start=_local_midnight(args.start) if args.start else None,
        end=_local_midnight(args.end + timedelta(days=1)) if args.end else None,
        roles=tuple(args.role),
        granularity=args.granularity,
    )


def _renderer(format: str) -> Callable[..., Any] | None:
    target = RENDERERS.get(format)
    if target is None:
        return None
    module, _, name = target.partition(":")
    found: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return found


def run(args: argparse.Namespace) -> int:
    if args.start and args.end and args.end < args.start:
        print("--to is before --from: nothing to report.", file=sys.stderr)
        return 2
    if args.format in ("ods", *DRAWN_FORMATS) and args.output is None:
        print(f"A {args.format.upper()} report needs --output FILE.", file=sys.stderr)
        return 2
    draw = _renderer(args.format) if args.format in DRAWN_FORMATS else None
    if args.format in DRAWN_FORMATS and draw is None:
        print(
            f"{args.format.upper()} reports are drawn by the Records view, which this "
            "installation lacks; use csv, ods or open311.",
            file=sys.stderr,
        )
        return 2
    store = Store(database(args))
    try:
        records = Records(store, Settings.load())
        try:
            records.prepare()
        except StoreError as error:
            # Another desk holds the write lock: the working-time figures may be older.
            print(f"Working calendars not brought up to date: {error}", file=sys.stderr)
        query = query_of(args)
        by: GroupBy = args.by
        if draw is not None:
            draw(records, query, args.output, args.language)
        elif args.format == "ods":
            with args.output.open("wb") as out:
                write_ods_report(records, query, out, by=by)
        elif args.output is not None:
            with args.output.open("w", encoding="utf-8", newline="") as text_out:
                write_report(
                    records, query, args.format, text_out, table=args.table, by=by,
                    language=args.language,
                )  # fmt: skip
        else:
            write_report(
                records, query, args.format, sys.stdout, table=args.table, by=by,
                language=args.language,
            )  # fmt: skip
    finally:
        store.close()
    return 0
