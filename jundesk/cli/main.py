"""Entry point of the `jundesk` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from jundesk import __version__
from jundesk.app.actions import ActionError
from jundesk.app.secrets import SecretsUnavailable
from jundesk.cli import (
    accounts,
    case_commands,
    classify,
    collect,
    demo,
    export,
    hub_commands,
    sync_command,
    xserver_command,
)
from jundesk.cli.log_setup import setup
from jundesk.intake.source import IntakeError
from jundesk.store.errors import StoreError


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="jundesk",
        description="A live triage console for a town's public employees.",
    )
    p.add_argument("--version", action="version", version=f"jundesk {__version__}")
    p.add_argument("-v", "--verbose", action="store_true", help="log debugging detail")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for module in (
        demo,
        collect,
        classify,
        export,
        case_commands,
        xserver_command,
        accounts,
        hub_commands,
        sync_command,
    ):
        module.register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    setup(args.verbose)
    if not getattr(args, "run", None):
        parser().print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except (
        StoreError,
        IntakeError,
        ActionError,
        SecretsUnavailable,
        case_commands.CaseNotFound,
    ) as exc:
        print(f"jundesk: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
