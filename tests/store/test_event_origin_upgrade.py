"""A desk's database written by the 0017 schema (every event's origin spelt out, "local" or
"hub") upgrades to NULL for the desk's own events and back, with nothing lost: the
desk's events and the pulled ones keep apart, and what the desk pushes is unchanged."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

from jundesk.core.events import make_event
from jundesk.core.model import Actor, EventKind
from jundesk.store import Store
from jundesk.store.database import downgrade, upgrade
from tests.store.test_events_without_case_id_upgrade import MERGED, _populate_0014
from tests.store.test_lean_upgrade import DONE, T0

PULLED = (3, 4)  # two of DONE's events came from the hub


def _populate_0017(path: Path) -> None:
    _populate_0014(path)
    upgrade(path, "0017")
    with sqlite3.connect(path) as conn:
        conn.execute(f"UPDATE events SET origin = 'hub' WHERE seq IN {PULLED}")


def _origins(path: Path) -> list[tuple[int, str | None]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT seq, origin FROM events ORDER BY seq").fetchall()


def _rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT * FROM events ORDER BY seq").fetchall()


def _schema(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as conn:
        return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE tbl_name = 'events'"))


def _unpushed_0017(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT e.id, c.id FROM events e JOIN cases c ON c.pk = e.case_pk "
            "WHERE e.hub_seq IS NULL ORDER BY e.seq"
        ).fetchall()


def _add_local_and_pulled(store: Store) -> None:
    """A note made on this desk, and one pulled from the hub."""
    ana, luis = Actor("lighting", "Ana"), Actor("police", "Luis")
    store.append_events([make_event(DONE, EventKind.NOTED, ana, T0 + timedelta(hours=2))])
    store.apply_pulled([(make_event(MERGED, EventKind.NOTED, luis, T0 + timedelta(hours=3)), 500)])


def test_a_populated_0017_database_stores_the_desk_s_own_events_origin_as_null(
    db_path: Path,
) -> None:
    _populate_0017(db_path)
    before = _origins(db_path)
    assert {origin for _, origin in before} == {"local", "hub"}
    unpushed = _unpushed_0017(db_path)
    assert unpushed

    with Store(db_path) as store:
        assert [(e.id, e.case_id) for e in store.unpushed_events(10)] == unpushed
        assert _origins(db_path) == [(seq, "hub" if seq in PULLED else None) for seq, _ in before]
        _add_local_and_pulled(store)
        # The new note is pushed; the pulled one is on the hub already.
        assert [e.kind for e in store.unpushed_events(10)][-1] is EventKind.NOTED
        assert len(store.unpushed_events(10)) == len(unpushed) + 1
        assert len(store.case_events(MERGED)) == 4
    n = len(before)
    assert _origins(db_path)[n:] == [(n + 1, None), (n + 2, "hub")]


def test_down_to_0017_spells_every_origin_out_again(db_path: Path) -> None:
    _populate_0017(db_path)
    before = _rows(db_path)
    schema = _schema(db_path)
    with Store(db_path) as store:
        _add_local_and_pulled(store)
    downgrade(db_path, "0017")
    assert _schema(db_path) == schema  # origin NOT NULL, "local" by default again
    after = _rows(db_path)
    assert after[: len(before)] == before
    n = len(before)
    assert _origins(db_path)[n:] == [(n + 1, "local"), (n + 2, "hub")]
    with Store(db_path) as store:  # and up again
        assert len(store.case_events(DONE)) == 4
