"""A channel's values for `open_channel`: plain settings from the desk's settings, secrets
from the keyring under "<channel>.<field>", the environment's JUNDESK_<CHANNEL>_<FIELD> first;
and a channel module is found by its name, or refused with a clear sentence."""

from __future__ import annotations

import pytest

from jundesk.app.channel_access import channel_values
from jundesk.app.secrets import (
    SecretsUnavailable,
    load_channel_secrets,
    save_channel_secrets,
)
from jundesk.app.settings import Settings
from jundesk.intake.channels import channel_module, env_name, is_channel
from jundesk.intake.source import Refused
from tests import fake_channel
from tests.conftest import MemoryKeyring


@pytest.fixture(autouse=True)
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_channel.use_fake_channel(monkeypatch)


def test_secrets_are_kept_per_channel_and_field(memory_keyring: MemoryKeyring) -> None:
    save_channel_secrets("telegram", {"bot_token": "123:abc"})
    save_channel_secrets("mastodon", {"access_token": "tok", "client_secret": ""})
    assert memory_keyring.values == {
        ("jundesk", "telegram.bot_token"): "123:abc",
        ("jundesk", "mastodon.access_token"): "tok",
    }
    assert load_channel_secrets("telegram", ["bot_token", "other"]) == {
        "bot_token": "123:abc",
        "other": "",
    }
    save_channel_secrets("telegram", {"bot_token": ""})  # blank: removed
    assert ("jundesk", "telegram.bot_token") not in memory_keyring.values


def test_no_keyring_is_said_and_nothing_is_kept(no_keyring: None) -> None:
    with pytest.raises(SecretsUnavailable, match="JUNDESK_<CHANNEL>_"):
        save_channel_secrets("telegram", {"bot_token": "123:abc"})
    with pytest.raises(SecretsUnavailable):
        load_channel_secrets("telegram", ["bot_token"])


def test_values_from_settings_keyring_and_environment(memory_keyring: MemoryKeyring) -> None:
    module = channel_module("fake")
    memory_keyring.values[("jundesk", "fake.token")] = "kept-token"
    settings = Settings(channel_settings={"fake": {"server": "s1", "account": "town"}})
    values = channel_values(settings, module, environ={})
    assert values.settings == {"server": "s1", "account": "town"}
    assert values.secrets == {"token": "kept-token"} and values.problem == ""
    assert "kept-token" not in repr(values)

    env = {env_name("fake", "token"): "env-token", "JUNDESK_FAKE_SERVER": "s2"}
    values = channel_values(settings, module, environ=env)
    assert values.secrets == {"token": "env-token"}
    assert values.settings == {"server": "s2", "account": "town"}
    assert values.secret_values() == ("env-token",)


def test_without_a_keyring_the_environment_alone_and_what_to_do(no_keyring: None) -> None:
    values = channel_values(Settings(), channel_module("fake"), environ={})
    assert values.secrets == {"token": ""}
    assert "gnome-keyring" in values.problem


def test_a_channel_module_is_found_by_name_or_refused() -> None:
    module = channel_module("fake")
    assert (module.name, module.secret_fields, module.setting_fields) == (
        "fake",
        ("token",),
        ("server", "account"),
    )
    assert is_channel("x") and is_channel("fake") and not is_channel("fax")
    with pytest.raises(Refused, match="no channel 'fax'"):
        channel_module("fax")


def test_a_broken_channel_module_is_refused_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    from jundesk.intake import channels

    monkeypatch.setitem(channels.CHANNEL_MODULES, "missing", "jundesk.intake.no_such_channel")
    with pytest.raises(Refused, match="can't be loaded"):
        channel_module("missing")
    monkeypatch.setitem(channels.CHANNEL_MODULES, "notone", "jundesk.intake.source")
    with pytest.raises(Refused, match="is not a channel module"):
        channel_module("notone")
