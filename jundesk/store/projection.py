"""Keeping the `cases` projection and `case_posts` in step with appended events.

A case's row is the fold of its events. Events that come after the stored state are applied
to it; one that sorts earlier (a late sync, a clock behind) makes the case refold from all
its events, so arrival order never changes the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from sqlalchemy import (
    ColumnElement,
    Connection,
    bindparam,
    func,
    select,
    update,
)

from jundesk.core.fold import apply, fold
from jundesk.core.model import Case, Event, Post
from jundesk.store import measures
from jundesk.store.bulk import insert_rows, insert_sql
from jundesk.store.column_types import id_among, id_from_stored, ids_in, stored_id_lists
from jundesk.store.models import CASE_POSTS, CASES, EVENTS, POSTS
from jundesk.store.redaction import block
from jundesk.store.row_mapping import (
    CASE_COLUMNS,
    EVENT_COLUMNS,
    EVENT_ROWS,
    LIST_COLUMNS,
    case_from_values,
    case_values,
    event_from_row,
    event_values,
)

T = TypeVar("T")

# Bound parameters per IN (...) list: well under SQLite's limit of 32,766.
CHUNK = 5000

_INSERT_CASE = insert_sql("cases", ("pk", *CASE_COLUMNS))
# A stored case's row, by its id (the first of CASE_COLUMNS).
_UPDATE_CASE = insert_sql("cases", CASE_COLUMNS, upsert_on=("id",))
_INSERT_EVENT = insert_sql("events", EVENT_COLUMNS)
# Stored cases' rows as case_from_values reads them, by their ids (an IN list follows).
_CASES_BY_ID = f"SELECT {', '.join(LIST_COLUMNS)} FROM cases WHERE id IN "


def chunked(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def stored_event_ids(connection: Connection, ids: Iterable[str]) -> set[str]:
    """Which of these events are stored. The ids go to the driver as stored (16 bytes):
    SQLAlchemy's expanding IN costs more per id than SQLite takes to look it up."""
    found: set[str] = set()
    for _, part in stored_id_lists(ids):
        condition, params = ids_in(part)
        rows = connection.exec_driver_sql(f"SELECT id FROM events WHERE {condition}", params)
        found.update(id_from_stored(row[0]) for row in rows)
    return found


@dataclass(slots=True)
class _Outcome:
    case: Case
    refolded: bool
    pk: int | None = None  # the case's rowid, None while it has no row


_REPOSITION = (
    update(CASE_POSTS)
    .where(CASE_POSTS.c.case_pk == bindparam("b_case"))
    .where(CASE_POSTS.c.post_pk == bindparam("b_post"))
    .values(position=bindparam("b_position"))
)


class _Numbers:
    """Numbers for new rows of one write transaction: after the column's highest, as
    SQLite numbers rowids (nobody else writes meanwhile)."""

    def __init__(self, connection: Connection, column: ColumnElement[int]) -> None:
        self._conn = connection
        self._column = column
        self._next: int | None = None

    def take(self, count: int) -> int:
        """The first of `count` numbers in a row."""
        if self._next is None:
            self._next = (self._conn.scalar(select(func.max(self._column))) or 0) + 1
        first = self._next
        self._next += count
        return first


class CaseProjection:
    """The projection work of one write transaction (it caches what it has read)."""

    def __init__(self, connection: Connection) -> None:
        self._conn = connection
        self._links: dict[str, dict[str, int]] = {}  # case id -> post id -> position
        # Links made before their case's row (intake stores a case's posts, then the
        # events that make the case): written once the case has its rowid.
        self._waiting: list[tuple[str, str, int]] = []
        self._new_posts: dict[str, Post] = {}  # posts stored in this transaction
        self._seqs = _Numbers(connection, EVENTS.c.seq)
        self._new_case_pks = _Numbers(connection, CASES.c.pk)
        # Rowids known without asking: posts stored in this transaction, and cases read or
        # written in it.
        self._post_pks: dict[str, int] = {}
        self._case_pks: dict[str, int] = {}
        # Cases looked for and not stored, until this transaction writes them (only this
        # class writes cases): intake's new cases are looked for once, not three times.
        self._absent_cases: set[str] = set()

    # -- posts in cases ---------------------------------------------------------------

    def remember_posts(self, posts: Sequence[Post], pks: Sequence[int]) -> None:
        """Posts just stored, with the rowids they were given."""
        for post, pk in zip(posts, pks, strict=True):
            self._new_posts[post.id] = post
            self._post_pks[post.id] = pk

    def link(self, pairs: Sequence[tuple[str, str]]) -> None:
        """Put each post in its case after the case's last post (known pairs are kept)."""
        if not pairs:
            return
        self._load_links(case_id for case_id, _ in pairs)
        new: list[tuple[str, str, int]] = []
        for case_id, post_id in pairs:
            links = self._links[case_id]
            if post_id in links:
                continue
            position = max(links.values(), default=-1) + 1
            links[post_id] = position
            new.append((case_id, post_id, position))
        self._write_links(new)

    def waiting_links(self) -> list[tuple[str, str]]:
        """(case id, post id) of the links still waiting for their case's row."""
        return [(case_id, post_id) for case_id, post_id, _ in self._waiting]

    def _write_links(
        self, links: Sequence[tuple[str, str, int]], *, refresh_measures: bool = True
    ) -> None:
        """Store (case id, post id, position) links; those whose case has no row yet wait
        for it (see _flush_waiting)."""
        if not links:
            return
        case_pks = self._rowids("cases", [case_id for case_id, _, _ in links])
        post_pks = self._rowids("posts", [post_id for _, post_id, _ in links])
        rows: list[dict[str, Any]] = []
        for case_id, post_id, position in links:
            case_pk = case_pks.get(case_id)
            if case_pk is None:
                self._waiting.append((case_id, post_id, position))
                continue
            rows.append({"case_pk": case_pk, "post_pk": post_pks[post_id], "position": position})
        if rows:
            insert_rows(self._conn, CASE_POSTS, rows)
        if rows and refresh_measures:
            # A case's first post names its channel.
            firsts = [case_id for case_id, _, position in links if position == 0]
            measures.refresh(self._conn, [case_pks[c] for c in firsts if c in case_pks])

    def _flush_waiting(self) -> None:
        """Write the links that waited for cases stored since (append refreshes those
        cases' measures itself)."""
        if self._waiting:
            waiting, self._waiting = self._waiting, []
            self._write_links(waiting, refresh_measures=False)

    def _load_links(self, case_ids: Iterable[str]) -> None:
        """Read these cases' links, and learn their rowids or that they are not stored."""
        missing = [c for c in dict.fromkeys(case_ids) if c not in self._links]
        if not missing:
            return
        unknown = [c for c in missing if c not in self._absent_cases]
        for case_id in missing:
            self._links[case_id] = {}
        found: set[str] = set()
        for marks, part in stored_id_lists(unknown):
            rows = self._conn.exec_driver_sql(
                "SELECT c.id, c.pk, p.id, cp.position FROM cases c "
                "LEFT JOIN case_posts cp ON cp.case_pk = c.pk "
                "LEFT JOIN posts p ON p.pk = cp.post_pk "
                f"WHERE c.id IN {marks}",
                part,
            )
            for stored_id, case_pk, post_id, position in rows:
                case_id = id_from_stored(stored_id)
                found.add(case_id)
                self._case_pks[case_id] = case_pk
                if post_id is not None:
                    self._links[case_id][id_from_stored(post_id)] = position
        self._absent_cases.update(c for c in unknown if c not in found)

    # -- events -----------------------------------------------------------------------

    def append(self, events: Sequence[Event], origin: str = "local") -> list[Event]:
        """Store the events not stored yet and update their cases; returns those new ones."""
        unique: dict[str, Event] = {}
        for event in events:
            unique.setdefault(event.id, event)
        if not unique:
            return []
        stored = self._stored_cases({event.case_id for event in unique.values()})
        # An event is stored after its case's row, so this desk's own events of a case not
        # stored yet are new (intake's, mostly). A pulled event is looked up whatever its
        # case: one naming another case than it was stored with counts once, not twice.
        maybe = [e.id for e in unique.values() if origin != "local" or e.case_id in stored]
        known = self._stored_event_ids(maybe)
        new = [e for e in unique.values() if e.id not in known]
        if not new:
            return []
        by_case: dict[str, list[Event]] = {}
        for event in new:
            by_case.setdefault(event.case_id, []).append(event)
        outcomes = self._project(by_case, stored)
        case_pks = self._write_cases(outcomes)
        # The events after their cases' rows: each holds its case's rowid.
        seq = self._seqs.take(len(new))
        self._conn.exec_driver_sql(
            _INSERT_EVENT,
            [event_values(e, seq + i, origin, case_pks[e.case_id]) for i, e in enumerate(new)],
        )
        self._flush_waiting()
        self._link_case_posts(outcomes)
        block(self._conn, new)
        measures.refresh(self._conn, case_pks.values())
        return new

    def _stored_event_ids(self, ids: Sequence[str]) -> set[str]:
        return stored_event_ids(self._conn, ids) if ids else set()

    def _stored_cases(self, case_ids: Iterable[str]) -> dict[str, Sequence[Any]]:
        """Case id -> stored row (LIST_COLUMNS, as stored), of these cases."""
        found: dict[str, Sequence[Any]] = {}
        wanted = [c for c in case_ids if c not in self._absent_cases]
        for marks, part in stored_id_lists(wanted):
            rows = self._conn.exec_driver_sql(_CASES_BY_ID + marks, part).fetchall()
            found.update((id_from_stored(row[1]), row) for row in rows)
        self._absent_cases.update(c for c in wanted if c not in found)
        return found

    def _project(
        self, by_case: Mapping[str, list[Event]], stored: Mapping[str, Sequence[Any]]
    ) -> dict[str, _Outcome]:
        outcomes: dict[str, _Outcome] = {}
        for case_id, case_events in by_case.items():
            row = stored.get(case_id)
            if row is None:
                outcomes[case_id] = _Outcome(fold(case_events), refolded=False)
            else:
                outcomes[case_id] = self._advance(row, case_events)
                outcomes[case_id].pk = row[0]
        return outcomes

    def _advance(self, row: Sequence[Any], case_events: list[Event]) -> _Outcome:
        current = case_from_values(row)
        case_events.sort(key=lambda e: (e.at, e.id))
        first = case_events[0]
        if current.updated_at is not None and (first.at, first.id) > (
            current.updated_at,
            current.last_event_id,
        ):
            case = current
            for event in case_events:
                case = apply(case, event)
            return _Outcome(case, refolded=False)
        # Its stored events and these new ones (stored after the case's row).
        stored = self._conn.execute(EVENT_ROWS.where(EVENTS.c.case_pk == row[0]))
        everything = [event_from_row(r) for r in stored]
        return _Outcome(fold([*everything, *case_events]), refolded=True)

    def _stored_posts(self, post_ids: Iterable[str]) -> set[str]:
        """Which of these posts are stored (in this transaction or before)."""
        found: set[str] = set()
        elsewhere: list[str] = []
        for post_id in dict.fromkeys(post_ids):
            if post_id in self._new_posts:
                found.add(post_id)
            else:
                elsewhere.append(post_id)
        for part in chunked(elsewhere):
            found.update(self._conn.scalars(select(POSTS.c.id).where(id_among(POSTS.c.id, part))))
        return found

    def _write_cases(self, outcomes: Mapping[str, _Outcome]) -> dict[str, int]:
        """Store the cases' rows; returns case id -> rowid. A new case's rowid is given
        here, as SQLite would (the highest plus one), so nobody has to ask for it."""
        fresh = [o for o in outcomes.values() if o.pk is None]
        stored = [case_values(o.case) for o in outcomes.values() if o.pk is not None]
        if fresh:
            first = self._new_case_pks.take(len(fresh))
            for n, outcome in enumerate(fresh):
                outcome.pk = first + n
            self._conn.exec_driver_sql(_INSERT_CASE, [(o.pk, *case_values(o.case)) for o in fresh])
        if stored:
            self._conn.exec_driver_sql(_UPDATE_CASE, stored)
        pks = {case_id: cast(int, o.pk) for case_id, o in outcomes.items()}
        self._case_pks.update(pks)
        self._absent_cases.difference_update(pks)
        return pks

    def _rowids(self, table: str, ids: Sequence[str]) -> dict[str, int]:
        """Id -> rowid of the stored rows of `table` ("cases" or "posts") among these
        ids, from what this transaction wrote or else from the table."""
        known = self._case_pks if table == "cases" else self._post_pks
        found = {i: known[i] for i in ids if i in known}
        absent = self._absent_cases if table == "cases" else set()
        missing = [i for i in ids if i not in found and i not in absent]
        if missing:
            asked = _pks(self._conn, table, missing)
            known.update(asked)
            found.update(asked)
        return found

    def _link_case_posts(self, outcomes: Mapping[str, _Outcome]) -> None:
        with_posts = {cid: o for cid, o in outcomes.items() if o.case.post_ids}
        if not with_posts:
            return
        self._load_links(with_posts)
        candidates = [
            post_id
            for case_id, outcome in with_posts.items()
            for post_id in outcome.case.post_ids
            if post_id not in self._links[case_id]
        ]
        # Events can name posts this desk hasn't received yet (from the hub): link only
        # the stored ones.
        stored = self._stored_posts(candidates) if candidates else set()
        self.link(
            [
                (case_id, post_id)
                for case_id, outcome in with_posts.items()
                for post_id in outcome.case.post_ids
                if post_id in stored
            ]
        )
        for case_id, outcome in with_posts.items():
            if outcome.refolded:
                self._reposition(case_id, outcome.case.post_ids)

    def _reposition(self, case_id: str, order: Sequence[str]) -> None:
        """Number a refolded case's posts in fold order, then any others as they were."""
        links = self._links[case_id]
        ranked = [p for p in order if p in links]
        placed = set(ranked)
        ranked += sorted((p for p in links if p not in placed), key=links.__getitem__)
        moves = [(p, n) for n, p in enumerate(ranked) if links[p] != n]
        if moves:
            case_pk = self._rowids("cases", [case_id])[case_id]
            post_pks = self._rowids("posts", [p for p, _ in moves])
            self._conn.execute(
                _REPOSITION,
                [{"b_case": case_pk, "b_post": post_pks[p], "b_position": n} for p, n in moves],
            )
            links.update(moves)


def _pks(conn: Connection, table: str, ids: Sequence[str]) -> dict[str, int]:
    """Id -> rowid of the stored rows of `table` ("cases" or "posts") among these ids. The
    ids are bound as stored (16 bytes): json_each gives text, which no id stored as bytes
    equals."""
    found: dict[str, int] = {}
    for marks, part in stored_id_lists(ids):
        # The posts' ids are indexed by their prefixes (ix_posts_id_prefix), the cases' whole.
        condition, params = ids_in(part) if table == "posts" else (f"id IN {marks}", part)
        rows = conn.exec_driver_sql(f"SELECT id, pk FROM {table} WHERE {condition}", params)
        found.update((id_from_stored(row_id), pk) for row_id, pk in rows)
    return found
