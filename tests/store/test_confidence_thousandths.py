"""A case's confidence is stored as thousandths, a small integer on disk; a value that is
no whole number of thousandths (an event from the hub may carry any) is kept as its
double's bytes and comes back exactly, whichever way the store reads it."""

from __future__ import annotations

import math
import sqlite3
import struct
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from jundesk.core.case_filter import CaseFilter
from jundesk.core.events import make_event, opening_events
from jundesk.core.ids import uuid7
from jundesk.core.model import (
    INTAKE_ACTOR,
    TRIAGE_ACTOR,
    Actor,
    EventKind,
    Post,
    Priority,
    Status,
)
from jundesk.store import Store
from jundesk.store.column_types import confidence_from_stored, confidence_to_stored

MakePost = Callable[..., Post]
Ingest = Callable[..., tuple[str, Post]]
ANA = Actor("lighting", "Ana")
# No whole number of thousandths: as a hub's event may carry them.
ODD = (0.12345, 1 / 3, 0.8000000000000002, 5e-324, 1e-9, -0.0005, 1e300, -1e300, math.inf)


def _same(a: float, b: float) -> bool:
    return struct.pack(">d", a) == struct.pack(">d", b)


def test_whole_thousandths_are_stored_as_integers_and_others_as_their_bytes() -> None:
    for thousandths in range(-1000, 2001):
        value = thousandths / 1000
        assert confidence_to_stored(value) == thousandths
        assert type(confidence_to_stored(value)) is int
        assert _same(confidence_from_stored(float(thousandths)), value)
    assert confidence_to_stored(round(0.83333333, 3)) == 833
    assert confidence_to_stored(1) == 1000  # an integer payload, as JSON may give
    for value in ODD:
        stored = confidence_to_stored(value)
        assert isinstance(stored, bytes) and len(stored) == 8
        assert _same(confidence_from_stored(stored), value)
    # NaN is bound as it is, and SQLite refuses it in the column, as it always did.
    assert math.isnan(confidence_to_stored(math.nan))  # type: ignore[arg-type]


@given(st.floats(allow_nan=False))
def test_any_number_comes_back_exactly(value: float) -> None:
    stored = confidence_to_stored(value)
    with sqlite3.connect(":memory:") as conn:
        conn.execute("CREATE TABLE t (confidence FLOAT NOT NULL)")  # a REAL column
        conn.execute("INSERT INTO t VALUES (?)", (stored,))
        [(read,)] = conn.execute("SELECT confidence FROM t")
    # -0.0 comes back as 0.0, as a REAL column always gave it.
    assert _same(confidence_from_stored(read), value) or value == read == 0


def _open(store: Store, post: Post, confidence: float) -> str:
    """A case routed with `confidence` as it is (opening_events rounds it: a hub's event
    need not)."""
    case_id = uuid7()
    opening = opening_events(
        case_id, post.id, post.created_at, "lighting", Priority.NORMAL, 0.5,
        INTAKE_ACTOR, TRIAGE_ACTOR, at=post.received_at,
    )  # fmt: skip
    routed = make_event(
        case_id, EventKind.ROUTED, TRIAGE_ACTOR, post.received_at, role="lighting",
        confidence=confidence,
    )  # fmt: skip
    with store.unit() as uow:
        uow.add_posts([post], [case_id])
        uow.append_events([opening[0], routed, opening[2]])
    return case_id


def _stored(db_path: Path) -> dict[str, object]:
    with sqlite3.connect(db_path) as conn:
        return {
            role: (kind, value)
            for role, kind, value in conn.execute(
                "SELECT role, typeof(confidence), confidence FROM cases"
            )
        }


def test_the_store_gives_back_every_confidence_as_it_was(
    store: Store, db_path: Path, ingest: Ingest, make_post: MakePost
) -> None:
    rounded, _ = ingest("La farola de la calle Real está rota")  # routed with 0.9
    odd = {_open(store, make_post(f"Farola {n}"), value): value for n, value in enumerate(ODD)}
    rerouted, post = ingest("Música alta en la plaza", role="police")
    later = post.received_at + timedelta(hours=1)
    # A new event folds each case from its stored row (read as stored: case_from_values).
    store.append_events(
        [
            make_event(rerouted, EventKind.REROUTED, ANA, later, role="parks"),
            *(make_event(c, EventKind.NOTED, ANA, later) for c in [rounded, *odd]),
        ]
    )
    expected = {rounded: 0.9, rerouted: 1.0, **odd}

    every = CaseFilter(statuses=tuple(Status))
    for case_id, value in expected.items():
        case = store.get_case(case_id)
        assert case is not None and _same(case.confidence, value), (case_id, value)
    listed = {s.case.id: s.case.confidence for s in store.list_cases(every)}
    assert listed.keys() == expected.keys()
    assert all(_same(listed[c], v) for c, v in expected.items())
    exported = {case.id: case.confidence for case, _ in store.iter_cases_for_export()}
    assert all(_same(exported[c], v) for c, v in expected.items())

    with sqlite3.connect(db_path) as conn:
        stored = dict(conn.execute("SELECT id, confidence FROM cases"))
        kinds = dict(conn.execute("SELECT typeof(confidence), count(*) FROM cases GROUP BY 1"))
    assert kinds == {"real": 2, "blob": len(ODD)}
    assert sorted(v for v in stored.values() if not isinstance(v, bytes)) == [900.0, 1000.0]
