"""The word index keeps no column sizes (0027): a populated database upgrades with every
post still found by its words and its author, a blocked post leaves the index, and the
downgrade makes the sizes again."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from jundesk.core.model import Post
from jundesk.store import Store
from jundesk.store.database import downgrade
from tests.store.word_index_checks import blocking_takes_the_post_out, found

Ingest = Callable[..., tuple[str, Post]]


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_a_populated_0026_database_keeps_every_match_across_the_change(
    db_path: Path, ingest: Ingest, store: Store
) -> None:
    lamp, lamp_post = ingest("Farola rota en calle Zurbarán", handle="marta_jun")
    bench, _ = ingest("Banco roto en el parque de Zurbarán", handle="luis")
    ingest("Contenedor lleno en la plaza", handle="pepa")
    queries = ("Zurbarán", "roto", "marta_jun", "contenedor pla", "zurbaran farola")
    before = {q: found(store, q) for q in queries}
    assert before["Zurbarán"] == sorted([lamp, bench])
    assert "posts_fts_docsize" not in _tables(db_path)
    store.close()

    downgrade(db_path, "0026")
    assert "posts_fts_docsize" in _tables(db_path)
    with Store(db_path, read_only=True, allow_older=True) as older:
        assert {q: found(older, q) for q in queries} == before

    with Store(db_path) as upgraded:
        assert "posts_fts_docsize" not in _tables(db_path)
        assert {q: found(upgraded, q) for q in queries} == before
        blocking_takes_the_post_out(upgraded, db_path, lamp, lamp_post, "Zurbarán", "marta_jun")
        assert found(upgraded, "Zurbarán") == [bench]
