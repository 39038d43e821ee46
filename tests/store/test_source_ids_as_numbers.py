"""A source's id that is a number (X's and Mastodon's, 17 to 19 digits) is stored as the
number's bytes (migration 0042) in posts.source_id, conversation_id and in_reply_to_id,
and read back as the text it was; any other id stays the text it is. A reply still finds
its case by its parent and by its conversation, a post is still stored once, and a
populated 0041 database upgrades and downgrades with every row as it was."""

from __future__ import annotations

import dataclasses
import functools
import importlib
import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from jundesk.app.ingest import Ingestor
from jundesk.core.model import Cursor, Post
from jundesk.intake.source import Page
from jundesk.store import Store
from jundesk.store.column_types import id_to_stored, source_id_from_stored, source_id_to_stored
from jundesk.store.database import downgrade, upgrade
from jundesk.store.row_mapping import conversation_from_stored, conversation_to_stored
from jundesk.triage import Triage
from tests.store.conftest import T0
from tests.store.schema_snapshot import every_row

MakePost = Callable[..., Post]
StorePost = Callable[..., str]
MIGRATION = importlib.import_module("jundesk.store.migrations.versions.0042_source_ids_as_numbers")

ROOT = "1860000000000000001"  # 19 digits, as X's ids are now
REPLY = "1860000000000000002"
UNSEEN = "1860000000000000003"  # a post intake never read
TOOT = "113456789012345678"  # Mastodon's
AT_URI = "at://did:plc:vecina/app.bsky.feed.post/3kq2vbd5ms22a"
# "=" is the byte of 61: a root with that id must not read as a conversation behind "=".
EQUALS_BYTE = "61"
MOST = str(2**64 - 1)
BEYOND = str(2**64)

# Texts with the numbers' shapes and their near misses, besides any text the store keeps
# (row_mapping.storable replaces lone surrogates, which UTF-8 can't hold).
NUMBERS = st.integers(min_value=0, max_value=2**64 - 1).map(str)
IDS = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), max_size=24),
    NUMBERS,
    st.integers(min_value=2**64, max_value=2**70).map(str),
    st.from_regex(r"0[0-9]{1,20}", fullmatch=True),
    st.text(alphabet="0123456789=\x00٣²", max_size=21),
)


def _canonical(text: str) -> bool:
    return text.isascii() and text.isdigit() and str(int(text)) == text and int(text) < 2**64


@given(IDS)
def test_any_id_comes_back_from_its_stored_form_and_only_a_number_is_bytes(text: str) -> None:
    stored = source_id_to_stored(text)
    assert source_id_from_stored(stored) == text
    if _canonical(text):
        # Never equal to a text, as SQLite compares them: no id can take a number's place.
        assert isinstance(stored, bytes) and 1 <= len(stored) <= 8
    else:
        assert stored == text


def test_the_edges_of_the_numbers() -> None:
    assert source_id_to_stored("0") == b"\x00"
    assert source_id_to_stored(EQUALS_BYTE) == b"="
    assert source_id_to_stored(MOST) == b"\xff" * 8
    assert source_id_to_stored(ROOT) == (1860000000000000001).to_bytes(8, "big")
    for text in (BEYOND, "0123", "00", "", "-1", "+1", " 1", "1 ", "1e3", "٣", "²", AT_URI):
        assert source_id_to_stored(text) == text


@given(conversation=IDS, source_id=IDS)
def test_a_conversation_comes_back_through_both_rules(conversation: str, source_id: str) -> None:
    stored = source_id_to_stored(conversation_to_stored(conversation, source_id))
    assert conversation_from_stored(source_id_from_stored(stored), source_id) == conversation
    assert (stored == "") == (conversation == source_id)
    if isinstance(stored, bytes):  # a number: stored as the root's own id is
        assert stored == source_id_to_stored(conversation)


@given(st.lists(IDS, max_size=8))
def test_the_migration_picks_the_numbers_the_store_writes_as_bytes(texts: list[str]) -> None:
    conn = sqlite3.connect(":memory:")
    conn.create_function("as_bytes", 1, MIGRATION._as_bytes)
    conn.create_function("as_text", 1, MIGRATION._as_text)
    conn.execute("CREATE TABLE posts (pk INTEGER PRIMARY KEY, source_id VARCHAR)")
    rows = texts
    conn.executemany("INSERT INTO posts (source_id) VALUES (?)", [(t,) for t in rows])
    numbers = MIGRATION._canonical("source_id")
    conn.execute(f"UPDATE posts SET source_id = as_bytes(source_id) WHERE {numbers}")
    upgraded = [r[0] for r in conn.execute("SELECT source_id FROM posts ORDER BY pk")]
    assert upgraded == [source_id_to_stored(t) for t in rows]
    conn.execute("UPDATE posts SET source_id = as_text(source_id) WHERE typeof(source_id) = 'blob'")
    assert [r[0] for r in conn.execute("SELECT source_id FROM posts ORDER BY pk")] == rows


def _forms(db_path: Path, post: Post) -> tuple[tuple[str, int], ...]:
    """(type, length) of a post's source_id, conversation_id and in_reply_to_id as stored."""
    with sqlite3.connect(db_path) as conn:
        row = conn.execute(
            "SELECT typeof(source_id), length(source_id), typeof(conversation_id), "
            "length(conversation_id), typeof(in_reply_to_id), length(in_reply_to_id) "
            "FROM posts WHERE id = ?",
            (id_to_stored(post.id),),
        ).fetchone()
    return row[0:2], row[2:4], row[4:6]


@functools.cache
def _triage() -> Triage:
    return Triage.from_resources()


def _ingest(store: Store, post: Post) -> tuple[list[str], list[str], int]:
    """The post through intake: (cases it followed up, cases it opened, duplicates)."""
    page = Page((post,), Cursor(post.source, "mentions"), 1)
    ingestor = Ingestor(store, _triage(), clock=lambda: T0 + timedelta(days=2))
    report = ingestor.ingest(post.source, page)
    return report.followups, [c for c, _, _ in report.new_cases], report.duplicates


def test_an_x_post_and_its_replies_keep_their_ids_in_8_bytes_and_find_their_case(
    store: Store, db_path: Path, make_post: MakePost, store_post: StorePost
) -> None:
    root = make_post("La farola de la calle Real está rota", source_id=ROOT)
    case_id = store_post(root)
    reply = make_post("Sigue apagada", source_id=REPLY, in_reply_to_id=ROOT, conversation_id=ROOT)
    assert _ingest(store, reply) == ([case_id], [], 0)  # by its parent
    # Its parent never read: by its conversation, whose latest post is the reply.
    late = make_post(
        "Y hoy tampoco", source_id="1860000000000000004", in_reply_to_id=UNSEEN,
        conversation_id=ROOT,
    )  # fmt: skip
    assert _ingest(store, late) == ([case_id], [], 0)

    assert _forms(db_path, root) == (("blob", 8), ("text", 0), ("text", 0))
    assert _forms(db_path, reply) == (("blob", 8), ("blob", 8), ("blob", 8))
    for post in (root, reply, late):
        assert store.get_post(post.id) == post
        assert store.post_by_source("x", post.source_id) == post
    assert store.case_posts(case_id) == [root, reply, late]
    with store.unit() as uow:
        assert uow.existing_source_ids("x", [ROOT, REPLY, UNSEEN]) == {ROOT, REPLY}
        assert uow.cases_for_source_ids("x", [ROOT, UNSEEN]) == {ROOT: case_id}
        assert uow.cases_for_conversations("x", [ROOT, UNSEEN]) == {ROOT: case_id}
        assert uow.existing_source_ids("mastodon", [ROOT]) == set()


def test_replies_whose_root_never_came_find_each_other_by_their_conversation(
    store: Store, db_path: Path, make_post: MakePost
) -> None:
    first = make_post("Bache en la avenida", source_id=REPLY, conversation_id=UNSEEN)
    _, opened, _ = _ingest(store, first)
    assert len(opened) == 1
    second = make_post("Sigue el bache", source_id=ROOT[:-1] + "9", conversation_id=UNSEEN)
    assert _ingest(store, second) == (opened, [], 0)
    assert _forms(db_path, second)[1] == ("blob", 8)


def test_other_ids_stay_text_and_find_their_case_as_before(
    store: Store, db_path: Path, make_post: MakePost, store_post: StorePost
) -> None:
    sky = make_post("Farola rota en la plaza", source="bluesky", source_id=AT_URI)
    sky_case = store_post(sky)
    sky_reply = make_post(
        "Sigue rota", source="bluesky", source_id=AT_URI + "b", in_reply_to_id=AT_URI,
        conversation_id=AT_URI,
    )  # fmt: skip
    assert _ingest(store, sky_reply) == ([sky_case], [], 0)
    uri = ("text", len(AT_URI))
    assert _forms(db_path, sky_reply) == (("text", len(AT_URI) + 1), uri, uri)

    # A leading zero is no number's text: "0123" and "123" are two posts.
    zero = make_post("Contenedor lleno", source_id="0123")
    number = make_post("Contenedor quemado", source_id="123")
    zero_case, number_case = store_post(zero), store_post(number)
    assert _forms(db_path, zero)[0] == ("text", 4) and _forms(db_path, number)[0] == ("blob", 1)
    assert store.post_by_source("x", "0123") == zero
    assert store.post_by_source("x", "123") == number
    with store.unit() as uow:
        assert uow.cases_for_source_ids("x", ["0123", "123", "00123"]) == {
            "0123": zero_case,
            "123": number_case,
        }

    # The root 61 is stored as the byte "=", which is no conversation behind "=".
    equals = make_post("Ruido en la calle", source_id=EQUALS_BYTE)
    equals_case = store_post(equals)
    escaped = make_post("Ruido otra vez", source_id="=7")
    escaped_case = store_post(escaped)
    follow = make_post("Sigue el ruido", source_id="62", conversation_id=EQUALS_BYTE)
    assert _ingest(store, follow) == ([equals_case], [], 0)
    with store.unit() as uow:
        assert uow.cases_for_conversations("x", [EQUALS_BYTE, "=7", "==7", "="]) == {
            EQUALS_BYTE: equals_case,
            "=7": escaped_case,
        }


def test_the_same_post_ingested_twice_is_stored_once(
    store: Store, db_path: Path, make_post: MakePost
) -> None:
    post = make_post("Farola rota", source_id=ROOT)
    _, opened, _ = _ingest(store, post)
    again = dataclasses.replace(post, id=make_post().id)  # read again, given a new id
    assert _ingest(store, again) == ([], [], 1)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM posts").fetchone() == (1,)
    assert store.case_posts(opened[0]) == [post]


def _desk_posts(make_post: MakePost) -> list[Post]:
    """Posts with every kind of id, roots and replies."""
    x_root = make_post("La farola de la calle Real está rota", source_id=ROOT)
    toot = make_post("Bache en la avenida", source="mastodon", source_id=TOOT)
    sky = make_post("Farola rota en la plaza", source="bluesky", source_id=AT_URI)
    return [
        x_root,
        make_post("Sigue apagada", source_id=REPLY, in_reply_to_id=ROOT, conversation_id=ROOT),
        make_post("Y hoy tampoco", source_id=MOST, in_reply_to_id=UNSEEN, conversation_id=ROOT),
        toot,
        make_post(
            "Sigue el bache",
            source="mastodon",
            source_id=str(int(TOOT) + 1),
            in_reply_to_id=TOOT,
            conversation_id=TOOT,
        ),
        sky,
        make_post(
            "Sigue rota",
            source="bluesky",
            source_id=AT_URI + "b",
            in_reply_to_id=AT_URI,
            conversation_id=AT_URI,
        ),
        make_post("Contenedor lleno", source_id="0123", conversation_id="0"),
        make_post("Contenedor quemado", source_id="0", conversation_id=BEYOND),
        make_post("Ruido en la calle", source_id=EQUALS_BYTE),
        make_post("Ruido otra vez", source_id="=7", conversation_id="=" + EQUALS_BYTE),
        dataclasses.replace(make_post("Sin hilo", source_id=BEYOND), conversation_id=""),
        make_post("Telegram", source="telegram", source_id="-1001234:56"),
    ]


def _texts(rows: list[tuple[object, ...]], columns: list[int]) -> list[tuple[object, ...]]:
    """The rows with a number's bytes in these columns read as its text."""
    read = [
        tuple(source_id_from_stored(v) if i in columns else v for i, v in enumerate(row))  # type: ignore[arg-type]
        for row in rows
    ]
    return sorted(read, key=repr)


def _posts_table(db_path: Path) -> tuple[str, int]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(
            "SELECT sql, rootpage FROM sqlite_master WHERE type = 'table' AND name = 'posts'"
        ).fetchone()


def test_a_populated_0041_database_upgrades_and_downgrades_with_every_row(
    store: Store, db_path: Path, make_post: MakePost, store_post: StorePost
) -> None:
    posts = _desk_posts(make_post)
    cases = [store_post(post) for post in posts]
    assert [store.get_post(p.id) for p in posts] == posts
    store.close()
    head = every_row(db_path)
    downgrade(db_path, "0042")  # this migration's revision, whatever came after it
    rows_head = every_row(db_path)
    with sqlite3.connect(db_path) as conn:
        names = [r[1] for r in conn.execute("PRAGMA table_info(posts)")]
    columns = [names.index(n) for n in ("source_id", "conversation_id", "in_reply_to_id")]
    kept = {n: r for n, r in rows_head.items() if n != "posts"}

    downgrade(db_path, "0041")
    rows_0041 = every_row(db_path)
    table_0041 = _posts_table(db_path)
    # As 0041 wrote them: texts, a conversation as row_mapping.conversation_to_stored has it.
    assert {type(row[i]) for row in rows_0041["posts"] for i in columns} == {str}
    with sqlite3.connect(db_path) as conn:
        stored = conn.execute(
            "SELECT source_id, conversation_id, in_reply_to_id FROM posts ORDER BY pk"
        ).fetchall()
    assert stored == [
        (p.source_id, conversation_to_stored(p.conversation_id, p.source_id), p.in_reply_to_id)
        for p in posts
    ]
    assert _texts(rows_0041["posts"], columns) == _texts(rows_head["posts"], columns)
    assert {n: r for n, r in rows_0041.items() if n != "posts"} == kept

    upgrade(db_path, "0042")
    # What the store writes, byte for byte; in the same table (no copy: TEXT affinity
    # leaves a blob as it is), its declared types as they were.
    assert every_row(db_path) == rows_head
    assert _posts_table(db_path) == table_0041
    downgrade(db_path, "0041")
    assert every_row(db_path) == rows_0041

    with Store(db_path) as reopened:
        assert [reopened.get_post(p.id) for p in posts] == posts
        assert every_row(db_path) == head
        # Still one post a source id: read again, it is a duplicate, and a reply finds it.
        again = dataclasses.replace(posts[0], id=make_post().id)
        assert _ingest(reopened, again) == ([], [], 1)
        reply = make_post("Tercer día sin luz", source_id=str(int(ROOT) + 9), in_reply_to_id=ROOT)
        assert _ingest(reopened, reply) == ([cases[0]], [], 0)
