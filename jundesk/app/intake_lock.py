"""One collector per desk file: intake holds a lock beside the database while it polls.

Two collectors on one file would read the same mentions twice, and X bills every read.
The lock is an OS file lock (flock, or msvcrt on Windows) on `<database>.intake-lock`, so
it goes away with its process, even after `kill -9`; the file keeps the holder's pid for
the message.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from jundesk.intake.source import IntakeError


class AnotherCollector(IntakeError):
    """Another JunDesk (a `collect` or a desk window) already collects into this file."""

    def __init__(self, message: str, path: Path, pid: str) -> None:
        super().__init__(message)
        self.path = path
        self.pid = pid


class IntakeLock:
    """One channel's collector per database file: X's lock file is `<database>.intake-lock`
    (as before channels), another channel's `<database>.<channel>.intake-lock`."""

    def __init__(self, database: Path, channel: str = "x") -> None:
        self.database = database
        self.channel = channel
        suffix = ".intake-lock" if channel == "x" else f".{channel}.intake-lock"
        self.path = database.with_name(database.name + suffix)
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> None:
        """Take the lock, or raise AnotherCollector at once (never waits)."""
        if self._fd is not None:
            return
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as exc:
            raise IntakeError(
                f"Can't create the intake lock {self.path}: {exc.strerror or exc}. "
                "Intake needs to write beside the database."
            ) from exc
        if not _try_lock(fd):
            pid = _read_pid(fd)
            os.close(fd)
            who = f" (process {pid})" if pid else ""
            what = (
                f"already collects into {self.database}: two collectors on one database "
                "would each be billed by X for every read."
                if self.channel == "x"
                else f"already collects {self.channel} into {self.database}: two collectors "
                "on one database would each read every post."
            )
            raise AnotherCollector(
                f"Another JunDesk{who} {what} Stop the other "
                "`jundesk collect` or close the desk window using this file, or give this "
                "collector a database of its own with --db.",
                self.database,
                pid,
            )
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            # Closing the descriptor frees the lock; the file stays (removing it could race
            # with the next holder opening it).
            os.close(fd)


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _read_pid(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        text = os.read(fd, 32).decode("ascii", "replace").strip()
    except OSError:  # on Windows the holder's locked byte can't be read: no pid then
        return ""
    return text if text.isdigit() else ""
