"""What the replicator needs from a desk's own database.

jundesk.store.Store provides it; the sync layer names only this protocol, so it depends on
core alone and any store that keeps these promises can replicate.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

from jundesk.core.model import Case, Event, Post


class Replica(Protocol):
    def sync_value(self, key: str) -> str | None:
        """A named replication value, or None."""
        ...

    def set_sync_values(self, values: Mapping[str, str]) -> None: ...

    def unpushed_events(self, limit: int) -> list[Event]:
        """Events made here and not on the hub yet, in the order they were made."""
        ...

    def unpushed_posts(self, limit: int) -> list[tuple[Post, str | None]]:
        """Posts stored here and not on the hub yet, as (post, case id)."""
        ...

    def count_unpushed(self) -> int: ...

    def mark_pushed(self, events: Mapping[str, int], posts: Mapping[str, int]) -> None:
        """Record that these are on the hub (0) or were refused by it (-1)."""
        ...

    def apply_pulled(
        self,
        events: Sequence[tuple[Event, int]],
        posts: Sequence[tuple[Post, str | None, int]] = (),
        held: Sequence[Mapping[str, Any]] = (),
        state: Mapping[str, str] | None = None,
        release: Iterable[str] = (),
    ) -> list[Event]:
        """Store pulled rows and the new cursor in one transaction; returns the new events."""
        ...

    def held_events(self) -> list[dict[str, Any]]: ...

    def get_case(self, case_id: str) -> Case | None: ...

    def case_events(self, case_id: str) -> list[Event]:
        """The case's events in fold order."""
        ...
