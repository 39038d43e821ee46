"""A case's id is stored as its UUID's 16 bytes (migration 0030), in its row, its unique
index and a desk's seen marks; an id that is no canonical UUID stays text and comes back
exactly. Whatever the store hands out names cases by their ids' texts, merges are still
followed, and a populated 0029 database upgrades and downgrades with every row as it was."""

from __future__ import annotations

import csv
import dataclasses
import io
import sqlite3
from collections.abc import Callable, Mapping
from datetime import UTC, timedelta
from pathlib import Path

from jundesk.app import records_export
from jundesk.app.ingest import Ingestor
from jundesk.app.records import Pick, RecordQuery, Records
from jundesk.app.settings import Settings
from jundesk.core.case_filter import CaseFilter
from jundesk.core.events import make_event, opening_events
from jundesk.core.ids import uuid7
from jundesk.core.model import (
    INTAKE_ACTOR,
    TRIAGE_ACTOR,
    Actor,
    Cursor,
    Event,
    EventKind,
    Post,
    Priority,
    Status,
)
from jundesk.intake.source import Page
from jundesk.store import Store
from jundesk.store import measures as sql
from jundesk.store.column_types import id_from_stored, id_to_stored
from jundesk.store.database import downgrade, upgrade
from jundesk.triage import Triage
from tests.store.conftest import T0
from tests.store.schema_snapshot import every_row, indexes_and_statistics

MakePost = Callable[..., Post]
Ingest = Callable[..., tuple[str, Post]]
DESK = Actor("front_desk", "Lola")
ANA = Actor("lighting", "Ana")
EVERY_CASE = CaseFilter(statuses=tuple(Status))
# Ids no desk makes (an old import, another program's capitals): kept as text.
OLD, HEXISH = "caso-antiguo-1", "cafe-0001"


def _open_as(
    store: Store, case_id: str, post: Post, role: str = "lighting", hours: float = 0
) -> str:
    """Open a case under the id given, as intake opens one."""
    events = opening_events(
        case_id,
        post.id,
        post.created_at,
        role,
        Priority.NORMAL,
        0.9,
        INTAKE_ACTOR,
        TRIAGE_ACTOR,
        at=post.received_at + timedelta(hours=hours),
    )
    with store.unit() as uow:
        uow.add_posts([post], [case_id])
        uow.append_events(events)
    return case_id


def _merge(other_id: str, keep_id: str, post_ids: list[str]) -> list[Event]:
    """The events of merging `other_id` into `keep_id`, as actions.merge writes them."""
    when = T0 + timedelta(days=1)
    return [
        make_event(other_id, EventKind.MERGED, DESK, when, into=keep_id),
        make_event(
            keep_id, EventKind.ABSORBED, DESK, when, source_case=other_id, post_ids=post_ids
        ),
    ]


def _stored(db_path: Path, table: str, column: str, case_id: str) -> tuple[str, int]:
    """How `table` stores the case id in `column` (typeof, length)."""
    with sqlite3.connect(db_path) as conn:
        row = conn.execute(
            f"SELECT typeof({column}), length({column}) FROM {table} WHERE {column} = ?",
            (id_to_stored(case_id),),
        ).fetchone()
    assert row is not None, (table, case_id)
    return row[0], row[1]


def _bytes_in(value: object) -> list[object]:
    """Every bytes value inside `value` (dataclasses, mappings and collections walked)."""
    if isinstance(value, bytes | bytearray | memoryview):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [b for f in dataclasses.fields(value) for b in _bytes_in(getattr(value, f.name))]
    if isinstance(value, Mapping):
        return [b for k, v in value.items() for b in (*_bytes_in(k), *_bytes_in(v))]
    if isinstance(value, list | tuple | set | frozenset):
        return [b for v in value for b in _bytes_in(v)]
    return []


def test_a_case_id_is_stored_as_16_bytes_and_an_odd_one_as_the_text_it_is(
    store: Store, db_path: Path, ingest: Ingest, make_post: MakePost
) -> None:
    canonical, _ = ingest("La farola de la calle Real está rota")
    capital = uuid7().upper()
    odd = [
        _open_as(store, OLD, make_post("Un bache en la plaza"), "streets"),
        _open_as(store, capital, make_post("Música alta"), "police"),
        _open_as(store, HEXISH, make_post("Una fuente sin agua")),
    ]
    assert _stored(db_path, "cases", "id", canonical) == ("blob", 16)
    for case_id in odd:
        assert _stored(db_path, "cases", "id", case_id) == ("text", len(case_id))

    every = [canonical, *odd]
    assert {s.case.id for s in store.list_cases(EVERY_CASE)} == set(every)
    for case_id in every:
        case = store.get_case(case_id)
        assert case is not None and case.id == case_id
        assert {e.case_id for e in store.case_events(case_id)} == {case_id}
        assert len(store.case_posts(case_id)) == 1
        store.mark_seen(case_id, case.last_event_id)
    assert _stored(db_path, "case_seen", "case_id", canonical) == ("blob", 16)
    assert _stored(db_path, "case_seen", "case_id", OLD) == ("text", len(OLD))
    assert set(store.seen_marks(every)) == set(every)
    assert store.count_unread(EVERY_CASE) == 0
    store.append_events([make_event(OLD, EventKind.NOTED, ANA, T0 + timedelta(hours=5))])
    assert store.count_unread(EVERY_CASE) == 1

    # What a person types: the whole id, its start or its end.
    for ref in (canonical, canonical[:13], canonical[:10], canonical[-8:], canonical[-7:]):
        assert store.case_ids_matching(ref) == [canonical]
    assert store.case_ids_matching(canonical[-14:].upper()) == [canonical]
    assert store.case_ids_matching("cafe") == [HEXISH]
    assert store.case_ids_matching("-0001") == [HEXISH]
    assert store.case_ids_matching("0123456789") == []


def _desk(store: Store, ingest: Ingest, make_post: MakePost) -> dict[str, str]:
    """A desk with ids of each kind in every place a case is named: merges both ways,
    resolved and open cases, seen marks, drafts, a blocked post. Every post is written at
    T0, so the cases' durations are known."""
    lamp, lamp_post = ingest("La farola de la calle Real está rota", created_at=T0)
    old = _open_as(store, OLD, make_post("Un bache en la plaza", created_at=T0), "streets")
    capital = _open_as(store, uuid7().upper(), make_post("Música alta", created_at=T0), "police")
    dup, dup_post = ingest("Farola rota en la calle Real", handle="otra", created_at=T0)
    hexish_post = make_post("Otra farola apagada", handle="tercera", created_at=T0)
    hexish = _open_as(store, HEXISH, hexish_post)
    noise, _ = ingest("Ruido en el parque", role="police", created_at=T0)
    store.append_events(
        [
            *_merge(dup, old, [dup_post.id]),
            *_merge(hexish, lamp, [hexish_post.id]),
            make_event(lamp, EventKind.RESOLVED, ANA, T0 + timedelta(hours=3)),
            make_event(capital, EventKind.RESOLVED, ANA, T0 + timedelta(hours=2)),
            make_event(
                lamp, EventKind.REDACTED, DESK, T0 + timedelta(hours=1),
                post_ids=[lamp_post.id], basis="erasure",
            ),
        ]
    )  # fmt: skip
    ids = {"lamp": lamp, "old": old, "capital": capital, "dup": dup, "hexish": hexish}
    ids["noise"] = noise
    for name in ("lamp", "old", "noise"):
        case = store.get_case(ids[name])
        assert case is not None
        store.mark_seen(case.id, case.last_event_id)
    store.save_draft(lamp, "reply", "Ya está arreglada")
    store.save_draft(old, "note", "Avisar a obras")
    return ids


def test_what_the_store_gives_back_names_cases_by_their_ids_texts(
    store: Store, ingest: Ingest, make_post: MakePost
) -> None:
    ids = _desk(store, ingest, make_post)
    every = set(ids.values())
    lamp, old, capital, dup, hexish = (ids[n] for n in ("lamp", "old", "capital", "dup", "hexish"))
    given: dict[str, object] = {}

    given["list"] = listed = store.list_cases(EVERY_CASE)
    assert {s.case.id for s in listed} == every
    assert {s.case.id: s.case.merged_into for s in listed if s.case.merged_into} == {
        dup: old,
        hexish: lamp,
    }
    given["open"] = store.list_cases()
    given["cases"] = [store.get_case(i) for i in every]
    given["events"] = [store.case_events(i) for i in every]
    given["export"] = exported = list(store.iter_cases_for_export())
    assert {case.id for case, _ in exported} == every
    given["unpushed"] = store.unpushed_events(100), store.unpushed_posts(100)
    assert {e.case_id for e in store.unpushed_events(100)} == every
    assert {c for _, c in store.unpushed_posts(100)} == every
    given["by_author"] = store.posts_by_author("otra")
    assert [c for _, c in store.posts_by_author("otra")] == [dup]
    given["finished"] = finished = store.finished_cases_before({"*": T0 + timedelta(days=400)})
    assert set(finished) == {lamp, capital}  # lamp with the post it absorbed, not blocked
    given["blocked"] = blocked = store.blocked_posts()
    assert [b.case_id for b in blocked] == [lamp]
    given["drafts"] = drafts = store.drafts()
    assert {(d.case_id, d.kind) for d in drafts} == {(lamp, "reply"), (old, "note")}
    given["draft"] = store.get_draft(old, "note")
    store.delete_draft(old, "note")
    assert store.get_draft(old, "note") is None
    given["marks"] = marks = store.seen_marks(list(every))
    assert set(marks) == {lamp, old, ids["noise"]}
    assert store.count_unread(EVERY_CASE) == 3
    given["matching"] = store.case_ids_matching(lamp[-8:])
    with store.unit() as uow:
        [dup_post] = store.case_posts(dup)
        given["by_source"] = by_source = uow.cases_for_source_ids("x", [dup_post.source_id])
        assert by_source == {dup_post.source_id: old}
        conversations = uow.cases_for_conversations("x", [dup_post.conversation_id])
        assert conversations == {dup_post.conversation_id: old}
        given["statuses"] = statuses = uow.case_statuses(every)
        assert statuses[capital] is Status.RESOLVED and set(statuses) == every

    # The town's record: its lists, click-through, records, CSV and missed targets.
    records = Records(store, Settings(), tz=UTC, clock=lambda: T0 + timedelta(days=30))
    records.prepare()
    query = RecordQuery()
    given["cases_for"] = clicked = records.cases_for(query, Pick())
    assert set(clicked) == every - {dup, hexish}  # a merged case counts in the one kept
    given["fastest"] = fastest = records.fastest_fixes(2026, 2)
    assert {f.case_id for f in fastest} == {lamp, capital}
    # New events: the records are brought up from the rows kept, reading the changed cases.
    quick, _ = ingest("Farola parpadeando", handle="cuarta", created_at=T0)
    store.append_events([make_event(quick, EventKind.RESOLVED, ANA, T0 + timedelta(hours=1))])
    given["fastest_again"] = fastest = records.fastest_fixes(2026, 2)
    assert [(f.role, f.case_id) for f in fastest] == [
        ("lighting", quick), ("lighting", lamp), ("police", capital),
    ]  # fmt: skip
    given["csv_rows"] = rows = records_export.case_rows(records, query)
    out = io.StringIO()
    records_export.write_csv(out, records_export.CASE_COLUMNS, rows)
    in_csv = [row["case_id"] for row in csv.DictReader(io.StringIO(out.getvalue()))]
    assert set(in_csv) == every - {dup, hexish} | {quick}
    given["missed"] = missed = store.read_measures(
        lambda conn: sql.missed_targets(conn, records.targets, records.now(), T0 - timedelta(1))
    )
    # Nobody acknowledged any: every case measured missed that target a month ago.
    assert {case_id for case_id, _, _, target in missed if target == "ack"} == set(in_csv)
    given["headers"] = headers = store.read_measures(lambda conn: sql.case_headers(conn, [old]))
    assert list(headers) == [old]
    given["changed"] = store.read_measures(lambda conn: sql.cases_changed_since(conn, 0))

    assert _bytes_in(given) == []


def _follow_up(store: Store, triage: Triage, make_post: MakePost, to: Post) -> list[str]:
    """A citizen's reply to `to`, through intake: the cases it went into."""
    reply = make_post(
        "Sigue igual que ayer", in_reply_to_id=to.source_id, conversation_id=to.conversation_id
    )
    page = Page((reply,), Cursor("x", "mentions"), 1)
    report = Ingestor(store, triage, clock=lambda: T0 + timedelta(days=2)).ingest("x", page)
    assert report.new_cases == []
    return report.followups


def test_a_follow_up_to_a_merged_case_lands_in_the_case_kept_before_and_after_the_upgrade(
    db_path: Path, ingest: Ingest, make_post: MakePost, store: Store
) -> None:
    triage = Triage.from_resources()
    kept, kept_post = ingest("La farola de la calle Real está rota")
    merged, merged_post = ingest("Farola rota en la calle Real", handle="otra")
    old_post = make_post("Farola de la calle Real, otra vez", handle="tercera")
    old = _open_as(store, OLD, old_post)
    store.append_events(
        [*_merge(merged, kept, [merged_post.id]), *_merge(old, kept, [old_post.id])]
    )
    assert _follow_up(store, triage, make_post, merged_post) == [kept]
    assert _follow_up(store, triage, make_post, old_post) == [kept]
    posts = store.case_posts(kept)
    assert len(posts) == 5
    store.close()

    downgrade(db_path, "0029")
    with sqlite3.connect(db_path) as conn:
        merges = dict(conn.execute("SELECT id, merged_into FROM cases WHERE merged_into != ''"))
    assert merges == {merged: kept, old: kept}

    with Store(db_path) as upgraded:
        assert _follow_up(upgraded, triage, make_post, merged_post) == [kept]
        assert _follow_up(upgraded, triage, make_post, old_post) == [kept]
        assert _follow_up(upgraded, triage, make_post, kept_post) == [kept]
        assert upgraded.case_posts(kept)[:5] == posts
        assert len(upgraded.case_posts(kept)) == 8
        case = upgraded.get_case(merged)
        assert case is not None and case.merged_into == kept


def _without_word_index(
    tables: dict[str, list[tuple[object, ...]]],
) -> dict[str, list[tuple[object, ...]]]:
    return {n: rows for n, rows in tables.items() if not n.startswith("posts_fts")}


def _as_ids(rows: list[tuple[object, ...]], column: int) -> list[tuple[object, ...]]:
    """The rows with the case id in `column` as its text."""
    converted = [
        (*row[:column], id_from_stored(row[column]), *row[column + 1 :])  # type: ignore[arg-type]
        for row in rows
    ]
    return sorted(converted, key=repr)


def test_a_populated_0029_database_upgrades_and_downgrades_with_every_row(
    db_path: Path, ingest: Ingest, make_post: MakePost, store: Store
) -> None:
    ids = _desk(store, ingest, make_post)
    every = list(ids.values())
    cases = {c: store.get_case(c) for c in every}
    marks = store.seen_marks(every)
    unread = store.count_unread(EVERY_CASE)
    listed = store.list_cases(EVERY_CASE)
    store.close()

    downgrade(db_path, "0029")
    with sqlite3.connect(db_path) as conn:
        conn.execute("ANALYZE")
    rows_0029 = every_row(db_path)
    schema_0029 = indexes_and_statistics(db_path)
    assert {type(row[1]) for row in rows_0029["cases"]} == {str}
    assert {type(row[0]) for row in rows_0029["case_seen"]} == {str}
    assert {s[1] for s in schema_0029[1]} >= {"sqlite_autoindex_cases_1", "ix_cases_rank"}

    upgrade(db_path, "0030")
    # The same rows (pks included), indexes and planner statistics; the ids as stored now.
    assert indexes_and_statistics(db_path) == schema_0029
    upgraded = every_row(db_path)
    assert {type(row[1]) for row in upgraded["cases"]} == {bytes, str}
    assert {type(row[0]) for row in upgraded["case_seen"]} == {bytes, str}
    assert _as_ids(upgraded["cases"], 1) == rows_0029["cases"]
    assert _as_ids(upgraded["case_seen"], 0) == rows_0029["case_seen"]
    assert {n: r for n, r in upgraded.items() if n not in ("cases", "case_seen")} == {
        n: r for n, r in rows_0029.items() if n not in ("cases", "case_seen")
    }
    with Store(db_path) as reopened:
        assert {c: reopened.get_case(c) for c in every} == cases
        assert reopened.seen_marks(every) == marks
        assert reopened.count_unread(EVERY_CASE) == unread
        assert reopened.list_cases(EVERY_CASE) == listed

    # Reopening upgraded it to the newest revision; down again, the word index is made
    # anew (0031), so its pages differ: what it finds is test_word_index_without_places'.
    downgrade(db_path, "0029")
    assert _without_word_index(every_row(db_path)) == _without_word_index(rows_0029)
    assert indexes_and_statistics(db_path)[0] == schema_0029[0]
