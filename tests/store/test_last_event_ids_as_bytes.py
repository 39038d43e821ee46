"""A case's last event id and a desk's mark of the last event it saw are stored as 16 bytes
(migration 0028) and read back as the ids they were; an id that is no canonical UUID stays
text. Marks compare with last events as the ids' texts do, as the GUI compares them: a
mark never moves back, and a case is unread when its last event sorts after the mark. A
database of 0027 (ids as text) upgrades and downgrades with every row as it was."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from jundesk.core.case_filter import CaseFilter
from jundesk.core.events import make_event
from jundesk.core.model import Actor, Event, EventKind, Post, Status
from jundesk.store import Store
from jundesk.store.column_types import id_from_stored, id_to_stored
from jundesk.store.database import downgrade, upgrade
from tests.store.schema_snapshot import indexes_and_statistics

Ingest = Callable[..., tuple[str, Post]]
ANA = Actor("lighting", "Ana")
EVERY_CASE = CaseFilter(statuses=tuple(Status))
# Ids no desk makes (an old import): kept as text. As texts, the first sorts after every
# canonical id made today, the second before; SQLite alone would put both before them.
LATE_ODD, EARLY_ODD = "nota-antigua-1", "00-importada-1"


def _note(case_id: str, post: Post, hours: int, event_id: str | None = None) -> Event:
    made = make_event(case_id, EventKind.NOTED, ANA, post.created_at + timedelta(hours=hours))
    return made if event_id is None else dataclasses.replace(made, id=event_id)


def _stored(db_path: Path, table: str, key: str, value: str) -> tuple[str, int]:
    with sqlite3.connect(db_path) as conn:
        row = conn.execute(
            f"SELECT typeof(last_event_id), length(last_event_id) FROM {table} WHERE {key} = ?",
            (id_to_stored(value),),  # a case's id, stored as 16 bytes since 0030
        ).fetchone()
    return row[0], row[1]


def _last_event_id(store: Store, case_id: str) -> str:
    case = store.get_case(case_id)
    assert case is not None
    return case.last_event_id


def _unread_as_texts(store: Store, case_ids: list[str]) -> int:
    """The unread cases among these as the GUI tells them: by comparing the id strings."""
    marks = store.seen_marks(case_ids)
    return sum(1 for c in case_ids if c not in marks or marks[c] < _last_event_id(store, c))


def test_the_last_event_and_the_mark_are_stored_as_16_bytes_and_read_back_as_ids(
    store: Store, db_path: Path, ingest: Ingest
) -> None:
    case_id, _ = ingest("La farola de la calle Real está rota")
    last = store.case_events(case_id)[-1].id
    assert _last_event_id(store, case_id) == last
    assert _stored(db_path, "cases", "id", case_id) == ("blob", 16)
    [listed] = store.list_cases(EVERY_CASE)
    assert listed.case.last_event_id == last
    [(exported, _)] = store.iter_cases_for_export()
    assert exported.last_event_id == last

    store.mark_seen(case_id, last)
    assert _stored(db_path, "case_seen", "case_id", case_id) == ("blob", 16)
    assert store.seen_marks([case_id]) == {case_id: last}
    assert all(type(i) is str for i in store.seen_marks([case_id]).values())


def test_a_new_event_makes_a_seen_case_unread_and_a_mark_never_moves_back(
    store: Store, ingest: Ingest
) -> None:
    first, post = ingest("La farola de la calle Real está rota")
    second, _ = ingest("Un bache en la plaza", role="streets")
    assert store.count_unread(EVERY_CASE) == 2
    seen = _last_event_id(store, first)
    store.mark_seen(first, seen)
    assert store.count_unread(EVERY_CASE) == 1

    store.append_events([_note(first, post, 1)])
    news = _last_event_id(store, first)
    assert news > seen
    assert store.count_unread(EVERY_CASE) == 2
    store.mark_seen(first, news)
    assert store.count_unread(EVERY_CASE) == 1
    # An older mark (another window, a late write) loses, whichever way it is stored.
    for older in (seen, "0", EARLY_ODD):
        store.mark_seen(first, older)
        assert store.seen_marks([first]) == {first: news}
        assert store.count_unread(EVERY_CASE) == 1
    assert store.count_unread(EVERY_CASE) == _unread_as_texts(store, [first, second])


def test_odd_ids_compare_with_canonical_ones_as_their_texts_do(
    store: Store, db_path: Path, ingest: Ingest
) -> None:
    case_id, post = ingest("La farola de la calle Real está rota")
    canonical = _last_event_id(store, case_id)
    store.mark_seen(case_id, canonical)

    # Its last event in fold order now has an id kept as text, which sorts after the mark.
    store.append_events([_note(case_id, post, 1, LATE_ODD)])
    assert _last_event_id(store, case_id) == LATE_ODD
    assert _stored(db_path, "cases", "id", case_id) == ("text", len(LATE_ODD))
    assert store.count_unread(EVERY_CASE) == 1 == _unread_as_texts(store, [case_id])

    store.mark_seen(case_id, LATE_ODD)
    assert _stored(db_path, "case_seen", "case_id", case_id) == ("text", len(LATE_ODD))
    assert store.count_unread(EVERY_CASE) == 0
    # A canonical id sorts before it as text: that mark is older, and loses.
    store.mark_seen(case_id, canonical)
    assert store.seen_marks([case_id]) == {case_id: LATE_ODD}

    # A last event kept as text that sorts before a canonical mark is not news to it.
    other, other_post = ingest("Un bache en la plaza", role="streets")
    store.mark_seen(other, _last_event_id(store, other))
    store.append_events([_note(other, other_post, 1, EARLY_ODD)])
    assert _last_event_id(store, other) == EARLY_ODD
    assert store.count_unread(EVERY_CASE) == 0 == _unread_as_texts(store, [case_id, other])

    # A canonical last event is news to a mark kept as text that sorts before it, and
    # marking it seen moves the mark on.
    third, _ = ingest("Música alta", role="police")
    store.mark_seen(third, EARLY_ODD)
    cases = [case_id, other, third]
    assert store.count_unread(EVERY_CASE) == 1 == _unread_as_texts(store, cases)
    store.mark_seen(third, _last_event_id(store, third))
    assert _stored(db_path, "case_seen", "case_id", third) == ("blob", 16)
    assert store.count_unread(EVERY_CASE) == 0 == _unread_as_texts(store, cases)


def _rows(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db_path) as conn:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
            for table in ("cases", "case_seen")
        }


def test_a_populated_0027_database_upgrades_and_downgrades_with_every_row(
    db_path: Path, ingest: Ingest, store: Store
) -> None:
    first, post = ingest("La farola de la calle Real está rota")
    second, _ = ingest("Un bache en la plaza", role="streets")
    third, third_post = ingest("Música alta", role="police")
    resolved = make_event(
        third, EventKind.RESOLVED, ANA, third_post.created_at + timedelta(hours=1)
    )
    store.append_events([_note(second, post, 1, LATE_ODD), resolved])
    store.mark_seen(first, _last_event_id(store, first))
    store.mark_seen(second, EARLY_ODD)
    store.mark_seen(third, _last_event_id(store, third))
    store.append_events([_note(third, third_post, 2)])  # unseen news
    cases = {c: store.get_case(c) for c in (first, second, third)}
    marks = store.seen_marks(list(cases))
    unread = store.count_unread(EVERY_CASE)
    assert unread == 2
    store.close()

    downgrade(db_path, "0027")
    rows_0027 = _rows(db_path)
    assert {type(row[18]) for row in rows_0027["cases"]} == {str}
    assert {type(row[1]) for row in rows_0027["case_seen"]} == {str}
    schema_0027 = indexes_and_statistics(db_path)
    assert len(schema_0027[0]) == 10  # eight of cases', and each table's unique key

    upgrade(db_path)
    # The same rows in their places, with the same indexes and planner statistics.
    assert indexes_and_statistics(db_path) == schema_0027
    upgraded = _rows(db_path)
    assert [(r[0], id_from_stored(r[1])) for r in upgraded["cases"]] == [
        (r[0], r[1]) for r in rows_0027["cases"]
    ]
    assert {type(r[18]) for r in upgraded["cases"]} == {bytes, str}
    with Store(db_path) as reopened:
        assert {c: reopened.get_case(c) for c in cases} == cases
        assert reopened.seen_marks(list(cases)) == marks
        assert reopened.count_unread(EVERY_CASE) == unread
        assert [e.case_id for e in reopened.case_events(third)] == [third] * 5

    downgrade(db_path, "0027")
    assert _rows(db_path) == rows_0027
    assert indexes_and_statistics(db_path)[0] == schema_0027[0]
