"""Settings from an older (or newer) JunDesk are migrated, never dropped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jundesk.app import settings as settings_module
from jundesk.app.desk_state import DeskState
from jundesk.app.settings import (
    MOVED_STATE,
    RUNTIME_KEYS,
    VERSION,
    Settings,
    step_1_runtime_state_out,
    step_3_channels,
)


def write(path: Path, values: dict[str, Any]) -> Path:
    path.write_text(json.dumps(values), encoding="utf-8")
    return path


def test_a_hand_edited_int_where_a_float_is_expected_is_kept(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.json", {"version": 1, "poll_interval": 30})
    loaded = Settings.load(path)
    assert loaded.poll_interval == 30.0 and isinstance(loaded.poll_interval, float)


def test_near_types_convert_and_wrong_ones_fall_back_to_the_default(tmp_path: Path) -> None:
    path = write(
        tmp_path / "settings.json",
        {
            "monthly_read_budget": 5000.0,  # a whole float for an int
            "person": "Ana",
            "notification_sound": 0,  # not a bool: the default stays
            "poll_interval": True,  # not seconds
            "desk_roles": "police",  # not a list
        },
    )
    loaded = Settings.load(path)
    assert loaded.monthly_read_budget == 5000 and isinstance(loaded.monthly_read_budget, int)
    assert loaded.person == "Ana"
    assert loaded.notification_sound is True
    assert loaded.poll_interval == Settings().poll_interval
    assert loaded.desk_roles == Settings().desk_roles


def test_keys_of_a_newer_version_survive_a_save(tmp_path: Path) -> None:
    path = write(
        tmp_path / "settings.json", {"version": VERSION + 1, "person": "Ana", "theme": "dark"}
    )
    loaded = Settings.load(path)
    assert loaded.person == "Ana"
    loaded.person = "Luis"
    loaded.save(path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["theme"] == "dark" and saved["person"] == "Luis"
    assert saved["version"] == VERSION
    assert "unknown" not in saved
    assert Settings.load(path).unknown == {"theme": "dark"}


def test_an_older_file_goes_through_each_step(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As a future version would: version 2 renamed "poll_seconds" to "poll_interval".
    monkeypatch.setattr(settings_module, "VERSION", 3)

    def rename(raw: dict[str, Any]) -> dict[str, Any]:
        raw["poll_interval"] = raw.pop("poll_seconds")
        return raw

    def double(raw: dict[str, Any]) -> dict[str, Any]:
        raw["monthly_read_budget"] = raw["monthly_read_budget"] * 2
        return raw

    monkeypatch.setattr(settings_module, "MIGRATIONS", {1: rename, 2: double})
    path = write(
        tmp_path / "settings.json",
        {"version": 1, "poll_seconds": 45, "monthly_read_budget": 100},
    )
    loaded = Settings.load(path)
    assert loaded.poll_interval == 45.0
    assert loaded.monthly_read_budget == 200
    assert "poll_seconds" not in loaded.unknown


def test_a_version_1_file_upgrades_and_its_duty_state_moves_out(tmp_path: Path) -> None:
    # As JunDesk 1 wrote it: the toggle and the off-duty time among the preferences.
    old = {
        "version": 1,
        "poll_interval": 30,
        "person": "Ana",
        "off_duty_since": "2026-03-02T09:00:00+00:00",
        "duty_override": "off",
        "duty_override_until": "",
        "theme": "dark",  # a newer JunDesk's key
    }
    path = write(tmp_path / "settings.json", old)
    loaded = Settings.load(path)
    assert loaded.poll_interval == 30.0 and loaded.person == "Ana"
    assert not hasattr(loaded, "off_duty_since")
    assert loaded.unknown == {"theme": "dark"}  # the moved keys are not unknown ones

    state_path = tmp_path / "desk_state.json"
    state = DeskState.load(state_path, carried=loaded.moved_state)
    assert state.off_duty_since == "2026-03-02T09:00:00+00:00"
    assert state.duty_override == "off"
    assert json.loads(state_path.read_text(encoding="utf-8"))["duty_override"] == "off"

    loaded.save(path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["version"] == VERSION == 4
    assert saved["poll_interval"] == 30.0 and saved["theme"] == "dark"
    assert not set(RUNTIME_KEYS) & set(saved) and MOVED_STATE not in saved
    # Once the state has its own file, a later load of the settings carries nothing over
    # it: the file wins.
    state.off_duty_since = ""
    state.save(state_path)
    again = Settings.load(path)
    assert again.moved_state == {}
    assert DeskState.load(state_path, carried=again.moved_state).off_duty_since == ""


def test_the_step_from_version_1_only_moves_the_desks_state() -> None:
    raw = {"version": 1, "person": "Ana", "off_duty_since": "x", "later_key": [1, 2]}
    stepped = step_1_runtime_state_out(dict(raw))
    assert stepped == {
        "version": 1,
        "person": "Ana",
        "later_key": [1, 2],
        MOVED_STATE: {"off_duty_since": "x"},
    }
    assert step_1_runtime_state_out({"person": "Ana"}) == {"person": "Ana"}


def test_the_step_from_version_2_names_the_desk_once(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.json", {"version": 2, "desk_id": "front", "person": "Ana"})
    loaded = Settings.load(path)
    assert loaded.desk_name == "front" and loaded.desk == "front"  # its events keep the name
    assert loaded.unknown == {}
    loaded.save(path)
    assert "desk_id" not in json.loads(path.read_text(encoding="utf-8"))
    named = write(tmp_path / "named.json", {"version": 2, "desk_id": "d1", "desk_name": "police"})
    assert Settings.load(named).desk == "police"
    assert Settings().desk == "desk"  # a desk not named yet


def test_a_file_without_a_version_is_a_version_1_file(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.json", {"duty_override": "on", "person": "Luis"})
    loaded = Settings.load(path)
    assert loaded.person == "Luis" and loaded.moved_state == {"duty_override": "on"}
    assert DeskState.load(tmp_path / "state.json", carried=loaded.moved_state).duty_override == "on"


def test_the_desk_state_keeps_keys_it_does_not_know(tmp_path: Path) -> None:
    path = write(tmp_path / "desk_state.json", {"version": 7, "off_duty_since": "t", "x": 1})
    state = DeskState.load(path)
    assert state.off_duty_since == "t" and state.unknown == {"x": 1}
    state.duty_override = "off"
    state.save(path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["x"] == 1 and saved["duty_override"] == "off" and saved["off_duty_since"] == "t"


def test_the_step_from_version_3_keeps_a_desk_reading_x_alone(tmp_path: Path) -> None:
    path = write(tmp_path / "settings.json", {"version": 3, "x_handle": "AytoJun"})
    loaded = Settings.load(path)
    assert loaded.channels == ["x"] and loaded.channel_settings == {}
    loaded.save(path)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["version"] == 4 and saved["channels"] == ["x"]
    # A file that already names its channels keeps them.
    assert step_3_channels({"channels": ["telegram"]})["channels"] == ["telegram"]


def test_channels_and_their_settings_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = Settings(
        channels=["x", "mastodon", "telegram"],
        channel_settings={"mastodon": {"api_base_url": "https://mastodon.social"}},
    )
    settings.save(path)
    loaded = Settings.load(path)
    assert loaded.channels == ["x", "mastodon", "telegram"]
    assert loaded.channel_settings == {"mastodon": {"api_base_url": "https://mastodon.social"}}


def test_hand_edited_channels_are_tidied_not_dropped(tmp_path: Path) -> None:
    path = write(
        tmp_path / "settings.json",
        {
            "version": 4,
            "channels": ["x", " bluesky ", 7, "x", ""],
            "channel_settings": {"bluesky": {"handle": "jun.bsky.social", "port": 8080,
                                             "debug": True}, "mastodon": "no"},
        },
    )  # fmt: skip
    loaded = Settings.load(path)
    assert loaded.channels == ["x", "bluesky"]
    assert loaded.channel_settings == {"bluesky": {"handle": "jun.bsky.social", "port": "8080"}}
    # Not a list at all: the default.
    assert Settings.load(write(tmp_path / "b.json", {"channels": "x"})).channels == ["x"]
