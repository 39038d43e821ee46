"""Blocking posts: what a REDACTED event does to the posts it names, on every desk.

The post's row keeps its skeleton (ids, source, dates; its case links stay) and loses its
text, media, place, raw payload and author; the FTS triggers drop its words from the
index. The original goes to `blocked_posts`, for the auditor, until its `destroy_after`;
`destroy` then wipes it. A case's list header is read from its first post, so it is blank too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select, update

from jundesk.core.json_text import dump_json
from jundesk.core.model import Event, EventKind
from jundesk.store.bulk import insert_rows
from jundesk.store.column_types import id_among
from jundesk.store.models import BLOCKED_POSTS, POSTS
from jundesk.store.post_cases import home_cases
from jundesk.store.row_mapping import post_from_row

# How long an original is kept when the event doesn't say (a desk setting decides it).
DEFAULT_KEEP = timedelta(days=30)

BLANK_POST: dict[str, Any] = {
    "author_id": "",
    "author_handle": "",
    "author_name": "",
    "text": "",
    "media": [],
    "place": "",
    "raw": "",
}


def destroy_after_of(event: Event) -> datetime:
    raw = event.payload.get("destroy_after")
    if isinstance(raw, str) and raw:
        try:
            when = datetime.fromisoformat(raw)
            if when.tzinfo is not None:
                return when.astimezone(UTC)
        except ValueError:
            pass
    return event.at + DEFAULT_KEEP


def named_posts(event: Event) -> list[str]:
    ids = event.payload.get("post_ids", ())
    if not isinstance(ids, list | tuple):
        return []
    return [p for p in ids if isinstance(p, str) and p]


def block(connection: Connection, events: Iterable[Event]) -> set[str]:
    """Apply the REDACTED events among these: returns the ids of the cases touched."""
    touched: set[str] = set()
    for event in events:
        if event.kind is not EventKind.REDACTED:
            continue
        post_ids = named_posts(event)
        if post_ids:
            touched.update(_block_posts(connection, event, post_ids))
    return touched


def _block_posts(connection: Connection, event: Event, post_ids: Sequence[str]) -> set[str]:
    rows = list(connection.execute(select(POSTS).where(id_among(POSTS.c.id, post_ids))))
    if not rows:
        return set()
    already = set(
        connection.scalars(
            select(BLOCKED_POSTS.c.post_id).where(BLOCKED_POSTS.c.post_id.in_([r.id for r in rows]))
        )
    )
    cases = home_cases(connection, [r.pk for r in rows])
    keep_until = destroy_after_of(event)
    reason = str(event.payload.get("reason") or event.payload.get("basis") or "")
    originals = []
    for row in rows:
        if row.id in already:
            continue
        post = post_from_row(row)
        originals.append(
            {
                "post_id": row.id,
                "case_id": cases.get(row.pk) or event.case_id,
                "event_id": event.id,
                "reason": reason,
                "author_handle": post.author_handle,
                "blocked_at": event.at,
                "destroy_after": keep_until,
                "original": dump_json(_original(post)),
            }
        )
    if originals:
        insert_rows(connection, BLOCKED_POSTS, originals)
    connection.execute(
        update(POSTS).where(id_among(POSTS.c.id, [r.id for r in rows])).values(**BLANK_POST)
    )
    return set(cases.values()) | {event.case_id}


def _original(post: Any) -> dict[str, Any]:
    return {
        "id": post.id,
        "source": post.source,
        "source_id": post.source_id,
        "author_id": post.author_id,
        "author_handle": post.author_handle,
        "author_name": post.author_name,
        "text": post.text,
        "lang": post.lang,
        "created_at": post.created_at.isoformat(),
        "received_at": post.received_at.isoformat(),
        "conversation_id": post.conversation_id,
        "in_reply_to_id": post.in_reply_to_id,
        "media": list(post.media),
        "place": post.place,
        "is_own": post.is_own,
        "raw": post.raw,
        "private": bool(post.private),
    }


def destroy(connection: Connection, now: datetime) -> int:
    """Wipe the originals whose time is up; returns how many."""
    result = connection.execute(
        update(BLOCKED_POSTS)
        .where(BLOCKED_POSTS.c.destroy_after <= now)
        .where(BLOCKED_POSTS.c.original != "")
        .values(original="", author_handle="")
    )
    return int(result.rowcount or 0)
