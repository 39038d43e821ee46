"""The settings dialog's Channels tab: the channels ticked are the ones the desk reads;
each channel's plain settings are saved in the settings, its secrets in the keyring only,
and a stored secret is never shown back (the field says one is kept)."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from jundesk.app.secrets import SERVICE
from jundesk.app.settings import Settings
from jundesk.gui.channel_settings import ChannelSettingsPane
from jundesk.gui.settings_dialog import SettingsDialog
from jundesk.intake.channels import ChannelModule
from jundesk.intake.source import Refused
from tests.conftest import MemoryKeyring

FIELDS = {
    "mastodon": (("api_base_url",), ("access_token",)),
    "bluesky": (("handle", "service"), ("app_password",)),
}


def fake_modules(name: str) -> ChannelModule:
    """The channel modules' fields, without their client libraries."""
    if name not in FIELDS:
        raise Refused(f"The {name} channel can't be loaded (no module named {name!r}).")
    plain, secret = FIELDS[name]

    def never(settings: Mapping[str, str], secrets: Mapping[str, str]):  # type: ignore[no-untyped-def]
        raise AssertionError("the dialog opens no channel")

    return ChannelModule(name, secret, plain, never)


def test_channels_are_chosen_and_their_secrets_go_to_the_keyring_only(
    qtbot: object, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.set_password(SERVICE, "mastodon.access_token", "stored-token-1234")
    settings = Settings(
        channels=["x", "mastodon"],
        channel_settings={"mastodon": {"api_base_url": "https://jun.social", "extra": "kept"}},
    )
    pane = ChannelSettingsPane(settings, modules=fake_modules)
    qtbot.addWidget(pane)  # type: ignore[attr-defined]
    assert [c for c, box in pane.boxes.items() if box.isChecked()] == ["x", "mastodon"]
    assert list(pane.boxes) == ["x", "mastodon", "bluesky", "telegram"]
    token = pane.secret_edits["mastodon"]["access_token"]
    # The stored token is not shown, not even hidden behind dots: only that one is kept.
    assert token.text() == "" and "kept in the keyring" in token.placeholderText()
    assert pane.plain["mastodon"]["api_base_url"].text() == "https://jun.social"
    assert pane.secret_edits["bluesky"]["app_password"].placeholderText() == "not set"
    assert "telegram" in pane.unavailable  # no module here: said, and nothing to fill

    pane.boxes["bluesky"].setChecked(True)
    pane.plain["bluesky"]["handle"].setText(" aytojun.bsky.social ")
    pane.secret_edits["bluesky"]["app_password"].setText("abcd-efgh-ijkl-mnop")
    assert pane.channels() == ["x", "mastodon", "bluesky"]
    saved = pane.channel_settings(settings.channel_settings)
    assert saved["bluesky"] == {"handle": "aytojun.bsky.social"}
    assert saved["mastodon"] == {"api_base_url": "https://jun.social", "extra": "kept"}
    assert pane.typed_secrets() == {"bluesky": {"app_password": "abcd-efgh-ijkl-mnop"}}


@pytest.mark.slow  # a whole dialog
def test_saving_the_dialog_keeps_secrets_out_of_the_settings(
    qtbot: object, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("jundesk.gui.channel_settings.channel_module", fake_modules)
    original = Settings(person="Ana", channels=["x"])
    dialog = SettingsDialog(original)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    pane = dialog.channels
    assert dialog.ui.tabs.indexOf(pane) == dialog.ui.tabs.indexOf(dialog.ui.accountTab) + 1
    pane.boxes["x"].setChecked(False)
    dialog.accept()  # no channel at all: refused, in place
    assert "at least one channel" in dialog.ui.errorLabel.text()
    assert dialog.ui.tabs.currentWidget() is pane
    pane.boxes["mastodon"].setChecked(True)
    pane.plain["mastodon"]["api_base_url"].setText("https://jun.social")
    pane.secret_edits["mastodon"]["access_token"].setText("typed-token-5678")
    saved: list[Settings] = []
    dialog.applied.connect(saved.append)
    dialog.accept()
    [edited] = saved
    assert edited.channels == ["mastodon"]
    assert edited.channel_settings == {"mastodon": {"api_base_url": "https://jun.social"}}
    assert memory_keyring.get_password(SERVICE, "mastodon.access_token") == "typed-token-5678"
    assert "typed-token-5678" not in repr(edited)
    assert pane.secret_edits["mastodon"]["access_token"].text() == ""  # not kept in memory
