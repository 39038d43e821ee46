"""Who handled a case, in its measures: whoever resolved it last, else whoever closed it
last, else whoever took it first (acknowledged, started or answered it)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from jundesk.core.events import make_event
from jundesk.core.model import Actor, EventKind, Post
from jundesk.store import Store

Ingest = Callable[..., tuple[str, Post]]
ANA = Actor("lighting", "Ana")
LUIS = Actor("lighting", "Luis")
PACO = Actor("streets", "Paco")
EVA = Actor("front-desk", "Eva")


def _handler(db_path: Path, case_id: str) -> tuple[str, str]:
    with sqlite3.connect(db_path) as conn:
        pk = conn.execute(
            "SELECT pk FROM cases WHERE hex(id) = ?", (case_id.replace("-", "").upper(),)
        ).fetchone()[0]
        desk, person = conn.execute(
            "SELECT desk, person FROM case_measures WHERE case_pk = ?", (pk,)
        ).fetchone()
    return desk, person


def _case(store: Store, ingest: Ingest, steps: list[tuple[EventKind, Actor]]) -> str:
    case_id, post = ingest("La farola de la plaza no enciende", role="lighting")
    store.append_events(
        [
            make_event(case_id, kind, actor, post.received_at + timedelta(minutes=n + 1))
            for n, (kind, actor) in enumerate(steps)
        ]
    )
    return case_id


def test_the_last_resolution_names_the_handler(store: Store, db_path: Path, ingest: Ingest) -> None:
    case_id = _case(
        store,
        ingest,
        [
            (EventKind.ACKNOWLEDGED, ANA),
            (EventKind.RESOLVED, LUIS),
            (EventKind.REOPENED, EVA),
            (EventKind.RESOLVED, PACO),
            (EventKind.CLOSED, EVA),
        ],
    )
    assert _handler(db_path, case_id) == ("streets", "Paco")


def test_without_a_resolution_the_last_closing_names_the_handler(
    store: Store, db_path: Path, ingest: Ingest
) -> None:
    case_id = _case(
        store,
        ingest,
        [
            (EventKind.ACKNOWLEDGED, ANA),
            (EventKind.CLOSED, LUIS),
            (EventKind.REOPENED, ANA),
            (EventKind.CLOSED, EVA),
        ],
    )
    assert _handler(db_path, case_id) == ("front-desk", "Eva")


def test_an_open_case_names_whoever_took_it_first(
    store: Store, db_path: Path, ingest: Ingest
) -> None:
    replied = _case(store, ingest, [(EventKind.REPLIED, EVA), (EventKind.STARTED, ANA)])
    started = _case(store, ingest, [(EventKind.STARTED, PACO), (EventKind.ACKNOWLEDGED, ANA)])
    assert _handler(db_path, replied) == ("front-desk", "Eva")
    assert _handler(db_path, started) == ("streets", "Paco")


def test_a_case_nobody_took_names_no_one(store: Store, db_path: Path, ingest: Ingest) -> None:
    case_id = _case(store, ingest, [(EventKind.NOTED, ANA)])
    assert _handler(db_path, case_id) == ("", "")
