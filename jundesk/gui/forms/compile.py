"""Compiles ui/*.ui (the Designer forms, the source) into jundesk/gui/forms/ui_*.py.

python -m jundesk.gui.forms.compile          # regenerate every form
python -m jundesk.gui.forms.compile --check  # exit 1 if any generated file is stale
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

FORMS_DIR = Path(__file__).resolve().parent
UI_DIR = FORMS_DIR.parents[2] / "ui"
# uic stamps its version in a comment; another patch release of Qt is not a stale form.
_VERSION_LINE = "## Created by: Qt User Interface Compiler version"


def ui_files() -> list[Path]:
    return sorted(UI_DIR.glob("*.ui"))


def generated_path(ui: Path) -> Path:
    return FORMS_DIR / f"ui_{ui.stem}.py"


def _uic() -> list[str]:
    beside = Path(sys.executable).parent / "pyside6-uic"
    found = str(beside) if beside.exists() else shutil.which("pyside6-uic")
    if not found:
        raise SystemExit("pyside6-uic not found: install PySide6 in this environment")
    return [found]


def compile_form(ui: Path) -> str:
    result = subprocess.run(
        [*_uic(), "--no-autoconnection", ui.name],
        cwd=ui.parent,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def normalised(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith(_VERSION_LINE))


def stale_forms() -> list[Path]:
    """The forms whose generated Python is missing or differs from what uic makes now."""
    stale = []
    for ui in ui_files():
        target = generated_path(ui)
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if normalised(current) != normalised(compile_form(ui)):
            stale.append(ui)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only report stale forms")
    args = parser.parse_args(argv)
    if args.check:
        stale = stale_forms()
        for ui in stale:
            print(f"stale: {generated_path(ui).name} (from {ui.name})")
        return 1 if stale else 0
    for ui in ui_files():
        generated_path(ui).write_text(compile_form(ui), encoding="utf-8")
        print(f"{ui.name} -> {generated_path(ui).relative_to(FORMS_DIR.parents[2])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
