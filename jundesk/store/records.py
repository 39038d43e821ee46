"""Records the store keeps that have no core dataclass yet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class DraftRecord:
    """Unsent text of one case (a reply or a note) and, if sending failed, why."""

    case_id: str
    kind: str
    text: str
    error: str
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class BlockedPostRecord:
    """A blocked post: the event that blocked it, why, and (until destroyed) its original
    as a mapping of the post's fields; `original` is None once destroyed."""

    post_id: str
    case_id: str
    event_id: str
    reason: str
    blocked_at: datetime
    destroy_after: datetime
    original: dict[str, Any] | None
