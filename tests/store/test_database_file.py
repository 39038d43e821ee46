"""The database file: owner-only permissions, WAL, foreign keys, made from nothing."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from jundesk.store import Store


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_file_and_its_wal_are_owner_only(
    db_path: Path, store: Store, ingest: Callable[..., object]
) -> None:
    previous = os.umask(0o022)
    try:
        ingest()
        assert _mode(db_path) == 0o600
        wal = db_path.with_name(db_path.name + "-wal")
        assert wal.exists()
        assert _mode(wal) == 0o600
        assert _mode(db_path.with_name(db_path.name + "-shm")) == 0o600
    finally:
        os.umask(previous)


def test_an_existing_file_others_can_read_is_narrowed(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    path.touch()
    path.chmod(0o644)
    with Store(path):
        pass
    assert _mode(path) == 0o600


def test_the_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "jundesk.db"
    with Store(path) as store:
        assert store.path == path.resolve()
    assert path.exists()


def test_every_connection_has_wal_and_foreign_keys(store: Store) -> None:
    with store._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_planner_statistics_leave_the_fts_tables_alone(
    db_path: Path, store: Store, ingest: Callable[..., object]
) -> None:
    for _ in range(3):
        ingest()
    with store._engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")  # as an older version or a sqlite3 shell might
    store.close()
    with Store(db_path) as again, again._engine.connect() as conn:
        tables = {t for (t,) in conn.exec_driver_sql("SELECT tbl FROM sqlite_stat1")}
    assert "cases" in tables
    assert not {t for t in tables if t.startswith("posts_fts")}
