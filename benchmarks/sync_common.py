"""Shared by the sync benchmarks: a throwaway hub on the local PostgreSQL, and desks.

JUNDESK_BENCH_POSTGRES=postgresql://postgres@127.0.0.1:5432/postgres (the default)
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import psycopg
from psycopg import sql

from jundesk.core.events import opening_events
from jundesk.core.ids import uuid7
from jundesk.core.model import INTAKE_ACTOR, TRIAGE_ACTOR, Post, Priority
from jundesk.store.repository import Store
from jundesk.sync.hub_address import HubAddress
from jundesk.sync.hub_admin import DeskInvite, add_desk
from jundesk.sync.hub_connection import HubConnector
from jundesk.sync.hub_schema import upgrade_hub

SERVER = os.environ.get("JUNDESK_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres")


@dataclass
class BenchHub:
    admin: HubConnector
    invites: dict[str, DeskInvite]

    def connector(self, desk: str) -> HubConnector:
        invite = self.invites[desk]
        return HubConnector(invite.url, invite.password)


@contextmanager
def temporary_hub(desks: Sequence[str], front: bool = True) -> Iterator[BenchHub]:
    dbname = f"jd_bench_{secrets.token_hex(4)}"
    admin = HubConnector(HubAddress.parse(SERVER).without_database(dbname))
    upgrade_hub(admin)
    try:
        invites = {d: add_desk(admin, d, ["police"], front_desk=front) for d in desks}
        yield BenchHub(admin, invites)
    finally:
        with psycopg.connect(SERVER, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname))
            )
            roles = [
                r[0]
                for r in conn.execute(
                    "SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (f"{dbname}\\_%",)
                )
            ]
            for role in sorted(roles, key=lambda r: r.endswith("_desks")):
                conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


def open_case(store: Store, text: str = "La farola de la calle Real está rota") -> str:
    now = datetime.now(UTC)
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
        case_id, post.id, now, "police", Priority.NORMAL, 0.9, INTAKE_ACTOR, TRIAGE_ACTOR, now
    )
    with store.unit() as uow:
        uow.add_posts([post], [case_id])
        uow.append_events(events, {case_id: post})
    return case_id


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]
