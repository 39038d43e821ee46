"""The word index keeps no places of the words (0031): a populated database upgrades with
every post still found by its words and its author, a blocked post leaves the index, and
the downgrade makes the places again."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from jundesk.core.model import Post
from jundesk.store import Store
from jundesk.store.database import downgrade
from tests.store.word_index_checks import blocking_takes_the_post_out, found

Ingest = Callable[..., tuple[str, Post]]


def _index_sql(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        row = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'posts_fts'").fetchone()
    return str(row[0])


def test_a_populated_0030_database_keeps_every_match_across_the_change(
    db_path: Path, ingest: Ingest, store: Store
) -> None:
    lamp, lamp_post = ingest("Farola rota en calle Zurbarán", handle="marta_jun")
    bench, _ = ingest("Banco roto en el parque de Zurbarán", handle="luis")
    ingest("Contenedor lleno en la plaza", handle="pepa")
    queries = ("Zurbarán", "roto", "marta_jun", "contenedor pla", "zurbaran farola", "calle rota")
    before = {q: found(store, q) for q in queries}
    assert before["Zurbarán"] == sorted([lamp, bench])
    assert before["calle rota"] == [lamp]  # words apart, in another order
    assert "detail=column" in _index_sql(db_path)
    store.close()

    downgrade(db_path, "0030")
    assert "detail" not in _index_sql(db_path)
    with Store(db_path, read_only=True, allow_older=True) as older:
        assert {q: found(older, q) for q in queries} == before

    with Store(db_path) as upgraded:
        assert "detail=column" in _index_sql(db_path)
        assert {q: found(upgraded, q) for q in queries} == before
        blocking_takes_the_post_out(upgraded, db_path, lamp, lamp_post, "Zurbarán", "marta_jun")
        assert found(upgraded, "Zurbarán") == [bench]
