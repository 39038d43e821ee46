"""The architecture holds: layers import downwards only, and only the GUI imports Qt."""

from __future__ import annotations

import os
import shutil
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
    """The checker itself works: a core module importing Qt breaks the contract.

    The probe goes into a copy of the package (its Python files and the contracts), so
    the source tree is never written to."""
    shutil.copytree(
        ROOT / "jundesk",
        tmp_path / "jundesk",
        ignore=lambda folder, names: (
            [n for n in names if not n.endswith(".py") and not (Path(folder) / n).is_dir()]
            + ["__pycache__", "resources"]
        ),
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "jundesk" / "core" / "_contract_probe.py").write_text(
        "import PySide6  # noqa: F401\n"
    )
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0, result.stdout + result.stderr
    assert "broken" in result.stdout
    assert "jundesk.core._contract_probe" in result.stdout
    assert not (ROOT / "jundesk" / "core" / "_contract_probe.py").exists()
