"""Desks of the hub: each is a PostgreSQL role of its own, with a random password.

The password is made here and shown once to the administrator, who gives it to the desk;
the server gets only its SCRAM verifier (computed on this side), so the password appears
in no statement the server could log.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import sql

from jundesk.core.model import UNROUTED
from jundesk.sync.hub_connection import HubConnector, Purpose
from jundesk.sync.hub_schema import desk_role, group_role, hub_revision

PASSWORD_BYTES = 24
# A desk's own session defaults: a desk that went away mid-transaction must not hold the
# hub's sequence lock for long.
ROLE_SETTINGS = {"idle_in_transaction_session_timeout": "60s", "lock_timeout": "30s"}
# A desk needs a few sessions (sync, notifications, the collector's): this many at most, so
# no desk can take the server's connections from the others.
DESK_CONNECTION_LIMIT = 16


class HubNotReady(RuntimeError):
    """The database holds no hub yet."""


class UnknownRole(ValueError):
    """A role no rule file of the town and no desk of the hub knows (a typo, most likely)."""


@dataclass(frozen=True, slots=True)
class DeskInfo:
    name: str
    db_role: str
    roles: tuple[str, ...]
    front_desk: bool
    active: bool


@dataclass(frozen=True, slots=True)
class DeskInvite:
    """What the administrator hands to a desk: where the hub is, as whom, and the password."""

    desk: DeskInfo
    url: str  # without the password
    password: str
    created: bool  # False: the desk existed; its roles were updated and a new password made

    def __repr__(self) -> str:
        return f"DeskInvite(desk={self.desk!r}, url={self.url!r}, password='***')"

    @property
    def join_command(self) -> str:
        return f"jundesk hub join --url {self.url}"


def _clean_roles(
    roles: Sequence[str], front_desk: bool, known: Collection[str] | None = None
) -> tuple[str, ...]:
    cleaned = tuple(dict.fromkeys(r.strip() for r in roles if r.strip()))
    if known is not None:
        unknown = [r for r in cleaned if r not in known and r != UNROUTED]
        if unknown:
            listed = ", ".join(sorted({*known, UNROUTED}))
            raise UnknownRole(
                f"Unknown role{'s' if len(unknown) > 1 else ''}: {', '.join(unknown)}. "
                f"The town's roles are: {listed} (a new role needs its rule file first)."
            )
    if front_desk and UNROUTED not in cleaned:
        cleaned = (*cleaned, UNROUTED)  # the front desk takes what no rule could route
    if not cleaned:
        raise ValueError("Give the desk at least one role, e.g. --roles police")
    return cleaned


def _database(conn: psycopg.Connection[Any]) -> str:
    if hub_revision(conn) is None:
        raise HubNotReady(
            "This database holds no JunDesk hub yet: run 'jundesk hub init --url ...' first."
        )
    row = conn.execute("SELECT current_database()").fetchone()
    assert row is not None
    return str(row[0])


def add_desk(
    admin: HubConnector,
    name: str,
    roles: Sequence[str],
    *,
    front_desk: bool = False,
    known_roles: Collection[str] | None = None,
) -> DeskInvite:
    """Create (or update) the desk `name` and its database role with a new password.

    With `known_roles` (the town's rule files' roles), a role outside them and the roles
    the hub's desks already serve raises UnknownRole, before anything is changed.
    """
    _clean_roles(roles, front_desk)
    password = secrets.token_urlsafe(PASSWORD_BYTES)
    with admin.connect(Purpose.ADMIN, autocommit=True) as conn, conn.transaction():
        database = _database(conn)
        known = None
        if known_roles is not None:
            held = conn.execute("SELECT DISTINCT unnest(roles) FROM desks").fetchall()
            known = {*known_roles, *(str(r[0]) for r in held)}
        wanted = _clean_roles(roles, front_desk, known)
        role = desk_role(database, name)
        verifier = conn.pgconn.encrypt_password(
            password.encode(), role.encode(), b"scram-sha-256"
        ).decode()
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        ident = sql.Identifier(role)
        if exists:
            conn.execute(
                sql.SQL("ALTER ROLE {} LOGIN PASSWORD {}").format(ident, sql.Literal(verifier))
            )
        else:
            conn.execute(
                sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(ident, sql.Literal(verifier))
            )
        conn.execute(
            sql.SQL("ALTER ROLE {} CONNECTION LIMIT {}").format(
                ident, sql.Literal(DESK_CONNECTION_LIMIT)
            )
        )
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(group_role(database)), ident))
        for setting, value in ROLE_SETTINGS.items():
            conn.execute(
                sql.SQL("ALTER ROLE {} SET {} = {}").format(
                    ident, sql.Identifier(setting), sql.Literal(value)
                )
            )
        conn.execute(
            "INSERT INTO desks (name, db_role, roles, front_desk, active) "
            "VALUES (%s, %s, %s, %s, true) "
            "ON CONFLICT (name) DO UPDATE SET roles = excluded.roles, "
            "front_desk = excluded.front_desk, active = true",
            (name, role, list(wanted), front_desk),
        )
    desk = DeskInfo(name, role, wanted, front_desk, True)
    return DeskInvite(desk, admin.address.as_user(role).public_url, password, not exists)


def remove_desk(admin: HubConnector, name: str) -> bool:
    """Stop a desk from connecting; its events stay. False when there was no such desk."""
    with admin.connect(Purpose.ADMIN, autocommit=True) as conn, conn.transaction():
        database = _database(conn)
        role = desk_role(database, name)
        found = conn.execute(
            "UPDATE desks SET active = false WHERE name = %s RETURNING name", (name,)
        ).fetchone()
        if conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
            conn.execute(sql.SQL("ALTER ROLE {} NOLOGIN").format(sql.Identifier(role)))
            # Sessions it has open go too, the collector's lock with them.
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE usename = %s AND datname = current_database()",
                (role,),
            )
    return found is not None


def list_desks(conn: psycopg.Connection[Any]) -> list[DeskInfo]:
    rows = conn.execute(
        "SELECT name, db_role, roles, front_desk, active FROM desks ORDER BY name"
    ).fetchall()
    return [DeskInfo(str(n), str(r), tuple(rs), bool(f), bool(a)) for n, r, rs, f, a in rows]


def my_desk(conn: psycopg.Connection[Any]) -> DeskInfo | None:
    """The desk this connection's role is, or None (not a desk of this hub)."""
    with conn.transaction():
        row = conn.execute(
            "SELECT name, db_role, roles, front_desk, active FROM desks "
            "WHERE db_role = session_user"
        ).fetchone()
    if row is None:
        return None
    name, role, roles, front, active = row
    return DeskInfo(str(name), str(role), tuple(roles), bool(front), bool(active))
