"""Writing posts and events into the hub, idempotent by id, one bad row never blocking.

A batch goes in as one statement (arrays unnested in order, so hub numbers follow the
desk's own order). Should the hub refuse it (row-level security, a body it can't parse),
its events and its posts are tried apart, then row by row, under savepoints: the refused
ones are reported and the others get in, so a single poisoned row can't stop a desk from
syncing forever.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import psycopg

from jundesk.core.model import Event, Post
from jundesk.sync.hub_connection import is_connection_error
from jundesk.sync.wire import event_columns, post_columns

# hub_seq is set by the hub's trigger; the 0 here only fills the NOT NULL column.
INSERT_EVENTS = """
INSERT INTO events (hub_seq, id, case_id, kind, at, body)
SELECT 0, * FROM unnest(%s::text[], %s::text[], %s::text[], %s::timestamptz[], %s::text[])
ON CONFLICT DO NOTHING
"""
INSERT_POSTS = """
INSERT INTO posts
    (hub_seq, id, source, source_id, case_id, conversation_id, author_id, created_at, body)
SELECT 0, * FROM unnest(
    %s::text[], %s::text[], %s::text[], %s::text[], %s::text[], %s::text[],
    %s::timestamptz[], %s::text[])
ON CONFLICT DO NOTHING
"""


@dataclass
class Refused:
    """Ids of the rows the hub would not take."""

    events: list[str] = field(default_factory=list)
    posts: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.events) + len(self.posts)


def _columns(rows: Sequence[tuple[Any, ...]], width: int) -> list[list[Any]]:
    return [[row[i] for row in rows] for i in range(width)]


def _insert(conn: psycopg.Connection[Any], statement: str, rows: Sequence[tuple[Any, ...]]) -> None:
    if rows:
        conn.execute(statement, _columns(rows, len(rows[0])))


def _refusable(error: BaseException) -> bool:
    """A failure of these rows (not of the connection): try them one by one."""
    if isinstance(error, UnicodeEncodeError | ValueError):
        return True
    return isinstance(error, psycopg.DatabaseError) and not is_connection_error(error)


def write(
    conn: psycopg.Connection[Any],
    events: Sequence[Event],
    posts: Sequence[tuple[Post, str | None]],
) -> Refused:
    """Insert the events, then the posts (so a post's number comes after its case's
    events), inside the caller's transaction. Rows already on the hub are skipped."""
    try:
        event_rows = [event_columns(e) for e in events]
        post_rows = [post_columns(p, c) for p, c in posts]
        with conn.transaction():  # a savepoint: a refusal leaves the caller's work intact
            _insert(conn, INSERT_EVENTS, event_rows)
            _insert(conn, INSERT_POSTS, post_rows)
        return Refused()
    except Exception as error:
        if not _refusable(error):
            raise
    # Events and posts apart, each as one batch first: the events of a case being opened
    # must go in together (the hub learns the case's role from them), then row by row.
    refused = Refused()
    if not _one(conn, INSERT_EVENTS, lambda: [event_columns(e) for e in events]):
        for event in events:
            if not _one(conn, INSERT_EVENTS, lambda e=event: [event_columns(e)]):
                refused.events.append(event.id)
    if not _one(conn, INSERT_POSTS, lambda: [post_columns(p, c) for p, c in posts]):
        for post, case_id in posts:
            if not _one(conn, INSERT_POSTS, lambda p=post, c=case_id: [post_columns(p, c)]):
                refused.posts.append(post.id)
    return refused


def _one(conn: psycopg.Connection[Any], statement: str, rows: Any) -> bool:
    """Insert `rows()` under a savepoint; False when the hub refused them."""
    try:
        columns = rows()
        with conn.transaction():
            _insert(conn, statement, columns)
        return True
    except Exception as error:
        if not _refusable(error):
            raise
        return False
