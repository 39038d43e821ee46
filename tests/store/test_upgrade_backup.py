"""Opening a database made by an older JunDesk migrates it, and first copies the file as it
was beside it; a new or current database is not copied."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from jundesk.store import Store
from jundesk.store.database import downgrade, upgrade
from jundesk.store.errors import StoreError
from jundesk.store.upgrade_backup import KEEP, backups_of, current_revision


def _an_older_desk(db_path: Path) -> str:
    """A database at the first revision holding a row, as an older JunDesk left it."""
    with Store(db_path):
        pass
    downgrade(db_path, "0001")
    for old in backups_of(db_path):
        old.unlink()
    return "0001"


def test_a_pending_migration_backs_the_file_up_first(db_path: Path) -> None:
    revision = _an_older_desk(db_path)
    with Store(db_path):
        pass
    backups = backups_of(db_path)
    assert len(backups) == 1
    backup = backups[0]
    assert backup.name.startswith(f"jundesk.db.{revision}-") and backup.suffix == ".bak"
    # The copy is the file as it was: still at the old revision, readable by its owner only.
    assert current_revision(backup) == revision
    assert current_revision(db_path) != revision
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_a_new_or_current_database_is_not_copied(db_path: Path) -> None:
    with Store(db_path):
        pass
    with Store(db_path):
        pass
    assert backups_of(db_path) == []


def test_only_the_newest_backups_are_kept(db_path: Path) -> None:
    _an_older_desk(db_path)
    for n in range(KEEP + 2):
        (db_path.parent / f"jundesk.db.0001-2020010{n}T000000Z.bak").write_bytes(b"old")
    upgrade(db_path)
    kept = backups_of(db_path)
    assert len(kept) == KEEP
    assert current_revision(kept[-1]) == "0001"  # the new one is kept


def test_no_migration_without_its_backup(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _an_older_desk(db_path)
    real_connect = sqlite3.connect

    def failing(target: object, *args: object, **kwargs: object) -> sqlite3.Connection:
        if str(target).endswith(".part"):
            raise sqlite3.OperationalError("disk I/O error")
        return real_connect(target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", failing)
    with pytest.raises((StoreError, sqlite3.Error)):
        upgrade(db_path)
    monkeypatch.undo()
    assert current_revision(db_path) == "0001"
    assert not list(db_path.parent.glob("*.part"))
