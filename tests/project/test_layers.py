"""The architecture holds: layers import downwards only, and only the GUI imports Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_are_kept() -> None:
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken" in result.stdout


def test_the_contracts_catch_a_forbidden_import(tmp_path: Path) -> None:
    """The checker itself works: a core module importing Qt breaks the contract."""
    bad = ROOT / "jundesk" / "core" / "_contract_probe.py"
    bad.write_text("import PySide6  # noqa: F401\n")
    try:
        lint_imports = Path(sys.executable).parent / "lint-imports"
        result = subprocess.run(
            [str(lint_imports), "--no-cache"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        bad.unlink()
    assert result.returncode != 0
    assert "broken" in result.stdout
