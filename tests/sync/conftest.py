"""Fixtures for the hub tests: a real PostgreSQL, one hub database per session, desks.

The tests skip when PostgreSQL can't be reached, unless JUNDESK_REQUIRE_POSTGRES=1 (set
by .ci/run): then they fail, since CI must never pass without testing the hub.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from jundesk.sync.hub_address import HubAddress
from jundesk.sync.hub_admin import add_desk
from jundesk.sync.hub_connection import HubConnector
from jundesk.sync.hub_schema import group_role, upgrade_hub
from tests.sync.secure_postgres import SecureServer, server_binaries, start_secure_server
from tests.sync.town import TestDesk, TestHub

SERVER_URL = os.environ.get(
    "JUNDESK_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres"
)
REQUIRE = os.environ.get("JUNDESK_REQUIRE_POSTGRES", "") == "1"

# name -> (roles, front desk)
DESKS: dict[str, tuple[list[str], bool]] = {
    "front": ([], True),  # front desks read every case, and cover what is unrouted
    "front2": ([], True),
    "front3": ([], True),
    "police": (["police"], False),
    "street": (["street_cleaning"], False),
    "lighting": (["lighting"], False),
}


def _unreachable() -> str | None:
    try:
        psycopg.connect(SERVER_URL, connect_timeout=3).close()
    except Exception as exc:
        return " ".join(str(exc).split()) or type(exc).__name__
    return None


@pytest.fixture(scope="session")
def postgres() -> str:
    """The server's admin URL; skips (or fails under JUNDESK_REQUIRE_POSTGRES=1)."""
    problem = _unreachable()
    if problem is not None:
        message = f"PostgreSQL is not reachable at {SERVER_URL} ({problem})"
        if REQUIRE:
            pytest.fail(f"{message}; JUNDESK_REQUIRE_POSTGRES=1 requires it", pytrace=False)
        pytest.skip(f"{message}: the hub tests need it (set JUNDESK_TEST_POSTGRES)")
    return SERVER_URL


@pytest.fixture(scope="session")
def hub(postgres: str) -> Iterator[TestHub]:
    """A hub database of its own for this session, with the desks of DESKS."""
    dbname = f"jd_test_{secrets.token_hex(4)}"
    admin = HubConnector(HubAddress.parse(postgres).without_database(dbname))
    upgrade_hub(admin)
    invites = {
        name: add_desk(admin, name, roles, front_desk=front)
        for name, (roles, front) in DESKS.items()
    }
    try:
        yield TestHub(admin, dbname, invites)
    finally:
        drop_hub(postgres, dbname)


def drop_hub(server_url: str, dbname: str) -> None:
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(dbname))
        )
        roles = conn.execute(
            "SELECT rolname FROM pg_roles WHERE rolname LIKE %s", (f"{dbname}\\_%",)
        ).fetchall()
        for (role,) in sorted(roles, key=lambda r: r[0] == group_role(dbname)):
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


@pytest.fixture
def fresh_hub(hub: TestHub) -> TestHub:
    """The session's hub, emptied of posts, events, cases and duty."""
    hub.reset()
    return hub


@pytest.fixture
def desks(fresh_hub: TestHub, tmp_path: Path) -> Iterator[dict[str, TestDesk]]:
    """Every desk of DESKS with a fresh database of its own, on an empty hub."""
    made = {name: fresh_hub.desk(name, tmp_path / f"{name}.db") for name in DESKS}
    try:
        yield made
    finally:
        for desk in made.values():
            desk.close()


@pytest.fixture(scope="session")
def secure_postgres() -> Iterator[SecureServer]:
    """A cluster of its own with scram-sha-256 passwords and TLS only (see
    secure_postgres.py); skips where the server binaries are absent, unless
    JUNDESK_REQUIRE_POSTGRES=1."""
    bin_dir = server_binaries()
    if bin_dir is None:
        message = (
            "PostgreSQL's server binaries (initdb, pg_ctl) are not installed in "
            "/usr/lib/postgresql/*/bin (Debian's postgresql package)"
        )
        if REQUIRE:
            pytest.fail(f"{message}; JUNDESK_REQUIRE_POSTGRES=1 requires them", pytrace=False)
        pytest.skip(f"{message}: the password and TLS tests need them")
    server = start_secure_server(bin_dir)
    try:
        yield server
    finally:
        server.stop()
