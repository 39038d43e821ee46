"""A hub as a town runs it: passwords checked (scram-sha-256) and TLS verified against the
town's CA (sslmode=verify-full), on a PostgreSQL cluster of the tests' own."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import psycopg
import pytest

from jundesk.cli.main import main
from jundesk.sync.hub_address import HubAddress
from jundesk.sync.hub_admin import DeskInvite, add_desk, my_desk
from jundesk.sync.hub_connection import HubConnector, HubUnavailable, Purpose
from jundesk.sync.hub_schema import upgrade_hub
from tests.sync.secure_postgres import SecureServer


@pytest.fixture(scope="module")
def secure_hub(secure_postgres: SecureServer) -> Iterator[tuple[HubConnector, DeskInvite]]:
    """A hub on the secure cluster, set up over verify-full, with one police desk."""
    dbname = f"jd_tls_{secrets.token_hex(3)}"
    admin = HubConnector(secure_postgres.url(dbname=dbname), secure_postgres.password)
    upgrade_hub(admin)
    yield admin, add_desk(admin, "police", ["police"])


@pytest.mark.slow
def test_a_desk_connects_with_its_password_over_verified_tls(secure_hub):
    _, invite = secure_hub
    assert "sslmode=verify-full" in invite.url and "sslrootcert=" in invite.url
    with HubConnector(invite.url, invite.password).connect(Purpose.SYNC, autocommit=True) as conn:
        desk = my_desk(conn)
        row = conn.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone()
    assert desk is not None and desk.name == "police"
    assert row == (True,)


@pytest.mark.slow
def test_a_wrong_password_is_refused_with_a_clear_message(secure_hub, capsys, monkeypatch):
    _, invite = secure_hub
    wrong = "not-" + invite.password
    with pytest.raises(HubUnavailable) as refused:
        HubConnector(invite.url, wrong).connect(Purpose.SYNC)
    message = str(refused.value)
    assert "refused this desk's password" in message and "hub add-desk" in message
    assert wrong not in message and invite.password not in message
    assert isinstance(refused.value.__cause__, psycopg.OperationalError)

    monkeypatch.setenv("JD_TEST_WRONG", wrong)
    try:
        code = main(["hub", "join", "--url", invite.url, "--password-from-env", "JD_TEST_WRONG"])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    _, err = capsys.readouterr()
    assert code == 1
    assert err.startswith("jundesk: The hub at ") and "refused this desk's password" in err
    assert "Traceback" not in err and wrong not in err


def test_a_server_the_towns_ca_did_not_sign_is_refused(secure_postgres: SecureServer, secure_hub):
    _, invite = secure_hub
    address = HubAddress.parse(invite.url)
    other = HubAddress(
        address.host,
        address.port,
        address.dbname,
        address.user,
        (("sslmode", "verify-full"), ("sslrootcert", str(secure_postgres.other_ca_file))),
    )
    with pytest.raises(HubUnavailable) as refused:
        HubConnector(other, invite.password).connect(Purpose.SYNC)
    assert "certificate" in str(refused.value) and "CA" in str(refused.value)


def test_plain_connections_are_refused(secure_postgres: SecureServer, secure_hub):
    _, invite = secure_hub
    address = HubAddress.parse(invite.url)
    plain = HubAddress(
        address.host, address.port, address.dbname, address.user, (("sslmode", "disable"),)
    )
    with pytest.raises(HubUnavailable, match="can't be reached"):
        HubConnector(plain, invite.password).connect(Purpose.SYNC)
