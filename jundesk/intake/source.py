"""The protocols a channel to citizens follows (reading its posts, publishing the town's
answers), and the errors intake can meet."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from jundesk.core.model import Cursor, Post

# A channel's first poll (no cursor yet) reads this far back at most: a town account's
# years of mentions are history, not an inbox (X itself reaches about a week of them).
FIRST_READ_DAYS = 7


@dataclass(frozen=True, slots=True)
class Page:
    """Posts read in one request, and the cursor to commit in the same transaction."""

    posts: tuple[Post, ...]
    cursor: Cursor
    reads: int  # posts billed by the source for this request
    skipped: int = 0  # items that were not valid posts (logged, not stored)


@dataclass
class RateState:
    """What a source last heard about one endpoint's rate limit."""

    limit: int | None = None
    remaining: int | None = None
    reset_at: float | None = None  # epoch seconds


class Source(Protocol):
    """Where posts come from: what the intake loop (jundesk.app.intake_loop) reads through.

    Blocking: the loop calls `streams()` and advances `pages()` on a worker thread.
    """

    @property
    def name(self) -> str:
        """The source's name, stored with each post and cursor ("x")."""
        ...

    @property
    def rate(self) -> Mapping[str, RateState]:
        """Endpoint -> its rate limit as last heard; the loop paces its polls by them."""
        ...

    @property
    def stop_event(self) -> threading.Event:
        """Set when intake stops: a wait inside `pages()` (a rate-limit window, a back-off)
        ends at once. Cleared before intake starts again."""
        ...

    def streams(self) -> list[str]:
        """The cursor keys this source reads, each polled in turn."""
        ...

    def pages(self, cursor: Cursor) -> Iterator[Page]:
        """Every page newer than the cursor, each with the cursor that covers it."""
        ...

    def shown_rate(self) -> RateState | None:
        """The rate limit the status bar shows for this channel (the one reading posts
        runs into first), or None when the channel has told nothing of one."""
        ...

    def gone(self, source_ids: Sequence[str]) -> set[str]:
        """Which of these posts (by the service's id) the service no longer has: deleted by
        their author. `set()` when the channel can't tell. Blocking; the daily check calls
        it on a worker thread and removes a gone post's text (the case keeps its history)."""
        ...

    def notice(self) -> str:
        """ "" or one sentence for the desk about this channel's state that is not an error
        (Telegram: away more than 24 h, updates older than that are lost). English, for
        logs and the command line; the desk shows it beside the channel's health."""
        ...


@runtime_checkable
class Wakeable(Protocol):
    """A channel that can tell when new posts wait (Mastodon's user stream), optional: the
    intake loop gives it `wake` while it runs and polls at once when it is called. The
    poll still reads after the committed cursor, so a wake-up lost loses no post."""

    def set_wake(self, wake: Callable[[], None] | None) -> None:
        """`wake` (callable from any thread) while intake runs; None when it stops."""
        ...


class Publisher(Protocol):
    """Where the town's public answers go: what a desk's reply action needs.

    A channel class (X's XSource, each `jundesk/intake/<name>_channel.py`) implements
    Source and Publisher together.
    """

    def reply(self, in_reply_to: str, text: str, media_ids: Sequence[str] = ()) -> Post:
        """Publish a public reply (with uploaded photos); returns the post as stored."""
        ...

    def post(self, text: str) -> Post:
        """Publish a post of the town account answering nobody; returns it as stored."""
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
