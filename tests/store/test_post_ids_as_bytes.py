"""A post's id is stored as its UUID's 16 bytes and read back as the id it was; an id that
is no canonical UUID is kept as its text. Either way the post is found by its id, by a
word search, in its case and by the push to the hub; a blocked post stays out of what
blocked posts are kept out of; and a database of 0028 (ids as text) upgrades and
downgrades with every row as it was."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from jundesk.core.case_filter import CaseFilter
from jundesk.core.events import make_event
from jundesk.core.model import Actor, Event, EventKind, Post, Status
from jundesk.store import Store
from jundesk.store.database import downgrade, upgrade

MakePost = Callable[..., Post]
OpenCase = Callable[..., tuple[str, list[Event]]]
ANA = Actor("front_desk", "Ana")
ODD_IDS = ("tg-123", "01A2507F-F907-72B6-ADBD-8E87C89E6AE9")  # not canonical
TEXTS = (
    "La farola de la calle Real está rota",
    "Contenedor quemado en la plaza Mayor",
    "Bache profundo en la avenida del Puerto",
    "Un árbol caído corta la calle Mayor",
)


def _store_posts(
    store: Store, make_post: MakePost, open_case: OpenCase, ids: tuple[str | None, ...]
) -> list[tuple[str, Post]]:
    """One post a case, as intake stores them, with TEXTS in turn, each post given its id
    (None: one a desk makes)."""
    made = []
    for n, (text, post_id) in enumerate(zip(TEXTS, ids, strict=False)):
        post = make_post(text, handle=f"vecina_{n}")
        if post_id is not None:
            post = dataclasses.replace(post, id=post_id)
        case_id, events = open_case(post)
        with store.unit() as uow:
            uow.add_posts([post], [case_id])
            uow.append_events(events)
        made.append((case_id, post))
    return made


def _stored_ids(path: Path, table: str = "posts", column: str = "id") -> list[tuple[str, int]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            f"SELECT typeof({column}), length({column}) FROM {table} ORDER BY rowid"
        ).fetchall()


def _found(store: Store, words: str) -> list[tuple[str, ...]]:
    """The post ids of the cases a word search lists (open or not)."""
    found = store.list_cases(CaseFilter(search=words, statuses=tuple(Status)))
    return [s.case.post_ids for s in found]


def _redact(store: Store, case_id: str, post_ids: list[str], at: datetime) -> None:
    store.append_events(
        [make_event(case_id, EventKind.REDACTED, ANA, at, post_ids=post_ids, reason="erasure")]
    )


def test_ids_are_stored_as_16_bytes_and_read_back_as_they_were(
    store: Store, db_path: Path, make_post: MakePost, open_case: OpenCase
) -> None:
    made = _store_posts(store, make_post, open_case, (None, *ODD_IDS))
    assert _stored_ids(db_path) == [("blob", 16), ("text", 6), ("text", 36)]

    for (case_id, post), text in zip(made, TEXTS, strict=False):
        assert store.get_post(post.id) == post
        assert store.post_by_source("x", post.source_id) == post
        assert store.case_posts(case_id) == [post]
        case = store.get_case(case_id)
        assert case is not None and case.post_ids == (post.id,)
        assert _found(store, text.split()[1]) == [(post.id,)]
        assert store.posts_of_source_ids("x", [post.source_id]) == {case_id: [post.id]}
        assert store.posts_by_author(post.author_handle) == [(post, case_id)]
    assert {case.id: posts for case, posts in store.iter_cases_for_export()} == {
        case_id: [post] for case_id, post in made
    }
    # Another event of a case reads the case's links back: they are known, not made twice.
    store.append_events([make_event(made[1][0], EventKind.NOTED, ANA, text="Visto")])

    first, second, third = made
    # The push finds them by their ids: the hub has the first two, refuses the third.
    assert [(p.id, c) for p, c in store.unpushed_posts(10)] == [(p.id, c) for c, p in made]
    store.mark_pushed({}, {first[1].id: 0, second[1].id: 0})
    assert [p.id for p, _ in store.unpushed_posts(10)] == [third[1].id]
    store.mark_pushed({}, {third[1].id: -1})
    assert store.unpushed_posts(10) == []
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT hub_seq FROM posts WHERE pk = 3").fetchone() == (-1,)

    # A case that absorbs the others lists their posts after its own, whatever their ids.
    store.append_events(
        [
            make_event(
                first[0],
                EventKind.ABSORBED,
                ANA,
                source_case=case_id,
                post_ids=[post.id],
            )
            for case_id, post in (second, third)
        ]
    )
    case = store.get_case(first[0])
    assert case is not None and case.post_ids == tuple(post.id for _, post in made)
    [listed] = [s for s in store.list_cases() if s.case.id == first[0]]
    assert listed.case.post_ids == case.post_ids

    # Pulled again from the hub, each counts once (found by its id).
    store.apply_pulled([], [(post, case_id, 7) for case_id, post in made])
    assert len(_stored_ids(db_path)) == 3


def test_a_blocked_post_stays_out_whichever_way_its_id_is_stored(
    store: Store, db_path: Path, make_post: MakePost, open_case: OpenCase
) -> None:
    made = _store_posts(store, make_post, open_case, (None, ODD_IDS[0], None))
    start = made[0][1].received_at
    for case_id, _ in made:
        store.append_events(
            [make_event(case_id, EventKind.RESOLVED, ANA, start + timedelta(hours=1))]
        )
    (blocked_case, blocked), (odd_case, odd), (kept_case, kept) = made
    at = start + timedelta(hours=2)
    _redact(store, blocked_case, [blocked.id], at)
    _redact(store, odd_case, [odd.id], at + timedelta(minutes=1))
    _redact(store, odd_case, [odd.id], at + timedelta(minutes=2))  # blocked once only

    assert _stored_ids(db_path, "blocked_posts", "post_id") == [("blob", 16), ("text", 6)]
    assert [b.post_id for b in store.blocked_posts()] == [blocked.id, odd.id]
    assert store.source_ids_to_check("x") == [kept.source_id]
    later = start + timedelta(days=1)
    assert store.finished_cases_before({"*": later}) == {kept_case: [kept.id]}
    for post in (blocked, odd):
        shown = store.get_post(post.id)
        assert shown is not None and (shown.text, shown.author_handle) == ("", "")
    assert _found(store, "farola") == _found(store, "contenedor") == []
    assert _found(store, "bache") == [(kept.id,)]


def _rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as conn:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
            for table in ("posts", "blocked_posts")
        }


def _schema(path: Path) -> dict[str, object]:
    """The two tables' columns, and the indexes and triggers on them as SQL."""
    with sqlite3.connect(path) as conn:
        found: dict[str, object] = {
            table: conn.execute(f"PRAGMA table_info({table})").fetchall()
            for table in ("posts", "blocked_posts")
        }
        found["sql"] = conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
            "AND tbl_name IN ('posts', 'blocked_posts') ORDER BY name"
        ).fetchall()
    return found


def _searched_0028(path: Path, word: str) -> list[str]:
    """The ids of the posts posts_fts finds, as a desk at 0028 reads them; the index is
    checked against its posts first."""
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO posts_fts(posts_fts, rank) VALUES ('integrity-check', 1)")
        rows = conn.execute(
            "SELECT p.id FROM posts_fts JOIN posts p ON p.pk = posts_fts.rowid "
            "WHERE posts_fts MATCH ? ORDER BY p.pk",
            (word,),
        )
        return [r[0] for r in rows]


def _statistics(path: Path) -> list[tuple[str | None, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'posts' ORDER BY idx"
        ).fetchall()


def test_a_populated_0028_database_upgrades_and_downgrades_with_every_row(
    db_path: Path, store: Store, make_post: MakePost, open_case: OpenCase
) -> None:
    made = _store_posts(store, make_post, open_case, (None, ODD_IDS[0], None, None))
    (first_case, first), (odd_case, odd), (third_case, third), (tree_case, tree) = made
    _redact(store, odd_case, [odd.id], odd.received_at + timedelta(hours=1))
    _redact(store, tree_case, [tree.id], tree.received_at + timedelta(hours=1))
    store.append_events(
        [
            make_event(
                first_case, EventKind.ABSORBED, ANA, source_case=third_case, post_ids=[third.id]
            )
        ]
    )
    store.close()
    downgrade(db_path, "0028")
    rows_0028, schema_0028 = _rows(db_path), _schema(db_path)
    assert [row[1] for row in rows_0028["posts"]] == [post.id for _, post in made]
    assert [row[0] for row in rows_0028["blocked_posts"]] == [odd.id, tree.id]
    assert _searched_0028(db_path, "farola") == [first.id]
    with sqlite3.connect(db_path) as conn:
        conn.execute("ANALYZE posts")  # as a desk at 0028 opened with these posts would
    statistics = _statistics(db_path)
    assert "sqlite_autoindex_posts_1" in {index for index, _ in statistics}

    # The planner's statistics are kept, not left to a new ANALYZE (0044 numbers the
    # constraints' indexes anew, and leaves theirs to the ANALYZE of the next opening).
    upgrade(db_path, "0029")
    assert _statistics(db_path) == statistics
    with Store(db_path) as upgraded:
        assert [t for t, _ in _stored_ids(db_path)] == ["blob", "text", "blob", "blob"]
        assert [t for t, _ in _stored_ids(db_path, "blocked_posts", "post_id")] == [
            "text",
            "blob",
        ]
        assert upgraded.get_post(first.id) == first
        assert upgraded.get_post(third.id) == third
        assert _found(upgraded, "farola") == [(first.id, third.id)]
        assert _found(upgraded, "bache") == [(first.id, third.id), (third.id,)]
        assert _found(upgraded, "contenedor") == _found(upgraded, "árbol") == []
        assert upgraded.source_ids_to_check("x") == [first.source_id, third.source_id]
        assert [b.post_id for b in upgraded.blocked_posts()] == [odd.id, tree.id]

    downgrade(db_path, "0028")
    assert _rows(db_path) == rows_0028
    assert _schema(db_path) == schema_0028
    fresh = db_path.with_name("fresh.db")  # as 0028 made them, never upgraded further
    fresh.touch()
    upgrade(fresh, "0028")
    assert _schema(fresh) == schema_0028
    assert _searched_0028(db_path, "farola") == [first.id]

    # Upgraded again, the word index follows the posts (its triggers were made again): a
    # post blocked now leaves the search and the posts X is asked about.
    with Store(db_path) as upgraded:
        _redact(upgraded, first_case, [first.id], first.received_at + timedelta(hours=2))
        assert _found(upgraded, "farola") == []
        assert _found(upgraded, "bache") == [(first.id, third.id), (third.id,)]
        assert upgraded.source_ids_to_check("x") == [third.source_id]
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO posts_fts(posts_fts, rank) VALUES ('integrity-check', 1)")
