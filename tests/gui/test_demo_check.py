"""`jundesk demo --quit-after N`: the demo window routes cases, paints them, and closes by
itself with exit code 0 (what the packaging smoke tests run on what ships)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow
def test_the_demo_window_routes_a_case_and_exits_0(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "JUNDESK_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "jundesk.launcher", "demo", "--quit-after", "1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert any(line.startswith("jundesk demo: painted at ") for line in lines)
    assert any(line.startswith("jundesk demo: routed ") for line in lines)
    assert lines[-1].startswith("jundesk demo: ok: ")


@pytest.mark.slow
def test_without_a_case_in_time_it_exits_1(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "JUNDESK_HOME": str(tmp_path)}
    code = (
        # Intake that never reports a case: the check gives up after its timeout.
        "import sys; from jundesk.gui import demo_check; "
        "demo_check.DemoCheck.__init__.__defaults__ = (3,); "
        "demo_check.DemoCheck._on_report = lambda self, report: None; "
        "from jundesk.launcher import main; "
        "sys.exit(main(['demo', '--quit-after', '1']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "failed: 0 of 1" in done.stdout
