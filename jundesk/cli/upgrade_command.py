"""`jundesk upgrade`: bring a desk's database to this JunDesk's schema, and nothing else.

Read-only commands (export, case list and show) never migrate a file; after updating
JunDesk this is the one step that does, besides opening the desk.
"""

from __future__ import annotations

import argparse

from jundesk.cli.common import add_db_option, database
from jundesk.store.repository import Store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("upgrade", help="upgrade the desk's database to this JunDesk's schema")
    add_db_option(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    path = database(args)
    # The read-only open says MISSING for a wrong path instead of creating a file.
    Store(path, read_only=True, allow_older=True).close()
    Store(path).close()
    print(f"{path}: up to date")
    return 0
