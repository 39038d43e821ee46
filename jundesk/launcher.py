"""The `jundesk` command: no command opens the desk window (the first run when no account
is configured), `demo` opens the demo window (`demo --headless` prints instead), and
anything else is the command line's.

It sits outside the layers so the command line never imports the GUI, and a machine
without a display can still use every command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def has_display() -> bool:
    """Whether a window can open here (on Linux: an X or Wayland display, or a Qt platform
    chosen by hand, such as offscreen)."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(n) for n in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    wants_window = not args or (args[0] == "demo" and "--headless" not in args[1:])
    if wants_window and not has_display():
        if not args:
            print(
                "jundesk: the desk window needs a display, and none was found. Every other "
                "command works without one (see 'jundesk --help').",
                file=sys.stderr,
            )
            return 2
        # A server or a container: the same demo, printed in the terminal.
        print("jundesk: no display found; showing the demo in the terminal.", file=sys.stderr)
        args.append("--headless")
        wants_window = False
    if wants_window:
        try:
            from jundesk.gui import app as gui
        except ImportError as exc:
            # Qt's system libraries (libEGL, libxkbcommon...) missing: say which.
            print(f"jundesk: the desk window can't start here: {exc}", file=sys.stderr)
            return 2
        if not args:
            return gui.run_desk()
        return gui.run_demo(gui.demo_options(gui.demo_parser().parse_args(args[1:])))
    from jundesk.cli.main import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
