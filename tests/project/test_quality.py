"""Lint and types are part of the tests: ruff on everything, mypy strict where STYLE asks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing() -> None:
    result = run(str(BIN / "ruff"), "check", "jundesk", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow  # a cold mypy run takes tens of seconds; CI runs it every time
def test_mypy_strict_on_the_qt_free_layers() -> None:
    # pyproject.toml's [tool.mypy] overrides make these strict (the app layer included).
    packages = ["jundesk/core", "jundesk/store", "jundesk/triage", "jundesk/sync", "jundesk/app"]
    result = run(str(BIN / "mypy"), *packages)
    assert result.returncode == 0, result.stdout + result.stderr
