"""Brings the translations up to date with the code: lupdate over jundesk/gui and ui/*.ui,
English filled in from the source strings, then lrelease to the .qm files.

    .venv/bin/python jundesk/resources/i18n/update_translations.py

Spanish is written by people: after running this, translate every message lupdate
marked "unfinished" in jundesk_es.ts (Qt Linguist: pyside6-linguist), then run it again
to compile. tests/gui/test_i18n.py fails while anything is stale or unfinished.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
LANGUAGES = ("es", "en")


def tool(name: str) -> str:
    """A Qt tool from the venv PySide6 is installed in, else from PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def sources() -> list[Path]:
    sys.path.insert(0, str(ROOT))
    from jundesk.gui.translations import translation_sources

    return translation_sources(ROOT)


def lupdate(ts_files: list[Path], files: list[Path] | None = None) -> None:
    """Update `ts_files` from the sources; obsolete strings and line numbers are left out,
    so the files change only when the strings do."""
    args = [tool("pyside6-lupdate"), "-no-obsolete", "-locations", "none"]
    args += [str(f) for f in files or sources()]
    subprocess.run([*args, "-ts", *map(str, ts_files)], check=True, capture_output=True)


def lrelease(ts_file: Path, qm_file: Path) -> None:
    subprocess.run(
        [tool("pyside6-lrelease"), str(ts_file), "-qm", str(qm_file)],
        check=True,
        capture_output=True,
    )


def english_plural(source: str) -> tuple[str, str]:
    """ "%n case(s)" -> ("%n case", "%n cases"): the English forms of a source string."""
    return re.sub(r"\(s\)", "", source), re.sub(r"\(s\)", "s", source)


def fill_english(ts_file: Path) -> int:
    """Give every unfinished English message its source text; returns how many."""
    tree = ET.parse(ts_file)
    filled = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is None or translation.get("type") != "unfinished":
            continue
        del translation.attrib["type"]
        if message.get("numerus") == "yes":
            forms = translation.findall("numerusform")
            for form, text in zip(forms, english_plural(source), strict=True):
                form.text = text
        else:
            translation.text = source
        filled += 1
    if filled:
        _write(tree, ts_file)
    return filled


def _write(tree: ET.ElementTree, path: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


def main() -> None:
    ts_files = [HERE / f"jundesk_{lang}.ts" for lang in LANGUAGES]
    lupdate(ts_files)
    print(f"English: {fill_english(HERE / 'jundesk_en.ts')} strings filled from the source")
    for ts in ts_files:
        lrelease(ts, ts.with_suffix(".qm"))
    spanish = ET.parse(HERE / "jundesk_es.ts").getroot()
    todo = [
        m.findtext("source")
        for m in spanish.iter("message")
        if m.find("translation") is not None and m.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
    ]
    print(f"Spanish: {len(todo)} strings to translate")
    for text in todo:
        print("  ", text)


if __name__ == "__main__":
    main()
