"""A copy of the desk's database taken before a migration changes it, so an upgrade that
goes wrong (or a JunDesk rolled back to the older version) loses nothing: the file as it
was, named for its schema revision, beside it (`jundesk.db.0003-20260302T090000Z.bak`).

Only a database that has a schema and is about to be migrated is copied; a new or current
one is not. The newest few backups are kept.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from jundesk.store.errors import classify_os, classify_sqlite, store_error

log = logging.getLogger(__name__)

KEEP = 3  # backups kept per database file


def current_revision(path: Path) -> str | None:
    """The schema revision stored in the file, or None for a new (or empty) one."""
    if not path.is_file() or path.stat().st_size == 0:
        return None
    connection = sqlite3.connect(path)
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None  # no alembic_version table: nothing of ours in it yet
    finally:
        connection.close()
    return str(row[0]) if row else None


def backups_of(path: Path) -> list[Path]:
    """The backups of `path`, oldest first."""
    return sorted(path.parent.glob(f"{path.name}.*.bak"))


def backup_before_upgrade(path: Path, revision: str) -> Path:
    """Copy the database (with what its WAL holds) to a backup beside it, readable by its
    owner only, and return its path. Raises StoreError when the copy can't be made: then
    the migration must not run either."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.{revision}-{stamp}.bak")
    partial = target.with_name(target.name + ".part")
    try:
        fd = os.open(partial, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        source = sqlite3.connect(path)
        try:
            copy = sqlite3.connect(partial)
            try:
                # SQLite's online backup: a consistent copy even while another desk process
                # writes, the WAL's pages included.
                source.backup(copy)
            finally:
                copy.close()
        finally:
            source.close()
        os.replace(partial, target)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise store_error(classify_os(error), path) from error
    except sqlite3.Error as error:
        with contextlib.suppress(OSError):
            partial.unlink()
        kind = classify_sqlite(error)
        if kind is None:
            raise
        raise store_error(kind, path) from error
    log.info("Database %s (schema %s) backed up to %s before upgrading", path, revision, target)
    for old in backups_of(path)[:-KEEP]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target
