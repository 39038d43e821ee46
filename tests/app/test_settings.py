"""Settings from an older (or newer) JunDesk are migrated, never dropped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jundesk.app import settings as settings_module
from jundesk.app.settings import VERSION, Settings


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
