"""The `jundesk` command: no command opens the desk, `demo` the demo window, `demo
--headless` and every other command go to the command line (which never imports Qt)."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from jundesk import launcher


def test_dispatch(monkeypatch: pytest.MonkeyPatch) -> None:
    import jundesk.cli.main as cli_main
    import jundesk.gui.app as gui_app

    calls: list[tuple[str, object]] = []
    monkeypatch.setattr(gui_app, "run_desk", lambda: calls.append(("desk", None)) or 0)
    monkeypatch.setattr(gui_app, "run_demo", lambda options: calls.append(("demo", options)) or 0)
    monkeypatch.setattr(cli_main, "main", lambda argv: calls.append(("cli", argv)) or 0)
    logs: list[Path] = []
    monkeypatch.setattr(launcher, "desk_log", logs.append)
    assert launcher.main([]) == 0
    assert launcher.main(["demo", "--speed", "50", "--seed", "3"]) == 0
    assert launcher.main(["demo", "--headless"]) == 0
    assert launcher.main(["case", "list"]) == 0
    assert calls[0] == ("desk", None)
    assert calls[1][0] == "demo"
    assert calls[1][1].speed == 50 and calls[1][1].seed == 3  # type: ignore[attr-defined]
    assert calls[2] == ("cli", ["demo", "--headless"])
    assert calls[3] == ("cli", ["case", "list"])
    # The two windows keep a log file in the data folder; the command line logs to stderr.
    assert [p.name for p in logs] == ["logs", "logs"]


@pytest.mark.slow
def test_the_command_line_never_imports_qt() -> None:
    code = (
        "import sys, jundesk.cli.main; "
        "sys.exit(any(m.startswith(('PySide6', 'qasync')) for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


def test_without_a_display_the_demo_runs_in_the_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import jundesk.cli.main as cli_main

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    calls: list[object] = []
    monkeypatch.setattr(cli_main, "main", lambda argv: calls.append(argv) or 0)
    assert launcher.main(["demo", "--seed", "3"]) == 0
    assert calls == [["demo", "--seed", "3", "--headless"]]
    assert "no display" in capsys.readouterr().err
    assert launcher.main([]) == 2
    assert "needs a display" in capsys.readouterr().err


def _unused_display() -> str:
    number = 77
    while Path(f"/tmp/.X11-unix/X{number}").exists():
        number += 1
    return f":{number}"


def test_a_display_nobody_answers_falls_back_to_the_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """Qt would abort (exit 134) on an X display with no server: the launcher asks first."""
    import jundesk.cli.main as cli_main

    display = _unused_display()
    monkeypatch.setenv("DISPLAY", display)
    for name in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    calls: list[object] = []
    monkeypatch.setattr(cli_main, "main", lambda argv: calls.append(argv) or 0)
    assert launcher.main(["demo"]) == 0
    assert calls == [["demo", "--headless"]]
    err = capsys.readouterr().err
    assert f"the display {display} doesn't answer" in err and len(err.splitlines()) == 1
    assert launcher.main([]) == 2
    assert display in capsys.readouterr().err


def test_a_display_that_answers_opens_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        if port <= launcher.X_PORT:
            pytest.skip("no port above X's range free")
        monkeypatch.setenv("DISPLAY", f"127.0.0.1:{port - launcher.X_PORT}")
        monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        assert launcher.display_problem() == ""
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setenv("DISPLAY", _unused_display())
    assert launcher.display_problem() == ""  # a platform chosen by hand is Qt's business


def test_the_demo_takes_the_same_arguments_with_and_without_a_display(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`jundesk demo --preload 5 --desk police`: the window gets these options, and without a
    display the terminal's demo gets the same ones (no argument error)."""
    import jundesk.cli.demo as cli_demo
    import jundesk.gui.app as gui_app
    from jundesk.app.demo import DemoOptions

    seen: list[DemoOptions] = []
    monkeypatch.setattr(gui_app, "run_demo", lambda options: seen.append(options) or 0)

    async def headless(options: DemoOptions) -> int:
        seen.append(options)
        return 0

    monkeypatch.setattr(cli_demo, "headless", headless)
    words = ["demo", "--preload", "5", "--desk", "police"]
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert launcher.main(words) == 0
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert launcher.main(words) == 0
    window, terminal = seen
    assert (window.preload, window.desk, window.headless) == (5, "police", False)
    assert terminal == DemoOptions(preload=5, desk="police", headless=True)
    assert window == DemoOptions(preload=5, desk="police")
