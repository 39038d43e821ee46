"""The word index keeps no places of the words (0031): a populated database upgrades with
every post still found by its words and its author, a blocked post leaves the index, and
the downgrade makes the places again."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from jundesk.core.case_filter import CaseFilter
from jundesk.core.events import make_event
from jundesk.core.model import Actor, EventKind, Post
from jundesk.store import Store
from jundesk.store.database import downgrade

Ingest = Callable[..., tuple[str, Post]]


def _index_sql(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'posts_fts'").fetchone()
    return str(row[0])


def _found(store: Store, words: str) -> list[str]:
    return sorted(s.case.id for s in store.list_cases(CaseFilter(search=words)))


def test_a_populated_0030_database_keeps_every_match_across_the_change(
    db_path: Path, ingest: Ingest, store: Store
) -> None:
    lamp, lamp_post = ingest("Farola rota en calle Zurbarán", handle="marta_jun")
    bench, _ = ingest("Banco roto en el parque de Zurbarán", handle="luis")
    ingest("Contenedor lleno en la plaza", handle="pepa")
    queries = ("Zurbarán", "roto", "marta_jun", "contenedor pla", "zurbaran farola", "calle rota")
    before = {q: _found(store, q) for q in queries}
    assert before["Zurbarán"] == sorted([lamp, bench])
    assert before["calle rota"] == [lamp]  # words apart, in another order
    assert "detail=column" in _index_sql(db_path)
    store.close()

    downgrade(db_path, "0030")
    assert "detail" not in _index_sql(db_path)
    with Store(db_path, read_only=True, allow_older=True) as older:
        assert {q: _found(older, q) for q in queries} == before

    with Store(db_path) as upgraded:
        assert "detail=column" in _index_sql(db_path)
        assert {q: _found(upgraded, q) for q in queries} == before
        # Blocking a post takes its words and author out of the index (a trigger's delete).
        upgraded.append_events(
            [
                make_event(
                    lamp,
                    EventKind.REDACTED,
                    Actor("town_hall", "Ana"),
                    lamp_post.received_at + timedelta(hours=1),
                    post_ids=[lamp_post.id],
                    basis="erasure",
                    destroy_after=(lamp_post.received_at + timedelta(days=30)).isoformat(),
                )
            ]
        )
        assert _found(upgraded, "Zurbarán") == [bench]
        assert _found(upgraded, "marta_jun") == []
        with sqlite3.connect(db_path) as conn:
            # Raises when the index and the posts it points at disagree.
            conn.execute("INSERT INTO posts_fts(posts_fts, rank) VALUES ('integrity-check', 1)")
