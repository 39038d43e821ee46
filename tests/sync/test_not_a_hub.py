"""A hub URL that points at a PostgreSQL database without a hub: one line, exit 1, for
every command that uses the hub (before: an UndefinedTable traceback, or a sync that
retried for ever)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql

from jundesk.cli.main import main
from jundesk.sync.hub_address import HubAddress
from jundesk.xserver import XServer
from tests.sync.conftest import drop_hub


@pytest.fixture
def plain_database(postgres: str) -> Iterator[str]:
    dbname = f"jd_plain_{secrets.token_hex(4)}"
    with psycopg.connect(postgres, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
    yield HubAddress.parse(postgres).without_database(dbname).public_url
    drop_hub(postgres, dbname)


@pytest.fixture
def x_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[XServer]:
    with XServer(seed=4) as server:
        monkeypatch.setenv("JUNDESK_X_BEARER_TOKEN", server.bearer_token)
        monkeypatch.setenv("JUNDESK_X_USER_ID", server.town_user_id)
        yield server


COMMANDS = {
    "sync --once": ("sync", "--once"),
    "sync": ("sync",),
    "hub status": ("hub", "status"),
    "collect --once --hub": ("collect", "--once"),
    "collect --hub": ("collect",),
}


@pytest.mark.slow
@pytest.mark.timeout(60)
@pytest.mark.parametrize("command", COMMANDS)
def test_a_database_that_is_no_hub_is_one_line(
    plain_database: str, x_env: XServer, tmp_path, capsys, command
) -> None:
    args = [*COMMANDS[command], "--hub", plain_database]
    if command != "hub status":
        args += ["--db", str(tmp_path / "desk.db")]
    if command.startswith("collect"):
        args += ["--x-api-base", x_env.base_url]
    try:
        code = main(args)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    _, err = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in err
    assert err.strip() == (
        f"jundesk: {plain_database} is not a JunDesk hub; run 'jundesk hub init --url "
        "ADMIN_URL' on it first (with an administrator's URL), or check the hub's URL."
    )
    assert x_env.post_reads == 0  # nothing was read from X for a town that isn't there
