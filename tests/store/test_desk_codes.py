"""JunDesk's own actors' desks are stored as one control character each; every other
desk name comes back exactly as it was given, one that begins with a code character
included. What the store hands out, pushes to the hub or measures names desks by name."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jundesk.app.escalation import ESCALATION_ACTOR
from jundesk.app.ingest import X_ACCOUNT_ACTOR
from jundesk.app.missed_targets import TARGETS_ACTOR
from jundesk.app.uncovered_urgent import DUTY_ACTOR
from jundesk.core.events import make_event
from jundesk.core.model import INTAKE_ACTOR, TRIAGE_ACTOR, Actor, EventKind, Post
from jundesk.store import Store
from jundesk.store.desk_codes import (
    DESK_CODES,
    ESCAPE,
    RESERVED,
    desk_from_stored,
    desk_sql,
    desk_to_stored,
)
from jundesk.sync.wire import SYSTEM_DESKS

Ingest = Callable[..., tuple[str, Post]]
ANA = Actor("lighting", "Ana")
# Names no desk is expected to have, which must still come back as they were.
ODD_DESKS = ("\x01", "\x01lighting", "\x02triage", ESCAPE, ESCAPE + "intake", "\x1f", "")
ODD_DESKS += ("\x00intake", "Intake", "intake ", "x-account\x01", "\x7f", "ñandú")


def test_every_system_actor_has_a_code_of_its_own_that_never_changes() -> None:
    # Stored in rows: a code, once given, keeps its name for ever (add, never change).
    assert dict(DESK_CODES) == {
        "intake": "\x01",
        "triage": "\x02",
        "x-account": "\x03",
        "duty-policy": "\x04",
        "targets": "\x05",
    }
    assert len(set(DESK_CODES.values())) == len(DESK_CODES)
    assert set(DESK_CODES.values()) <= RESERVED and ESCAPE in RESERVED
    assert ESCAPE not in DESK_CODES.values()
    assert all(len(code) == 1 for code in DESK_CODES.values())
    assert not any("'" in name or name[:1] in RESERVED for name in DESK_CODES)
    actors = (INTAKE_ACTOR, TRIAGE_ACTOR, X_ACCOUNT_ACTOR, DUTY_ACTOR, ESCALATION_ACTOR)
    assert {a.desk for a in (*actors, TARGETS_ACTOR)} == set(DESK_CODES)
    assert set(DESK_CODES) >= SYSTEM_DESKS
    with pytest.raises(ValueError, match="desk code '\\\\x06'"):
        desk_from_stored("\x06")


def _decoded_in_sql(stored: list[str | None]) -> list[str | None]:
    with sqlite3.connect(":memory:") as conn:
        conn.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, desk TEXT)")
        conn.executemany("INSERT INTO t (desk) VALUES (?)", [(s,) for s in stored])
        return [d for (d,) in conn.execute(f"SELECT {desk_sql('desk')} FROM t ORDER BY n")]


def test_a_name_is_stored_as_its_code_escaped_or_as_it_is_and_read_back_in_python_and_sql() -> None:
    names = [*DESK_CODES, *ODD_DESKS, "lighting"]
    stored = [desk_to_stored(name) for name in names]
    assert stored[: len(DESK_CODES)] == list(DESK_CODES.values())
    assert desk_to_stored("\x01lighting") == ESCAPE + "\x01lighting"
    assert desk_to_stored(ESCAPE) == ESCAPE * 2
    assert desk_to_stored("\x00intake") == "\x00intake"  # no code begins with NUL
    assert desk_to_stored("lighting") == "lighting"
    assert [desk_from_stored(s) for s in stored] == names
    assert _decoded_in_sql([*stored, None]) == [*names, None]


@given(st.text())
def test_any_text_comes_back_as_it_was(desk: str) -> None:
    stored = desk_to_stored(desk)
    assert desk_from_stored(stored) == desk
    assert stored == desk or stored in DESK_CODES.values() or stored == ESCAPE + desk


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00")))
def test_sql_reads_any_name_as_python_does(desk: str) -> None:
    # SQLite's text functions stop at a NUL; no desk name holds one.
    assert _decoded_in_sql([desk_to_stored(desk)]) == [desk]


def _stored_desks(db_path: Path) -> list[str]:
    with sqlite3.connect(db_path) as conn:
        return [d for (d,) in conn.execute("SELECT actor_desk FROM events ORDER BY seq")]


def test_the_store_keeps_codes_and_hands_out_names(
    store: Store, db_path: Path, ingest: Ingest
) -> None:
    case_id, post = ingest("La farola de la calle Real está rota")
    later = post.received_at + timedelta(hours=1)
    actors = [ANA, X_ACCOUNT_ACTOR, DUTY_ACTOR, TARGETS_ACTOR]
    actors += [Actor(name, "Ana") for name in ODD_DESKS]
    store.append_events(
        [make_event(case_id, EventKind.NOTED, a, later + timedelta(minutes=i))
         for i, a in enumerate(actors)]
    )  # fmt: skip
    expected = [INTAKE_ACTOR, TRIAGE_ACTOR, TRIAGE_ACTOR, *actors]
    assert [e.actor for e in store.case_events(case_id)] == expected
    # The hub is sent the names.
    assert [e.actor for e in store.unpushed_events(100)] == expected
    assert _stored_desks(db_path) == [desk_to_stored(a.desk) for a in expected]
    assert _stored_desks(db_path)[:4] == ["\x01", "\x02", "\x02", "lighting"]


def _measured_desks(db_path: Path) -> dict[str, str]:
    with sqlite3.connect(db_path) as conn:
        return dict(
            conn.execute(
                "SELECT c.role, m.desk FROM case_measures m JOIN cases c ON c.pk = m.case_pk"
            )
        )


def test_the_measures_name_the_desk_that_handled_a_case(
    store: Store, db_path: Path, ingest: Ingest
) -> None:
    handlers = {
        "lighting": ANA,
        "parks": Actor("duty-policy"),
        "police": Actor("\x02triage", "Ana"),
        "streets": Actor(ESCAPE + "x"),
    }
    for role, actor in handlers.items():
        case_id, post = ingest("Algo pasa en la calle", role=role)
        store.append_events(
            [make_event(case_id, EventKind.RESOLVED, actor, post.received_at + timedelta(1))]
        )
    ingest("Nadie lo ha cogido", role="water")
    assert _measured_desks(db_path) == {
        **{role: actor.desk for role, actor in handlers.items()},
        "water": "",
    }
