"""The migrations' revisions as the store reads them at opening (without Alembic) are
Alembic's own, and a file the store has never heard of is refused as newer."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from jundesk.store import Store, StoreError, StoreErrorKind, schema_revisions
from jundesk.store.database import alembic_config


def test_the_revisions_and_head_are_alembics() -> None:
    scripts = ScriptDirectory.from_config(alembic_config())
    assert schema_revisions.revisions() == {
        script.revision: script.down_revision for script in scripts.walk_revisions()
    }
    heads = scripts.get_heads()
    # One head for Alembic is the store's head; anything else leaves the store to Alembic.
    assert schema_revisions.head() == (heads[0] if len(heads) == 1 else None)


def test_a_file_of_an_unknown_newer_revision_is_refused(db_path: Path) -> None:
    Store(db_path).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError) as raised:
        Store(db_path)
    assert raised.value.kind is StoreErrorKind.NEWER_SCHEMA


def test_opening_a_current_file_does_not_import_alembic(db_path: Path) -> None:
    Store(db_path).close()
    code = (
        "import sys\n"
        "from jundesk.store import Store\n"
        f"Store({str(db_path)!r}).close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert shown.strip() == "[]"
