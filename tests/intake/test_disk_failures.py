"""A full or read-only disk under a collector: a clear error, no half-written case, and
everything arrives once the disk has room again. Uses a real tiny filesystem (tmpfs)."""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from jundesk.xserver import XServer
from jundesk.xserver.town import backlog, load_backlog

from .collector_process import run_collector
from .test_crash_recovery import source_ids


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=640k", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        pytest.skip(
            f"can't mount a small tmpfs here ({done.stderr.strip()}); "
            "tests/store/test_storage_failures.py covers the same errors in-process"
        )
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def remount(mount_point: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(mount_point)], check=True)


def consistent(db: Path) -> int:
    """The number of posts; fails if any case is half-written."""
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert (
            conn.execute(
                "SELECT count(*) FROM cases c WHERE NOT EXISTS "
                "(SELECT 1 FROM events e WHERE e.case_pk = c.pk)"
            ).fetchone()[0]
            == 0
        )
        assert (
            conn.execute(
                "SELECT count(*) FROM posts p WHERE NOT EXISTS (SELECT 1 FROM case_posts cp "
                "JOIN cases c ON c.pk = cp.case_pk WHERE cp.post_pk = p.pk)"
            ).fetchone()[0]
            == 0
        )
        return int(conn.execute("SELECT count(*) FROM posts").fetchone()[0])


@pytest.mark.slow
def test_full_disk_stops_cleanly_and_catches_up(tiny_disk: Path, tmp_path: Path) -> None:
    db = tiny_disk / "desk.db"
    with XServer(seed=4, mentions_reach=5000) as server:
        ids = load_backlog(server, backlog(3000, seed=4))
        full = run_collector(server, db, tmp_path / "home")
        assert full.returncode == 1
        assert "disk" in full.stderr.lower() and "full" in full.stderr.lower()
        assert "Traceback" not in full.stderr
        before = consistent(db)
        assert before < len(ids)

        remount(tiny_disk, "size=64m")
        again = run_collector(server, db, tmp_path / "home")
        assert again.returncode == 0, again.stderr
    assert consistent(db) == len(ids)
    with sqlite3.connect(db) as conn:
        assert set(source_ids(conn)) == set(ids)


@pytest.mark.slow
def test_read_only_disk_gives_a_clear_error(tiny_disk: Path, tmp_path: Path) -> None:
    db = tiny_disk / "desk.db"
    with XServer(seed=5) as server:
        server.add_post("ana", f"@{server.town_handle} farola apagada")
        assert run_collector(server, db, tmp_path / "home").returncode == 0
        server.add_post("luis", f"@{server.town_handle} basura en la plaza")
        remount(tiny_disk, "ro")
        failed = run_collector(server, db, tmp_path / "home")
        assert failed.returncode == 1
        assert "read-only" in failed.stderr.lower() or "read only" in failed.stderr.lower()
        assert "Traceback" not in failed.stderr
        remount(tiny_disk, "rw")
        assert run_collector(server, db, tmp_path / "home").returncode == 0
    assert consistent(db) == 2
