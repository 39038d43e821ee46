"""What this desk has pushed to the town's hub: a cursor per table, not a mark per row.

Events are pushed in the order they were made (their seq) and posts in the order they were
stored (their rowid), so "everything made here up to N is on the hub" is one number per
table, kept in sync_state. What is still to push is then a rowid range read from N on,
and stores no index entry per row: a desk without a hub used to keep one for every event
and post it ever made.

A row past the cursor is pushed unless its hub_seq is set: pulled from the hub (its number
there), or refused by the hub (-1, kept on the row so it is never pushed again). Events
pulled from the hub (origin "hub") are never pushed back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, Table, and_, select, text

from jundesk.store.column_types import id_to_stored, ids_in
from jundesk.store.models import EVENTS, POSTS, SYNC_STATE
from jundesk.store.projection import chunked

# The hub's answer for a row it has (sync/replicator.py); any other answer (-1: refused)
# is kept as the row's hub_seq.
PUSHED = 0


@dataclass(frozen=True)
class Pushed:
    """One table's cursor: its sync_state key, its rowid column, and which rows past the
    cursor are this desk's to push."""

    key: str
    table: Table
    rowid: str
    unpushed_sql: str

    def unpushed(self, cursor: int) -> ColumnElement[bool]:
        return and_(self.table.c[self.rowid] > cursor, text(self.unpushed_sql))

    def cursor(self, connection: Connection) -> int:
        value = connection.scalar(select(SYNC_STATE.c.value).where(SYNC_STATE.c.key == self.key))
        return int(value or 0)

    def advance(self, connection: Connection, answers: Mapping[str, int]) -> dict[str, str]:
        """The hub's answers for these rows, the oldest unpushed ones: a row it refused
        keeps the answer (-1) as its hub_seq. Returns the cursor's new value for sync_state
        ({} when it stays): the newest of them, unless an unpushed row older than that is
        not among them (then just before it, and the rows after it are pushed again: the
        hub stores nothing twice)."""
        table, rowid = self.table.name, self.rowid
        rowids: dict[int, int] = {}  # rowid -> answer
        stored = {id_to_stored(row_id): answer for row_id, answer in answers.items()}
        for part in chunked(list(stored)):
            # Both tables' ids are indexed by their prefixes (column_types.ID_PREFIX_SQL).
            condition, params = ids_in(part)
            rows = connection.exec_driver_sql(
                f"SELECT {rowid}, id FROM {table} WHERE {condition}", tuple(params)
            )
            rowids.update((number, stored[row_id]) for number, row_id in rows)
        if not rowids:
            return {}
        refused = [(answer, n) for n, answer in rowids.items() if answer != PUSHED]
        if refused:
            connection.exec_driver_sql(f"UPDATE {table} SET hub_seq = ? WHERE {rowid} = ?", refused)
        cursor, top = self.cursor(connection), max(rowids)
        through = top
        for (number,) in connection.exec_driver_sql(
            f"SELECT {rowid} FROM {table} WHERE {rowid} > ? AND {rowid} <= ? "
            f"AND {self.unpushed_sql} ORDER BY {rowid}",
            (cursor, top),
        ):
            if number not in rowids:
                through = number - 1
                break
        return {self.key: str(through)} if through > cursor else {}


PUSHED_EVENTS = Pushed(
    "push.events_through",
    EVENTS,
    "seq",
    "events.origin IS NULL AND events.hub_seq IS NULL",
)
PUSHED_POSTS = Pushed("push.posts_through", POSTS, "pk", "posts.hub_seq IS NULL")
