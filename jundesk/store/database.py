"""Opening the SQLite file: owner-only permissions, pragmas, transactions, and migrations.

The file is created 0600 before SQLite touches it (its -wal and -shm files take the same
mode), every connection gets WAL and foreign keys, and Alembic brings the schema to head
from code, so an installed package needs no alembic.ini.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.pool import ConnectionPoolEntry, NullPool, QueuePool

from jundesk.store import schema_revisions
from jundesk.store.errors import (
    StoreError,
    StoreErrorKind,
    classify_os,
    classify_sqlite,
    storage_errors,
    store_error,
)
from jundesk.store.upgrade_backup import backup_before_upgrade, current_revision

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic is imported only to migrate: a desk opening a current file never needs it.

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 5000
ANALYSIS_LIMIT = 1000
MMAP_BYTES = 1 << 30
ANALYZED_TABLES = ("cases", "posts", "events", "case_posts")
# Execution option naming the BEGIN a transaction starts with; writers take the write
# lock up front so a read never has to be upgraded to a write (which fails at once in WAL).
BEGIN_MODE = "jundesk_begin"


def ensure_file(path: Path) -> None:
    """Create the database file (and its folder) readable by its owner only.

    An existing file, or a -wal/-shm beside it, that others may read is narrowed to 0600.
    """
    try:
        # A folder we make is the owner's only, like the file.
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        os.close(fd)
        for candidate in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
            if candidate.exists() and stat.S_IMODE(candidate.stat().st_mode) & 0o077:
                candidate.chmod(0o600)
    except OSError as error:
        raise store_error(classify_os(error), path) from error
    if not os.access(path.parent, os.W_OK):
        # SQLite must create the -wal and -shm files beside the database.
        raise store_error(StoreErrorKind.READ_ONLY, path)


def _install_pragmas(engine: Engine, *, foreign_keys: bool, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry) -> None:
        # We emit BEGIN ourselves (see _on_begin): sqlite3's own transaction control
        # skips it for SELECT and DDL.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            # Checkpoint the WAL every ~16 MB rather than 4 MB: a backlog's pages are
            # written back once instead of several times over.
            cursor.execute("PRAGMA wal_autocheckpoint = 4000")
            cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
            # Reads map the file instead of copying each page through a system call: a
            # word search visits a few thousand pages across a million cases.
            cursor.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        finally:
            cursor.close()

    @event.listens_for(engine, "checkin")
    def _on_checkin(dbapi_connection: DBAPIConnection | None, record: ConnectionPoolEntry) -> None:
        # SQLAlchemy takes isolation_level None for autocommit and skips its reset, but a
        # COMMIT that failed (a deferred foreign key, a full disk) leaves SQLite inside the
        # transaction: never hand that connection to the next caller.
        if dbapi_connection is not None and getattr(dbapi_connection, "in_transaction", False):
            dbapi_connection.rollback()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get(BEGIN_MODE, "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


class HintingCompiler(SQLiteCompiler):
    """SQLite's statement compiler, taking FROM hints: `select.with_hint(table, "INDEXED BY
    ix", "sqlite")` names the index SQLite must use for that table (it refuses the query
    rather than choose another), where the planner's statistics can't be relied on."""

    def get_from_hint_text(self, table: Any, text: str | None) -> str | None:
        return text


def _allow_hints(engine: Engine) -> None:
    engine.dialect.statement_compiler = HintingCompiler


def _url(path: Path) -> str:
    return f"sqlite:///{path}"


def create_sqlite_engine(
    path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS, foreign_keys: bool = True, **kw: Any
) -> Engine:
    engine = create_engine(
        _url(path),
        connect_args={"check_same_thread": False, "timeout": busy_timeout_ms / 1000},
        **kw,
    )
    _install_pragmas(engine, foreign_keys=foreign_keys, busy_timeout_ms=busy_timeout_ms)
    _allow_hints(engine)
    return engine


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(path: Path, revision: str = "head", *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    """Bring the schema up to `revision` in one transaction (nothing to do at head)."""
    if revision == "head" and _at_head(path, busy_timeout_ms):
        return
    # The file as it was, copied before a migration changes it (a new file has nothing).
    current = current_revision(path)
    if current is not None:
        backup_before_upgrade(path, current)
    from alembic import command

    # Alembic reads the version again inside the write transaction: another process
    # that migrated meanwhile leaves nothing to do.
    _migrate(path, lambda config, _: command.upgrade(config, revision), busy_timeout_ms)


def _at_head(path: Path, busy_timeout_ms: int) -> bool:
    """Whether the schema is current, read without taking the write lock.

    Raises StoreError (NEWER_SCHEMA) for a revision this JunDesk doesn't know: a newer
    JunDesk wrote the file, and no migration of ours may touch it.
    """
    engine = create_sqlite_engine(path, busy_timeout_ms=busy_timeout_ms, poolclass=NullPool)
    try:
        with storage_errors(path), engine.connect() as connection, connection.begin():
            current = stored_revision(connection)
        return _check_revision(current, path) == "current"
    finally:
        engine.dispose()


def stored_revision(connection: Connection) -> str | None:
    """The schema revision the file says it has (None: no schema of ours yet)."""
    table = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).first()
    if table is None:
        return None
    rows = connection.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    if len(rows) > 1:
        # Several branches applied: only Alembic knows what to make of that (it refuses).
        from alembic.runtime.migration import MigrationContext

        return MigrationContext.configure(connection).get_current_revision()
    return str(rows[0][0]) if rows else None


def _check_revision(current: str | None, path: Path) -> str:
    """Whether `current` is "current" or "older" (None, an empty file, is older too);
    StoreError NEWER_SCHEMA for a revision this JunDesk doesn't have."""
    head = schema_revisions.head()
    if head is None:  # several heads in the folder: Alembic's reading decides
        from alembic.script import ScriptDirectory

        scripts = ScriptDirectory.from_config(alembic_config())
        head = scripts.get_current_head()
    if current == head:
        return "current"
    if current is not None and current not in schema_revisions.revisions():
        raise store_error(StoreErrorKind.NEWER_SCHEMA, path)
    return "older"


def downgrade(path: Path, revision: str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    """Take the schema down to `revision` ("base" empties the database) in one transaction."""
    from alembic import command

    _migrate(path, lambda config, _: command.downgrade(config, revision), busy_timeout_ms)


def _migrate(path: Path, run: Callable[[Config, Connection], None], busy_timeout_ms: int) -> None:
    # Foreign keys are off while migrating, as Alembic's batch mode needs (recreating a
    # table must not cascade); they are checked before the commit instead.
    engine = create_sqlite_engine(
        path, busy_timeout_ms=busy_timeout_ms, foreign_keys=False, poolclass=NullPool
    )
    try:
        with storage_errors(path), engine.connect() as connection:
            connection.execution_options(**{BEGIN_MODE: "IMMEDIATE"})
            with connection.begin():
                run(alembic_config(connection), connection)
                problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise RuntimeError(f"migration left broken references: {problems[:5]}")
    finally:
        engine.dispose()


def open_read_only_engine(
    path: Path | str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS, allow_older: bool = False
) -> Engine:
    """The engine for reading a JunDesk database that must stay exactly as it is.

    Nothing is created, migrated or analysed, and SQLite opens the file read-only, so
    this works on a file or folder the user may not write (a backup, a copy on a
    read-only share). Raises StoreError: MISSING when there is no file (a mistyped --db
    must not look like an empty desk), OLDER_SCHEMA/NEWER_SCHEMA when it isn't at head
    (`allow_older`: an older schema is fine, for a caller that only checks the file).
    """
    path = Path(path).expanduser().resolve()
    if not path.is_file():
        raise store_error(StoreErrorKind.MISSING, path)
    engine = _read_only_engine(path, busy_timeout_ms, immutable=False)
    try:
        current = _read_revision(engine, path)
    except StoreError as error:
        engine.dispose()
        wal = path.with_name(path.name + "-wal")
        unreadable = error.kind in (StoreErrorKind.READ_ONLY, StoreErrorKind.CANNOT_OPEN)
        if not unreadable or (wal.exists() and wal.stat().st_size):
            raise
        # A read-only folder: SQLite can't make the -shm file WAL readers share. With no
        # -wal content beside it the file alone is the whole database, so read it as an
        # immutable file (no locks, no shared memory).
        engine = _read_only_engine(path, busy_timeout_ms, immutable=True)
        try:
            current = _read_revision(engine, path)
        except BaseException:
            engine.dispose()
            raise
    try:
        if _check_revision(current, path) == "older":
            if current is None:
                raise store_error(StoreErrorKind.CORRUPT, path)
            if not allow_older:
                raise store_error(StoreErrorKind.OLDER_SCHEMA, path)
    except BaseException:
        engine.dispose()
        raise
    return engine


def _read_only_engine(path: Path, busy_timeout_ms: int, *, immutable: bool) -> Engine:
    uri = path.as_uri() + "?mode=ro" + ("&immutable=1" if immutable else "")

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(
            uri, uri=True, check_same_thread=False, timeout=busy_timeout_ms / 1000
        )

    # A file, not memory: the pool a file URL would get, not the per-thread singleton.
    engine = create_engine("sqlite://", creator=connect, poolclass=QueuePool)
    _allow_hints(engine)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: DBAPIConnection, record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            cursor.execute("PRAGMA query_only = ON")
            cursor.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN DEFERRED")

    return engine


def _read_revision(engine: Engine, path: Path) -> str | None:
    with storage_errors(path), engine.connect() as connection, connection.begin():
        return stored_revision(connection)


def open_engine(path: Path | str, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """The engine for a JunDesk database file, created 0600 and migrated to head.

    Connections start transactions with a deferred BEGIN; pass the execution option
    `{BEGIN_MODE: "IMMEDIATE"}` for writes. Raises StoreError when the file can't be used.
    """
    path = Path(path).expanduser().resolve()
    ensure_file(path)
    upgrade(path, busy_timeout_ms=busy_timeout_ms)
    engine = create_sqlite_engine(path, busy_timeout_ms=busy_timeout_ms)
    with storage_errors(path), engine.connect() as connection:
        mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
    if str(mode).lower() != "wal":
        engine.dispose()
        raise store_error(StoreErrorKind.READ_ONLY, path)
    refresh_statistics(engine, busy_timeout_ms)
    return engine


def refresh_statistics(engine: Engine, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    """Sample the tables for the query planner (a few tens of ms even on a million rows).

    Without statistics SQLite may walk a whole status index rather than start from the
    few cases a word search found. The FTS5 shadow tables are left out on purpose: a
    statistic taken while posts_fts_data was small made every later insert ~25 times
    slower. Best effort: a busy database just keeps the statistics it had.
    """
    try:
        with engine.connect() as connection:
            dbapi = connection.connection.dbapi_connection
            assert dbapi is not None
            # Don't make opening wait on another writer for this: try briefly.
            dbapi.execute("PRAGMA busy_timeout = 100")
            try:
                connection.execution_options(**{BEGIN_MODE: "IMMEDIATE"})
                with connection.begin():
                    connection.exec_driver_sql(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
                    for table in ANALYZED_TABLES:
                        connection.exec_driver_sql(f"ANALYZE {table}")
                    connection.exec_driver_sql(
                        "DELETE FROM sqlite_stat1 WHERE tbl GLOB 'posts_fts*'"
                    )
            finally:
                dbapi.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    except sa_exc.DBAPIError as error:
        # ANALYZE reads every table: it is often the first to meet a damaged page.
        if classify_sqlite(error.orig or error) is StoreErrorKind.CORRUPT:
            raise store_error(StoreErrorKind.CORRUPT, _engine_path(engine)) from error
        if not isinstance(error, sa_exc.OperationalError):
            raise
        log.info("planner statistics not refreshed: %s", error)


def _engine_path(engine: Engine) -> Path | None:
    database = engine.url.database
    return Path(database) if database else None
