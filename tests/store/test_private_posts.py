"""A post sent to the town alone (a Telegram private chat, a Mastodon direct mention) stays
marked private wherever it goes: stored, read back, replicated, exported; a database from
before the mark upgrades with every post public, and downgrades without losing them."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from jundesk.cli.export import post_json
from jundesk.core.model import Post
from jundesk.store import Store
from jundesk.store.database import downgrade, upgrade
from jundesk.store.fts import TRIGGERS
from jundesk.sync.wire import post_body, post_from_hub


def test_a_private_post_comes_back_private_and_a_public_one_public(
    store: Store,
    make_post: Callable[..., Post],
    store_post: Callable[..., str],
) -> None:
    secret = make_post("Mi vecino me amenaza, vivo en el 3ºB", source="telegram", private=True)
    public = make_post("La farola de la plaza no luce", source="mastodon")
    secret_case = store_post(secret)
    store_post(public)

    assert store.get_post(secret.id) == secret
    assert store.post_by_source("telegram", secret.source_id).private is True  # type: ignore[union-attr]
    assert store.case_posts(secret_case)[0].private is True
    assert store.get_post(public.id).private is False  # type: ignore[union-attr]
    exported = {
        p["source"]: p for _, posts in store.iter_cases_for_export() for p in map(post_json, posts)
    }
    assert exported["telegram"]["private"] is True
    assert exported["mastodon"]["private"] is False


def test_the_hub_carries_the_mark(make_post: Callable[..., Post]) -> None:
    secret = make_post("Te escribo por privado", source="telegram", private=True)
    assert post_from_hub(secret.id, post_body(secret)) == secret
    # A body from a desk that didn't know the mark (or a garbled one) reads as public.
    assert post_from_hub(secret.id, '{"source": "x", "private": "yes"}').private is False
    assert post_from_hub(secret.id, '{"source": "x"}').private is False


def test_an_older_database_upgrades_with_its_posts_public_and_downgrades_keeping_them(
    db_path: Path,
) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.touch()
    upgrade(db_path, "0010")
    with sqlite3.connect(db_path) as conn:  # a post as JunDesk at schema 0010 wrote it
        conn.execute(
            "INSERT INTO posts (id, source, source_id, author_id, author_handle, author_name, "
            "text, lang, created_at, received_at, conversation_id, in_reply_to_id, media, "
            "place, is_own, raw, case_id, hub_seq) VALUES ('p1', 'x', '101', 'u1', 'vecina', "
            "'Vecina', 'La farola de la calle Real está rota', 'es', 0, 0, '101', '', '[]', "
            "'', 0, '{}', NULL, NULL)"
        )

    with Store(db_path) as store:  # opening upgrades to head
        post = store.get_post("p1")
        assert post is not None and post.private is False
        assert post.text == "La farola de la calle Real está rota"

    downgrade(db_path, "0010")
    with sqlite3.connect(db_path) as conn:
        columns = {row[1] for row in conn.execute("PRAGMA table_info(posts)")}
        assert "private" not in columns
        assert conn.execute("SELECT id, text FROM posts").fetchall() == [
            ("p1", "La farola de la calle Real está rota")
        ]
        # The word search still finds it, and the downgrade kept the FTS triggers (0010
        # indexed new posts by a trigger too).
        assert conn.execute(
            "SELECT count(*) FROM posts_fts WHERE posts_fts MATCH 'farola'"
        ).fetchone() == (1,)
        triggers = {
            n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
        }
        assert triggers == {*TRIGGERS, "posts_fts_ai"}
