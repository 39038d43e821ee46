"""Replication of one desk with the town's hub: push what this desk made, pull the rest.

Pushing is idempotent by id (the hub skips rows it has), so a push cut off half-way is
simply pushed again. Pulling takes everything after the desk's cursor, which is stored in
the same local transaction as the rows it covers, and applies it through the store's
fold, which ignores events it holds already. Hub numbers are taken under a lock (see the
hub's first migration), so "everything after the cursor" never misses a late commit.

Network steps (`send`, `fetch`) and local steps (`outgoing`, `record_push`, `apply`) are
separate, so the app can run them on its network thread and its database writer thread.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import psycopg

from jundesk.core.model import Case, Event, EventKind, Post
from jundesk.sync.claims import ClaimLost, lost_claims
from jundesk.sync.hub_admin import my_desk
from jundesk.sync.hub_connection import busy_hub
from jundesk.sync.hub_writes import Refused, write
from jundesk.sync.replica import Replica
from jundesk.sync.wire import HubEventRow, post_from_hub

log = logging.getLogger(__name__)

CURSOR_KEY = "hub.cursor"
HUB_ID_KEY = "hub.id"
PUSH_BATCH = 1000
PULL_BATCH = 5000
PUSHED = 0  # local hub_seq of a row the hub has (its number is learnt when pulled back)
REFUSED = -1  # local hub_seq of a row the hub would not take: it is not pushed again
LOCAL_ONLY = REFUSED  # a post of a desk that is no front desk: it stays on the desk


@dataclass(frozen=True, slots=True)
class Outgoing:
    events: list[Event]
    posts: list[tuple[Post, str | None]]

    @property
    def empty(self) -> bool:
        return not self.events and not self.posts


@dataclass(frozen=True, slots=True)
class PulledBatch:
    """Rows after a cursor, up to `cursor` (every row up to it that this desk may see)."""

    rows: list[HubEventRow]
    posts: list[tuple[Post, str | None, int]]
    cursor: int
    more: bool
    unreadable_posts: int = 0


@dataclass(slots=True)
class Applied:
    """What one pulled batch changed on this desk."""

    new_events: list[Event] = field(default_factory=list)
    claims_lost: list[ClaimLost] = field(default_factory=list)
    rerouted: list[Event] = field(default_factory=list)  # corrections made elsewhere
    held: int = 0  # events of kinds this version doesn't know, kept aside

    @property
    def case_ids(self) -> list[str]:
        return list(dict.fromkeys(e.case_id for e in self.new_events))


@dataclass(slots=True)
class SyncReport:
    pushed: int = 0
    refused: int = 0
    pulled: int = 0  # new events stored here
    held: int = 0
    cursor: int = 0
    claims_lost: list[ClaimLost] = field(default_factory=list)
    rerouted: list[Event] = field(default_factory=list)
    case_ids: list[str] = field(default_factory=list)

    def add(self, applied: Applied) -> None:
        self.pulled += len(applied.new_events)
        self.held += applied.held
        self.claims_lost += applied.claims_lost
        self.rerouted += applied.rerouted
        self.case_ids += [c for c in applied.case_ids if c not in self.case_ids]


class Replicator:
    """Replicates one desk's store (`replica`) with a hub, over connections it is given.

    `desk` is the name this desk's events carry as actor (to tell its claims from
    others'). Connections must be in autocommit mode: each step runs its own transaction.
    """

    def __init__(
        self,
        replica: Replica,
        desk: str,
        *,
        push_batch: int = PUSH_BATCH,
        pull_batch: int = PULL_BATCH,
    ) -> None:
        self.replica = replica
        self.desk = desk
        self.push_batch = push_batch
        self.pull_batch = pull_batch
        self._cursor: int | None = None
        # Whether the hub knows this desk as a front desk (None: not asked yet). Only front
        # desks write posts on the hub; another desk's posts (its replies, a walk-in it
        # logged) stay on it, and what it did travels as its events.
        self.front_desk: bool | None = None

    # -- local steps (the desk's database) ---------------------------------------------

    def cursor(self) -> int:
        if self._cursor is None:
            self._cursor = int(self.replica.sync_value(CURSOR_KEY) or 0)
        return self._cursor

    def adopt_hub(self, hub_id: str) -> bool:
        """Remember which hub this desk syncs with; a different hub (rebuilt, or another
        town) starts the pull from the beginning. True when the cursor was reset."""
        known = self.replica.sync_value(HUB_ID_KEY)
        if known == hub_id:
            return False
        self.replica.set_sync_values({HUB_ID_KEY: hub_id, CURSOR_KEY: "0"})
        self._cursor = 0
        if known is not None:
            log.warning("This desk now syncs with another hub: pulling everything again")
        return known is not None

    def outgoing(self) -> Outgoing:
        posts = self.replica.unpushed_posts(self.push_batch)
        while posts and self.front_desk is False:
            self.replica.mark_pushed({}, {p.id: LOCAL_ONLY for p, _ in posts})
            posts = self.replica.unpushed_posts(self.push_batch)
        return Outgoing(self.replica.unpushed_events(self.push_batch), posts)

    def record_push(self, outgoing: Outgoing, refused: Refused) -> None:
        if refused:
            log.warning(
                "The hub refused %d events and %d posts of this desk (not its cases?): "
                "they stay on this desk only",
                len(refused.events),
                len(refused.posts),
            )
        bad_events, bad_posts = set(refused.events), set(refused.posts)
        self.replica.mark_pushed(
            {e.id: REFUSED if e.id in bad_events else PUSHED for e in outgoing.events},
            {p.id: REFUSED if p.id in bad_posts else PUSHED for p, _ in outgoing.posts},
        )

    def apply(self, batch: PulledBatch) -> Applied:
        """Store a pulled batch and move the cursor, in one local transaction."""
        events: list[tuple[Event, int]] = []
        held: list[dict[str, Any]] = []
        for row in batch.rows:
            event = _readable(row)
            if event is None:
                held.append(row.as_held())
            else:
                events.append((event, row.hub_seq))
        watched = self._claims_to_watch(e for e, _ in events)
        new = self.replica.apply_pulled(events, batch.posts, held, {CURSOR_KEY: str(batch.cursor)})
        self._cursor = batch.cursor
        claims = self._lost(watched) if watched else []
        return Applied(
            new_events=new,
            claims_lost=claims,
            rerouted=[e for e in new if e.kind is EventKind.REROUTED],
            held=len(held),
        )

    def retry_held(self) -> Applied:
        """Apply the held events this version can now read (after an upgrade)."""
        readable: list[tuple[Event, int]] = []
        for held in self.replica.held_events():
            row = HubEventRow.from_held(held)
            event = _readable(row)
            if event is not None:
                readable.append((event, row.hub_seq))
        if not readable:
            return Applied()
        new = self.replica.apply_pulled(readable, release=[e.id for e, _ in readable])
        return Applied(new_events=new, rerouted=[e for e in new if e.kind is EventKind.REROUTED])

    def _claims_to_watch(self, events: Iterable[Event]) -> dict[str, Case | None]:
        """The cases this desk holds that pulled ASSIGNED events may take from it."""
        assigned = {
            e.case_id for e in events if e.kind is EventKind.ASSIGNED and e.actor.desk != self.desk
        }
        if not assigned:
            return {}
        before = {c: self.replica.get_case(c) for c in assigned}
        return {c: case for c, case in before.items() if case is not None and case.assignee}

    def _lost(self, before: Mapping[str, Case | None]) -> list[ClaimLost]:
        after = {c: self.replica.get_case(c) for c in before}
        return lost_claims(self.desk, before, after, self.replica.case_events)

    # -- network steps (the hub) ------------------------------------------------------

    @staticmethod
    def hub_id(conn: psycopg.Connection[Any]) -> str:
        with conn.transaction():
            row = conn.execute("SELECT value FROM hub_info WHERE key = 'hub_id'").fetchone()
        if row is None:
            raise ValueError("this database is not a JunDesk hub (run 'jundesk hub init')")
        return str(row[0])

    def send(self, conn: psycopg.Connection[Any], outgoing: Outgoing) -> Refused:
        """Push one batch in one hub transaction; returns what the hub refused. Raises
        HubBusy when the hub made it wait too long (nothing of the batch is in)."""
        with busy_hub(conn), conn.transaction():
            return write(conn, outgoing.events, outgoing.posts)

    def fetch(self, conn: psycopg.Connection[Any], cursor: int) -> PulledBatch:
        """The rows after `cursor` this desk may see, up to a batch, from one snapshot."""
        limit = self.pull_batch
        with busy_hub(conn), conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            found = conn.execute("SELECT hub_horizon()").fetchone()
            horizon = int(found[0]) if found else 0
            if horizon <= cursor:
                return PulledBatch([], [], cursor, more=False)
            # Each event with the desk the hub stamped on it (its pushing role's desk).
            rows = conn.execute(
                "SELECT e.hub_seq, e.id, e.case_id, e.kind, e.at, e.body, "
                "coalesce(d.name, '') FROM events e LEFT JOIN desks d ON d.db_role = e.pushed_by "
                "WHERE e.hub_seq > %s AND e.hub_seq <= %s ORDER BY e.hub_seq LIMIT %s",
                (cursor, horizon, limit),
            ).fetchall()
            upper = int(rows[-1][0]) if len(rows) == limit else horizon
            post_rows = conn.execute(
                "SELECT hub_seq, id, case_id, body FROM posts "
                "WHERE hub_seq > %s AND hub_seq <= %s ORDER BY hub_seq LIMIT %s",
                (cursor, upper, limit),
            ).fetchall()
        if len(post_rows) == limit:
            upper = int(post_rows[-1][0])
            rows = [r for r in rows if int(r[0]) <= upper]
        posts: list[tuple[Post, str | None, int]] = []
        unreadable = 0
        for seq, post_id, case_id, body in post_rows:
            try:
                posts.append((post_from_hub(str(post_id), str(body)), case_id, int(seq)))
            except ValueError:
                unreadable += 1
                log.warning("Post %s on the hub can't be read; skipped", post_id)
        return PulledBatch(
            [
                HubEventRow(int(r[0]), str(r[1]), str(r[2]), str(r[3]), r[4], str(r[5]), str(r[6]))
                for r in rows
            ],
            posts,
            upper,
            more=upper < horizon,
            unreadable_posts=unreadable,
        )

    # -- both, in the calling thread ----------------------------------------------------

    def sync_once(self, conn: psycopg.Connection[Any]) -> SyncReport:
        """Push everything this desk made, then pull everything there is."""
        report = SyncReport()
        self.adopt_hub(self.hub_id(conn))
        desk = my_desk(conn)
        self.front_desk = None if desk is None else desk.front_desk
        while True:
            outgoing = self.outgoing()
            if outgoing.empty:
                break
            refused = self.send(conn, outgoing)
            self.record_push(outgoing, refused)
            report.pushed += len(outgoing.events) + len(outgoing.posts) - len(refused)
            report.refused += len(refused)
        while True:
            batch = self.fetch(conn, self.cursor())
            report.add(self.apply(batch))
            if not batch.more:
                break
        report.cursor = self.cursor()
        return report


def _readable(row: HubEventRow) -> Event | None:
    """The row's event, or None to hold it (unknown kind, or a body this version can't
    read: kept as received rather than lost)."""
    try:
        return row.event()
    except ValueError:
        log.warning("Event %s from the hub can't be read; kept aside", row.id)
        return None
