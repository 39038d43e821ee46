"""The town's intake, written straight into the hub by the desk holding the intake lease.

It offers the operations the intake (jundesk.app.ingest) does on a local store — look up
what is stored, add posts, events, the cursor and the reads — against the hub, in one hub
transaction per page, on the lock's own session. So a page, its cursor and its read count
commit together for the whole town, and a collector that lost its lock can't commit.
Every desk, the collector's own included, then gets the page by pulling.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import psycopg

from jundesk.core.fold import fold
from jundesk.core.model import Cursor, Event, Post, Status
from jundesk.sync.collector_lock import CollectorLock
from jundesk.sync.hub_writes import write
from jundesk.sync.wire import HubEventRow

log = logging.getLogger(__name__)

MAX_MERGE_HOPS = 32


def month_of(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m")


def _read_cursor(conn: psycopg.Connection[Any], source: str, key: str) -> Cursor:
    row = conn.execute(
        "SELECT since_id, sweep_top, sweep_bottom FROM intake_cursors "
        "WHERE source = %s AND key = %s",
        (source, key),
    ).fetchone()
    if row is None:
        return Cursor(source=source, key=key)
    return Cursor(source, key, str(row[0]), str(row[1]), str(row[2]))


class HubIntakeUnit:
    """One page's work on the hub (jundesk.app.ingest's IntakeUnit). Lookups read at
    once; writes go in at the end."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn
        self._posts: list[tuple[Post, str | None]] = []
        self._events: list[Event] = []
        self._cursors: dict[tuple[str, str], Cursor] = {}
        self._reads: dict[tuple[str, str], int] = {}

    # -- what is stored ----------------------------------------------------------------

    def existing_source_ids(self, source: str, source_ids: Iterable[str]) -> set[str]:
        wanted = list(dict.fromkeys(source_ids))
        if not wanted:
            return set()
        rows = self._conn.execute(
            "SELECT source_id FROM posts WHERE source = %s AND source_id = ANY(%s)",
            (source, wanted),
        ).fetchall()
        return {str(r[0]) for r in rows}

    def cases_for_source_ids(self, source: str, source_ids: Iterable[str]) -> dict[str, str]:
        """source_id -> case id (after merges) of the stored posts with those ids."""
        wanted = list(dict.fromkeys(source_ids))
        if not wanted:
            return {}
        rows = self._conn.execute(
            "SELECT source_id, case_id FROM posts "
            "WHERE source = %s AND source_id = ANY(%s) AND case_id IS NOT NULL",
            (source, wanted),
        ).fetchall()
        direct = {str(sid): str(cid) for sid, cid in rows}
        final = self._follow_merges(direct.values())
        return {sid: final[cid] for sid, cid in direct.items()}

    def cases_for_conversations(
        self, source: str, conversation_ids: Iterable[str]
    ) -> dict[str, str]:
        """conversation id -> case id (after merges) of the conversation's latest post
        that has a case."""
        wanted = [c for c in dict.fromkeys(conversation_ids) if c]
        if not wanted:
            return {}
        rows = self._conn.execute(
            "SELECT DISTINCT ON (conversation_id) conversation_id, case_id FROM posts "
            "WHERE source = %s AND conversation_id = ANY(%s) AND case_id IS NOT NULL "
            "ORDER BY conversation_id, created_at DESC, id DESC",
            (source, wanted),
        ).fetchall()
        direct = {str(conv): str(cid) for conv, cid in rows}
        final = self._follow_merges(direct.values())
        return {conv: final[cid] for conv, cid in direct.items()}

    def case_statuses(self, case_ids: Iterable[str]) -> dict[str, Status]:
        """case id -> its status now, for those of `case_ids` the hub holds: the fold of
        the case's events on the hub (the hub keeps no status of its own)."""
        wanted = list(dict.fromkeys(case_ids))
        if not wanted:
            return {}
        rows = self._conn.execute(
            "SELECT hub_seq, id, case_id, kind, at, body FROM events WHERE case_id = ANY(%s)",
            (wanted,),
        ).fetchall()
        by_case: dict[str, list[Event]] = {}
        for row in rows:
            try:
                event = HubEventRow(
                    int(row[0]), str(row[1]), str(row[2]), str(row[3]), row[4], str(row[5])
                ).event()
            except ValueError:
                continue
            if event is not None:
                by_case.setdefault(event.case_id, []).append(event)
        return {case_id: fold(events).status for case_id, events in by_case.items()}

    def _follow_merges(self, case_ids: Iterable[str]) -> dict[str, str]:
        final = {case_id: case_id for case_id in case_ids}
        for _ in range(MAX_MERGE_HOPS):
            frontier = sorted(set(final.values()))
            if not frontier:
                break
            rows = self._conn.execute(
                "SELECT id, merged_into FROM cases WHERE id = ANY(%s) AND merged_into <> ''",
                (frontier,),
            ).fetchall()
            moved = {str(i): str(m) for i, m in rows}
            if not moved:
                break
            final = {start: moved.get(end, end) for start, end in final.items()}
        return final

    # -- what the page adds --------------------------------------------------------------

    def add_posts(self, posts: Sequence[Post], case_ids: Sequence[str | None]) -> None:
        if len(posts) != len(case_ids):
            raise ValueError(f"{len(posts)} posts but {len(case_ids)} case ids")
        self._posts += list(zip(posts, case_ids, strict=True))

    def append_events(
        self,
        events: Sequence[Event],
        first_posts: Mapping[str, Post] | None = None,
        *,
        origin: str = "local",
    ) -> list[Event]:
        self._events += list(events)
        return list(events)

    def get_cursor(self, source: str, key: str) -> Cursor:
        return self._cursors.get((source, key)) or _read_cursor(self._conn, source, key)

    def save_cursor(self, cursor: Cursor) -> None:
        self._cursors[(cursor.source, cursor.key)] = cursor

    def add_reads(self, source: str, n: int, at: datetime) -> None:
        if n < 0:
            raise ValueError("reads can't be negative")
        key = (month_of(at), source)
        self._reads[key] = self._reads.get(key, 0) + n

    def flush(self) -> None:
        """Write the page: events first, so their numbers come before their posts'."""
        refused = write(self._conn, self._events, self._posts)
        if refused:
            # A collector is a front desk: only rows the hub can't store at all end here.
            # Reading the page again would not change them, so the rest goes in.
            log.warning(
                "The hub refused %d events and %d posts of this page: %s",
                len(refused.events),
                len(refused.posts),
                ", ".join((refused.events + refused.posts)[:5]),
            )
        # Through the hub's functions, which check that this session holds the intake.
        for cursor in self._cursors.values():
            self._conn.execute(
                "SELECT hub_save_cursor(%s, %s, %s, %s, %s)",
                (cursor.source, cursor.key, cursor.since_id, cursor.sweep_top, cursor.sweep_bottom),
            )
        for (month, source), n in self._reads.items():
            self._conn.execute("SELECT hub_add_reads(%s, %s, %s)", (month, source, n))


class HubIntake:
    """The town's intake data on the hub, through the intake lock's session.

    It keeps the promises of the intake's store (jundesk.app.ingest's IntakeStore: `unit`,
    `get_cursor`, `reads_this_month`), so the intake loop and the ingestor run unchanged
    over it.
    """

    def __init__(self, lock: CollectorLock) -> None:
        self.lock = lock

    @contextmanager
    def unit(self) -> Iterator[HubIntakeUnit]:
        """One hub transaction on the lock's session: commits when the block ends. It starts
        by renewing the lease, which stays locked until the commit (LeaseLost if another
        desk took the intake over: nothing of the page is written)."""
        with self.lock.mutex:
            conn = self.lock.connection
            with conn.transaction():
                self.lock.fence()
                unit = HubIntakeUnit(conn)
                yield unit
                unit.flush()

    def get_cursor(self, source: str, key: str) -> Cursor:
        with self.lock.mutex:
            return _read_cursor(self.lock.connection, source, key)

    def reads_this_month(self, source: str, now: datetime) -> int:
        with self.lock.mutex:
            row = self.lock.connection.execute(
                "SELECT reads FROM read_usage WHERE month = %s AND source = %s",
                (month_of(now), source),
            ).fetchone()
        return int(row[0]) if row else 0
