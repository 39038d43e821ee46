"""Creating and upgrading the hub's schema with its own Alembic environment.

`upgrade_hub` is idempotent: on a hub at head it changes nothing. Database roles are
cluster-wide in PostgreSQL, so the hub's role names start with its database's name and
two hubs on one server never share a desk.
"""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from psycopg import sql
from sqlalchemy import Connection, create_engine
from sqlalchemy.pool import NullPool

from jundesk.sync.hub_connection import HubConnector, HubUnavailable, Purpose
from jundesk.sync.wire import SYSTEM_DESKS

MIGRATIONS = Path(__file__).resolve().parent / "hub_migrations"
VERSION_TABLE = "jundesk_hub_version"
MAX_ROLE_NAME = 63  # PostgreSQL's NAMEDATALEN - 1
_DESK_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class HubUpgradeRefused(RuntimeError):
    """A hub migration can't run as this role; the message says which role it needs."""


def group_role(database: str) -> str:
    """The role every desk of this hub is a member of (it holds the grants)."""
    return f"{database}_desks"


def desk_role(database: str, desk: str) -> str:
    """The database role of a desk on this hub."""
    if not _DESK_NAME.match(desk) or desk == "desks":
        raise ValueError(
            f"{desk!r} can't name a desk: use lowercase letters, digits and _ "
            "(up to 40, starting with a letter), e.g. police_station"
        )
    if desk in SYSTEM_DESKS:
        raise ValueError(
            f"{desk!r} is the name of JunDesk's own actor, not a desk's: choose another name."
        )
    role = f"{database}_{desk}"
    if len(role.encode()) > MAX_ROLE_NAME:
        raise ValueError(f"The desk name {desk!r} is too long for this hub: use a shorter one.")
    return role


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def ensure_database(admin: HubConnector) -> bool:
    """Create the hub's database if the server lacks it; True when it was created."""
    try:
        admin.connect(Purpose.ADMIN).close()
        return False
    except HubUnavailable as exc:
        cause = exc.__cause__
        if not (isinstance(cause, psycopg.OperationalError) and "does not exist" in str(cause)):
            raise
    maintenance = HubConnector(admin.address.without_database(), admin._secret)
    with maintenance.connect(Purpose.ADMIN, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(admin.address.dbname)))
    return True


def upgrade_hub(admin: HubConnector) -> str:
    """Bring the hub's schema, roles and policies to head; returns the revision.

    `admin` connects as a role that may create tables and roles (the server's superuser,
    or the database's owner with CREATEROLE).
    """
    ensure_database(admin)
    engine = create_engine(
        "postgresql+psycopg://",
        creator=lambda: admin.connect(Purpose.ADMIN),
        poolclass=NullPool,
    )
    try:
        with engine.begin() as connection:
            # One hub init at a time: a second one waits, then finds the schema at head.
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(4871502, 0)")
            command.upgrade(alembic_config(connection), "head")
            current = MigrationContext.configure(
                connection, opts={"version_table": VERSION_TABLE}
            ).get_current_revision()
    finally:
        engine.dispose()
    return current or ""


def hub_revision(conn: psycopg.Connection[tuple[object, ...]]) -> str | None:
    """The hub's schema revision, or None when the database holds no hub."""
    row = conn.execute(
        "SELECT to_regclass(%s) IS NOT NULL", (f"public.{VERSION_TABLE}",)
    ).fetchone()
    if not row or not row[0]:
        return None
    found = conn.execute(
        sql.SQL("SELECT version_num FROM {}").format(sql.Identifier(VERSION_TABLE))
    ).fetchone()
    return str(found[0]) if found else None
