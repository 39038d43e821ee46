"""The one protocol every post source follows, and the errors intake can meet."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from jundesk.core.model import Cursor, Post


@dataclass(frozen=True, slots=True)
class Page:
    """Posts read in one request, and the cursor to commit in the same transaction."""

    posts: tuple[Post, ...]
    cursor: Cursor
    reads: int  # posts billed by the source for this request
    skipped: int = 0  # items that were not valid posts (logged, not stored)


class Source(Protocol):
    name: str

    def pages(self, cursor: Cursor) -> Iterator[Page]:
        """Every page newer than the cursor, each with the cursor that covers it."""
        ...

    def reply(self, in_reply_to: str, text: str, media_ids: Sequence[str] = ()) -> Post:
        """Publish a public reply (with uploaded photos); returns the post as stored."""
        ...

    def upload_photo(self, path: Path) -> str:
        """Upload a photo for a reply; returns its media id for `reply`."""
        ...


class IntakeError(Exception):
    """Intake failed; the message says what happened and what to do."""


class TransientError(IntakeError):
    """A failure worth retrying later: network, timeout, 5xx, a garbled answer."""


class RateLimited(IntakeError):
    """The source asked us to wait until `reset_at` (epoch seconds)."""

    def __init__(self, message: str, reset_at: float) -> None:
        super().__init__(message)
        self.reset_at = reset_at


class Refused(IntakeError):
    """The source refused the request for good (credentials, permissions, a bad request)."""

    def __init__(self, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.status = status


class BudgetExhausted(IntakeError):
    """The town's monthly read budget is spent; polling waits for next month."""


class UsageCapped(IntakeError):
    """X's monthly cap for the town's app is reached (X's `usage-capped` problem): no read
    goes through until the cap resets with the next UTC month, however long one waits."""
