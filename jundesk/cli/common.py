"""What several commands share: the database path, settings, credentials, printing a case."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from jundesk.app.locations import default_database
from jundesk.app.log_setup import REDACTOR
from jundesk.app.settings import Settings
from jundesk.app.x_access import x_credentials
from jundesk.core.model import Case, CaseSummary
from jundesk.intake.x_credentials import XCredentials


def add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="the SQLite database (default: the desk's database in the user's data folder)",
    )


def database(args: argparse.Namespace) -> Path:
    return Path(args.db).expanduser() if getattr(args, "db", None) else default_database()


def credentials(settings: Settings) -> XCredentials:
    """The desk's credentials (app/x_access.py), their values kept out of the log; an
    unreadable keyring is an error only when the environment gave none either."""
    creds = x_credentials(settings).required()
    REDACTOR.add(creds.secrets())
    return creds


def short(case_id: str) -> str:
    """The end of the id: its random part, distinct even for cases of the same minute."""
    return case_id[-8:]


def first_line(text: str, width: int = 70) -> str:
    line = " ".join(text.split())
    # Post text is untrusted: drop control and bidi-override characters on a terminal.
    line = "".join(ch for ch in line if ch.isprintable() and ch not in _BIDI)
    return line if len(line) <= width else line[: width - 1] + "…"


_BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f")


def case_line(summary: CaseSummary) -> str:
    case = summary.case
    who = f"@{summary.author_handle}" if summary.author_handle else "-"
    return (
        f"{short(case.id)}  {case.priority.value:<7} {case.role:<16} {case.status.value:<12} "
        f"{who:<18} {first_line(summary.excerpt, 60)}"
    )


def iso(value: object) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else None


def case_json(case: Case) -> dict[str, object]:
    return {
        "id": case.id,
        "role": case.role,
        "priority": case.priority.value,
        "status": case.status.value,
        "assignee": case.assignee,
        "created_at": iso(case.created_at),
        "acknowledged_at": iso(case.acknowledged_at),
        "first_reply_at": iso(case.first_reply_at),
        "resolved_at": iso(case.resolved_at),
        "merged_into": case.merged_into or None,
    }


def person_default(settings: Settings) -> str:
    return settings.person or os.environ.get("USER", "")
