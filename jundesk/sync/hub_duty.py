"""The town's duty board on the hub: which desk is on duty, for which roles.

Each desk writes only its own row (row-level security checks it) and refreshes `seen_at`
while it syncs; a desk not seen for a while counts as off duty, since a desk that crashed
or lost the network can't say it left.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import psycopg

STALE_AFTER_S = 180  # a desk on duty not seen for this long no longer covers its roles
HEARTBEAT_S = 60.0  # how often a syncing desk refreshes its row


@dataclass(frozen=True, slots=True)
class DeskDuty:
    desk: str
    roles: tuple[str, ...]
    front_desk: bool
    on_duty: bool  # as the desk last said
    person: str
    changed_at: datetime | None
    seen_at: datetime | None
    fresh: bool  # seen recently enough to count

    @property
    def covering(self) -> bool:
        return self.on_duty and self.fresh


@dataclass(frozen=True, slots=True)
class DutyBoard:
    """Every desk of the town and whether it covers its roles now."""

    desks: tuple[DeskDuty, ...]
    read_at: datetime

    def by_role(self, roles: Iterable[str] = ()) -> dict[str, list[str]]:
        """Role -> names of the desks on duty for it (every role any desk has, plus
        `roles`; an empty list is a role nobody covers)."""
        board: dict[str, list[str]] = {r: [] for r in roles}
        for desk in self.desks:
            for role in desk.roles:
                board.setdefault(role, [])
                if desk.covering:
                    board[role].append(desk.desk)
        return {role: sorted(names) for role, names in sorted(board.items())}

    def uncovered(self, roles: Iterable[str] = ()) -> list[str]:
        """The roles no desk on duty covers."""
        return [role for role, names in self.by_role(roles).items() if not names]

    def covered_by_others(self, role: str, me: str) -> bool:
        return any(d.covering and role in d.roles and d.desk != me for d in self.desks)


def publish(conn: psycopg.Connection[Any], on_duty: bool, person: str) -> None:
    """Say whether this connection's desk is on duty (and who sits at it)."""
    with conn.transaction():
        # The hub's function writes this desk's row only (desks can't write the table).
        conn.execute("SELECT hub_publish_duty(%s, %s)", (on_duty, person))


def heartbeat(conn: psycopg.Connection[Any]) -> None:
    """This desk is still here: keep its duty counting."""
    with conn.transaction():
        conn.execute("SELECT hub_duty_seen()")


def read_board(conn: psycopg.Connection[Any]) -> DutyBoard:
    with conn.transaction():
        rows = conn.execute(
            "SELECT d.name, d.roles, d.front_desk, coalesce(t.on_duty, false), "
            "coalesce(t.person, ''), t.changed_at, t.seen_at, "
            "coalesce(t.seen_at > now() - make_interval(secs => %s), false), now() "
            "FROM desks d LEFT JOIN duty t ON t.desk = d.name "
            "WHERE d.active ORDER BY d.name",
            (STALE_AFTER_S,),
        ).fetchall()
    now = rows[0][8] if rows else datetime.now(UTC)
    return DutyBoard(
        tuple(
            DeskDuty(str(n), tuple(r), bool(f), bool(o), str(p), c, s, bool(fresh))
            for n, r, f, o, p, c, s, fresh, _ in rows
        ),
        now,
    )
