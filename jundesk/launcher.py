"""The `jundesk` command: no command opens the desk window (the first run when no account
is configured), `demo` opens the demo window (`demo --headless` prints instead), and
anything else is the command line's.

It sits outside the layers so the command line never imports the GUI, and a machine
without a display can still use every command.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Sequence

from jundesk.app.log_setup import desk_log
from jundesk.paths import data_dir

X_PORT = 6000  # an X display :N on a host listens on TCP port 6000 + N
CONNECT_TIMEOUT = 1.0


def has_display() -> bool:
    """Whether a window can open here (on Linux: an X or Wayland display, or a Qt platform
    chosen by hand, such as offscreen)."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(n) for n in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def display_problem() -> str:
    """Why the display the environment names can't be used ("" when it can, or when
    nothing says otherwise). Qt itself aborts the process on an X display nobody answers
    (exit 134, blaming a missing xcb-cursor0): so ask first, by connecting to its socket."""
    if not sys.platform.startswith("linux"):
        return ""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb") and not platform.startswith("wayland"):
        return ""  # offscreen, vnc, eglfs...: chosen by hand, Qt's own business
    wayland = os.environ.get("WAYLAND_DISPLAY", "")
    if wayland and not platform.startswith("xcb"):
        runtime = os.environ.get("XDG_RUNTIME_DIR", "")
        path = wayland if os.path.isabs(wayland) else os.path.join(runtime, wayland)
        if _connects(socket.AF_UNIX, path):
            return ""
    display = os.environ.get("DISPLAY", "")
    if not display:
        return "" if not wayland else f"the Wayland display {wayland} doesn't answer"
    if _x_display_answers(display):
        return ""
    return f"the display {display} doesn't answer (no X server there)"


def _x_display_answers(display: str) -> bool:
    host, _, rest = display.rpartition(":")
    number = rest.split(".")[0]
    if not number.isdigit():
        return True  # a form we don't know: let Qt judge it
    if host.startswith("/"):
        return True  # a socket path (macOS's launchd): let Qt judge it
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{number}"
        # Linux X servers also listen on the abstract socket of the same name.
        return _connects(socket.AF_UNIX, path) or _connects(socket.AF_UNIX, "\0" + path)
    return _connects(socket.AF_INET, (host, X_PORT + int(number)))


def _connects(family: socket.AddressFamily, address: object) -> bool:
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.settimeout(CONNECT_TIMEOUT)
            sock.connect(address)  # type: ignore[arg-type]
    except OSError:
        return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    wants_window = not args or (args[0] == "demo" and "--headless" not in args[1:])
    if wants_window:
        problem = "no display found" if not has_display() else display_problem()
        if problem and not args:
            print(
                f"jundesk: the desk window needs a display: {problem}. Every other "
                "command works without one (see 'jundesk --help').",
                file=sys.stderr,
            )
            return 2
        if problem:
            # A server, a container, a stale DISPLAY: the same demo, in the terminal.
            print(f"jundesk: {problem}; showing the demo in the terminal.", file=sys.stderr)
            args.append("--headless")
            wants_window = False
    if wants_window:
        try:
            from jundesk.gui import app as gui
        except ImportError as exc:
            # Qt's system libraries (libEGL, libxkbcommon...) missing: say which.
            print(f"jundesk: the desk window can't start here: {exc}", file=sys.stderr)
            return 2
        # The window's log file (secrets redacted), where a town's IT looks when a desk
        # misbehaved: data folder/logs/jundesk.log.
        desk_log(data_dir() / "logs")
        if not args:
            return gui.run_desk()
        from jundesk.app.demo import demo_options

        return gui.run_demo(demo_options(args[1:]))
    from jundesk.cli.main import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    sys.exit(main())
