"""The command line of the hub: init (twice), add-desk, join, status, duty, sync --once."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from jundesk.app.hub_access import password_key
from jundesk.app.secrets import SERVICE
from jundesk.app.settings import Settings
from jundesk.cli.main import main
from jundesk.core.model import EventKind
from jundesk.sync.hub_address import HubAddress
from jundesk.sync.hub_connection import HubConnector, Purpose
from jundesk.sync.hub_schema import hub_revision
from tests.sync.conftest import drop_hub
from tests.sync.town import TestDesk, TestHub


def jundesk(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def new_hub_url(postgres: str):
    dbname = f"jd_cli_{secrets.token_hex(4)}"
    yield HubAddress.parse(postgres).without_database(dbname).public_url
    drop_hub(postgres, dbname)


def test_init_creates_the_database_and_is_idempotent(new_hub_url: str, capsys):
    code, out, _ = jundesk(capsys, "hub", "init", "--url", new_hub_url)
    assert code == 0 and "is ready (schema h0005)" in out
    code, out, _ = jundesk(capsys, "hub", "init", "--url", new_hub_url)
    assert code == 0 and "is ready (schema h0005)" in out
    with HubConnector(new_hub_url).connect(Purpose.ADMIN, autocommit=True) as conn:
        assert hub_revision(conn) == "h0005"
        tables = {
            r[0]
            for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        }
        policies = conn.execute("SELECT count(*) FROM pg_policies").fetchone()
        forced = conn.execute(
            "SELECT count(*) FROM pg_class WHERE relname IN ('events', 'posts', 'cases') "
            "AND relrowsecurity"
        ).fetchone()
    assert {"events", "posts", "cases", "desks", "duty", "intake_cursors"} <= tables
    assert policies is not None and policies[0] >= 10
    assert forced == (3,)


def test_add_desk_prints_the_url_without_password_and_join_keeps_it(
    new_hub_url: str, capsys, memory_keyring, monkeypatch
):
    assert jundesk(capsys, "hub", "init", "--url", new_hub_url)[0] == 0
    code, out, _ = jundesk(
        capsys,
        "hub",
        "add-desk",
        "street",
        "--roles",
        "street_cleaning,lighting",
        "--url",
        new_hub_url,
    )
    assert code == 0
    join = re.search(r"jundesk hub join --url (\S+)", out)
    assert join is not None
    url = join.group(1)
    address = HubAddress.parse(url)
    assert address.user.endswith("_street") and not address.password
    assert "street_cleaning, lighting" in out
    password = out.strip().splitlines()[-1].strip()
    assert len(password) >= 24 and password not in url

    code, _, err = jundesk(
        capsys, "hub", "join", "--url", url, "--password-from-env", "NO_SUCH_VAR"
    )
    assert code == 1 and "NO_SUCH_VAR is empty" in err

    monkeypatch.setenv("JD_TEST_HUB_PASSWORD", password)
    code, out, _ = jundesk(
        capsys, "hub", "join", "--url", url, "--password-from-env", "JD_TEST_HUB_PASSWORD"
    )
    assert code == 0 and 'This desk is now "street"' in out
    assert memory_keyring.values[(SERVICE, password_key(url))] == password
    settings = Settings.load()
    assert settings.hub_url == url and settings.desk_name == "street"
    assert settings.desk_roles == ["street_cleaning", "lighting"]
    assert password not in Settings.path().read_text()

    # The desk now reaches the hub with the keyring's password.
    code, out, _ = jundesk(capsys, "hub", "duty", "on")
    assert code == 0 and "on duty" in out
    code, out, err = jundesk(capsys, "hub", "status")
    assert code == 0 and "street" in out and "on duty" in out
    assert "this desk's clock is" in out and "collecting for the town: nobody" in out
    assert "warning" not in err

    # A desk whose clock runs 7 minutes fast is told so.
    monkeypatch.setattr("jundesk.cli.hub_commands.clock_skew", lambda conn: 420.0)
    code, out, err = jundesk(capsys, "hub", "status")
    assert code == 0 and "this desk's clock is 7 min ahead of the hub's" in out
    assert "warning" in err and "300 s ahead" in err and "NTP" in err


def test_a_refused_password_is_explained_without_the_password():
    # (The test server trusts local connections, so the refusal is played here.)
    connector = HubConnector("postgresql://jd_street@127.0.0.1:5432/jundesk", "s3cret-value")
    error = Exception('FATAL:  password authentication failed for user "jd_street"')
    message = connector.explain(error)
    assert "refused this desk's password" in message and "hub join" in message
    assert "s3cret" not in message and "jd_street@127.0.0.1:5432/jundesk" in message


@pytest.mark.slow
def test_sync_once_pushes_and_pulls(
    desks: dict[str, TestDesk], fresh_hub: TestHub, tmp_path: Path, capsys, monkeypatch
):
    front = desks["front"]
    case_id = front.open_case("police", "Ruido de obras de madrugada")
    front.sync()
    invite = fresh_hub.invites["police"]
    monkeypatch.setenv("JUNDESK_HUB_PASSWORD", invite.password)
    settings = Settings.load()
    settings.desk_name = "police"  # as 'hub join' sets it: the hub checks the desk's name
    settings.save()
    db = tmp_path / "police-cli.db"
    code, out, _ = jundesk(capsys, "sync", "--once", "--db", str(db), "--hub", invite.url)
    assert code == 0 and "pulled 3 new events (1 cases)" in out
    code, out, _ = jundesk(capsys, "case", "ack", case_id[-8:], "--db", str(db))
    assert code == 0, out
    code, out, _ = jundesk(capsys, "sync", "--once", "--db", str(db), "--hub", invite.url)
    assert code == 0 and "pushed 1" in out
    front.sync()
    assert [e.kind for e in front.store.case_events(case_id)][-1] is EventKind.ACKNOWLEDGED


def test_an_unreachable_hub_is_said_plainly(tmp_path: Path, capsys):
    url = "postgresql://nobody@127.0.0.1:1/nowhere"
    code, _, err = jundesk(capsys, "sync", "--once", "--db", str(tmp_path / "x.db"), "--hub", url)
    assert code == 1 and "can't be reached" in err and "catches up" in err
    code, _, err = jundesk(capsys, "sync", "--once", "--hub", "mysql://x")
    assert code == 1 and "not a hub address" in err


def test_add_desk_with_an_unknown_role_says_which_roles_there_are(new_hub_url: str, capsys):
    assert jundesk(capsys, "hub", "init", "--url", new_hub_url)[0] == 0
    code, out, err = jundesk(
        capsys, "hub", "add-desk", "parks", "--roles", "police,no_such_role", "--url", new_hub_url
    )
    assert code == 1 and out == ""
    assert err.startswith("jundesk: ") and "no_such_role" in err
    for known in ("police", "street_cleaning", "lighting"):
        assert known in err
    assert len(err.strip().splitlines()) == 1
    with HubConnector(new_hub_url).connect(Purpose.ADMIN, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM desks").fetchone() == (0,)


def test_init_as_a_role_that_is_not_the_superuser_says_what_it_needs(
    postgres: str, new_hub_url: str, capsys
):
    address = HubAddress.parse(new_hub_url)
    owner = f"{address.dbname}_owner"
    with psycopg.connect(postgres, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN CREATEROLE").format(sql.Identifier(owner)))
        conn.execute(
            sql.SQL("CREATE DATABASE {} OWNER {}").format(
                sql.Identifier(address.dbname), sql.Identifier(owner)
            )
        )
    code, out, err = jundesk(capsys, "hub", "init", "--url", address.as_user(owner).public_url)
    assert code == 1 and out == ""
    assert err.startswith("jundesk: ") and "superuser" in err and "Traceback" not in err


@pytest.mark.slow
def test_a_hub_command_kept_waiting_says_so_in_one_line(fresh_hub: TestHub, capsys, monkeypatch):
    invite = fresh_hub.invites["street"]
    role = sql.Identifier(invite.desk.db_role)
    monkeypatch.setenv("JUNDESK_HUB_PASSWORD", invite.password)
    with fresh_hub.admin_conn() as admin:
        admin.execute(sql.SQL("ALTER ROLE {} SET lock_timeout = '1s'").format(role))
        try:
            with admin.transaction():
                # The hub's administrator (never a desk) keeps the duty board locked.
                admin.execute("LOCK TABLE duty IN ACCESS EXCLUSIVE MODE")
                code, out, err = jundesk(capsys, "hub", "duty", "on", "--hub", invite.url)
        finally:
            admin.execute(sql.SQL("ALTER ROLE {} SET lock_timeout = '30s'").format(role))
    assert code == 1 and out == ""
    assert err.startswith("jundesk: The hub is busy") and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
