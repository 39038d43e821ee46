"""Helpers for the hub tests: the session's hub, and desks driven by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql

from jundesk.core.events import make_event, opening_events
from jundesk.core.ids import uuid7
from jundesk.core.model import (
    INTAKE_ACTOR,
    TRIAGE_ACTOR,
    Actor,
    Case,
    Event,
    EventKind,
    Post,
    Priority,
)
from jundesk.store.column_types import id_from_stored
from jundesk.store.repository import Store
from jundesk.sync.hub_admin import DeskInvite
from jundesk.sync.hub_connection import HubConnector, Purpose
from jundesk.sync.replicator import Replicator, SyncReport


@dataclass
class TestHub:
    admin: HubConnector
    dbname: str
    invites: dict[str, DeskInvite]

    __test__ = False  # not a test class, whatever pytest thinks of the name

    def connector(self, desk: str) -> HubConnector:
        invite = self.invites[desk]
        return HubConnector(invite.url, invite.password)

    def admin_conn(self) -> psycopg.Connection[Any]:
        return self.admin.connect(Purpose.ADMIN, autocommit=True)

    def reset(self) -> None:
        with self.admin_conn() as conn:
            conn.execute("TRUNCATE events, posts, cases, duty, intake_cursors, read_usage")

    def desk(self, name: str, path: Path) -> TestDesk:
        return TestDesk(name, Store(path), self.connector(name))

    def count(self, table: str) -> int:
        with self.admin_conn() as conn:
            row = conn.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            ).fetchone()
        assert row is not None
        return int(row[0])

    def event_ids(self) -> list[str]:
        with self.admin_conn() as conn:
            return [str(r[0]) for r in conn.execute("SELECT id FROM events").fetchall()]


class TestDesk:
    """A desk's store and replicator, synced by explicit calls."""

    __test__ = False

    def __init__(self, name: str, store: Store, connector: HubConnector) -> None:
        self.name = name
        self.store = store
        self.connector = connector
        self.replicator = Replicator(store, name)
        self.conn: psycopg.Connection[Any] | None = None
        self.actor = Actor(name, f"person at {name}")

    def connection(self) -> psycopg.Connection[Any]:
        if self.conn is None or self.conn.closed or self.conn.broken:
            self.conn = self.connector.connect(Purpose.SYNC, autocommit=True)
        return self.conn

    def sync(self) -> SyncReport:
        return self.replicator.sync_once(self.connection())

    def drop_connection(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def close(self) -> None:
        self.drop_connection()
        self.store.close()

    def open_case(
        self,
        role: str,
        text: str = "La farola de la calle Real está rota",
        at: datetime | None = None,
    ) -> str:
        """A walk-in complaint logged at this desk: a post and its case's opening events."""
        now = at or datetime.now(UTC)
        post = Post(
            id=uuid7(),
            source="manual",
            source_id=uuid7(),
            author_id="",
            author_handle="vecina",
            author_name="Vecina",
            text=text,
            created_at=now,
            received_at=now,
        )
        case_id = uuid7()
        events = opening_events(
            case_id, post.id, now, role, Priority.NORMAL, 0.9, INTAKE_ACTOR, TRIAGE_ACTOR, now
        )
        with self.store.unit() as uow:
            uow.add_posts([post], [case_id])
            uow.append_events(events, {case_id: post})
        return case_id

    def act(
        self, case_id: str, kind: EventKind, at: datetime | None = None, **payload: Any
    ) -> Event:
        event = make_event(case_id, kind, self.actor, at, **payload)
        self.store.append_events([event])
        return event

    def case(self, case_id: str) -> Case | None:
        return self.store.get_case(case_id)

    def event_ids(self) -> set[str]:
        with self.store._engine.connect() as conn:
            return {id_from_stored(r[0]) for r in conn.exec_driver_sql("SELECT id FROM events")}
