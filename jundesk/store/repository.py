"""Store: the one door to a JunDesk database; it hands back core dataclasses only.

One Store serves one writer thread and any number of reader threads: every call takes
its own pooled connection and transaction, and no session or row object outlives a call.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from sqlalchemy import (
    Connection,
    Engine,
    Float,
    Integer,
    LargeBinary,
    bindparam,
    delete,
    func,
    literal_column,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from jundesk.core.case_filter import CaseFilter
from jundesk.core.model import Case, CaseSummary, Cursor, Event, Post, Status
from jundesk.store.case_codes import StatusCode, resolved_from_stored
from jundesk.store.case_filters import closed_as_difference, filtered, searches_open_cases
from jundesk.store.column_types import (
    Thousandths,
    UTCTimestamp,
    UUIDBytes,
    id_among,
    id_before,
    id_ends_with,
    id_from_stored,
    id_starts_with,
    to_micros,
)
from jundesk.store.cycles import cycle_collector_paused
from jundesk.store.database import (
    BEGIN_MODE,
    BUSY_TIMEOUT_MS,
    open_engine,
    open_read_only_engine,
)
from jundesk.store.errors import storage_errors
from jundesk.store.fts import FTS_TABLE
from jundesk.store.models import (
    BLOCKED_POSTS,
    CASE_POSTS,
    CASE_SEEN,
    CASES,
    DRAFTS,
    EVENTS,
    HELD_EVENTS,
    POSTS,
    READ_USAGE,
    SYNC_STATE,
)
from jundesk.store.post_cases import home_cases
from jundesk.store.projection import chunked
from jundesk.store.push_cursor import PUSHED_EVENTS, PUSHED_POSTS
from jundesk.store.records import BlockedPostRecord, DraftRecord
from jundesk.store.redaction import destroy
from jundesk.store.row_mapping import (
    EVENT_ROWS,
    LIST_COLUMNS,
    case_from_row,
    case_from_values,
    event_from_row,
    excerpt,
    post_from_row,
)
from jundesk.store.unit_of_work import (
    UnitOfWork,
    month_of,
    read_cursor,
    write_cursor,
    write_sync_values,
)

log = logging.getLogger(__name__)

EXPORT_BATCH = 500
# A list's columns with their times, ids, confidence and status as stored
# (case_from_values converts them): SQLAlchemy's per-value result processing took longer
# than the query.
_LIST_SELECT = [
    type_coerce(CASES.c[name], Integer)
    if isinstance(CASES.c[name].type, UTCTimestamp | StatusCode)
    else type_coerce(CASES.c[name], LargeBinary) if isinstance(CASES.c[name].type, UUIDBytes)
    else type_coerce(CASES.c[name], Float) if isinstance(CASES.c[name].type, Thousandths)
    else CASES.c[name]
    for name in LIST_COLUMNS
]  # fmt: skip
# (post ids, first post's author handle, text, private, channels): see _list_posts.
_ListPosts = tuple[list[str], str, str, bool, list[str]]
_NO_POSTS: _ListPosts = ([], "", "", False, [])
# A page's rows by their rowids, given as one JSON array.
_LIST_ROWS = select(*_LIST_SELECT).where(
    CASES.c.pk.in_(select(literal_column("value")).select_from(func.json_each(bindparam("pks"))))
)
T = TypeVar("T")
OPEN_CASES = CaseFilter()  # what a list holds when no filter is given


class Store:
    """A JunDesk database file, created (0600) and migrated on opening.

    Raises StoreError when the file can't be opened, read or written.
    """

    def __init__(
        self,
        path: Path | str,
        *,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
        read_only: bool = False,
        allow_older: bool = False,
    ) -> None:
        self.path = Path(path).expanduser().resolve()
        if read_only:
            # The file must exist and stays untouched: no migration, no ANALYZE.
            self._engine: Engine = open_read_only_engine(
                self.path, busy_timeout_ms=busy_timeout_ms, allow_older=allow_older
            )
        else:
            self._engine = open_engine(self.path, busy_timeout_ms=busy_timeout_ms)
        self._writer: Engine = self._engine.execution_options(**{BEGIN_MODE: "IMMEDIATE"})

    def close(self) -> None:
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- transactions -----------------------------------------------------------------

    @contextmanager
    def unit(self) -> Iterator[UnitOfWork]:
        """One write transaction: commits when the block ends, rolls back if it raises.

        It takes the write lock at once (waiting up to the busy timeout for another
        writer), so keep network calls outside the block.
        """
        # A batch's thousands of short-lived rows would wake the cycle collector for nothing
        # (cycles.py).
        with cycle_collector_paused():
            with storage_errors(self.path):
                connection = self._writer.connect()
            try:
                with storage_errors(self.path):
                    transaction = connection.begin()
                uow = UnitOfWork(connection, self.path)
                try:
                    yield uow
                    uow.finish()
                except BaseException:
                    try:
                        transaction.rollback()
                    except Exception:
                        # Don't hide the error that got us here; the pool rolls back anyway.
                        log.exception("rollback failed")
                    raise
                if uow.error is not None:
                    # The caller caught a failed step and carried on: nothing may be kept.
                    transaction.rollback()
                    raise uow.error
                with storage_errors(self.path):
                    transaction.commit()
            finally:
                connection.close()

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A short write transaction of its own."""
        with storage_errors(self.path), self._writer.begin() as connection:
            yield connection

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """A read transaction: a consistent snapshot for the queries of one call."""
        with (
            storage_errors(self.path),
            self._engine.connect() as connection,
            connection.begin(),
        ):
            yield connection

    # -- writes (each its own transaction) --------------------------------------------

    def append_events(self, events: Sequence[Event], *, origin: str = "local") -> list[Event]:
        """Store a desk's events (those not stored yet) and update their cases."""
        with self.unit() as uow:
            return uow.append_events(events, origin=origin)

    def save_cursor(self, cursor: Cursor) -> None:
        with self._write() as conn:
            write_cursor(conn, cursor)

    def get_cursor(self, source: str, key: str) -> Cursor:
        with self._read() as conn:
            return read_cursor(conn, source, key)

    def reads_this_month(self, source: str, now: datetime) -> int:
        """Posts read from `source` in the calendar month (UTC) of `now`."""
        with self._read() as conn:
            reads = conn.scalar(
                select(READ_USAGE.c.reads)
                .where(READ_USAGE.c.month == month_of(now))
                .where(READ_USAGE.c.source == source)
            )
        return int(reads or 0)

    # -- cases, posts, events ---------------------------------------------------------

    def get_case(self, case_id: str) -> Case | None:
        with self._read() as conn:
            row = conn.execute(select(CASES).where(CASES.c.id == case_id)).first()
            if row is None:
                return None
            post_ids = conn.scalars(
                select(POSTS.c.id)
                .join(CASE_POSTS, CASE_POSTS.c.post_pk == POSTS.c.pk)
                .where(CASE_POSTS.c.case_pk == row.pk)
                .order_by(CASE_POSTS.c.position, POSTS.c.id)
            ).all()
        return case_from_row(row, post_ids)

    def case_ids_matching(self, ref: str, limit: int = 2) -> list[str]:
        """Ids of cases whose id starts or ends with `ref` (what a person types).

        UUIDv7 ids made in the same minute share their first characters, so the short
        form people see is the end of the id; a start is accepted too.
        """
        ref = ref.strip().lower()
        if not ref or any(ch not in "0123456789abcdef-" for ch in ref):
            return []
        with self._read() as conn:
            found = list(
                conn.scalars(
                    select(CASES.c.id)
                    .where(id_starts_with(CASES.c.id, ref))
                    .order_by(CASES.c.id)
                    .limit(limit)
                ).all()
            )
            if len(found) < limit and len(ref) < 36:
                ending = id_ends_with(CASES.c.id, ref)
                found += [
                    i
                    for i in conn.scalars(select(CASES.c.id).where(ending).limit(limit)).all()
                    if i not in found
                ]
        return found[:limit]

    def case_events(self, case_id: str) -> list[Event]:
        """The case's events in fold order (time, id)."""
        with self._read() as conn:
            rows = conn.execute(
                EVENT_ROWS.where(CASES.c.id == case_id).order_by(EVENTS.c.at, EVENTS.c.id)
            ).all()
        return [event_from_row(r) for r in rows]

    def case_posts(self, case_id: str) -> list[Post]:
        """The case's posts, oldest first."""
        with self._read() as conn:
            rows = conn.execute(
                select(POSTS)
                .join(CASE_POSTS, CASE_POSTS.c.post_pk == POSTS.c.pk)
                .join(CASES, CASES.c.pk == CASE_POSTS.c.case_pk)
                .where(CASES.c.id == case_id)
                .order_by(POSTS.c.created_at, POSTS.c.pk)
            ).all()
        return [post_from_row(r) for r in rows]

    def get_post(self, post_id: str) -> Post | None:
        with self._read() as conn:
            row = conn.execute(select(POSTS).where(id_among(POSTS.c.id, [post_id]))).first()
        return None if row is None else post_from_row(row)

    def post_by_source(self, source: str, source_id: str) -> Post | None:
        with self._read() as conn:
            row = conn.execute(
                select(POSTS).where(POSTS.c.source == source).where(POSTS.c.source_id == source_id)
            ).first()
        return None if row is None else post_from_row(row)

    def list_cases(
        self, filter: CaseFilter = OPEN_CASES, *, limit: int = 200, offset: int = 0
    ) -> list[CaseSummary]:
        """The cases the filter keeps (by default the open ones), urgent first, then oldest
        first; a search looks among the newest SEARCH_WINDOW matching posts.

        Raises SearchTooShort for words too short to search.
        """
        order = (CASES.c.priority_rank, CASES.c.created_at, CASES.c.pk)
        with self._read() as conn:
            if searches_open_cases(filter):
                # The page's rowids from the open cases' index alone, then their rows.
                page = conn.scalars(
                    filtered(select(CASES.c.pk), filter)
                    .order_by(*order)
                    .limit(max(0, limit))
                    .offset(max(0, offset))
                ).all()
                # All at once: iterating a result costs a call per row.
                read = conn.execute(_LIST_ROWS, {"pks": json.dumps(page)}).all()
                found = {r[0]: r for r in read}
                rows = [found[pk] for pk in page if pk in found]
            else:
                query = (
                    filtered(select(*_LIST_SELECT), filter)
                    .order_by(*order)
                    .limit(max(0, limit))
                    .offset(max(0, offset))
                )
                rows = list(conn.execute(query).all())
            posts = _list_posts(conn, [r[0] for r in rows])
        summaries: list[CaseSummary] = []
        for r in rows:
            ids, handle, text, private, channels = posts.get(r[0], _NO_POSTS)
            summaries.append(
                CaseSummary(
                    case_from_values(r, ids), handle, excerpt(text), tuple(channels), private
                )
            )
        return summaries

    def count_cases(self, filter: CaseFilter = OPEN_CASES) -> int:
        """How many cases list_cases would give with this filter and no limit."""
        difference = closed_as_difference(filter)
        with self._read() as conn:
            if difference is not None:
                every, still_open = (
                    int(conn.scalar(filtered(select(func.count()).select_from(CASES), f)) or 0)
                    for f in difference
                )
                return every - still_open
            query = filtered(select(func.count()).select_from(CASES), filter)
            return int(conn.scalar(query) or 0)

    def iter_cases_for_export(self) -> Iterator[tuple[Case, list[Post]]]:
        """Every case with its posts, oldest first, read a batch at a time.

        Each batch is its own short read, so a long export never holds back the writer
        or the WAL checkpoint; cases created meanwhile may or may not appear.
        """
        after: tuple[datetime, int] | None = None
        while True:
            query = select(CASES).order_by(CASES.c.created_at, CASES.c.pk).limit(EXPORT_BATCH)
            if after is not None:
                query = query.where(
                    (CASES.c.created_at > after[0])
                    | ((CASES.c.created_at == after[0]) & (CASES.c.pk > after[1]))
                )
            with self._read() as conn:
                rows = conn.execute(query).all()
                if not rows:
                    return
                posts = _posts_of_cases(conn, [r.pk for r in rows])
            for row in rows:
                case_posts = posts.get(row.pk, [])
                yield case_from_row(row, [p.id for p in case_posts]), case_posts
            after = (rows[-1].created_at, rows[-1].pk)

    def corrections(self) -> list[tuple[str, str]]:
        """(text of the case's first post, the role a person chose) for every reroute."""
        first_post = (
            select(POSTS.c.text)
            .join(CASE_POSTS, CASE_POSTS.c.post_pk == POSTS.c.pk)
            .where(CASE_POSTS.c.case_pk == EVENTS.c.case_pk)
            .order_by(CASE_POSTS.c.position)
            .limit(1)
            .scalar_subquery()
        )
        with self._read() as conn:
            rows = conn.execute(
                select(first_post.label("text"), EVENTS.c.payload)
                .where(EVENTS.c.kind == "rerouted")
                .order_by(EVENTS.c.seq)
            ).all()
        found: list[tuple[str, str]] = []
        for text, payload in rows:
            role = payload.get("role") if isinstance(payload, Mapping) else None
            if text is not None and isinstance(role, str) and role:
                found.append((text, role))
        return found

    # -- replication with the town's hub (jundesk.sync) ----------------------------------

    def sync_value(self, key: str) -> str | None:
        """A named value of the replication (a cursor, the hub's id...), or None."""
        with self._read() as conn:
            value = conn.scalar(select(SYNC_STATE.c.value).where(SYNC_STATE.c.key == key))
        return None if value is None else str(value)

    def set_sync_values(self, values: Mapping[str, str]) -> None:
        with self._write() as conn:
            write_sync_values(conn, values)

    def unpushed_events(self, limit: int) -> list[Event]:
        """Events made here that the hub hasn't got yet, oldest first."""
        with self._read() as conn:
            unpushed = PUSHED_EVENTS.unpushed(PUSHED_EVENTS.cursor(conn))
            rows = conn.execute(
                EVENT_ROWS.where(unpushed).order_by(EVENTS.c.seq).limit(limit)
            ).all()
        return [event_from_row(r) for r in rows]

    def unpushed_posts(self, limit: int) -> list[tuple[Post, str | None]]:
        """Posts stored here that the hub hasn't got yet, as (post, case id), oldest first."""
        with self._read() as conn:
            unpushed = PUSHED_POSTS.unpushed(PUSHED_POSTS.cursor(conn))
            rows = conn.execute(
                select(POSTS).where(unpushed).order_by(POSTS.c.pk).limit(limit)
            ).all()
            cases = home_cases(conn, [r.pk for r in rows])
        return [(post_from_row(r), cases.get(r.pk)) for r in rows]

    def count_unpushed(self) -> int:
        with self._read() as conn:
            return sum(
                int(conn.scalar(select(func.count()).where(p.unpushed(p.cursor(conn)))) or 0)
                for p in (PUSHED_EVENTS, PUSHED_POSTS)
            )

    def mark_pushed(self, events: Mapping[str, int], posts: Mapping[str, int]) -> None:
        """The hub's answers for the oldest unpushed events and posts (0: it has them,
        -1: it refused them): they are not pushed again (push_cursor.py)."""
        with self.unit() as uow:
            uow.mark_pushed(events, posts)

    def apply_pulled(
        self,
        events: Sequence[tuple[Event, int]],
        posts: Sequence[tuple[Post, str | None, int]] = (),
        held: Sequence[Mapping[str, Any]] = (),
        state: Mapping[str, str] | None = None,
        release: Iterable[str] = (),
    ) -> list[Event]:
        """Store what was pulled from the hub, in one transaction: events (origin "hub";
        those stored already count once) with their hub numbers, posts as (post, case id,
        hub number), events this version can't read (`held`), and the new cursor in
        `state`. `release` names held events now applied. Returns the events that were new.
        """
        with self.unit() as uow:
            links = uow.add_pulled_posts(posts, {e.case_id for e, _ in events})
            new = uow.append_events([e for e, _ in events], origin="hub")
            uow.link_posts(links)
            uow.set_hub_seqs({e.id: seq for e, seq in events})
            uow.hold_events(held)
            uow.release_held(list(release))
            uow.set_sync_values(state or {})
        return new

    def held_events(self) -> list[dict[str, Any]]:
        """The pulled events kept unread (their kind was unknown), as received."""
        with self._read() as conn:
            bodies = conn.scalars(select(HELD_EVENTS.c.body).order_by(HELD_EVENTS.c.hub_seq))
            return [dict(b) for b in bodies]

    # -- desk-local: unsent drafts and seen marks (the console's own; never synced) -----

    def save_draft(self, case_id: str, kind: str, text: str, error: str = "") -> None:
        """Keep the unsent text of a case (replacing the last); blank text with no error
        removes the draft."""
        if not text.strip() and not error:
            self.delete_draft(case_id, kind)
            return
        values = {
            "case_id": case_id,
            "kind": kind,
            "text": text,
            "error": error,
            "updated_at": datetime.now(UTC),
        }
        stmt = sqlite_insert(DRAFTS).values(values)
        with self._write() as conn:
            conn.execute(
                stmt.on_conflict_do_update(
                    index_elements=[DRAFTS.c.case_id, DRAFTS.c.kind],
                    set_={k: stmt.excluded[k] for k in ("text", "error", "updated_at")},
                )
            )

    def get_draft(self, case_id: str, kind: str) -> DraftRecord | None:
        with self._read() as conn:
            row = conn.execute(
                select(DRAFTS).where(DRAFTS.c.case_id == case_id, DRAFTS.c.kind == kind)
            ).first()
        if row is None:
            return None
        return DraftRecord(row.case_id, row.kind, row.text, row.error, row.updated_at)

    def delete_draft(self, case_id: str, kind: str) -> None:
        with self._write() as conn:
            conn.execute(delete(DRAFTS).where(DRAFTS.c.case_id == case_id, DRAFTS.c.kind == kind))

    def drafts(self) -> list[DraftRecord]:
        """Every unsent draft on this desk, the most recently touched first."""
        with self._read() as conn:
            rows = conn.execute(select(DRAFTS).order_by(DRAFTS.c.updated_at.desc())).all()
        return [DraftRecord(r.case_id, r.kind, r.text, r.error, r.updated_at) for r in rows]

    def mark_seen(self, case_id: str, last_event_id: str) -> None:
        """This desk has seen the case up to `last_event_id` (a mark never moves back)."""
        stmt = sqlite_insert(CASE_SEEN).values(
            case_id=case_id, last_event_id=last_event_id, seen_at=datetime.now(UTC)
        )
        with self._write() as conn:
            conn.execute(
                stmt.on_conflict_do_update(
                    index_elements=[CASE_SEEN.c.case_id],
                    set_={
                        "last_event_id": stmt.excluded.last_event_id,
                        "seen_at": stmt.excluded.seen_at,
                    },
                    where=id_before(CASE_SEEN.c.last_event_id, stmt.excluded.last_event_id),
                )
            )

    def seen_marks(self, case_ids: Sequence[str]) -> dict[str, str]:
        """case id -> the last event id seen, for those of `case_ids` this desk has seen."""
        found: dict[str, str] = {}
        with self._read() as conn:
            for part in chunked(list(case_ids)):
                rows = conn.execute(
                    select(CASE_SEEN.c.case_id, CASE_SEEN.c.last_event_id).where(
                        CASE_SEEN.c.case_id.in_(part)
                    )
                )
                found.update({r.case_id: r.last_event_id for r in rows})
        return found

    def count_unread(self, filter: CaseFilter = OPEN_CASES) -> int:
        """How many of the cases count_cases counts have events this desk has not seen."""
        unseen = or_(
            CASE_SEEN.c.case_id.is_(None),
            id_before(CASE_SEEN.c.last_event_id, CASES.c.last_event_id),
        )
        joined = CASES.outerjoin(CASE_SEEN, CASE_SEEN.c.case_id == CASES.c.id)
        query = filtered(select(func.count()).select_from(joined), filter).where(unseen)
        with self._read() as conn:
            return int(conn.scalar(query) or 0)

    # -- privacy: blocked posts, access requests, retention -----------------------------

    def posts_by_author(self, handle: str) -> list[tuple[Post, str | None]]:
        """The stored (not blocked) posts written by @handle (any case), with their case."""
        with self._read() as conn:
            rows = conn.execute(
                select(POSTS)
                .where(func.lower(POSTS.c.author_handle) == handle.lower())
                .order_by(POSTS.c.created_at, POSTS.c.pk)
            ).all()
            cases = home_cases(conn, [r.pk for r in rows])
        return [(post_from_row(r), cases.get(r.pk)) for r in rows]

    def source_ids_to_check(self, source: str, since: datetime | None = None) -> list[str]:
        """The source ids of this source's stored posts that are not blocked (the town's
        own included: X reports them too); only those received since `since` if given."""
        query = (
            select(POSTS.c.source_id)
            .where(POSTS.c.source == source)
            .where(POSTS.c.id.not_in(select(BLOCKED_POSTS.c.post_id)))
            .order_by(POSTS.c.pk)
        )
        if since is not None:
            received = type_coerce(POSTS.c.created_at, Integer) + POSTS.c.received_after
            query = query.where(received >= to_micros(since))
        with self._read() as conn:
            return list(conn.scalars(query))

    def posts_of_source_ids(self, source: str, source_ids: Sequence[str]) -> dict[str, list[str]]:
        """Case id -> ids of its stored posts among these source ids (posts in no case
        are left out)."""
        found: dict[str, list[str]] = {}
        with self._read() as conn:
            for part in chunked(list(dict.fromkeys(source_ids))):
                rows = conn.execute(
                    select(POSTS.c.pk, POSTS.c.id)
                    .where(POSTS.c.source == source)
                    .where(POSTS.c.source_id.in_(part))
                ).all()
                cases = home_cases(conn, [row.pk for row in rows])
                for post_pk, post_id in rows:
                    if post_pk in cases:
                        found.setdefault(cases[post_pk], []).append(post_id)
        return found

    def blocked_posts(self, handle: str = "") -> list[BlockedPostRecord]:
        """The blocked posts (all, or those of @handle whose original is still kept)."""
        query = select(BLOCKED_POSTS).order_by(BLOCKED_POSTS.c.blocked_at, BLOCKED_POSTS.c.post_id)
        if handle:
            query = query.where(func.lower(BLOCKED_POSTS.c.author_handle) == handle.lower())
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [
            BlockedPostRecord(
                post_id=r.post_id,
                case_id=r.case_id,
                event_id=r.event_id,
                reason=r.reason,
                blocked_at=r.blocked_at,
                destroy_after=r.destroy_after,
                original=json.loads(r.original) if r.original else None,
            )
            for r in rows
        ]

    def destroy_blocked(self, now: datetime) -> int:
        """Destroy the blocked originals whose keeping period is over; returns how many."""
        with self._write() as conn:
            destroyed = destroy(conn, now)
        if destroyed:
            self._scrub()
        return destroyed

    def _scrub(self) -> None:
        """Leave no copy of wiped text in the file: the search index is merged (its old
        segments held the words), the file rebuilt without free pages, the WAL emptied."""
        with storage_errors(self.path):
            raw = self._engine.raw_connection()
            try:
                cursor = raw.cursor()
                cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
                cursor.execute("VACUUM")
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                cursor.close()
            finally:
                raw.close()

    def finished_cases_before(self, cutoffs: Mapping[str, datetime]) -> dict[str, list[str]]:
        """Cases resolved, closed or rejected before their role's cutoff (`"*"`: any other
        role) -> their posts not blocked yet. Cases without such posts are left out."""
        found: dict[str, list[str]] = {}
        with self._read() as conn:
            rows = conn.execute(
                select(
                    CASES.c.id,
                    CASES.c.role,
                    CASES.c.resolved_at,
                    type_coerce(CASES.c.updated_at, Integer).label("updated_at"),
                ).where(CASES.c.status.in_(Status.finished()))
            ).all()
            old = []
            for row in rows:
                cutoff = cutoffs.get(row.role, cutoffs.get("*"))
                resolved = resolved_from_stored(row.resolved_at, row.updated_at)
                when = row.updated_at if resolved is None else resolved
                if cutoff is not None and when is not None and when < to_micros(cutoff):
                    old.append(row.id)
            for part in chunked(old):
                posts = conn.execute(
                    select(CASES.c.id, POSTS.c.id)
                    .join(CASE_POSTS, CASE_POSTS.c.case_pk == CASES.c.pk)
                    .join(POSTS, POSTS.c.pk == CASE_POSTS.c.post_pk)
                    .where(CASES.c.id.in_(part))
                    .where(POSTS.c.id.not_in(select(BLOCKED_POSTS.c.post_id)))
                    .order_by(CASES.c.id, CASE_POSTS.c.position)
                )
                for case_id, post_id in posts:
                    found.setdefault(case_id, []).append(post_id)
        return found

    # -- the town's record (measures.py) ------------------------------------------------

    def read_measures(self, query: Callable[[Connection], T]) -> T:
        """Run one of measures.py's read functions in a read transaction of its own."""
        with self._read() as conn:
            return query(conn)

    def write_measures(self, change: Callable[[Connection], T]) -> T:
        """Run one of measures.py's writes (calendars, a rebuild) in a write transaction."""
        with self._write() as conn:
            return change(conn)


def _list_posts(conn: Connection, case_pks: Sequence[int]) -> dict[int, _ListPosts]:
    """Case rowid -> (its post ids in order, its first post's author handle, text and
    privacy, the channels its posts came by, the first post's first): a case's list
    header is its first post's, read when listed rather than copied into every case."""
    found: dict[int, _ListPosts] = {}
    if not case_pks:
        return found
    # The rowids as one JSON array: a list page's 200 bound values cost more to expand
    # than the lookups themselves.
    rows = conn.exec_driver_sql(
        "SELECT cp.case_pk, p.id, p.source, p.author_handle, p.text, p.private "
        "FROM case_posts AS cp JOIN posts AS p ON p.pk = cp.post_pk "
        "WHERE cp.case_pk IN (SELECT value FROM json_each(?)) "
        "ORDER BY cp.case_pk, cp.position, p.id",
        (json.dumps(list(case_pks)),),
    ).fetchall()  # at once: iterating a result costs a call per row
    for case_pk, stored_id, source, handle, text, private in rows:
        post_id = id_from_stored(stored_id)
        known = found.get(case_pk)
        if known is None:
            found[case_pk] = ([post_id], handle, text, bool(private), [source] if source else [])
        else:
            known[0].append(post_id)
            if source and source not in known[4]:
                known[4].append(source)
    return found


def _posts_of_cases(conn: Connection, case_pks: Sequence[int]) -> dict[int, list[Post]]:
    """Case rowid -> its posts, in the case's order."""
    found: dict[int, list[Post]] = {}
    for part in chunked(case_pks):
        rows = conn.execute(
            select(CASE_POSTS.c.case_pk.label("link_case"), POSTS)
            .join(POSTS, POSTS.c.pk == CASE_POSTS.c.post_pk)
            .where(CASE_POSTS.c.case_pk.in_(part))
            .order_by(CASE_POSTS.c.case_pk, CASE_POSTS.c.position, POSTS.c.id)
        )
        for row in rows:
            found.setdefault(row.link_case, []).append(post_from_row(row))
    return found
