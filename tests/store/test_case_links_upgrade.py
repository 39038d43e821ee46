"""A desk's database written by the 0012 schema (links named by the case's and the post's
text ids) upgrades to links keyed by rowids and back, with nothing lost: each case lists
its own posts in order, a word search finds every case a matching post is in (a merged case
and the case it went into), and the town's record still names each case's channel."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from jundesk.core.model import Status
from jundesk.store import Store
from jundesk.store.column_types import id_from_stored, id_to_stored
from jundesk.store.database import downgrade, upgrade
from tests.store.conftest import _ingest
from tests.store.test_search_links_upgrade import (
    LINKS,
    MERGED,
    OTHER,
    POSTS,
    TARGET,
    _found,
    _populate_0009,
)


def _populate_0012(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.touch()
    upgrade(path, "0009")
    _populate_0009(path)
    upgrade(path, "0012")


def _links(path: Path) -> list[tuple[str, str, int]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT c.id, p.id, cp.position FROM case_posts cp "
            "JOIN cases c ON c.pk = cp.case_pk JOIN posts p ON p.pk = cp.post_pk"
        )
        return [
            (id_from_stored(case_id), id_from_stored(post_id), n) for case_id, post_id, n in rows
        ]


def _columns(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[1] for r in conn.execute("PRAGMA table_info(case_posts)")]


def test_a_populated_0012_database_links_cases_and_posts_by_rowid(db_path: Path) -> None:
    _populate_0012(db_path)

    with Store(db_path) as store:
        assert _found(store, "farola") == {TARGET}
        assert _found(store, "farola", tuple(Status)) == {TARGET, MERGED}
        assert _found(store, "plaza mayor") == {OTHER}
        target = store.get_case(TARGET)
        assert target is not None and target.post_ids == (POSTS[1][1], POSTS[0][1])
        assert [s.excerpt for s in store.list_cases() if s.case.id == TARGET] == [
            "Sigue apagada esta noche"
        ]
        assert [p.text for p in store.case_posts(MERGED)] == [POSTS[0][3]]
    assert _columns(db_path) == ["case_pk", "post_pk", "position"]
    assert sorted(_links(db_path)) == sorted(LINKS)


def test_a_case_stored_after_the_upgrade_lists_and_searches_beside_the_old_ones(
    db_path: Path,
) -> None:
    _populate_0012(db_path)
    with Store(db_path) as store:
        case_id, post = _ingest(store, "Y la fuente de la plaza tampoco funciona")
        case = store.get_case(case_id)
        assert case is not None and case.post_ids == (post.id,)
        assert [p.id for p in store.case_posts(case_id)] == [post.id]
        assert _found(store, "plaza") == {case_id, OTHER}
        assert _found(store, "farola") == {TARGET}
        channels = store.read_measures(
            lambda conn: conn.exec_driver_sql(
                "SELECT m.channel FROM case_measures m JOIN cases c ON c.pk = m.case_pk "
                "WHERE c.id = ?",
                (id_to_stored(case_id),),
            ).scalar_one()
        )
        assert channels == "x"


def test_down_to_0012_keeps_every_link(db_path: Path) -> None:
    _populate_0012(db_path)
    upgrade(db_path)
    downgrade(db_path, "0012")
    assert _columns(db_path) == ["case_id", "post_id", "position", "post_pk"]
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(
            "SELECT cp.case_id, cp.post_id, cp.position, cp.post_pk = p.pk FROM case_posts cp "
            "JOIN posts p ON p.id = cp.post_id"
        ).fetchall()
    assert sorted(r[:3] for r in rows) == sorted(LINKS)
    assert all(r[3] for r in rows)
    with Store(db_path) as store:  # and up again
        assert _found(store, "farola", tuple(Status)) == {TARGET, MERGED}
