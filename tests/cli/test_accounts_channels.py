"""`jundesk accounts set|show --channel NAME` keeps a channel's secrets in the keyring and its
plain values in the settings, from prompts or the environment, and never shows a secret;
`jundesk settings set channels` enables the channels a desk reads."""

from __future__ import annotations

import io
import sys

import pytest

from jundesk.app.settings import Settings
from jundesk.cli.main import main
from tests import fake_channel
from tests.conftest import MemoryKeyring

SECRET = "fake-token-s3cret"


@pytest.fixture(autouse=True)
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_channel.use_fake_channel(monkeypatch)


def jundesk(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_set_from_the_environment_then_show(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
) -> None:
    monkeypatch.setenv("JUNDESK_FAKE_TOKEN", SECRET)
    monkeypatch.setenv("JUNDESK_FAKE_SERVER", "https://jun.example")
    code, out, err = jundesk(capsys, "accounts", "set", "--channel", "fake", "--from-env")
    assert code == 0, err
    assert memory_keyring.values[("jundesk", "fake.token")] == SECRET
    assert Settings.load().channel_settings == {"fake": {"server": "https://jun.example"}}
    assert "jundesk settings set channels x, fake" in out  # not enabled yet: how to
    assert SECRET not in out + err

    monkeypatch.delenv("JUNDESK_FAKE_TOKEN")
    code, out, _ = jundesk(capsys, "accounts", "show", "--channel", "fake")
    assert code == 0 and SECRET not in out
    lines = dict(line.split(None, 1) for line in out.splitlines())
    assert lines["server"].startswith("https://jun.example")
    assert lines["token"].startswith("stored") and "JUNDESK_FAKE_TOKEN" in lines["token"]
    assert lines["account"].startswith("-") and lines["enabled"] == "no"


def test_set_by_prompts_keeps_what_is_left_empty(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
) -> None:
    memory_keyring.values[("jundesk", "fake.token")] = "old-token"
    Settings(channel_settings={"fake": {"server": "s1", "account": "AytoJun"}}).save()
    stdin = io.StringIO("s2\n\n")  # a new server, the account kept
    stdin.isatty = lambda: True  # type: ignore[method-assign]
    monkeypatch.setattr(sys, "stdin", stdin)
    monkeypatch.setattr("getpass.getpass", lambda prompt: "")  # the token kept
    code, out, err = jundesk(capsys, "accounts", "set", "--channel", "fake")
    assert code == 0, err
    assert "Stored in the settings: server = s2" in out and "keyring" not in out
    assert Settings.load().channel_settings["fake"] == {"server": "s2", "account": "AytoJun"}
    assert memory_keyring.values[("jundesk", "fake.token")] == "old-token"


def test_nothing_given_or_no_keyring_stores_nothing_and_says_so(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err = jundesk(capsys, "accounts", "set", "--channel", "fake", "--from-env")
    assert code == 2 and "no fake values given" in err
    code, _, err = jundesk(capsys, "accounts", "set", "--channel", "fax", "--from-env")
    assert code == 1 and "no channel 'fax'" in err
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    monkeypatch.setenv("JUNDESK_FAKE_TOKEN", SECRET)
    code, _, err = jundesk(capsys, "accounts", "set", "--channel", "fake", "--from-env")
    assert code == 1 and "keyring" in err and SECRET not in err
    assert Settings.load().channel_settings == {}


def test_settings_enable_channels(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = jundesk(capsys, "settings", "set", "channels", "X, fake, x")
    assert code == 0 and out.strip() == "channels = x, fake"
    assert Settings.load().channels == ["x", "fake"]
    code, _, err = jundesk(capsys, "settings", "set", "channels", "x, myspace")
    assert code == 2 and "unknown channel myspace" in err
    assert Settings.load().channels == ["x", "fake"]
