"""ix_posts_source_conversation holds replies only; a conversation's root is looked up by
its own id, and both lookups use an index (no walk over the posts)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.dialects import sqlite

from jundesk.core.model import Post
from jundesk.store import Store
from jundesk.store.column_types import source_id_from_stored, source_id_to_stored
from jundesk.store.database import downgrade
from jundesk.store.row_mapping import conversation_from_stored, conversation_to_stored
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
    assert "SEARCH posts USING INDEX sqlite_autoindex_posts_1" in plan
    assert "SCAN posts" not in plan


def test_roots_leave_the_index_and_the_migration_comes_and_goes(
    store: Store, db_path: Path, ingest: Ingest
) -> None:
    ingest("La farola de la calle Real está rota", source_id="900", conversation_id="900")
    ingest("Sigue apagada", source_id="901", conversation_id="900")
    assert "conversation_id != ''" in _index_sql(db_path)  # a root's is stored as ""
    store.close()
    downgrade(db_path, "0033")
    assert "conversation_id != source_id" in _index_sql(db_path)
    downgrade(db_path, "0024")
    assert "WHERE" not in _index_sql(db_path)
    with Store(db_path) as upgraded:
        assert "conversation_id != ''" in _index_sql(db_path)
        with upgraded.unit() as uow:
            assert set(uow.cases_for_conversations("x", ["900"])) == {"900"}


# (source id, conversation): roots, replies, none, and the texts the stored form escapes.
ODD = [
    ("900", "900"),
    ("901", "900"),
    ("902", ""),
    ("903", "=900"),
    ("=904", "=904"),
    ("905", "="),
    ("906", "=="),
]


def _stored(path: Path) -> dict[str, str]:
    """Source id -> conversation as stored, a number's bytes read back as its text."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT source_id, conversation_id FROM posts")
        return {source_id_from_stored(s): source_id_from_stored(c) for s, c in rows}


def test_every_conversation_reads_back_and_the_0033_database_comes_and_goes(
    store: Store, db_path: Path, ingest: Ingest
) -> None:
    ids = {}
    for source_id, conversation in ODD:
        _, post = ingest("Farola rota", source_id=source_id, conversation_id="x")
        with sqlite3.connect(db_path) as conn:  # the fixture fills an empty conversation in
            conn.execute(
                "UPDATE posts SET conversation_id = ? WHERE source_id = ?",
                (
                    source_id_to_stored(conversation_to_stored(conversation, source_id)),
                    source_id_to_stored(source_id),
                ),
            )
        ids[source_id] = post.id
    stored = _stored(db_path)
    assert stored["900"] == "" and stored["901"] == "900" and stored["902"] == "="
    assert stored["903"] == "==900" and stored["=904"] == "" and stored["905"] == "=="

    def read(s: Store) -> dict[str, str]:
        posts = {sid: s.get_post(pid) for sid, pid in ids.items()}
        return {sid: p.conversation_id for sid, p in posts.items() if p is not None}

    assert read(store) == dict(ODD)
    wanted = ["900", "=900", "=904", "=", "==", "902"]
    with store.unit() as uow:
        found = uow.cases_for_conversations("x", wanted)
    assert set(found) == {"900", "=900", "=904", "=", "=="}
    store.close()

    downgrade(db_path, "0033")
    assert _stored(db_path) == dict(ODD)
    with Store(db_path) as upgraded:
        assert _stored(db_path) == stored
        assert read(upgraded) == dict(ODD)
        with upgraded.unit() as uow:
            assert uow.cases_for_conversations("x", wanted) == found


@given(conversation=st.text(max_size=6), source_id=st.text(max_size=6))
def test_any_conversation_comes_back_from_its_stored_form(
    conversation: str, source_id: str
) -> None:
    stored = conversation_to_stored(conversation, source_id)
    assert conversation_from_stored(stored, source_id) == conversation
    assert (stored == "") == (conversation == source_id)
