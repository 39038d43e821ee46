"""A post's arrival is kept as microseconds after its creation (migration 0043): every
post reads back with its times exact, however far apart (or in either order), a search
of what arrived since a moment still finds it, and a populated 0042 database upgrades and
downgrades with every row as it was."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from jundesk.core.model import Post
from jundesk.store import Store
from jundesk.store.database import downgrade, upgrade
from tests.store.schema_snapshot import every_row

MakePost = Callable[..., Post]
StorePost = Callable[..., str]
CREATED = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)
# Seconds after, a fraction of a second after, a week after (an old post found late),
# before (a network's clock ahead of ours), and at the same moment (a post typed here).
ARRIVALS = [
    timedelta(seconds=40),
    timedelta(microseconds=123_457),
    timedelta(days=7, microseconds=1),
    timedelta(seconds=-3, microseconds=-5),
    timedelta(0),
]


def _posts(make_post: MakePost) -> list[Post]:
    return [
        dataclasses.replace(
            make_post(f"Farola {n} apagada", created_at=CREATED), received_at=CREATED + after
        )
        for n, after in enumerate(ARRIVALS)
    ]


def _stored(db_path: Path, column: str) -> list[int]:
    with sqlite3.connect(db_path) as conn:
        return [v for (v,) in conn.execute(f"SELECT {column} FROM posts ORDER BY pk")]


def test_a_post_reads_back_with_its_arrival_exact_and_keeps_it_after_its_creation(
    store: Store, db_path: Path, make_post: MakePost, store_post: StorePost
) -> None:
    posts = _posts(make_post)
    for post in posts:
        store_post(post)
    assert [store.get_post(p.id) for p in posts] == posts
    assert _stored(db_path, "received_after") == [
        after // timedelta(microseconds=1) for after in ARRIVALS
    ]


def test_what_arrived_since_a_moment_is_found_by_its_arrival(
    store: Store, make_post: MakePost, store_post: StorePost
) -> None:
    posts = _posts(make_post)
    for post in posts:
        store_post(post)
    by_arrival = sorted(posts, key=lambda p: p.received_at)
    for k, post in enumerate(by_arrival):
        found = store.source_ids_to_check("x", since=post.received_at)
        assert sorted(found) == sorted(p.source_id for p in by_arrival[k:])
    assert store.source_ids_to_check("x", since=CREATED + timedelta(days=8)) == []


def test_a_populated_0042_database_upgrades_and_downgrades_with_every_row(
    store: Store, db_path: Path, make_post: MakePost, store_post: StorePost
) -> None:
    posts = _posts(make_post)
    for post in posts:
        store_post(post)
    store.close()
    downgrade(db_path, "0043")  # this migration's revision, whatever came after it
    head = every_row(db_path)

    downgrade(db_path, "0042")
    assert _stored(db_path, "received_at") == [
        int((p.received_at - datetime(1970, 1, 1, tzinfo=UTC)) / timedelta(microseconds=1))
        for p in posts
    ]
    rows_0042 = every_row(db_path)
    upgrade(db_path, "0043")
    assert every_row(db_path) == head
    downgrade(db_path, "0042")
    assert every_row(db_path) == rows_0042
    with Store(db_path) as reopened:
        assert [reopened.get_post(p.id) for p in posts] == posts
