"""Hub addresses: shown and stored without the password, parsed strictly."""

from __future__ import annotations

import pytest

from jundesk.app.hub_access import hub_connector, password_key
from jundesk.app.settings import Settings
from jundesk.sync.hub_address import BadHubAddress, HubAddress, public_text
from jundesk.sync.hub_connection import HubConnector, Purpose


def test_the_public_url_drops_the_password_and_keeps_the_rest():
    address = HubAddress.parse("postgresql://jun_police:s3cr3t@hub.local:6543/jun?sslmode=require")
    assert address.password == "s3cr3t"
    assert address.public_url == "postgresql://jun_police@hub.local:6543/jun?sslmode=require"
    assert HubAddress.parse(address.public_url).public_url == address.public_url
    assert address.as_user("jun_front").public_url.startswith("postgresql://jun_front@hub.local")


def test_bad_addresses_are_refused_without_echoing_a_password():
    with pytest.raises(BadHubAddress) as error:
        HubAddress.parse("mysql://user:topsecret@host/db")
    assert "topsecret" not in str(error.value)
    with pytest.raises(BadHubAddress, match="names no database"):
        HubAddress.parse("postgresql://user@host")
    assert public_text("x://u:pw@h/d") == "x://u:***@h/d"


def test_connection_parameters_hold_keepalives_and_no_password():
    connector = HubConnector("postgresql://jun_police:s3cr3t@127.0.0.1/jun")
    params = connector.params(Purpose.COLLECTOR)
    assert "password" not in params and "s3cr3t" not in repr(params)
    assert params["keepalives"] == 1 and params["tcp_user_timeout"] > 0
    assert "tcp_keepalives_idle" in params["options"]  # the server drops a dead holder too


def test_a_desk_finds_its_password_by_the_public_url(memory_keyring, monkeypatch):
    settings = Settings(hub_url="postgresql://jun_police@hub.local:5432/jun")
    assert hub_connector(Settings()) is None
    connector = hub_connector(settings)
    assert connector is not None and connector._secret() == ""
    memory_keyring.set_password("jundesk", password_key(settings.hub_url), "from-keyring")
    assert connector._secret() == "from-keyring"
    monkeypatch.setenv("JUNDESK_HUB_PASSWORD", "from-env")
    assert connector._secret() == "from-env"
