"""A storage failure met while acting on a case, in the desk's language: the store raises
StoreError with a kind; the English message stays for the command line and the log."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from jundesk.store.errors import StoreError, StoreErrorKind


def _texts() -> dict[StoreErrorKind, str]:
    """Each kind's text; %1 is the database file (or nothing, when it is not known)."""
    return {
        StoreErrorKind.READ_ONLY: QCoreApplication.translate(
            "StoreErrors",
            "The database%1 can't be written: the file or its folder is read-only. Give "
            "your user write permission on both, then try again.",
        ),
        StoreErrorKind.DISK_FULL: QCoreApplication.translate(
            "StoreErrors",
            "The disk holding the database%1 is full; nothing was saved. Free some space "
            "on it, then try again.",
        ),
        StoreErrorKind.LOCKED: QCoreApplication.translate(
            "StoreErrors",
            "The database%1 stayed locked by another program for too long; nothing was "
            "saved. Close other copies of JunDesk using the same file, then try again.",
        ),
        StoreErrorKind.CORRUPT: QCoreApplication.translate(
            "StoreErrors",
            "The file%1 is not a JunDesk database or is damaged. Restore it from a backup.",
        ),
        StoreErrorKind.CANNOT_OPEN: QCoreApplication.translate(
            "StoreErrors",
            "The database%1 can't be opened. Check that the folder exists, that your user "
            "may write to it, and that the disk is mounted.",
        ),
        StoreErrorKind.IO: QCoreApplication.translate(
            "StoreErrors",
            "Reading or writing the database%1 failed at the disk; nothing was saved. "
            "Check the disk (or network drive), then try again.",
        ),
        StoreErrorKind.MISSING: QCoreApplication.translate(
            "StoreErrors", "There is no JunDesk database%1; nothing was created."
        ),
        StoreErrorKind.NEWER_SCHEMA: QCoreApplication.translate(
            "StoreErrors",
            "The database%1 was written by a newer version of JunDesk; this one can't read "
            "it and left it untouched. Update JunDesk, then try again.",
        ),
        StoreErrorKind.OLDER_SCHEMA: QCoreApplication.translate(
            "StoreErrors",
            "The database%1 was written by an older version of JunDesk and needs "
            "upgrading: close JunDesk and open it again.",
        ),
        StoreErrorKind.SEARCH_TOO_SHORT: QCoreApplication.translate(
            "StoreErrors",
            "A search needs at least 3 letters or digits; nothing was searched. Type more "
            "of the word.",
        ),
    }


def store_error_text(error: StoreError) -> str:
    """What the desk reads for a storage failure, in its language."""
    where = f" ({error.path})" if error.path else ""
    return _texts()[error.kind].replace("%1", where)
