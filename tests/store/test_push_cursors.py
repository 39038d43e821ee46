"""What a desk still has to push to the hub is what it made after its push cursors: the
hub's answers move them, a refused row is never offered again, a row the hub skipped is
offered again, and pulled rows are never pushed back. A database of 0020 (a mark per row,
indexed) upgrades to the cursors offering exactly what it offered, and back."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from jundesk.core.events import make_event
from jundesk.core.model import Actor, EventKind, Post
from jundesk.store import Store
from jundesk.store.column_types import id_to_stored
from jundesk.store.database import downgrade

Ingest = Callable[..., tuple[str, Post]]
ANA = Actor("lighting", "Ana")
LUIS = Actor("police", "Luis")
PUSHED, REFUSED = 0, -1


def _unpushed(store: Store) -> tuple[list[str], list[str]]:
    events = [e.id for e in store.unpushed_events(100)]
    posts = [p.id for p, _ in store.unpushed_posts(100)]
    assert store.count_unpushed() == len(events) + len(posts)
    return events, posts


def test_the_hub_s_answers_move_the_cursors_and_nothing_is_offered_twice(
    store: Store, ingest: Ingest
) -> None:
    first, first_post = ingest("La farola de la calle Real está rota")
    _, second_post = ingest("Un bache en la plaza", role="streets")
    events, posts = _unpushed(store)
    assert len(events) == 6 and posts == [first_post.id, second_post.id]

    store.mark_pushed({e: PUSHED for e in events[:4]}, {first_post.id: PUSHED})
    assert _unpushed(store) == (events[4:], [second_post.id])

    # The hub refuses one: it is not offered again, and it says so on its row.
    store.mark_pushed({events[4]: REFUSED, events[5]: PUSHED}, {second_post.id: REFUSED})
    assert _unpushed(store) == ([], [])
    with store._engine.connect() as conn:
        assert (
            conn.exec_driver_sql(
                "SELECT hub_seq FROM events WHERE id = ?", (id_to_stored(events[4]),)
            ).scalar()
            == REFUSED
        )

    # What is made afterwards is offered, and only that.
    note = make_event(first, EventKind.NOTED, ANA, text="Avisado el electricista")
    store.append_events([note])
    assert _unpushed(store) == ([note.id], [])


def test_a_row_the_answers_skip_is_offered_again_with_those_after_it(
    store: Store, ingest: Ingest
) -> None:
    ingest("La farola de la calle Real está rota")
    ingest("Un bache en la plaza", role="streets")
    events, _ = _unpushed(store)
    # Answers for the first two and the fourth only (as if a push had been cut short and
    # then answered in pieces): the cursor stops before the third.
    store.mark_pushed({events[0]: PUSHED, events[1]: PUSHED, events[3]: PUSHED}, {})
    assert _unpushed(store)[0] == events[2:]
    store.mark_pushed({e: PUSHED for e in events[2:]}, {})
    assert _unpushed(store)[0] == []


def test_pulled_events_are_not_pushed_back_and_own_events_pulled_back_count_as_pushed(
    store: Store, ingest: Ingest
) -> None:
    case_id, _ = ingest("La farola de la calle Real está rota")
    events, _ = _unpushed(store)
    theirs = make_event(case_id, EventKind.NOTED, LUIS, text="Patrulla avisada")
    # The hub sends another desk's note and this desk's own first event back.
    own_back = store.case_events(case_id)[0]
    store.apply_pulled([(theirs, 501), (own_back, 502)])
    assert _unpushed(store)[0] == events[1:]
    assert len(store.case_events(case_id)) == 4


def test_a_populated_0020_database_offers_what_it_offered_and_downgrades_with_marks(
    db_path: Path, make_post: Callable[..., Post], open_case: Callable[..., object]
) -> None:
    with Store(db_path) as store:
        posts = [make_post("Farola rota"), make_post("Bache en la plaza")]
        for post in posts:
            case_id, events = open_case(post)  # type: ignore[misc]
            with store.unit() as uow:
                uow.add_posts([post], [case_id])
                uow.append_events(events, {case_id: post})
        events_before, posts_before = _unpushed(store)
    # As a desk at 0020 would have it: the first case's first events and its post went to
    # the hub (marked 0), one event was refused (-1), one was pushed out of order.
    downgrade(db_path, "0020")
    with sqlite3.connect(db_path) as conn:
        assert {"ix_events_unpushed", "ix_posts_unpushed"} <= _indexes(conn)
        conn.execute("UPDATE events SET hub_seq = 0 WHERE seq IN (1, 2)")
        conn.execute("UPDATE events SET hub_seq = -1 WHERE seq = 3")
        conn.execute("UPDATE events SET hub_seq = 0 WHERE seq = 5")  # pushed out of order
        conn.execute("UPDATE posts SET hub_seq = 0 WHERE pk = 1")
        offered = conn.execute(
            "SELECT e.id FROM events e WHERE e.hub_seq IS NULL AND e.origin IS NULL ORDER BY seq"
        ).fetchall()
    assert [r[0] for r in offered] == [events_before[3], *events_before[5:]]

    with Store(db_path) as store:  # upgraded again
        assert _unpushed(store) == ([events_before[3], *events_before[5:]], posts_before[1:])
        with store._engine.connect() as conn:
            names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
            cursors = {
                key: value
                for key, value in conn.exec_driver_sql(
                    "SELECT key, value FROM sync_state WHERE key LIKE 'push.%'"
                )
            }
        assert not {"ix_events_unpushed", "ix_posts_unpushed"} & names
        assert cursors == {"push.events_through": "3", "push.posts_through": "1"}
        store.mark_pushed({events_before[3]: PUSHED}, {})

    downgrade(db_path, "0020")
    with sqlite3.connect(db_path) as conn:
        assert {"ix_events_unpushed", "ix_posts_unpushed"} <= _indexes(conn)
        marks = conn.execute("SELECT seq, hub_seq FROM events ORDER BY seq").fetchall()
        assert not conn.execute("SELECT 1 FROM sync_state WHERE key LIKE 'push.%'").fetchall()
    # Everything up to the cursor is marked pushed; the refusal and the rest are as they were.
    assert marks == [(1, 0), (2, 0), (3, -1), (4, 0), (5, 0), (6, None)]


def _indexes(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
