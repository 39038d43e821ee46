"""Entry point of the `jundesk` command."""

from __future__ import annotations

import argparse
import errno
import os
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
    privacy_command,
    report_command,
    settings_command,
    sync_command,
    upgrade_command,
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
        privacy_command,
        sync_command,
        upgrade_command,
        settings_command,
        report_command,
    ):
        module.register(sub)
    return p


# What a shell reports for a command killed by SIGPIPE (128 + 13), as `cat` and `grep` do.
BROKEN_PIPE_STATUS = 141
# Writing the output failed (stdout to a full disk, a dead terminal...), not a file of ours.
OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG, errno.EPIPE})


def _drop_stdout() -> None:
    """Point stdout at /dev/null, so the flush at exit doesn't fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass  # not a real file (a test's capture): nothing will flush it at exit


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    setup(args.verbose)
    if not getattr(args, "run", None):
        parser().print_help()
        return 2
    try:
        code = int(args.run(args) or 0)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at exit
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`jundesk export | head`): nothing more to say, to anyone.
        _drop_stdout()
        return BROKEN_PIPE_STATUS
    except OSError as exc:
        if exc.filename is not None or exc.errno not in OUTPUT_ERRNOS:
            raise
        _drop_stdout()
        print(f"jundesk: can't write the output: {exc.strerror or exc}", file=sys.stderr)
        return 1
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
