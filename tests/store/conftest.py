"""Fixtures for the store tests: a fresh database per test, and post/case factories."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from jundesk.core.events import opening_events
from jundesk.core.ids import uuid7
from jundesk.core.model import INTAKE_ACTOR, TRIAGE_ACTOR, Event, Post, Priority
from jundesk.store import Store

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
_counter = itertools.count(1)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "jundesk.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store(db_path) as opened:
        yield opened


def _make_post(
    text: str = "La farola de la calle Real está rota",
    *,
    source: str = "x",
    source_id: str | None = None,
    handle: str = "vecina",
    created_at: datetime | None = None,
    conversation_id: str = "",
    **extra: object,
) -> Post:
    n = next(_counter)
    sid = source_id or str(1_000_000 + n)
    created = created_at or T0 + timedelta(minutes=n)
    return Post(
        id=uuid7(),
        source=source,
        source_id=sid,
        author_id=f"u{n}",
        author_handle=handle,
        author_name=f"Vecina {n}",
        text=text,
        created_at=created,
        received_at=created + timedelta(seconds=5),
        conversation_id=conversation_id or sid,
        **extra,  # type: ignore[arg-type]
    )


def _open_case(
    post: Post,
    *,
    role: str = "lighting",
    priority: Priority = Priority.NORMAL,
    at: datetime | None = None,
) -> tuple[str, list[Event]]:
    case_id = uuid7()
    events = opening_events(
        case_id,
        post.id,
        post.created_at,
        role,
        priority,
        0.9,
        INTAKE_ACTOR,
        TRIAGE_ACTOR,
        at=at or post.received_at,
    )
    return case_id, events


def _store_post(
    store: Store, post: Post, *, role: str = "lighting", priority: Priority = Priority.NORMAL
) -> str:
    """Store the post opening a new case, as intake does; returns the case's id."""
    case_id, events = _open_case(post, role=role, priority=priority)
    with store.unit() as uow:
        uow.add_posts([post], [case_id])
        uow.append_events(events, {case_id: post})
    return case_id


def _ingest(
    store: Store,
    text: str = "La farola de la calle Real está rota",
    *,
    role: str = "lighting",
    priority: Priority = Priority.NORMAL,
    **post_fields: object,
) -> tuple[str, Post]:
    """Store one post opening a new case, as intake does; returns (case id, post)."""
    post = _make_post(text, **post_fields)  # type: ignore[arg-type]
    return _store_post(store, post, role=role, priority=priority), post


@pytest.fixture
def make_post() -> Callable[..., Post]:
    """make_post(text="...", *, source, source_id, handle, created_at, ...) -> Post"""
    return _make_post


@pytest.fixture
def open_case() -> Callable[..., tuple[str, list[Event]]]:
    """open_case(post, *, role, priority, at) -> (case id, its three opening events)"""
    return _open_case


@pytest.fixture
def store_post(store: Store) -> Callable[..., str]:
    """store_post(post, *, role, priority) -> the id of the case it opens, committed."""
    return lambda post, **kw: _store_post(store, post, **kw)


@pytest.fixture
def ingest(store: Store) -> Callable[..., tuple[str, Post]]:
    """ingest(text="...", *, role, priority, **post fields) -> (case id, post), committed."""
    return lambda *args, **kw: _ingest(store, *args, **kw)
