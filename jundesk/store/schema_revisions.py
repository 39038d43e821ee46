"""The store's schema revisions as its migration files declare them, read without importing
Alembic: opening a database that is already current (every start of a desk) then costs
no Alembic import, which alone took ~0.3 s of the window's start.

Each file in migrations/versions declares `revision = "0004"` and `down_revision =
"0003"` (None for the first) at the top level, as Alembic's template writes them; a test
checks that these agree with Alembic's own reading of the folder.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

VERSIONS = Path(__file__).resolve().parent / "migrations" / "versions"

_REVISION = re.compile(r"""^revision\s*(?::[^=]*)?=\s*["']([^"']+)["']""", re.MULTILINE)
_DOWN = re.compile(r"""^down_revision\s*(?::[^=]*)?=\s*(?:None|["']([^"']+)["'])""", re.MULTILINE)


@functools.cache
def _declared() -> tuple[tuple[str, str | None], ...]:
    """(revision, the revision it follows) as each migration file declares them."""
    found: list[tuple[str, str | None]] = []
    for script in sorted(VERSIONS.glob("*.py")):
        text = script.read_text(encoding="utf-8")
        revision = _REVISION.search(text)
        down = _DOWN.search(text)
        if revision is None or down is None:
            continue  # not a migration (the package's __init__)
        found.append((revision.group(1), down.group(1)))
    return tuple(found)


def revisions() -> dict[str, str | None]:
    """revision -> the revision it follows (None for the first), for every migration."""
    return dict(_declared())


def head() -> str | None:
    """The one revision no other follows; None when that is not plain (several heads, a
    revision declared twice, no migration at all), which only Alembic can sort out."""
    declared = _declared()
    known = dict(declared)
    if len(known) != len(declared):
        return None
    followed = {down for down in known.values() if down is not None}
    heads = [revision for revision in known if revision not in followed]
    return heads[0] if len(heads) == 1 else None
