"""Between core dataclasses and table rows: what goes in, and what comes back out."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from jundesk.core.json_text import dump_json
from jundesk.core.model import Actor, Case, Event, Post
from jundesk.store.case_codes import (
    STATUS_CODES,
    priority_from_stored,
    priority_to_stored,
    resolved_from_stored,
    resolved_to_stored,
    status_of_code,
)
from jundesk.store.column_types import (
    EPOCH,
    confidence_from_stored,
    confidence_to_stored,
    id_from_stored,
    id_to_stored,
    source_id_to_stored,
    to_micros,
)
from jundesk.store.desk_codes import desk_to_stored
from jundesk.store.event_kinds import KIND_CODES
from jundesk.store.models import CASES, EVENTS
from jundesk.store.payload_codes import payload_to_stored

_MICRO = timedelta(microseconds=1)
EXCERPT_CHARS = 200


def storable(text: str) -> str:
    """The text as given, unless it holds lone surrogates (UTF-8 can't store them)."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)
    return text


def all_storable(*texts: str) -> bool:
    """True when every text can be stored as it is (no lone surrogates): one check for a
    row's texts, not one a column (intake stores thousands of rows a second)."""
    joined = "".join(texts)
    if joined.isascii():
        return True
    try:
        joined.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def excerpt(text: str) -> str:
    """The first ~200 characters of a post, on one line, for list views."""
    return " ".join(text[: EXCERPT_CHARS * 4].split())[:EXCERPT_CHARS]


# A post's texts, which may hold lone surrogates (see storable).
_POST_TEXTS = (
    "source", "source_id", "author_id", "author_handle", "author_name", "text", "lang",
    "conversation_id", "in_reply_to_id", "place", "raw",
)  # fmt: skip

# The columns post_values gives, in its order.
POST_COLUMNS = (
    "id", "source", "source_id", "author_id", "author_handle", "author_name", "text", "lang",
    "created_at", "received_after", "conversation_id", "in_reply_to_id", "media", "place",
    "is_own", "raw", "private", "hub_seq",
)  # fmt: skip


def conversation_to_stored(conversation: str, source_id: str) -> str:
    """A post's conversation as stored beside its source id: "" when it is the post's own
    id (a thread's root: most posts), so the root's id is not kept twice; a conversation
    that is itself "" or begins with "=" is kept behind one more "=".

    The column's type (SourceIdBytes) then keeps a number's text as its bytes: neither ""
    nor a text behind "=" is a number, so the two rules never meet."""
    if conversation == source_id:
        return ""
    if not conversation or conversation[0] == "=":
        return "=" + conversation
    return conversation


def conversation_from_stored(stored: str, source_id: str) -> str:
    """The conversation `conversation_to_stored` stored."""
    if not stored:
        return source_id
    return stored[1:] if stored[0] == "=" else stored


def post_values(post: Post, hub_seq: int | None = None) -> tuple[Any, ...]:
    """A post's row as stored, in POST_COLUMNS order (`hub_seq`: the hub's number of a
    post pulled from it); rows go to the driver as they are (see event_values)."""
    if post.created_at.tzinfo is None or post.received_at.tzinfo is None:
        raise ValueError(f"post {post.id}: times must be timezone-aware (UTC)")
    texts = (
        post.source, post.source_id, post.author_id, post.author_handle, post.author_name,
        post.text, post.lang, post.conversation_id, post.in_reply_to_id, post.place, post.raw,
    )  # fmt: skip
    if not all_storable(*texts, *post.media):
        cleaned: dict[str, Any] = {name: storable(getattr(post, name)) for name in _POST_TEXTS}
        cleaned["media"] = tuple(storable(m) for m in post.media)
        post = dataclasses.replace(post, **cleaned)
    created = to_micros(post.created_at)
    return (
        id_to_stored(post.id),
        post.source,
        source_id_to_stored(post.source_id),
        post.author_id,
        post.author_handle,
        post.author_name,
        post.text,
        post.lang,
        created,
        to_micros(post.received_at) - created,
        source_id_to_stored(conversation_to_stored(post.conversation_id, post.source_id)),
        source_id_to_stored(post.in_reply_to_id),
        dump_json(list(post.media)),
        post.place,
        post.is_own,
        post.raw,
        post.private,
        hub_seq,
    )


def post_from_row(row: Any) -> Post:
    """A post from a row read through POSTS's columns (their types give the ids back as
    texts)."""
    return Post(
        id=row.id,
        source=row.source,
        source_id=row.source_id,
        author_id=row.author_id,
        author_handle=row.author_handle,
        author_name=row.author_name,
        text=row.text,
        created_at=row.created_at,
        received_at=row.created_at + _MICRO * row.received_after,
        lang=row.lang,
        conversation_id=conversation_from_stored(row.conversation_id, row.source_id),
        in_reply_to_id=row.in_reply_to_id,
        media=tuple(row.media),
        place=row.place,
        is_own=bool(row.is_own),
        raw=row.raw,
        private=bool(row.private),
    )


# The columns event_values gives, in its order.
EVENT_COLUMNS = (
    "id",
    "seq",
    "case_pk",
    "kind",
    "actor_desk",
    "actor_person",
    "at",
    "payload",
    "origin",
)


def event_values(event: Event, seq: int, origin: str, case_pk: int) -> tuple[Any, ...]:
    """An event's row as stored, in EVENT_COLUMNS order: intake writes thousands a second,
    so they go to the driver as they are (see store/bulk.py)."""
    if event.at.tzinfo is None:
        raise ValueError("event times must be timezone-aware (UTC)")
    desk, person = event.actor.desk, event.actor.person
    if not all_storable(desk, person):
        desk, person = storable(desk), storable(person)
    return (
        id_to_stored(event.id),
        seq,
        case_pk,
        KIND_CODES[event.kind],
        desk_to_stored(desk),  # a system actor's: its code
        person,
        to_micros(event.at),
        payload_to_stored(event.kind, event.payload),
        None if origin == "local" else origin,  # see EventRow.origin
    )


# Events as event_from_row reads them: a row holds its case's rowid, and the case's id
# (which events carry, and the hub names cases by) comes from the case's row.
EVENT_ROWS = select(EVENTS, CASES.c.id.label("case_id")).join(CASES, CASES.c.pk == EVENTS.c.case_pk)


def event_from_row(row: Any) -> Event:
    """An event from a row of EVENT_ROWS."""
    return Event(
        id=row.id,
        case_id=row.case_id,
        kind=row.kind,
        actor=Actor(row.actor_desk, row.actor_person),
        at=row.at,
        payload=row.payload,
    )


# The columns case_values gives, in its order (the rowid is given apart).
CASE_COLUMNS = (
    "id", "role", "priority", "priority_rank", "status", "is_open", "assignee", "location",
    "created_at", "updated_at", "acknowledged_at", "first_reply_at", "resolved_at",
    "merged_into", "notes", "replies", "confidence", "last_event_id", "arrived_at",
)  # fmt: skip


def _micros(value: datetime | None) -> int | None:
    return None if value is None else to_micros(value)


def case_values(case: Case) -> tuple[Any, ...]:
    """A case's projection row as stored, in CASE_COLUMNS order."""
    if case.created_at is None:
        raise ValueError(f"case {case.id} has no creation time")
    priority, status = case.priority, case.status
    updated_at = _micros(case.updated_at)
    return (
        id_to_stored(case.id),
        storable(case.role),
        priority_to_stored(priority, priority.rank),
        priority.rank,
        STATUS_CODES[status],
        status.is_open,
        storable(case.assignee),
        storable(case.location),
        to_micros(case.created_at),
        updated_at,
        _micros(case.acknowledged_at),
        _micros(case.first_reply_at),
        resolved_to_stored(_micros(case.resolved_at), updated_at),
        case.merged_into,
        case.notes,
        case.replies,
        confidence_to_stored(case.confidence),
        id_to_stored(case.last_event_id),
        _micros(case.arrived_at),
    )


def case_from_row(row: Any, post_ids: Sequence[str] = ()) -> Case:
    """A case from a row of `cases` read through its models' types."""
    updated_at = row.updated_at
    return Case(
        id=row.id,
        role=row.role,
        priority=priority_from_stored(row.priority, row.priority_rank),
        status=row.status,
        assignee=row.assignee,
        location=row.location,
        created_at=row.created_at,
        updated_at=updated_at,
        acknowledged_at=row.acknowledged_at,
        first_reply_at=row.first_reply_at,
        resolved_at=_time(
            resolved_from_stored(
                row.resolved_at, None if updated_at is None else to_micros(updated_at)
            )
        ),
        post_ids=tuple(post_ids),
        merged_into=row.merged_into,
        notes=row.notes,
        replies=row.replies,
        confidence=row.confidence,
        last_event_id=row.last_event_id,
        arrived_at=row.arrived_at,
    )


# The columns of `cases` a list reads, in the order case_from_values takes them (times,
# ids, confidence and status as stored: integer microseconds, 16 bytes, thousandths, the
# status's number).
LIST_COLUMNS = (
    "pk",
    "id",
    "role",
    "priority",
    "priority_rank",
    "status",
    "assignee",
    "location",
    "created_at",
    "updated_at",
    "acknowledged_at",
    "first_reply_at",
    "resolved_at",
    "merged_into",
    "notes",
    "replies",
    "confidence",
    "last_event_id",
    "arrived_at",
)


def _time(micros: int | None) -> datetime | None:
    return None if micros is None else EPOCH + _MICRO * micros


def case_from_values(values: Sequence[Any], post_ids: Sequence[str] = ()) -> Case:
    """A case from a tuple of LIST_COLUMNS: read by position, with no per-column result
    processing, as a list page of hundreds of rows wants (by name it took twice as long
    as the query)."""
    return Case(
        id=id_from_stored(values[1]),
        role=values[2],
        priority=priority_from_stored(values[3], values[4]),
        status=status_of_code(values[5]),
        assignee=values[6],
        location=values[7],
        created_at=_time(values[8]),
        updated_at=_time(values[9]),
        acknowledged_at=_time(values[10]),
        first_reply_at=_time(values[11]),
        resolved_at=_time(resolved_from_stored(values[12], values[9])),
        post_ids=tuple(post_ids),
        merged_into=values[13],
        notes=values[14],
        replies=values[15],
        confidence=confidence_from_stored(values[16]),
        last_event_id=id_from_stored(values[17]),
        arrived_at=_time(values[18]),
    )
