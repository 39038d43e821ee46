"""ix_posts_source_conversation holds replies only; a conversation's root is looked up by
its own id, and both lookups use an index (no walk over the posts)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.dialects import sqlite

from jundesk.core.model import Post
from jundesk.store import Store
from jundesk.store.database import downgrade
from jundesk.store.unit_of_work import latest_in_conversations

Ingest = Callable[..., tuple[str, Post]]


def _index_sql(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return str(
            conn.execute(
                "SELECT sql FROM sqlite_master WHERE name = 'ix_posts_source_conversation'"
            ).fetchone()[0]
        )


def test_the_lookup_of_conversations_searches_two_indexes(
    store: Store, db_path: Path, ingest: Ingest
) -> None:
    ingest("La farola de la calle Real está rota")
    sql = str(
        latest_in_conversations("x", ["1", "2"]).compile(
            dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}
        )
    )
    with sqlite3.connect(db_path) as conn:
        plan = " | ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql))
    assert "SEARCH posts USING INDEX ix_posts_source_conversation" in plan
    assert "SEARCH posts USING INDEX sqlite_autoindex_posts_2" in plan
    assert "SCAN posts" not in plan


def test_roots_leave_the_index_and_the_migration_comes_and_goes(
    store: Store, db_path: Path, ingest: Ingest
) -> None:
    ingest("La farola de la calle Real está rota", source_id="900", conversation_id="900")
    ingest("Sigue apagada", source_id="901", conversation_id="900")
    assert "conversation_id != source_id" in _index_sql(db_path)
    store.close()
    downgrade(db_path, "0024")
    assert "WHERE" not in _index_sql(db_path)
    with Store(db_path) as upgraded:
        assert "conversation_id != source_id" in _index_sql(db_path)
        with upgraded.unit() as uow:
            assert set(uow.cases_for_conversations("x", ["900"])) == {"900"}
