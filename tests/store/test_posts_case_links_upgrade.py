"""A desk's database written by the 0018 schema (each post naming its case in posts.case_id)
upgrades to posts found in their cases through case_posts alone and back, with nothing
lost: every post keeps its rowid and columns, search finds them, a post of a merged case
still names the case it came in with, and a post in no case stays in none."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from jundesk.core.case_filter import CaseFilter
from jundesk.core.events import make_event
from jundesk.core.model import Actor, EventKind, Post, Status
from jundesk.store import Store
from jundesk.store.column_types import id_from_stored, source_id_from_stored
from jundesk.store.database import downgrade, upgrade
from jundesk.store.row_mapping import conversation_from_stored
from tests.store.test_lean_upgrade import DONE, OPEN, POST_A, POST_B, POST_C, T0, _populate_0006

MERGED = "01950000-0000-7000-8000-00000000000c"
POST_D = "01950000-0000-7000-8000-0000000000c1"  # came in with MERGED, now in OPEN too
POST_E = "01950000-0000-7000-8000-0000000000e1"  # in no case
EVERY_STATUS = CaseFilter(statuses=tuple(Status))
# From this revision on, a thread's root stores its conversation as "".
ROOTS_UNREPEATED = "0034"


def _populate_0018(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.touch()
    upgrade(path, "0006")
    _populate_0006(path)
    upgrade(path, "0018")
    conn = sqlite3.connect(path)
    try:
        # A third case (a copy of DONE's row) merged into OPEN: its post is linked to both.
        columns = [r[1] for r in conn.execute("PRAGMA table_info(cases)") if r[1] != "pk"]
        values = {c: c for c in columns} | {
            "id": "?",
            "status": "'merged'",
            "is_open": "0",
            "merged_into": "?",
        }
        conn.execute(
            f"INSERT INTO cases ({', '.join(columns)}) "
            f"SELECT {', '.join(values[c] for c in columns)} FROM cases WHERE id = ?",
            (MERGED, OPEN, DONE),
        )
        posts = conn.execute("SELECT * FROM posts WHERE pk = 3").fetchone()
        names = [r[1] for r in conn.execute("PRAGMA table_info(posts)")]
        # Rowids with gaps (deleted rows, a vacuum never run) must stay as they are.
        extra = [
            {"pk": 7, "id": POST_D, "source_id": "107", "case_id": MERGED, "hub_seq": 207},
            {
                "pk": 9,
                "id": POST_E,
                "source_id": "109",
                "case_id": None,
                "text": "Un perro suelto en el parque",
                "author_handle": "paseante",
                "private": 1,
            },
        ]
        for changes in extra:
            row = dict(zip(names, posts, strict=True)) | changes
            conn.execute(
                f"INSERT INTO posts ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
                [row[n] for n in names],
            )
        # Indexed for search as JunDesk at 0018 did it (no trigger on insert).
        conn.execute(
            "INSERT INTO posts_fts(rowid, text, author_handle, author_name) "
            "SELECT pk, text, author_handle, author_name FROM posts WHERE pk IN (7, 9)"
        )
        conn.executemany(
            "INSERT INTO case_posts (case_pk, post_pk, position) "
            "SELECT pk, 7, ? FROM cases WHERE id = ?",
            [(0, MERGED), (2, OPEN)],
        )
        conn.commit()
    finally:
        conn.close()


def _posts(path: Path) -> list[tuple[object, ...]]:
    """Every post's columns but case_id, by rowid (its ids, conversation and arrival as
    they read, however stored)."""
    with sqlite3.connect(path) as conn:
        names = [r[1] for r in conn.execute("PRAGMA table_info(posts)") if r[1] != "case_id"]
        rows = conn.execute(f"SELECT {', '.join(names)} FROM posts ORDER BY pk").fetchall()
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    at, source_id = names.index("id"), names.index("source_id")
    conversation = names.index("conversation_id")
    source_ids = [names.index(n) for n in ("source_id", "conversation_id", "in_reply_to_id")]
    read = [list(r) for r in rows]
    for row in read:
        if "received_after" in names:  # since 0043: the time after created_at
            row[names.index("received_after")] += row[names.index("created_at")]
        row[at] = id_from_stored(row[at])
        for i in source_ids:
            row[i] = source_id_from_stored(row[i])
        if revision >= ROOTS_UNREPEATED:
            row[conversation] = conversation_from_stored(row[conversation], row[source_id])
    return [tuple(row) for row in read]


def _schema(path: Path) -> tuple[list[str], set[str], set[str]]:
    """posts' columns, its indexes (but SQLite's own) and its triggers."""
    with sqlite3.connect(path) as conn:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(posts)")]
        indexes = {
            r[1] for r in conn.execute("PRAGMA index_list(posts)") if r[3] == "c"
        }  # "c": made by CREATE INDEX
        triggers = {
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'posts'"
            )
        }
    return columns, indexes, triggers


def _search(path: Path, words: str) -> list[int]:
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO posts_fts(posts_fts) VALUES ('integrity-check')")
        rows = conn.execute(
            "SELECT rowid FROM posts_fts WHERE posts_fts MATCH ? ORDER BY rowid", (words,)
        )
        return [r[0] for r in rows]


def test_a_populated_0018_database_finds_posts_in_their_cases_through_case_posts(
    db_path: Path,
) -> None:
    _populate_0018(db_path)
    before = _posts(db_path)
    _, indexes_0018, triggers_0018 = _schema(db_path)

    with Store(db_path) as store:
        columns, indexes, triggers = _schema(db_path)
        assert "case_id" not in columns
        # (0020 keeps what was pushed as a cursor, not in an index)
        # (and 0044 finds posts by their ids' prefixes)
        assert indexes == indexes_0018 - {"ix_posts_case_id", "ix_posts_unpushed"} | {
            "ix_posts_id_prefix"
        }
        assert triggers == triggers_0018 == {"posts_fts_ad", "posts_fts_au"}
        assert _posts(db_path) == before
        assert [(p.id, case) for p, case in store.unpushed_posts(10)] == [
            (POST_A, OPEN),
            (POST_B, OPEN),
            (POST_C, DONE),
            (POST_E, None),
        ]
        assert [(p.id, case) for p, case in store.posts_by_author("otra")] == [
            (POST_C, DONE),
            (POST_D, MERGED),
        ]
        assert [p.id for p in store.case_posts(OPEN)] == [POST_A, POST_D, POST_B]  # by time
        with store.unit() as uow:
            assert uow.cases_for_source_ids("x", ["101", "107", "109"]) == {
                "101": OPEN,
                "107": OPEN,  # the merge followed
            }
        assert [s.case.id for s in store.list_cases(CaseFilter(search="apagada"))] == [OPEN]
        assert _search(db_path, "perro") == [9]
        # New posts are indexed, and an edit re-indexes (its trigger is on the new table).
        reply = _reply()
        with store.unit() as uow:
            uow.add_posts([reply], [OPEN])
            uow.append_events(
                [make_event(OPEN, EventKind.POST_ADDED, Actor("intake"), post_id=reply.id)]
            )
        assert _search(db_path, "fuente") == [10]
        assert [p.id for p in store.case_posts(OPEN)][-1] == reply.id
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE posts SET text = 'Un gato suelto en el parque' WHERE pk = 9")
    assert _search(db_path, "perro") == []
    assert _search(db_path, "gato") == [9]
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def test_down_to_0018_names_each_post_s_case_again(db_path: Path) -> None:
    _populate_0018(db_path)
    before = _posts(db_path)
    schema_0018 = _schema(db_path)
    with sqlite3.connect(db_path) as conn:
        cases_0018 = conn.execute("SELECT pk, case_id FROM posts ORDER BY pk").fetchall()
    upgrade(db_path)
    downgrade(db_path, "0018")

    assert _schema(db_path) == schema_0018
    assert _posts(db_path) == before
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT pk, case_id FROM posts ORDER BY pk").fetchall() == cases_0018
        [fk] = conn.execute("PRAGMA foreign_key_list(posts)").fetchall()
        assert fk[2:5] == ("cases", "case_id", "id")
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert _search(db_path, "perro") == [9]
    assert _search(db_path, "farola") == [1]
    with Store(db_path) as store:  # and up again
        assert [s.case.id for s in store.list_cases(EVERY_STATUS)] == [OPEN, DONE, MERGED]
        assert _search(db_path, "basura") == [3, 7]


def _reply() -> Post:
    return Post(
        id="01950000-0000-7000-8000-0000000000f1",
        source="x",
        source_id="110",
        author_id="u10",
        author_handle="vecina",
        author_name="Vecina",
        text="Y la fuente tampoco funciona",
        created_at=T0.replace(hour=10),
        received_at=T0.replace(hour=10, second=5),
        conversation_id="101",
    )
