"""What the word index must still do after a migration made it again."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from jundesk.core.case_filter import CaseFilter
from jundesk.core.events import make_event
from jundesk.core.model import Actor, EventKind, Post
from jundesk.store import Store


def found(store: Store, words: str) -> list[str]:
    """The ids of the open cases a search for `words` finds, sorted."""
    return sorted(s.case.id for s in store.list_cases(CaseFilter(search=words)))


def blocking_takes_the_post_out(
    store: Store, db_path: Path, case_id: str, post: Post, words: str, handle: str
) -> None:
    """Blocking `post` (its case's only post) takes its words and author out of the index
    (a trigger's delete), and the index still agrees with the posts it points at."""
    assert case_id in found(store, words)
    store.append_events(
        [
            make_event(
                case_id,
                EventKind.REDACTED,
                Actor("town_hall", "Ana"),
                post.received_at + timedelta(hours=1),
                post_ids=[post.id],
                basis="erasure",
                destroy_after=(post.received_at + timedelta(days=30)).isoformat(),
            )
        ]
    )
    assert case_id not in found(store, words)
    assert found(store, handle) == []
    with sqlite3.connect(db_path) as conn:
        # Raises when the index and the posts it points at disagree.
        conn.execute("INSERT INTO posts_fts(posts_fts, rank) VALUES ('integrity-check', 1)")
