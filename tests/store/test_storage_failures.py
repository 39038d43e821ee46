"""Failures a user can meet become StoreError, and leave no half-written case behind."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from sqlalchemy import event

from jundesk.core.model import Cursor, Event, Post
from jundesk.store import Store, StoreError, StoreErrorKind
from jundesk.store.errors import storage_errors

CaseOpener = Callable[..., tuple[str, list[Event]]]
as_root = os.geteuid() == 0


@contextmanager
def on_every_transaction(store: Store, sql: str) -> Iterator[None]:
    """Run `sql` at the start of each transaction (a per-connection fault), then undo it."""

    def inject(conn: object) -> None:
        conn.exec_driver_sql(sql)  # type: ignore[attr-defined]

    event.listen(store._engine, "begin", inject)
    try:
        yield
    finally:
        event.remove(store._engine, "begin", inject)
        store._engine.dispose()  # the pragma stays on pooled connections otherwise


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        counts = {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("posts", "cases", "events", "case_posts", "intake_cursors", "read_usage")
        }
        counts["orphan_posts"] = conn.execute(
            "SELECT count(*) FROM case_posts cp WHERE NOT EXISTS "
            "(SELECT 1 FROM events e WHERE e.case_pk = cp.case_pk)"
        ).fetchone()[0]
        counts["cases_without_events"] = conn.execute(
            "SELECT count(*) FROM cases c WHERE NOT EXISTS "
            "(SELECT 1 FROM events e WHERE e.case_pk = c.pk)"
        ).fetchone()[0]
        counts["fts_rows"] = conn.execute("SELECT count(*) FROM posts_fts").fetchone()[0]
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO posts_fts(posts_fts) VALUES ('integrity-check')")
    return counts


def _intake(store: Store, posts: list[Post], open_case: CaseOpener) -> None:
    opened = [open_case(p) for p in posts]
    with store.unit() as uow:
        uow.add_posts(posts, [case_id for case_id, _ in opened])
        uow.append_events([e for _, events in opened for e in events])
        uow.save_cursor(Cursor("x", "mentions", since_id=posts[-1].source_id))
        uow.add_reads("x", len(posts), posts[-1].received_at)


def test_a_full_disk_saves_nothing_of_the_batch(
    store: Store, make_post: Callable[..., Post], open_case: CaseOpener
) -> None:
    _intake(store, [make_post() for _ in range(5)], open_case)
    before = _counts(store.path)
    with sqlite3.connect(store.path) as conn:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
    big = [make_post("farola " + "á" * 20_000) for _ in range(40)]
    with (
        on_every_transaction(store, f"PRAGMA max_page_count = {pages + 8}"),
        pytest.raises(StoreError) as caught,
    ):
        _intake(store, big, open_case)
    assert caught.value.kind is StoreErrorKind.DISK_FULL
    assert "full" in str(caught.value) and "Free some space" in str(caught.value)
    assert _counts(store.path) == before
    assert before["orphan_posts"] == before["cases_without_events"] == 0
    # And the store carries on once there is room.
    _intake(store, big[:2], open_case)
    assert _counts(store.path)["posts"] == before["posts"] + 2


def test_a_read_only_database_says_so(
    store: Store, make_post: Callable[..., Post], open_case: CaseOpener
) -> None:
    before = _counts(store.path)
    with on_every_transaction(store, "PRAGMA query_only = ON"):
        with pytest.raises(StoreError) as caught:
            _intake(store, [make_post()], open_case)
        assert store.list_cases() == []  # reading still works
    assert caught.value.kind is StoreErrorKind.READ_ONLY
    assert "read-only" in str(caught.value)
    assert _counts(store.path) == before


@pytest.mark.skipif(as_root, reason="root writes read-only files anyway")
def test_a_read_only_file(db_path: Path) -> None:
    Store(db_path).close()
    db_path.chmod(0o400)
    with pytest.raises(StoreError) as caught:
        Store(db_path)
    assert caught.value.kind is StoreErrorKind.READ_ONLY


@pytest.mark.skipif(as_root, reason="root writes in read-only folders anyway")
def test_a_folder_that_is_not_writable(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreError) as caught:
            Store(folder / "jundesk.db")
        assert caught.value.kind is StoreErrorKind.READ_ONLY
    finally:
        folder.chmod(0o700)


def test_a_database_locked_too_long(
    db_path: Path, make_post: Callable[..., Post], open_case: CaseOpener
) -> None:
    with Store(db_path, busy_timeout_ms=100) as store:
        other = sqlite3.connect(db_path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StoreError) as caught:
                _intake(store, [make_post()], open_case)
            assert caught.value.kind is StoreErrorKind.LOCKED
            assert "locked" in str(caught.value)
            assert store.count_cases() == 0  # readers are not blocked by a writer (WAL)
        finally:
            other.execute("ROLLBACK")
            other.close()
        _intake(store, [make_post()], open_case)
        assert store.count_cases() == 1


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"These are my notes, not a database.\n" * 200)
    with pytest.raises(StoreError) as caught:
        Store(path)
    assert caught.value.kind is StoreErrorKind.CORRUPT
    assert "backup" in str(caught.value)


def test_a_path_that_is_a_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as caught:
        Store(tmp_path)
    assert caught.value.kind in (StoreErrorKind.CANNOT_OPEN, StoreErrorKind.READ_ONLY)


def test_a_failed_step_caught_by_the_caller_still_rolls_back_the_unit(
    store: Store, make_post: Callable[..., Post], open_case: CaseOpener
) -> None:
    post = make_post()
    case_id, events = open_case(post)
    with pytest.raises(StoreError) as caught, store.unit() as uow:
        uow.add_posts([post], [case_id])
        uow.append_events(events)
        uow._conn.exec_driver_sql("PRAGMA query_only = ON")
        with suppress(StoreError):  # the caller carries on as if nothing happened
            uow.save_cursor(Cursor("x", "mentions", since_id="1"))
        uow._conn.exec_driver_sql("PRAGMA query_only = OFF")
    assert caught.value.kind is StoreErrorKind.READ_ONLY
    assert store.get_post(post.id) is None
    assert store.get_case(case_id) is None
    assert store.get_cursor("x", "mentions") == Cursor("x", "mentions")


def test_permission_denied_on_the_file_is_read_only(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What a non-root user meets on a 0444 file, simulated so the test also runs as root.
    def refuse(*args: object, **kw: object) -> int:
        raise PermissionError(13, "Permission denied", str(db_path))

    monkeypatch.setattr("jundesk.store.database.os.open", refuse)
    with pytest.raises(StoreError) as caught:
        Store(db_path)
    assert caught.value.kind is StoreErrorKind.READ_ONLY
    assert caught.value.path == db_path.resolve()


def test_a_folder_without_write_permission_is_read_only(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("jundesk.store.database.os.access", lambda *a, **k: False)
    with pytest.raises(StoreError) as caught:
        Store(db_path)
    assert caught.value.kind is StoreErrorKind.READ_ONLY


def test_a_damaged_schema_that_sqlite_reports_as_no_memory_is_a_damaged_file(
    db_path: Path,
) -> None:
    """A damaged record's length taken at its word: SQLite asks for gigabytes and says it
    has no memory. The file fails its own check, so the store says it is damaged."""
    with Store(db_path):
        pass
    with db_path.open("r+b") as file:
        for page in range(2, db_path.stat().st_size // 4096 + 1):
            file.seek((page - 1) * 4096 + 100)
            file.write(b"\xff" * 3000)
    for read_only in (True, False):
        with pytest.raises(StoreError) as refused:
            Store(db_path, read_only=read_only).close()
        assert refused.value.kind is StoreErrorKind.CORRUPT
        assert isinstance(refused.value.__cause__, MemoryError | sqlite3.DatabaseError)


def test_running_short_of_memory_on_a_sound_file_is_not_called_damage(
    store: Store, db_path: Path
) -> None:
    with pytest.raises(MemoryError), storage_errors(db_path):
        raise MemoryError
