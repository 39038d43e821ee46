"""The `jundesk` command: no command opens the desk window (the first run when no account
is configured), `demo` opens the demo window (`demo --headless` prints instead), and
anything else is the command line's.

It sits outside the layers so the command line never imports the GUI, and a machine
without a display can still use every command.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        from jundesk.gui.app import run_desk

        return run_desk()
    if args[0] == "demo" and "--headless" not in args[1:]:
        from jundesk.gui.app import demo_options, demo_parser, run_demo

        return run_demo(demo_options(demo_parser().parse_args(args[1:])))
    from jundesk.cli.main import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
