"""Records the store keeps that have no core dataclass yet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class DeskRecord:
    """A desk as registered on this database: who sits there and which roles it serves."""

    id: str
    name: str
    roles: tuple[str, ...]
    person: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class DraftRecord:
    """Unsent text of one case (a reply or a note) and, if sending failed, why."""

    case_id: str
    kind: str
    text: str
    error: str
    updated_at: datetime
