"""The one error the store raises for failures a user can meet, and how sqlite's become it."""

from __future__ import annotations

import enum
import errno
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from sqlalchemy import exc as sa_exc


class StoreErrorKind(enum.StrEnum):
    READ_ONLY = "read_only"
    DISK_FULL = "disk_full"
    LOCKED = "locked"
    CORRUPT = "corrupt"
    CANNOT_OPEN = "cannot_open"
    IO = "io"
    MISSING = "missing"
    NEWER_SCHEMA = "newer_schema"
    OLDER_SCHEMA = "older_schema"
    # Not a storage failure: a word search too short to run (a one-letter prefix would
    # walk most of the index); the GUI asks for more letters before it searches.
    SEARCH_TOO_SHORT = "search_too_short"


class StoreError(Exception):
    """A storage failure: the message says what happened and what to do.

    `kind` lets the GUI show its own translated message; `path` is the database file.
    """

    def __init__(self, kind: StoreErrorKind, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.path = path


# Primary sqlite result codes (the low byte of an extended code).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


def _where(path: Path | None) -> str:
    return f" ({path})" if path else ""


def _message(kind: StoreErrorKind, path: Path | None) -> str:
    where = _where(path)
    return {
        StoreErrorKind.READ_ONLY: (
            f"The JunDesk database{where} can't be written: the file or its folder is "
            "read-only. Give your user write permission on both, or move the database to "
            "a folder you can write to, then try again."
        ),
        StoreErrorKind.DISK_FULL: (
            f"The disk holding the JunDesk database{where} is full; nothing was saved. "
            "Free some space on it, then try again."
        ),
        StoreErrorKind.LOCKED: (
            f"The JunDesk database{where} stayed locked by another program for too long; "
            "nothing was saved. Close other copies of JunDesk (or `jundesk collect`) using "
            "the same file, then try again."
        ),
        StoreErrorKind.CORRUPT: (
            f"The file{where} is not a JunDesk database or is damaged. Restore it from a "
            "backup, or move it aside so JunDesk can start a new one."
        ),
        StoreErrorKind.CANNOT_OPEN: (
            f"The JunDesk database{where} can't be opened or created. Check that the folder "
            "exists, that your user may write to it, and that the disk is mounted."
        ),
        StoreErrorKind.IO: (
            f"Reading or writing the JunDesk database{where} failed at the disk; nothing was "
            "saved. Check the disk (or network drive), then try again."
        ),
        StoreErrorKind.MISSING: (
            f"There is no JunDesk database at {path}; nothing was created. Check the path "
            "given with --db."
        ),
        StoreErrorKind.NEWER_SCHEMA: (
            f"The JunDesk database{where} was written by a newer version of JunDesk; this "
            "one can't read it and left it untouched. Update JunDesk, then try again."
        ),
        StoreErrorKind.OLDER_SCHEMA: (
            f"The JunDesk database{where} was written by an older version of JunDesk and "
            "needs upgrading, which a read-only command doesn't do. Run `jundesk upgrade` "
            "(with the same --db), or open it once in the desk window, then try again."
        ),
        StoreErrorKind.SEARCH_TOO_SHORT: (
            "A search needs at least 3 letters or digits; nothing was searched. Type more "
            "of the word, then try again."
        ),
    }[kind]


class SearchTooShort(StoreError):
    """A word search whose words hold fewer than `min_letters` letters or digits."""

    def __init__(self, min_letters: int) -> None:
        kind = StoreErrorKind.SEARCH_TOO_SHORT
        super().__init__(kind, _message(kind, None))
        self.min_letters = min_letters


def store_error(kind: StoreErrorKind, path: Path | None = None) -> StoreError:
    return StoreError(kind, _message(kind, path), path)


def _kind_of_code(code: int) -> StoreErrorKind | None:
    return {
        _SQLITE_PERM: StoreErrorKind.READ_ONLY,
        _SQLITE_READONLY: StoreErrorKind.READ_ONLY,
        _SQLITE_FULL: StoreErrorKind.DISK_FULL,
        _SQLITE_BUSY: StoreErrorKind.LOCKED,
        _SQLITE_LOCKED: StoreErrorKind.LOCKED,
        _SQLITE_CORRUPT: StoreErrorKind.CORRUPT,
        _SQLITE_NOTADB: StoreErrorKind.CORRUPT,
        _SQLITE_CANTOPEN: StoreErrorKind.CANNOT_OPEN,
        _SQLITE_IOERR: StoreErrorKind.IO,
    }.get(code & 0xFF)


_MESSAGE_KINDS: tuple[tuple[str, StoreErrorKind], ...] = (
    ("readonly", StoreErrorKind.READ_ONLY),
    ("read-only", StoreErrorKind.READ_ONLY),
    ("disk is full", StoreErrorKind.DISK_FULL),
    ("database is locked", StoreErrorKind.LOCKED),
    ("database table is locked", StoreErrorKind.LOCKED),
    ("not a database", StoreErrorKind.CORRUPT),
    ("malformed", StoreErrorKind.CORRUPT),
    ("unable to open", StoreErrorKind.CANNOT_OPEN),
    ("disk i/o error", StoreErrorKind.IO),
)


def classify_sqlite(error: BaseException) -> StoreErrorKind | None:
    """The kind of storage failure a sqlite3 error stands for, or None (a program error)."""
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        kind = _kind_of_code(code)
        if kind is not None:
            return kind
    text = str(error).lower()
    for needle, kind in _MESSAGE_KINDS:
        if needle in text:
            return kind
    return None


def classify_os(error: OSError) -> StoreErrorKind:
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreErrorKind.READ_ONLY
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return StoreErrorKind.DISK_FULL
    if error.errno in (errno.ENOENT, errno.ENOTDIR, errno.EISDIR):
        return StoreErrorKind.CANNOT_OPEN
    return StoreErrorKind.IO


@contextmanager
def storage_errors(path: Path | None = None) -> Iterator[None]:
    """Re-raise storage failures inside the block as StoreError (the cause chained).

    Constraint violations and other program errors pass through unchanged, and so do
    errors that aren't the database's (the caller's own OSError, for one).
    """
    try:
        yield
    except StoreError:
        raise
    except sa_exc.DBAPIError as error:
        if isinstance(error, sa_exc.IntegrityError):
            raise
        kind = (error.orig and classify_sqlite(error.orig)) or classify_sqlite(error)
        if kind is None:
            raise
        raise store_error(kind, path) from error
    except sqlite3.Error as error:
        if isinstance(error, sqlite3.IntegrityError):
            raise
        kind = classify_sqlite(error)
        if kind is None:
            raise
        raise store_error(kind, path) from error
    except MemoryError as error:
        # SQLite takes a damaged record's length at its word and reports no memory for
        # it: a file that then fails its own check is damaged, not the machine short.
        if path is None or not _fails_its_check(path):
            raise
        raise store_error(StoreErrorKind.CORRUPT, path) from error


def _fails_its_check(path: Path) -> bool:
    """Whether SQLite's quick check of the file, opened read-only, finds it damaged."""
    try:
        with closing(sqlite3.connect(path.as_uri() + "?mode=ro", uri=True)) as conn:
            return bool(conn.execute("PRAGMA quick_check(1)").fetchone() != ("ok",))
    except (sqlite3.Error, MemoryError):
        return True
