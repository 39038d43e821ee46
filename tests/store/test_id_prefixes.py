"""Events and posts are found by id through an index of their ids' first 8 bytes
(migrations 0041 and 0044): each is still stored once, found, marked pushed and numbered
by the hub as itself when others share its prefix, every lookup walks that index, and
populated databases of the revisions before upgrade and downgrade with every row as it
was."""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, select
from sqlalchemy.dialects import sqlite

from jundesk.core.case_filter import CaseFilter
from jundesk.core.events import make_event
from jundesk.core.ids import uuid7
from jundesk.core.model import Actor, Event, EventKind, Post
from jundesk.store import Store
from jundesk.store.column_types import id_among, ids_in, stored_id_lists
from jundesk.store.database import downgrade, upgrade
from jundesk.store.models import EVENTS, POSTS
from jundesk.store.unit_of_work import _SET_EVENT_HUB_SEQ
from tests.store.schema_snapshot import every_row, indexes_and_statistics

Ingest = Callable[..., tuple[str, Post]]
MakePost = Callable[..., Post]
StorePost = Callable[..., str]
ANA = Actor("lighting", "Ana")
REVISION = "0041"
BEFORE = "0040"


def _namesakes(case_id: str, at: object, n: int) -> list[Event]:
    """n notes whose canonical ids share their first 8 bytes (the same millisecond and
    count within it) and differ after them."""
    first = uuid7()
    notes = []
    for k in range(n):
        same_start = first[:19] + f"{0x8000 + k:04x}" + first[23:]
        note = make_event(case_id, EventKind.NOTED, ANA, at, text=f"Nota {k}")  # type: ignore[arg-type]
        notes.append(dataclasses.replace(note, id=same_start))
    return notes


def _same_start(ids: list[str]) -> list[str]:
    """These canonical ids with the first 8 bytes of the first one."""
    return [ids[0][:18] + i[18:] for i in ids]


def _hub_seqs(db_path: Path) -> dict[bytes | str, int | None]:
    with sqlite3.connect(db_path) as conn:
        return dict(conn.execute("SELECT id, hub_seq FROM events"))


def test_events_sharing_a_prefix_are_each_stored_once_and_found_as_themselves(
    store: Store, ingest: Ingest, db_path: Path
) -> None:
    case_id, post = ingest()
    notes = _namesakes(case_id, post.received_at, 3)
    assert len({n.id[:18] for n in notes}) == 1 and len({n.id for n in notes}) == 3
    assert store.append_events(notes[:2]) == notes[:2]
    # Again, with a third namesake: only the new one is stored.
    assert store.append_events(notes) == notes[2:]
    # From the hub, the same three and one more: only the new one.
    pulled = make_event(case_id, EventKind.NOTED, ANA, post.received_at, text="Del hub")
    assert store.append_events([*notes, pulled], origin="hub") == [pulled]
    events = store.case_events(case_id)
    assert [e.id for e in events].count(notes[1].id) == 1
    assert {n.id for n in notes} | {pulled.id} <= {e.id for e in events}

    # The hub numbers one of them: that one alone gets its number.
    with store.unit() as uow:
        uow.set_hub_seqs({notes[1].id: 41})
    numbered = {k: v for k, v in _hub_seqs(db_path).items() if v is not None}
    assert numbered == {bytes.fromhex(notes[1].id.replace("-", "")): 41}

    # Pushing: the hub refuses one of the namesakes; only it keeps the refusal.
    unpushed = store.unpushed_events(100)
    assert notes[1].id not in {e.id for e in unpushed}
    answers = {e.id: 0 for e in unpushed}
    answers[notes[2].id] = -1
    store.mark_pushed(answers, {})
    refused = [k for k, v in _hub_seqs(db_path).items() if v == -1]
    assert refused == [bytes.fromhex(notes[2].id.replace("-", ""))]
    assert store.unpushed_events(100) == []


def test_ids_kept_as_text_that_share_their_first_characters_are_told_apart(
    store: Store, ingest: Ingest
) -> None:
    case_id, post = ingest()
    note = make_event(case_id, EventKind.NOTED, ANA, post.received_at, text="Uno")
    first, second = (dataclasses.replace(note, id=i) for i in ("evento-1", "evento-10"))
    assert store.append_events([first]) == [first]
    assert store.append_events([second, first]) == [second]
    assert [e.id for e in store.case_events(case_id)].count("evento-1") == 1


@pytest.mark.parametrize("ids", [1, 2, 5000])
def test_every_lookup_of_an_event_by_id_walks_the_prefix_index(
    store: Store, db_path: Path, ids: int
) -> None:
    part = next(stored_id_lists(uuid7() for _ in range(ids)))[1]
    condition, params = ids_in(part)
    with sqlite3.connect(db_path) as conn:
        plans = [
            conn.execute(
                f"EXPLAIN QUERY PLAN SELECT seq, id FROM events WHERE {condition}", params
            ),
            conn.execute(f"EXPLAIN QUERY PLAN {_SET_EVENT_HUB_SEQ}", (1, part[0], part[0])),
        ]
        for plan in plans:
            details = " ".join(row[3] for row in plan)
            assert "USING INDEX ix_events_id_prefix" in details, details


def test_a_populated_0040_database_upgrades_and_downgrades_with_every_event(
    db_path: Path, store: Store, ingest: Ingest
) -> None:
    cases = [ingest(text)[0] for text in ("Farola apagada", "Bache en la plaza")]
    case_id, post = ingest("Ruido en la calle Mayor")
    store.append_events(_namesakes(case_id, post.received_at, 2))
    history = {c: store.case_events(c) for c in [*cases, case_id]}
    store.close()

    downgrade(db_path, BEFORE)
    rows_before = every_row(db_path)
    indexes_before, _ = indexes_and_statistics(db_path, ("events",))
    assert "ix_events_id_prefix" not in {name for name, _ in indexes_before}
    assert "sqlite_autoindex_events_1" in {name for name, _ in indexes_before}

    upgrade(db_path, REVISION)
    assert every_row(db_path) == rows_before
    indexes, _ = indexes_and_statistics(db_path, ("events",))
    assert (
        "ix_events_id_prefix",
        "CREATE INDEX ix_events_id_prefix ON events (substr(id, 1, 8))",
    ) in indexes
    assert "sqlite_autoindex_events_1" not in {name for name, _ in indexes}
    with Store(db_path) as upgraded:
        assert {c: upgraded.case_events(c) for c in history} == history

    downgrade(db_path, BEFORE)
    assert every_row(db_path) == rows_before
    assert indexes_and_statistics(db_path, ("events",))[0] == indexes_before
    with sqlite3.connect(db_path) as conn, pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        conn.execute(
            "INSERT INTO events SELECT seq + 1000, id, kind, actor_desk, actor_person, "
            "at, payload, origin, hub_seq, case_pk FROM events LIMIT 1"
        )


def test_a_new_database_has_the_prefix_index_the_models_declare(db_path: Path) -> None:
    # (Alembic's comparison of models and schema skips indexes on expressions.)
    declared = {i.name: i for i in EVENTS.indexes}["ix_events_id_prefix"]
    assert [str(e) for e in declared.expressions] == ["substr(id, 1, 8)"]
    with Store(db_path):
        pass
    indexes, _ = indexes_and_statistics(db_path, ("events",))
    assert (
        "ix_events_id_prefix",
        "CREATE INDEX ix_events_id_prefix ON events (substr(id, 1, 8))",
    ) in indexes


def test_posts_sharing_a_prefix_are_each_stored_once_found_and_blanked_alone(
    store: Store, db_path: Path, make_post: MakePost, store_post: StorePost
) -> None:
    made = [make_post(f"Farola {n} apagada en la calle Real") for n in range(3)]
    ids = _same_start([p.id for p in made])
    posts = [dataclasses.replace(p, id=i) for p, i in zip(made, ids, strict=True)]
    cases = [store_post(p) for p in posts]
    assert [store.get_post(p.id) for p in posts] == posts
    # Pulled again from the hub, each counts once (found by its id).
    store.apply_pulled([], [(p, c, 7) for p, c in zip(posts, cases, strict=True)])
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM posts").fetchone() == (3,)
    # Redacting one blanks it alone.
    at = posts[1].received_at + timedelta(hours=1)
    store.append_events(
        [make_event(cases[1], EventKind.REDACTED, ANA, at, post_ids=[posts[1].id], reason="x")]
    )
    kept = [store.get_post(p.id) for p in posts]
    assert kept[0] == posts[0] and kept[2] == posts[2]
    assert kept[1] is None or kept[1].text != posts[1].text
    # Pushing: the hub refuses one of them; only it keeps the refusal.
    store.mark_pushed({}, {posts[0].id: 0, posts[1].id: -1, posts[2].id: 0})
    with sqlite3.connect(db_path) as conn:
        refused = conn.execute("SELECT id FROM posts WHERE hub_seq = -1").fetchall()
    assert refused == [(bytes.fromhex(posts[1].id.replace("-", "")),)]


def test_every_lookup_of_a_post_by_id_walks_the_prefix_index(store: Store, db_path: Path) -> None:
    for ids in ([uuid7()], [uuid7(), "p-1", uuid7()]):
        query = select(POSTS.c.id).where(id_among(POSTS.c.id, ids))
        compiled = query.compile(
            dialect=sqlite.dialect(), compile_kwargs={"render_postcompile": True}
        )
        params = [compiled.params[name] for name in compiled.positiontup or []]
        with sqlite3.connect(db_path) as conn:
            plan = conn.execute(f"EXPLAIN QUERY PLAN {compiled}", params).fetchall()
        details = " ".join(row[3] for row in plan)
        assert "USING INDEX ix_posts_id_prefix" in details, details


def test_a_populated_0043_database_upgrades_and_downgrades_with_every_post(
    db_path: Path, store: Store, make_post: MakePost, store_post: StorePost
) -> None:
    made = [make_post(f"Bache {n} en la plaza Mayor") for n in range(3)]
    ids = _same_start([p.id for p in made])
    posts = [dataclasses.replace(p, id=i) for p, i in zip(made, ids, strict=True)]
    posts.append(dataclasses.replace(make_post("Ruido en la calle"), id="p-1"))
    for post in posts:
        store_post(post)
    found = [s.case.id for s in store.list_cases(CaseFilter(search="plaza"))]
    store.close()

    downgrade(db_path, "0043")
    rows_before = every_row(db_path)
    indexes_before, _ = indexes_and_statistics(db_path, ("posts",))
    names = {name for name, _ in indexes_before}
    assert "ix_posts_id_prefix" not in names and "sqlite_autoindex_posts_2" in names

    upgrade(db_path, "0044")
    assert every_row(db_path) == rows_before
    indexes, _ = indexes_and_statistics(db_path, ("posts",))
    assert indexes == {(n, sql) for n, sql in indexes_before if n != "sqlite_autoindex_posts_2"} | {
        ("ix_posts_id_prefix", "CREATE INDEX ix_posts_id_prefix ON posts (substr(id, 1, 8))")
    }
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO posts_fts(posts_fts) VALUES ('integrity-check')")
        triggers = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'posts'"
        ).fetchall()
    assert sorted(triggers) == [("posts_fts_ad",), ("posts_fts_au",)]
    with Store(db_path) as upgraded:
        assert [upgraded.get_post(p.id) for p in posts] == posts
        assert [s.case.id for s in upgraded.list_cases(CaseFilter(search="plaza"))] == found

    downgrade(db_path, "0043")
    assert every_row(db_path) == rows_before
    assert indexes_and_statistics(db_path, ("posts",))[0] == indexes_before
    with sqlite3.connect(db_path) as conn, pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        conn.execute(
            "INSERT INTO posts (pk, id, source, source_id, author_id, author_handle, "
            "author_name, text, lang, created_at, received_after, conversation_id, in_reply_to_id, "
            "media, place, is_own, raw, hub_seq, private) SELECT pk + 100, id, source, "
            "source_id || 'b', author_id, author_handle, author_name, text, lang, created_at, "
            "received_after, conversation_id, in_reply_to_id, media, place, is_own, raw, hub_seq, "
            "private FROM posts LIMIT 1"
        )


def test_no_lookup_by_id_reads_every_post_or_event(
    store: Store, db_path: Path, make_post: MakePost, store_post: StorePost
) -> None:
    """What a desk does by id (intake, a pull from the hub with posts it has and hasn't,
    linking a pulled post to its case, a redaction, a case absorbing a post stored before,
    a push's answers, the hub's numbers) never walks the whole posts or events table."""
    mine = [make_post(f"Farola {n} apagada") for n in range(3)]
    cases = [store_post(p) for p in mine]
    statements: list[tuple[str, object]] = []

    def seen(conn: object, cursor: object, sql: str, params: object, *rest: object) -> None:
        if isinstance(params, list):
            params = params[0] if params else ()
        statements.append((sql, params))

    event.listen(store._engine, "before_cursor_execute", seen)
    try:
        elsewhere = make_post("Bache en la plaza")
        pulled = make_event(
            cases[0], EventKind.ABSORBED, ANA, elsewhere.received_at, post_ids=[elsewhere.id]
        )
        store.apply_pulled([(pulled, 9)], [(mine[0], cases[0], 7), (elsewhere, cases[0], 8)])
        at = mine[1].received_at + timedelta(hours=1)
        store.append_events(
            [make_event(cases[1], EventKind.REDACTED, ANA, at, post_ids=[mine[1].id], reason="x")]
        )
        # A case absorbing another's post stored before: the post's rowid is looked up.
        absorbed = make_event(
            cases[0], EventKind.ABSORBED, ANA, at, source_case=cases[2], post_ids=[mine[2].id]
        )
        store.append_events([absorbed])
        store.mark_pushed(
            {e.id: 0 for e in store.unpushed_events(100)},
            {p.id: 0 for p, _ in store.unpushed_posts(100)},
        )
        with store.unit() as uow:
            uow.set_hub_seqs({pulled.id: 10})
        assert store.get_post(elsewhere.id) == elsewhere
        linked = store.get_case(cases[0])
        assert linked is not None and {elsewhere.id, mine[2].id} <= set(linked.post_ids)
    finally:
        event.remove(store._engine, "before_cursor_execute", seen)

    by_id = [
        (sql, params)
        for sql, params in statements
        if re.search(r"\bFROM (posts|events)\b|\bUPDATE (posts|events)\b", sql)
        and re.search(r"\bid (IN|=)", sql)
    ]
    assert len(by_id) >= 6
    with sqlite3.connect(db_path) as conn:
        for sql, params in by_id:
            plan = conn.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
            details = " | ".join(row[3] for row in plan)
            assert not re.search(r"\bSCAN (posts|events)\b", details), (sql, details)
