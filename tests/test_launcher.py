"""The `jundesk` command: no command opens the desk, `demo` the demo window, `demo
--headless` and every other command go to the command line (which never imports Qt)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from jundesk import launcher


def test_dispatch(monkeypatch: pytest.MonkeyPatch) -> None:
    import jundesk.cli.main as cli_main
    import jundesk.gui.app as gui_app

    calls: list[tuple[str, object]] = []
    monkeypatch.setattr(gui_app, "run_desk", lambda: calls.append(("desk", None)) or 0)
    monkeypatch.setattr(gui_app, "run_demo", lambda options: calls.append(("demo", options)) or 0)
    monkeypatch.setattr(cli_main, "main", lambda argv: calls.append(("cli", argv)) or 0)
    assert launcher.main([]) == 0
    assert launcher.main(["demo", "--speed", "50", "--seed", "3"]) == 0
    assert launcher.main(["demo", "--headless"]) == 0
    assert launcher.main(["case", "list"]) == 0
    assert calls[0] == ("desk", None)
    assert calls[1][0] == "demo"
    assert calls[1][1].speed == 50 and calls[1][1].seed == 3  # type: ignore[attr-defined]
    assert calls[2] == ("cli", ["demo", "--headless"])
    assert calls[3] == ("cli", ["case", "list"])


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
