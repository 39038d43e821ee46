"""New posts are indexed for word search by the store itself, one statement per batch (no
insert trigger): every way a post is stored leaves it findable, a unit that fails leaves
no words behind, and a database of the trigger's time upgrades and downgrades with its
index whole."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from jundesk.core.case_filter import CaseFilter
from jundesk.core.events import opening_events
from jundesk.core.model import INTAKE_ACTOR, TRIAGE_ACTOR, Event, Post, Priority, Status
from jundesk.store import Store
from jundesk.store.database import downgrade, upgrade
from jundesk.store.fts import TRIGGERS

ALL = tuple(Status)


def _words_found(store: Store, word: str) -> set[str]:
    return {s.case.id for s in store.list_cases(CaseFilter(search=word, statuses=ALL))}


def _index_is_whole(path: Path) -> None:
    """FTS5's own check of an external-content index against the posts it indexes."""
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO posts_fts(posts_fts, rank) VALUES ('integrity-check', 1)")


def _opening(post: Post, case_id: str) -> list[Event]:
    return opening_events(
        case_id, post.id, post.created_at, "lighting", Priority.NORMAL, 0.9,
        INTAKE_ACTOR, TRIAGE_ACTOR, at=post.received_at,
    )  # fmt: skip


def test_a_batch_of_posts_is_findable_word_by_word(
    store: Store,
    make_post: Callable[..., Post],
    open_case: Callable[..., tuple[str, list[Event]]],
) -> None:
    posts = [make_post(f"Contenedor desbordado número{n} en la plaza") for n in range(300)]
    opened = [open_case(p) for p in posts]
    with store.unit() as uow:
        uow.add_posts(posts, [case_id for case_id, _ in opened])
        uow.append_events([e for _, events in opened for e in events])
    for n in (0, 137, 299):
        assert _words_found(store, f"número{n}") == {opened[n][0]}
    assert len(store.list_cases(CaseFilter(search="contenedor"), limit=500)) == 300
    # By author too, as the trigger indexed them.
    assert len(store.list_cases(CaseFilter(search=posts[5].author_name), limit=500)) >= 1
    _index_is_whole(store.path)


def test_posts_pulled_from_the_hub_are_findable(
    store: Store, make_post: Callable[..., Post]
) -> None:
    post = make_post("Árbol caído en el camino del cementerio")
    case_id = "01950000-0000-7000-8000-0000000000c1"
    with store.unit() as uow:
        links = uow.add_pulled_posts([(post, case_id, 41)], coming_cases=[case_id])
        uow.append_events(_opening(post, case_id))
        uow.link_posts(links)
    assert _words_found(store, "cementerio") == {case_id}
    assert _words_found(store, "arbol caido") == {case_id}
    _index_is_whole(store.path)


def test_a_failed_unit_leaves_no_words_behind(store: Store, make_post: Callable[..., Post]) -> None:
    post = make_post("Semáforo intermitente en la avenida")
    with pytest.raises(RuntimeError), store.unit() as uow:
        uow.add_posts([post], [None])
        raise RuntimeError("the disk filled up")
    assert store.get_post(post.id) is None
    assert _words_found(store, "intermitente") == set()
    _index_is_whole(store.path)


def _raw_post(conn: sqlite3.Connection, pk: int, text: str) -> None:
    """A post as JunDesk at schema 0014 wrote it (the trigger indexed it)."""
    conn.execute(
        "INSERT INTO posts (pk, id, source, source_id, author_id, author_handle, author_name, "
        "text, lang, created_at, received_at, conversation_id, in_reply_to_id, media, place, "
        "is_own, raw, private, case_id, hub_seq) VALUES (?, ?, 'x', ?, 'u1', 'vecina', "
        "'Vecina', ?, 'es', 0, 0, ?, '', '[]', '', 0, '{}', 0, NULL, NULL)",
        (pk, f"p{pk}", str(100 + pk), text, str(100 + pk)),
    )


def _fts_count(conn: sqlite3.Connection, word: str) -> int:
    return int(
        conn.execute("SELECT count(*) FROM posts_fts WHERE posts_fts MATCH ?", (word,)).fetchone()[
            0
        ]
    )


def _triggers(conn: sqlite3.Connection) -> set[str]:
    return {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}


def test_a_0014_database_upgrades_and_downgrades_with_its_index_whole(
    db_path: Path, make_post: Callable[..., Post]
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.touch()
    upgrade(db_path, "0014")
    with sqlite3.connect(db_path) as conn:
        _raw_post(conn, 1, "La farola de la calle Real está rota")
        assert _fts_count(conn, "farola") == 1  # indexed by 0014's trigger

    with Store(db_path) as store:  # opening upgrades to head
        post = make_post("Otra farola apagada junto al mercado")
        with store.unit() as uow:
            uow.add_posts([post], [None])
    with sqlite3.connect(db_path) as conn:
        assert _triggers(conn) == set(TRIGGERS)
        assert "posts_fts_ai" not in _triggers(conn)
        assert _fts_count(conn, "farola") == 2
        assert _fts_count(conn, "mercado") == 1
    _index_is_whole(db_path)

    downgrade(db_path, "0014")
    with sqlite3.connect(db_path) as conn:
        assert _triggers(conn) == {*TRIGGERS, "posts_fts_ai"}
        _raw_post(conn, 50, "Bache enorme en la rotonda")  # as 0014 stores a post
        assert _fts_count(conn, "rotonda") == 1
        assert _fts_count(conn, "farola") == 2
    _index_is_whole(db_path)
