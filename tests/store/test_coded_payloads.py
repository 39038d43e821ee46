"""Intake's three events a post keep their payload keys as numbers, and read back as the
payloads they were, key order included; every other event keeps a JSON object; a
database of 0023 upgrades and downgrades with every payload as it was."""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jundesk.core.events import make_event, opening_events
from jundesk.core.ids import uuid7
from jundesk.core.model import INTAKE_ACTOR, TRIAGE_ACTOR, Actor, Event, EventKind, Post, Priority
from jundesk.store import Store
from jundesk.store.database import downgrade
from jundesk.store.event_kinds import kind_of_code
from jundesk.store.payload_codes import PayloadError, payload_from_stored, payload_to_stored

Ingest = Callable[..., tuple[str, Post]]
ANA = Actor("lighting", "Ana")

POST_ID = "01a25103-46be-7006-8c92-5888d99269c9"
ROUTED = {
    "role": "lighting",
    "confidence": 0.87,
    "words": ["farola", "apagada"],
    "model_words": ["luz"],
    "suggested": "lighting",
}


@pytest.mark.parametrize(
    ("kind", "payload"),
    [
        (EventKind.INGESTED, {"post_id": "p-1", "posted_at": "2026-03-02T09:01:00+00:00"}),
        (EventKind.INGESTED, {"post_id": POST_ID, "posted_at": "2026-03-02T09:01:00+00:00"}),
        (EventKind.INGESTED, {"post_id": POST_ID.upper()}),
        (EventKind.INGESTED, {"post_id": 12345}),
        (EventKind.INGESTED, {"post_id": "p-1", "posted_at": "2026-03-02T09:01:00.000123+00:00"}),
        # Not a UTC isoformat(): kept as the text it is.
        (EventKind.INGESTED, {"post_id": "p-1", "posted_at": "2026-03-02T11:01:00+02:00"}),
        (EventKind.INGESTED, {"post_id": "p-1", "posted_at": "2026-03-02 09:01:00+00:00"}),
        (EventKind.INGESTED, {"post_id": "p-1", "posted_at": "2026-03-02T09:01:00.5+00:00"}),
        (EventKind.INGESTED, {"post_id": "p-1", "posted_at": 1772442060}),
        (EventKind.INGESTED, {"posted_at": "2026-03-02T09:01:00+00:00", "post_id": "p-1"}),
        (EventKind.ROUTED, ROUTED),
        (EventKind.ROUTED, {"role": "", "confidence": 0.0, "suggested": None}),
        # A suggestion the routing did not follow, or given before the role: as it is.
        (EventKind.ROUTED, {**ROUTED, "suggested": "parks"}),
        (EventKind.ROUTED, {"suggested": "lighting", "role": "lighting"}),
        (EventKind.ROUTED, {"role": "lighting", "suggested": 0}),
        (EventKind.ROUTED, {"role": 3, "suggested": 3}),
        # What the blob can't carry exactly stays JSON: each comes back the same.
        (EventKind.ROUTED, {"role": "parks", "confidence": -0.0}),
        (EventKind.ROUTED, {"role": "parks", "confidence": 0.12345}),
        (EventKind.ROUTED, {"role": "parks", "confidence": 1}),
        (EventKind.ROUTED, {"role": "parks", "confidence": 65.536}),
        (EventKind.ROUTED, {"role": "parks", "confidence": math.inf}),
        (EventKind.ROUTED, {"role": "parks", "confidence": -math.inf}),
        (EventKind.ROUTED, {"role": "parks", "confidence": 65.535, "words": []}),
        (EventKind.ROUTED, {"role": "p" * 256, "confidence": 0.5}),
        (EventKind.ROUTED, {"role": "ñandú", "words": ["árbol", "", "\ud800"]}),
        (EventKind.ROUTED, {"role": "parks", "words": ["x"] * 256}),
        (EventKind.ROUTED, {"role": "parks", "words": ["x", 1]}),
        (EventKind.PRIORITISED, {"priority": "urgent", "words": ["fuego", "humo"] * 20}),
        (EventKind.PRIORITISED, {"words": ["fuego"], "priority": "urgent"}),
        (EventKind.INGESTED, {"post_id": POST_ID, "posted_at": "1969-12-31T23:59:59+00:00"}),
        (EventKind.INGESTED, {"post_id": POST_ID, "posted_at": "1970-01-01T00:00:00+00:00"}),
        (EventKind.INGESTED, {"post_id": POST_ID, "posted_at": "2106-02-07T06:28:15+00:00"}),
        (EventKind.INGESTED, {"post_id": POST_ID, "posted_at": "2106-02-07T06:28:16+00:00"}),
        (EventKind.PRIORITISED, {"priority": "low", "words": []}),
        (EventKind.PRIORITISED, {"priority": "Normal"}),
        (EventKind.PRIORITISED, {"priority": ["urgent"]}),
        (EventKind.ROUTED, {"role": "parks", "priority": "high", "confidence": 0.5}),
        (EventKind.INGESTED, {"post_id": POST_ID, "posted_at": "2026-03-02T09:01:00.5+00:00"}),
        # Keys no number stands for, one of them spelled like a number.
        (EventKind.ROUTED, {"role": "parks", "1": "uno", "reason": {"by": "Ana"}}),
        (EventKind.PRIORITISED, {"priority": "urgent", "words": ["fuego"]}),
        (EventKind.PRIORITISED, {}),
        (EventKind.NOTED, {"text": "Avisado el electricista", "role": "lighting"}),
    ],
)
def test_a_payload_reads_back_as_it_was_with_its_key_order(
    kind: EventKind, payload: dict[str, Any]
) -> None:
    stored = payload_to_stored(kind, payload)
    back = payload_from_stored(stored)
    assert back == payload
    assert list(back) == list(payload)
    assert json.dumps(back) == json.dumps(payload)  # same types too (an int stays an int)


def test_intake_payloads_take_fewer_bytes_and_other_kinds_stay_json_objects() -> None:
    ingested = {"post_id": POST_ID, "posted_at": "2026-03-02T09:01:00+00:00"}
    for kind, payload in ((EventKind.INGESTED, ingested), (EventKind.ROUTED, ROUTED)):
        stored = payload_to_stored(kind, payload)
        assert len(stored) < 0.7 * len(json.dumps(payload, separators=(",", ":")))
    # Nearly every post's first event: its id's 16 bytes and its time in whole seconds,
    # in 21 bytes; a time with a fraction of a second keeps its microseconds, in 25.
    blob = payload_to_stored(EventKind.INGESTED, ingested)
    assert isinstance(blob, bytes) and len(blob) == 21
    assert bytes.fromhex(POST_ID.replace("-", "")) in blob
    assert (1772442060).to_bytes(4, "big") in blob
    fraction = {"post_id": POST_ID, "posted_at": "2026-03-02T09:01:00.250000+00:00"}
    blob = payload_to_stored(EventKind.INGESTED, fraction)
    assert isinstance(blob, bytes) and len(blob) == 25
    assert (1772442060_250000).to_bytes(8, "big") in blob
    # The post's time in whole seconds, the suggestion as a mark that it is the role.
    other = {"post_id": "p-1", "posted_at": ingested["posted_at"]}
    assert payload_to_stored(EventKind.INGESTED, other) == '[1,"p-1",10,1772442060]'
    # Routing's two: each key's number and its value, the suggestion as a mark alone.
    routed = payload_to_stored(EventKind.ROUTED, ROUTED)
    assert (
        routed
        == b"\x02\x03\x08lighting\x04\x03\x66\x05\x02\x06farola\x07apagada\x06\x01\x03luz\x0b"
    )
    prioritised = payload_to_stored(
        EventKind.PRIORITISED, {"priority": "urgent", "words": ["fuego"]}
    )
    # One of the four priorities as its number alone; any other text as a text.
    assert prioritised == b"\x02\x0c\x05\x01\x05fuego"
    for priority, mark in (("urgent", 12), ("high", 13), ("normal", 14), ("low", 15)):
        stored = payload_to_stored(EventKind.PRIORITISED, {"priority": priority})
        assert stored == bytes((2, mark))
    assert payload_to_stored(EventKind.PRIORITISED, {"priority": "Urgent"}) == b"\x02\x08\x06Urgent"
    # What the blob can't carry (a lone surrogate) keeps the JSON array.
    odd = payload_to_stored(EventKind.ROUTED, {**ROUTED, "words": ["\ud800"]})
    assert isinstance(odd, str) and odd.endswith(",11,0]")
    noted = payload_to_stored(EventKind.TARGET_MISSED, {"target": "ack"})
    assert json.loads(noted) == {"target": "ack"}


@pytest.mark.parametrize(
    ("stored", "says"),
    [
        ("[99, 1]", "key number 99"),
        ("[1]", "without its value"),
        ('[9, "AaJRA0a!!AaMkliI2ZJpyQ"]', "not base64 of 16 bytes"),
        ('[9, "AaJRA0a"]', "not 22 letters"),
        ('[2, "ayer"]', "not a number"),
        ('[10, "ayer"]', "not a number"),
        ("[11, 0]", "names no role before it"),
        (b"\x01" + bytes(16), "blob of 17 bytes"),
        (b"\x03" + bytes(24), "blob of 25 bytes"),
        (b"\x01" + bytes(20), "blob of 21 bytes"),
        ("[12, 0]", "key number 12"),
        ("[15, 0]", "key number 15"),
        (b"\x02\x63", "key number 99"),
        (b"\x02\x03\x05far", "ends short"),
        (b"\x02\x05\x02\x01a", "ends short"),
        (b"\x02\x04\x03", "ends short"),
        (b"\x02\x03\x02\xff\xfe", "not UTF-8"),
        (b"\x02\x0b", "key number 11"),  # "the role" with no role before it
        ('[3, "parks", 11, 1]', "names no role before it"),
        ("[[1], 2]", "list key"),
        ('"texto"', "JSON str"),
    ],
)
def test_a_payload_this_version_cannot_read_is_refused_with_a_reason(
    stored: str | bytes, says: str
) -> None:
    with pytest.raises(PayloadError, match=says):
        payload_from_stored(stored)


def _stored_payloads(path: Path) -> list[tuple[int, Any]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT kind, payload FROM events ORDER BY seq").fetchall()


def test_the_store_keeps_intake_payloads_coded_and_gives_back_the_events_made(
    store: Store, db_path: Path, make_post: Callable[..., Post]
) -> None:
    post = make_post("La farola de la calle Real está rota")
    case_id = "01a25103-46be-7007-92b3-a005c4f750f8"
    made = opening_events(
        case_id,
        post.id,
        post.created_at,
        "lighting",
        Priority.HIGH,
        0.87,
        INTAKE_ACTOR,
        TRIAGE_ACTOR,
        at=post.received_at,
        why_role={"words": ["farola"], "model_words": ["rota"], "suggested": "lighting"},
        why_priority=["rota"],
    )
    note = make_event(case_id, EventKind.NOTED, ANA, post.received_at, text="Visto")
    with store.unit() as uow:
        uow.add_posts([post], [case_id])
        uow.append_events([*made, note], {case_id: post})
    assert store.case_events(case_id) == [*made, note]
    stored = _stored_payloads(db_path)
    assert [kind_of_code(k) for k, _ in stored] == [e.kind for e in (*made, note)]
    assert [type(p) for _, p in stored] == [bytes, bytes, bytes, str]  # intake's three
    assert stored[3][1].startswith("{")  # a note's: a JSON object
    assert len(stored[0][1]) in (21, 25)  # the ingested one
    assert stored[2][1] == b"\x02\x0d\x05\x01\x04rota"  # prioritised: "high" as its number


def test_a_populated_0023_database_upgrades_and_downgrades_with_every_payload(
    db_path: Path,
    ingest: Ingest,
    store: Store,
    make_post: Callable[..., Post],
    open_case: Callable[..., tuple[str, list[Event]]],
) -> None:
    first, post = ingest("La farola de la calle Real está rota")
    store.append_events([make_event(first, EventKind.NOTED, ANA, post.received_at, text="Visto")])
    coded = _stored_payloads(db_path)
    history = store.case_events(first)
    store.close()

    downgrade(db_path, "0023")
    as_objects = _stored_payloads(db_path)
    assert all(p.startswith("{") for _, p in as_objects)
    assert [json.loads(p) for _, p in as_objects] == [e.payload for e in history]

    with Store(db_path) as upgraded:
        # Rows written before stay JSON objects and read as they are.
        assert [p for _, p in _stored_payloads(db_path)] == [p for _, p in as_objects]
        assert upgraded.case_events(first) == history
        post = make_post("Un bache en la plaza")
        second, events = open_case(post)
        with upgraded.unit() as uow:
            uow.add_posts([post], [second])
            uow.append_events(events, {second: post})
        assert isinstance(_stored_payloads(db_path)[len(as_objects)][1], bytes)
        assert coded[0][1] != as_objects[0][1]


def test_a_populated_0031_database_downgrades_the_new_numbers_and_upgrades(
    db_path: Path, store: Store, make_post: Callable[..., Post]
) -> None:
    cases = []
    for text, words in (
        ("La farola de la calle Real está rota", ["farola", "está"]),
        ("Un bache en la plaza \ud800 Mayor", ["bache", "\ud800"]),  # a lone surrogate
    ):
        post = make_post(text)
        case_id = uuid7()
        made = opening_events(
            case_id,
            post.id,
            post.created_at,
            "streets",
            Priority.HIGH,
            0.87,
            INTAKE_ACTOR,
            TRIAGE_ACTOR,
            at=post.received_at,
            why_role={"words": words, "model_words": [], "suggested": "streets"},
            why_priority=["rota"],
        )
        with store.unit() as uow:
            uow.add_posts([post], [case_id])
            uow.append_events(made, {case_id: post})
        cases.append(case_id)
    before = {c: store.case_events(c) for c in cases}
    coded = _stored_payloads(db_path)
    # Intake's as blobs (0037, 0038), but the routing whose words hold a lone surrogate.
    assert sum(isinstance(p, bytes) for _, p in coded) == 5
    store.close()

    downgrade(db_path, "0031")
    older = _stored_payloads(db_path)
    assert not any(",10," in p or ",11,0" in p for _, p in older)
    assert all(p.startswith("[") for _, p in older)
    with Store(db_path, read_only=True, allow_older=True) as at_0031:
        assert {c: at_0031.case_events(c) for c in cases} == before

    with Store(db_path) as upgraded:
        # Rows written before keep the older numbers and read as they are.
        assert _stored_payloads(db_path) == older
        assert {c: upgraded.case_events(c) for c in cases} == before


@settings(max_examples=300, deadline=None)
@given(
    role=st.text(max_size=12),
    confidence=st.floats(min_value=-1, max_value=70) | st.sampled_from([0.0, 0.5, 0.873, 1.0]),
    words=st.lists(st.text(max_size=8), max_size=4),
    suggested=st.text(max_size=3),
    same=st.booleans(),
)
def test_any_routing_reads_back_from_its_stored_form(
    role: str, confidence: float, words: list[str], suggested: str, same: bool
) -> None:
    payload: dict[str, Any] = {"role": role, "confidence": confidence, "words": words}
    payload["model_words"] = words[::-1]
    payload["suggested"] = role if same else suggested
    back = payload_from_stored(payload_to_stored(EventKind.ROUTED, payload))
    assert json.dumps(back) == json.dumps(payload)  # values, types and key order


def test_a_populated_0039_database_downgrades_the_shorter_forms_and_upgrades(
    db_path: Path, store: Store, ingest: Ingest
) -> None:
    cases = [
        ingest("La farola de la calle Real está rota", priority=Priority.URGENT)[0],
        ingest("Un bache en la plaza", priority=Priority.LOW)[0],
        # A post time with a fraction of a second keeps its microseconds.
        ingest(
            "Ruido en la calle Mayor",
            created_at=datetime(2026, 3, 2, 9, 1, 0, 250000, tzinfo=UTC),
        )[0],
    ]
    before = {c: store.case_events(c) for c in cases}
    coded = _stored_payloads(db_path)
    assert [len(p) for _, p in coded[0::3]] == [21, 21, 25]  # the ingested ones
    assert coded[2][1][:2] == b"\x02\x0c"  # urgent, as its number
    store.close()

    downgrade(db_path, "0038")
    older = _stored_payloads(db_path)
    # The forms 0038 reads: microseconds, and each priority by its name.
    assert [len(p) for _, p in older[0::3]] == [25, 25, 25]
    assert older[6] == coded[6]  # already in the older form: untouched
    for ingested in older[0::3]:
        assert ingested[1][:1] == b"\x01"
    assert older[2][1].startswith(b"\x02\x08\x06urgent")
    assert older[5][1].startswith(b"\x02\x08\x03low")
    assert [p for _, p in older[1::3]] == [p for _, p in coded[1::3]]  # the routings
    with Store(db_path, read_only=True, allow_older=True) as at_0038:
        assert {c: at_0038.case_events(c) for c in cases} == before

    downgrade(db_path, "0031")  # the older steps down read what this one wrote
    with Store(db_path, read_only=True, allow_older=True) as at_0031:
        assert {c: at_0031.case_events(c) for c in cases} == before

    with Store(db_path) as upgraded:
        assert {c: upgraded.case_events(c) for c in cases} == before


@settings(max_examples=200, deadline=None)
@given(
    priority=st.sampled_from([p.value for p in Priority]) | st.text(max_size=8),
    words=st.lists(st.text(max_size=8), max_size=3),
    first=st.booleans(),
)
def test_any_prioritising_reads_back_from_its_stored_form(
    priority: str, words: list[str], first: bool
) -> None:
    payload: dict[str, Any] = (
        {"priority": priority, "words": words} if first else {"words": words, "priority": priority}
    )
    back = payload_from_stored(payload_to_stored(EventKind.PRIORITISED, payload))
    assert json.dumps(back) == json.dumps(payload)
