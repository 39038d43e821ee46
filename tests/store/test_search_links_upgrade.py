"""A desk's database written by the 0009 schema upgrades to links that hold the post's rowid:
each case still lists its own posts, and a word search still finds every case a matching
post is in (a merged case and the case it went into both), whatever order the rowids and
the post ids are in."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from jundesk.core.case_filter import CaseFilter
from jundesk.core.model import Status
from jundesk.store import Store
from jundesk.store.column_types import id_from_stored, to_micros
from jundesk.store.database import downgrade, upgrade

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TARGET = "01950000-0000-7000-8000-00000000000a"
MERGED = "01950000-0000-7000-8000-00000000000b"
OTHER = "01950000-0000-7000-8000-00000000000c"
# Rowids in another order than the ids: a link given the wrong rowid finds the wrong case.
POSTS = [
    (12, "01950000-0000-7000-8000-0000000000a1", MERGED, "La farola de la calle Real está rota"),
    (3, "01950000-0000-7000-8000-0000000000a2", TARGET, "Sigue apagada esta noche"),
    (7, "01950000-0000-7000-8000-0000000000a3", OTHER, "Basura en la plaza Mayor"),
]
LINKS = [
    (MERGED, POSTS[0][1], 0),
    (TARGET, POSTS[1][1], 0),
    (TARGET, POSTS[0][1], 1),  # merged in
    (OTHER, POSTS[2][1], 0),
]


def _at(minutes: int) -> int:
    return to_micros(T0 + timedelta(minutes=minutes))


def _populate_0009(path: Path) -> None:
    """Rows as JunDesk at schema 0009 wrote them."""
    conn = sqlite3.connect(path)
    try:
        for n, (pk, post_id, case_id, text) in enumerate(POSTS):
            conn.execute(
                "INSERT INTO posts (pk, id, source, source_id, author_id, author_handle, "
                "author_name, text, lang, created_at, received_at, conversation_id, "
                "in_reply_to_id, media, place, is_own, raw, case_id, hub_seq) "
                "VALUES (?, ?, 'x', ?, ?, 'vecina', 'Vecina', ?, 'es', ?, ?, ?, '', '[]', '', 0, "
                "'{}', ?, 1)",
                (pk, post_id, str(100 + pk), str(pk), text, _at(n), _at(n), str(100 + pk), case_id),
            )
        cases = [
            (TARGET, "new", 1, "", 1),
            (MERGED, "merged", 0, TARGET, 0),
            (OTHER, "new", 1, "", 2),
        ]
        for n, (case_id, status, is_open, merged_into, minutes) in enumerate(cases):
            conn.execute(
                "INSERT INTO cases (pk, id, role, priority, priority_rank, status, is_open, "
                "assignee, location, created_at, updated_at, acknowledged_at, first_reply_at, "
                "resolved_at, merged_into, notes, replies, confidence, last_event_id, arrived_at) "
                "VALUES (?, ?, 'lighting', 'normal', 2, ?, ?, '', '', ?, ?, NULL, NULL, NULL, "
                "?, 0, 0, 0.9, '', ?)",
                (n + 1, case_id, status, is_open, _at(minutes), _at(minutes), merged_into,
                 _at(minutes)),
            )  # fmt: skip
        conn.executemany("INSERT INTO case_posts VALUES (?, ?, ?)", LINKS)
        conn.commit()
    finally:
        conn.close()


def _found(store: Store, words: str, statuses: tuple[Status, ...] | None = None) -> set[str]:
    return {s.case.id for s in store.list_cases(CaseFilter(search=words, statuses=statuses))}


def test_a_populated_0009_database_searches_through_the_post_rowids(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.touch()
    upgrade(db_path, "0009")
    _populate_0009(db_path)

    with Store(db_path) as store:
        assert _found(store, "farola") == {TARGET}
        assert _found(store, "farola", tuple(Status)) == {TARGET, MERGED}
        assert _found(store, "apagada") == {TARGET}
        assert _found(store, "basura") == {OTHER}
        assert _found(store, "plaza mayor", tuple(Status)) == {OTHER}
        target = store.get_case(TARGET)
        assert target is not None and target.post_ids == (POSTS[1][1], POSTS[0][1])
        assert [p.text for p in store.case_posts(OTHER)] == ["Basura en la plaza Mayor"]
    with sqlite3.connect(db_path) as conn:
        links = [
            (id_from_stored(case_id), id_from_stored(post_id), n)
            for case_id, post_id, n in conn.execute(
                "SELECT c.id, p.id, cp.position FROM case_posts cp "
                "JOIN cases c ON c.pk = cp.case_pk JOIN posts p ON p.pk = cp.post_pk"
            )
        ]
    assert sorted(links) == sorted(LINKS)


def test_down_to_0009_keeps_every_link(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.touch()
    upgrade(db_path, "0009")
    _populate_0009(db_path)
    upgrade(db_path)
    downgrade(db_path, "0009")
    with sqlite3.connect(db_path) as conn:
        links = conn.execute("SELECT case_id, post_id, position FROM case_posts").fetchall()
        columns = [r[1] for r in conn.execute("PRAGMA table_info(case_posts)")]
    assert sorted(links) == sorted(LINKS)
    assert columns == ["case_id", "post_id", "position"]
