"""Where a desk's X credentials come from (app/x_access.py), for the window and the command
line alike: the demo's server, else the environment filled in from the keyring."""

from __future__ import annotations

import pytest

from jundesk.app.demo import DemoOptions, DemoTown
from jundesk.app.secrets import SecretsUnavailable
from jundesk.app.settings import Settings
from jundesk.app.x_access import x_credentials
from tests.conftest import MemoryKeyring

KEPT = "kept-bearer-token-123"
ENV = "env-bearer-token-456"


def test_the_environment_first_its_blanks_from_the_keyring(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.values[("jundesk", "x:bearer_token")] = KEPT
    memory_keyring.values[("jundesk", "x:consumer_key")] = "kept-consumer-key"
    settings = Settings(x_user_id="42")
    found = x_credentials(settings, environ={})
    assert found.problem == ""
    assert (found.credentials.bearer_token, found.credentials.user_id) == (KEPT, "42")
    found = x_credentials(
        settings, environ={"JUNDESK_X_BEARER_TOKEN": ENV, "JUNDESK_X_USER_ID": "7"}
    )
    creds = found.credentials
    assert (creds.bearer_token, creds.consumer_key, creds.user_id) == (
        ENV,
        "kept-consumer-key",
        "7",
    )
    assert found.required() is creds


def test_without_a_keyring_the_environment_alone_and_what_to_do(no_keyring: None) -> None:
    found = x_credentials(Settings(x_user_id="42"), environ={})
    assert "apt install gnome-keyring" in found.problem
    assert found.credentials.is_empty and found.credentials.user_id == "42"
    with pytest.raises(SecretsUnavailable, match="JUNDESK_X_"):
        found.required()  # nothing anywhere: the command line stops with this
    headless = x_credentials(Settings(), environ={"JUNDESK_X_BEARER_TOKEN": ENV})
    assert headless.required().bearer_token == ENV  # a headless collector needs no keyring


def test_the_demo_uses_its_own_server_never_the_desks_account(
    memory_keyring: MemoryKeyring,
) -> None:
    memory_keyring.values[("jundesk", "x:bearer_token")] = KEPT
    town = DemoTown(DemoOptions(posts=2, preload=0))
    found = x_credentials(Settings(), demo=town, environ={"JUNDESK_X_BEARER_TOKEN": ENV})
    creds = found.credentials
    assert creds.can_read and creds.can_post
    assert creds.user_id == town.server.town_user_id
    assert KEPT not in creds.secrets() and ENV not in creds.secrets()
    assert set(creds.secrets()) <= set(town.server.credentials().values())


def test_no_secret_in_what_is_shown(memory_keyring: MemoryKeyring) -> None:
    memory_keyring.values[("jundesk", "x:bearer_token")] = KEPT
    found = x_credentials(Settings(), environ={"JUNDESK_X_ACCESS_TOKEN": ENV})
    assert KEPT not in repr(found) and ENV not in repr(found) and KEPT not in str(found)
