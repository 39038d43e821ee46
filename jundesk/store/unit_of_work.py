"""One intake transaction: look up what is stored, add posts, events, cursor and reads.

Everything done through one UnitOfWork commits together or not at all, so a crash or a
full disk never leaves posts without their case, nor a cursor ahead of its posts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Select,
    and_,
    case,
    delete,
    func,
    literal_column,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from jundesk.core.model import Cursor, Event, Post, Status
from jundesk.store.column_types import (
    ID_PREFIX,
    ID_PREFIX_SQL,
    SourceIdBytes,
    id_among,
    id_to_stored,
)
from jundesk.store.errors import storage_errors
from jundesk.store.fts import insert_posts
from jundesk.store.models import (
    CASE_POSTS,
    CASES,
    HELD_EVENTS,
    INTAKE_CURSORS,
    POSTS,
    READ_USAGE,
    SYNC_STATE,
)
from jundesk.store.post_cases import home_cases
from jundesk.store.projection import CaseProjection, chunked
from jundesk.store.push_cursor import PUSHED_EVENTS, PUSHED_POSTS
from jundesk.store.row_mapping import (
    conversation_from_stored,
    conversation_to_stored,
    post_values,
)

# Merges chain (a into b, b into c); a cycle can only come from corrupt data.
MAX_MERGE_HOPS = 32


class PostsWithoutCase(ValueError):
    """A unit put posts in cases it never stored (no events made them): it commits nothing."""

    def __init__(self, links: Sequence[tuple[str, str]]) -> None:
        shown = ", ".join(f"post {post_id} in case {case_id}" for case_id, post_id in links[:5])
        super().__init__(f"{len(links)} posts in cases never stored: {shown}")
        self.links = list(links)


def month_of(at: datetime) -> str:
    """The billing month ("YYYY-MM", UTC) a moment falls in."""
    if at.tzinfo is None:
        raise ValueError("times must be timezone-aware (UTC)")
    return at.astimezone(UTC).strftime("%Y-%m")


def follow_merges(connection: Connection, case_ids: Iterable[str]) -> dict[str, str]:
    """Each case id -> the case it ends up in after following merged_into."""
    final = {case_id: case_id for case_id in case_ids}
    for _ in range(MAX_MERGE_HOPS):
        frontier = sorted(set(final.values()))
        moved: dict[str, str] = {}
        for part in chunked(frontier):
            rows = connection.execute(
                select(CASES.c.id, CASES.c.merged_into)
                .where(CASES.c.id.in_(part))
                .where(CASES.c.merged_into != "")
            )
            moved.update({row.id: row.merged_into for row in rows})
        if not moved:
            break
        final = {start: moved.get(end, end) for start, end in final.items()}
    return final


def write_sync_values(connection: Connection, values: Mapping[str, str]) -> None:
    if not values:
        return
    stmt = sqlite_insert(SYNC_STATE)
    connection.execute(
        stmt.on_conflict_do_update(
            index_elements=[SYNC_STATE.c.key], set_={"value": stmt.excluded.value}
        ),
        [{"key": k, "value": v} for k, v in values.items()],
    )


# By way of the ids' prefixes, as every lookup of an event by id (ID_PREFIX_SQL).
_SET_EVENT_HUB_SEQ = (
    f"UPDATE events SET hub_seq = ? WHERE {ID_PREFIX_SQL} = substr(?, 1, {ID_PREFIX}) AND id = ?"
)


def read_cursor(connection: Connection, source: str, key: str) -> Cursor:
    row = connection.execute(
        select(INTAKE_CURSORS)
        .where(INTAKE_CURSORS.c.source == source)
        .where(INTAKE_CURSORS.c.key == key)
    ).first()
    if row is None:
        return Cursor(source=source, key=key)
    return Cursor(source, key, row.since_id, row.sweep_top, row.sweep_bottom)


def write_cursor(connection: Connection, cursor: Cursor, now: datetime | None = None) -> None:
    values = {
        "source": cursor.source,
        "key": cursor.key,
        "since_id": cursor.since_id,
        "sweep_top": cursor.sweep_top,
        "sweep_bottom": cursor.sweep_bottom,
        "updated_at": now or datetime.now(UTC),
    }
    stmt = sqlite_insert(INTAKE_CURSORS).values(values)
    connection.execute(
        stmt.on_conflict_do_update(
            index_elements=[INTAKE_CURSORS.c.source, INTAKE_CURSORS.c.key],
            set_={k: stmt.excluded[k] for k in values if k not in ("source", "key")},
        )
    )


def latest_in_conversations(source: str, conversations: Sequence[str]) -> Select[Any]:
    """(conversation as stored, pk) of each conversation's latest post that is in a case:
    its replies from their index, its root by the root's own id (a root's conversation is
    stored as "", and ix_posts_source_conversation leaves roots out). `conversations`
    are not empty; read a conversation with row_mapping.conversation_from_stored."""
    in_a_case = select(CASE_POSTS.c.post_pk).where(CASE_POSTS.c.post_pk == POSTS.c.pk).exists()
    posts = select(POSTS.c.pk, POSTS.c.created_at).where(POSTS.c.source == source, in_a_case)
    root = POSTS.c.conversation_id == ""
    # The columns' type keeps a number's text as its bytes, in the binds as in the rows.
    stored = [conversation_to_stored(c, "") for c in conversations]
    # A root's own id, as a reply would store it as its conversation: a text one that
    # begins with "=" behind one more. Asked of its type, not of LIKE, which may read a
    # blob as text as SQLite was built (the id 61 is the byte "=").
    source_id = POSTS.c.source_id
    escaped = and_(
        func.typeof(source_id) == literal_column("'text'"),
        func.substr(source_id, literal_column("1"), literal_column("1")) == literal_column("'='"),
    )
    root_as_stored = type_coerce(
        case((escaped, literal_column("'='").concat(source_id)), else_=source_id),
        SourceIdBytes,
    )
    found = union_all(
        posts.add_columns(POSTS.c.conversation_id.label("conversation"))
        .where(POSTS.c.conversation_id.in_(stored))
        .where(~root),
        posts.add_columns(root_as_stored.label("conversation"))
        .where(POSTS.c.source_id.in_(conversations))
        .where(root),
    ).subquery()
    # SQLite takes the bare columns from the row holding the max().
    return select(found.c.conversation, found.c.pk, func.max(found.c.created_at)).group_by(
        found.c.conversation
    )


class UnitOfWork:
    """The operations of one write transaction; get one from `Store.unit()`."""

    def __init__(self, connection: Connection, path: Path | None = None) -> None:
        self._conn = connection
        self._path = path
        self._projection = CaseProjection(connection)
        self.error: BaseException | None = None

    @contextmanager
    def _step(self) -> Iterator[None]:
        # A failed step may have left part of its rows: the whole unit must roll back,
        # even if the caller catches the error and carries on.
        try:
            with storage_errors(self._path):
                yield
        except BaseException as error:
            self.error = self.error or error
            raise

    def existing_source_ids(self, source: str, source_ids: Iterable[str]) -> set[str]:
        """Which of these source ids are already stored for `source`."""
        wanted = list(dict.fromkeys(source_ids))
        found: set[str] = set()
        with self._step():
            for part in chunked(wanted):
                found.update(
                    self._conn.scalars(
                        select(POSTS.c.source_id)
                        .where(POSTS.c.source == source)
                        .where(POSTS.c.source_id.in_(part))
                    )
                )
        return found

    def cases_for_source_ids(self, source: str, source_ids: Iterable[str]) -> dict[str, str]:
        """source_id -> case id (after merges) of the stored posts with those ids."""
        wanted = list(dict.fromkeys(source_ids))
        direct: dict[str, str] = {}
        with self._step():
            for part in chunked(wanted):
                rows = self._conn.execute(
                    select(POSTS.c.pk, POSTS.c.source_id)
                    .where(POSTS.c.source == source)
                    .where(POSTS.c.source_id.in_(part))
                ).all()
                cases = home_cases(self._conn, [row.pk for row in rows])
                direct.update({row.source_id: cases[row.pk] for row in rows if row.pk in cases})
            final = follow_merges(self._conn, direct.values())
        return {source_id: final[case_id] for source_id, case_id in direct.items()}

    def cases_for_conversations(
        self, source: str, conversation_ids: Iterable[str]
    ) -> dict[str, str]:
        """conversation id -> case id (after merges) of the latest stored post of that
        conversation that has a case."""
        wanted = [c for c in dict.fromkeys(conversation_ids) if c]
        direct: dict[str, str] = {}
        with self._step():
            for part in chunked(wanted):
                rows = self._conn.execute(latest_in_conversations(source, part)).all()
                cases = home_cases(self._conn, [row.pk for row in rows])
                direct.update(
                    {
                        conversation_from_stored(row.conversation, ""): cases[row.pk]
                        for row in rows
                        if row.pk in cases
                    }
                )
            final = follow_merges(self._conn, direct.values())
        return {conv: final[case_id] for conv, case_id in direct.items()}

    def case_statuses(self, case_ids: Iterable[str]) -> dict[str, Status]:
        """case id -> its status now, for those of `case_ids` that exist."""
        found: dict[str, Status] = {}
        with self._step():
            for part in chunked(list(dict.fromkeys(case_ids))):
                rows = self._conn.execute(
                    select(CASES.c.id, CASES.c.status).where(CASES.c.id.in_(part))
                )
                found.update({row.id: row.status for row in rows})
        return found

    def add_posts(self, posts: Sequence[Post], case_ids: Sequence[str | None]) -> None:
        """Store new posts, each in its case (or in none); a post joins the end of its case.
        A case not stored yet must be made by events appended in this unit (see finish).

        A post whose (source, source_id) is already stored is a program error (check with
        existing_source_ids first): the constraint error fails the unit.
        """
        if len(posts) != len(case_ids):
            raise ValueError(f"{len(posts)} posts but {len(case_ids)} case ids")
        if not posts:
            return
        with self._step():
            pks = insert_posts(self._conn, [post_values(p) for p in posts])
            self._projection.remember_posts(posts, pks)
            self._projection.link(
                [(c, p.id) for p, c in zip(posts, case_ids, strict=True) if c is not None]
            )

    def append_events(
        self,
        events: Sequence[Event],
        first_posts: Mapping[str, Post] | None = None,
        *,
        origin: str = "local",
    ) -> list[Event]:
        """Store the events not stored yet (by id) and update their cases' projections.

        Returns the events that were new. `first_posts` (case id -> its first post) is
        accepted for callers written when the projection copied the first post's header;
        the list now reads it from the post itself.
        """
        del first_posts
        with self._step():
            return self._projection.append(events, origin)

    def get_cursor(self, source: str, key: str) -> Cursor:
        with self._step():
            return read_cursor(self._conn, source, key)

    def save_cursor(self, cursor: Cursor) -> None:
        with self._step():
            write_cursor(self._conn, cursor)

    def add_reads(self, source: str, n: int, at: datetime) -> None:
        """Count `n` posts read from `source` in the month of `at` (UTC)."""
        if n < 0:
            raise ValueError("reads can't be negative")
        stmt = sqlite_insert(READ_USAGE).values(month=month_of(at), source=source, reads=n)
        with self._step():
            self._conn.execute(
                stmt.on_conflict_do_update(
                    index_elements=[READ_USAGE.c.month, READ_USAGE.c.source],
                    set_={"reads": READ_USAGE.c.reads + stmt.excluded.reads},
                )
            )

    # -- replication with the town's hub (jundesk.sync) --------------------------------

    def set_sync_values(self, values: Mapping[str, str]) -> None:
        with self._step():
            write_sync_values(self._conn, values)

    def set_hub_seqs(self, events: Mapping[str, int]) -> None:
        """Record the hub's numbers of these pulled events (so they aren't pushed)."""
        if events:
            with self._step():
                stored = ((v, id_to_stored(k)) for k, v in events.items())
                self._conn.exec_driver_sql(_SET_EVENT_HUB_SEQ, [(v, k, k) for v, k in stored])

    def mark_pushed(self, events: Mapping[str, int], posts: Mapping[str, int]) -> None:
        """The hub's answers for the oldest unpushed events and posts (push_cursor.py)."""
        with self._step():
            write_sync_values(
                self._conn,
                {
                    **PUSHED_EVENTS.advance(self._conn, events),
                    **PUSHED_POSTS.advance(self._conn, posts),
                },
            )

    def add_pulled_posts(
        self, posts: Sequence[tuple[Post, str | None, int]], coming_cases: Iterable[str] = ()
    ) -> list[tuple[str, str]]:
        """Store posts pulled from the hub as (post, case id, hub seq); those stored already
        (by id, or another post with the same source id) are left as they are.

        A post keeps its case only if the case is stored or among `coming_cases` (its events
        are appended in this unit). Returns the (case id, post id) pairs still to link: link
        them with `link_posts` after the events, so a case lists its posts in fold order.
        """
        with self._step():
            wanted: dict[str, tuple[Post, str | None, int]] = {}
            for post, case_id, seq in posts:
                wanted.setdefault(post.id, (post, case_id, seq))
            if not wanted:
                return []
            known: set[str] = set()
            for part in chunked(list(wanted)):
                known.update(
                    self._conn.scalars(select(POSTS.c.id).where(id_among(POSTS.c.id, part)))
                )
            fresh = [v for k, v in wanted.items() if k not in known]
            taken: set[tuple[str, str]] = set()
            by_source: dict[str, list[str]] = {}
            for post, _, _ in fresh:
                by_source.setdefault(post.source, []).append(post.source_id)
            for source, source_ids in by_source.items():
                for part in chunked(source_ids):
                    taken.update(
                        (source, sid)
                        for sid in self._conn.scalars(
                            select(POSTS.c.source_id)
                            .where(POSTS.c.source == source)
                            .where(POSTS.c.source_id.in_(part))
                        )
                    )
            cases = set(coming_cases)
            named = [c for _, c, _ in fresh if c and c not in cases]
            for part in chunked(list(dict.fromkeys(named))):
                cases.update(self._conn.scalars(select(CASES.c.id).where(CASES.c.id.in_(part))))
            rows: list[tuple[Any, ...]] = []
            stored: list[Post] = []
            to_link: list[tuple[str, str]] = []
            for post, case_id, seq in fresh:
                if (post.source, post.source_id) in taken:
                    continue  # the same source post under another id: the first one stays
                taken.add((post.source, post.source_id))
                home = case_id if case_id in cases else None
                rows.append(post_values(post, seq))
                stored.append(post)
                if home is not None:
                    to_link.append((home, post.id))
            if rows:
                self._projection.remember_posts(stored, insert_posts(self._conn, rows))
            return to_link

    def link_posts(self, pairs: Sequence[tuple[str, str]]) -> None:
        """Put posts in their cases (after the cases' last post); known links are kept."""
        with self._step():
            self._projection.link(pairs)

    def finish(self) -> None:
        """Called before the commit: raises PostsWithoutCase if a post was put in a case
        that no event of this unit made (intake stores a case's posts and events together,
        so its events were lost)."""
        waiting = self._projection.waiting_links()
        if waiting and self.error is None:
            self.error = PostsWithoutCase(waiting)
            raise self.error

    def hold_events(self, held: Sequence[Mapping[str, Any]]) -> None:
        """Keep events this version can't read: each a mapping with id, hub_seq, case_id,
        kind and the rest of the event as received."""
        if not held:
            return
        rows = [
            {
                "id": str(h["id"]),
                "hub_seq": int(h["hub_seq"]),
                "case_id": str(h["case_id"]),
                "kind": str(h["kind"]),
                "body": dict(h),
            }
            for h in held
        ]
        with self._step():
            self._conn.execute(sqlite_insert(HELD_EVENTS).on_conflict_do_nothing(), rows)

    def release_held(self, ids: Sequence[str]) -> None:
        with self._step():
            for part in chunked(list(ids)):
                self._conn.execute(delete(HELD_EVENTS).where(HELD_EVENTS.c.id.in_(part)))
