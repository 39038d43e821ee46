"""Posts and events as the hub keeps them: a few indexed columns and a JSON body as text.

Reading is tolerant, because a newer desk may write fields (or event kinds) this version
doesn't know: unknown fields are dropped, missing ones take their defaults, and an event
of an unknown kind comes back as None for the caller to keep aside.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

from jundesk.core.json_text import dump_json
from jundesk.core.model import Actor, Event, EventKind, Post

_POST_FIELDS = tuple(f.name for f in fields(Post))

# Actors that are no desk (intake, triage, a desk's automatic answers and missed targets):
# any desk may push their events, never with a person's name. The hub refuses every other
# desk name than the pushing desk's own, and no desk may be named after one of these (the
# hub's newest migration of its check, h0005, holds the same list; a test keeps them, and
# the app's actors, in step).
SYSTEM_DESKS: frozenset[str] = frozenset(
    {"intake", "triage", "duty-policy", "x-account", "targets"}
)
_KINDS = {k.value: k for k in EventKind}


def column_text(value: str) -> str:
    """A value fit for a PostgreSQL text column: NUL and lone surrogates become U+FFFD.

    Only indexed copies (source ids, conversation ids) go through this; bodies keep the
    exact text.
    """
    if "\x00" not in value:
        try:
            value.encode("utf-8")
            return value
        except UnicodeEncodeError:
            pass
    return "".join("\ufffd" if c == "\x00" or "\ud800" <= c <= "\udfff" else c for c in value)


def _aware(value: object, fallback: datetime) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            return fallback
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    return fallback


# -- posts -------------------------------------------------------------------------------


def post_body(post: Post) -> str:
    return dump_json({name: getattr(post, name) for name in _POST_FIELDS})


def post_columns(post: Post, case_id: str | None) -> tuple[Any, ...]:
    """(id, source, source_id, case_id, conversation_id, author_id, created_at, body)."""
    return (
        post.id,
        column_text(post.source),
        column_text(post.source_id),
        case_id,
        column_text(post.conversation_id),
        column_text(post.author_id),
        post.created_at,
        post_body(post),
    )


def post_from_hub(post_id: str, body: str) -> Post:
    """The post a body describes; raises ValueError when it isn't a post at all."""
    raw = json.loads(body)
    if not isinstance(raw, dict):
        raise ValueError(f"post {post_id}: the hub's body is not an object")
    now = datetime.now(UTC)
    created = _aware(raw.get("created_at"), now)

    def text(name: str) -> str:
        value = raw.get(name)
        return value if isinstance(value, str) else ""

    media = raw.get("media")
    return Post(
        id=post_id,
        source=text("source"),
        source_id=text("source_id"),
        author_id=text("author_id"),
        author_handle=text("author_handle"),
        author_name=text("author_name"),
        text=text("text"),
        created_at=created,
        received_at=_aware(raw.get("received_at"), created),
        lang=text("lang"),
        conversation_id=text("conversation_id"),
        in_reply_to_id=text("in_reply_to_id"),
        media=tuple(m for m in media if isinstance(m, str)) if isinstance(media, list) else (),
        place=text("place"),
        is_own=bool(raw.get("is_own", False)),
        raw=text("raw"),
        private=raw.get("private") is True,
    )


# -- events ------------------------------------------------------------------------------


def event_body(event: Event) -> str:
    return dump_json(
        {"desk": event.actor.desk, "person": event.actor.person, "payload": dict(event.payload)}
    )


def event_columns(event: Event) -> tuple[Any, ...]:
    """(id, case_id, kind, at, body)."""
    if event.at.tzinfo is None:
        raise ValueError("event times must be timezone-aware (UTC)")
    return (event.id, event.case_id, event.kind.value, event.at, event_body(event))


def stamped_actor(claimed_desk: str, person: str, stamp: str) -> Actor:
    """Who did it, as this desk shows it: the desk the hub stamped (the role that pushed
    the event), whatever the body claims; a system actor's events stay theirs."""
    if not stamp or claimed_desk == stamp or (claimed_desk in SYSTEM_DESKS and not person):
        return Actor(claimed_desk, person)
    return Actor(stamp, person)


@dataclass(frozen=True, slots=True)
class HubEventRow:
    """An event row as pulled: known kinds become an Event, the others are held.

    `desk` is the hub's stamp: the name of the desk whose role pushed the row.
    """

    hub_seq: int
    id: str
    case_id: str
    kind: str
    at: datetime
    body: str
    desk: str = ""

    def event(self) -> Event | None:
        """The event, or None when this version doesn't know its kind."""
        kind = _KINDS.get(self.kind)
        if kind is None:
            return None
        raw = json.loads(self.body)
        if not isinstance(raw, dict):
            raise ValueError(f"event {self.id}: the hub's body is not an object")
        payload = raw.get("payload")
        return Event(
            id=self.id,
            case_id=self.case_id,
            kind=kind,
            actor=stamped_actor(
                str(raw.get("desk") or ""), str(raw.get("person") or ""), self.desk
            ),
            at=self.at.astimezone(UTC),
            payload=payload if isinstance(payload, dict) else {},
        )

    def as_held(self) -> dict[str, Any]:
        """The row as kept aside by a desk that can't read it (see Store.hold_events)."""
        return {
            "id": self.id,
            "hub_seq": self.hub_seq,
            "case_id": self.case_id,
            "kind": self.kind,
            "at": self.at.astimezone(UTC).isoformat(),
            "body": self.body,
            "pushed_by_desk": self.desk,
        }

    @classmethod
    def from_held(cls, held: Mapping[str, Any]) -> HubEventRow:
        return cls(
            hub_seq=int(held["hub_seq"]),
            id=str(held["id"]),
            case_id=str(held["case_id"]),
            kind=str(held["kind"]),
            at=_aware(held.get("at"), datetime.now(UTC)),
            body=str(held.get("body") or "{}"),
            desk=str(held.get("pushed_by_desk") or ""),
        )
