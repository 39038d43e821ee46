"""`jundesk settings get|set`: typed, checked, saved; a bad key or value is refused with a
clear line and exit status 2, and the file is left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from jundesk.app.settings import Settings
from jundesk.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def test_set_and_get_typed_values(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "settings.json"
    f = ("settings", "--file", str(path))
    assert run(capsys, *f, "set", "poll_interval", "30") == (0, "poll_interval = 30", "")
    assert run(capsys, *f, "set", "desk_roles", "police, lighting,police")[0] == 0
    assert run(capsys, *f, "set", "notification_sound", "no")[0] == 0
    assert run(capsys, *f, "set", "sla.police.urgent", "3")[0] == 0
    assert run(capsys, *f, "set", "hub_url", "postgresql://desk@hub.jun.local/town")[0] == 0
    saved = Settings.load(path)
    assert saved.poll_interval == 30.0 and isinstance(saved.poll_interval, float)
    assert saved.desk_roles == ["police", "lighting"]
    assert saved.notification_sound is False
    assert saved.sla_minutes["police"] == {"urgent": 3}
    assert saved.sla_minutes["*"]["urgent"] == 5  # the other targets stay
    assert run(capsys, *f, "get", "sla.police.urgent") == (0, "3", "")
    assert run(capsys, *f, "get", "sla.lighting.urgent") == (0, "5", "")
    assert run(capsys, *f, "get", "desk_roles") == (0, "police, lighting", "")
    code, out, _ = run(capsys, *f, "get")
    assert code == 0 and "notification_sound = no" in out and "sla.police.urgent = 3" in out


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [
        ("colour", "red", "no setting 'colour' can be set"),
        ("off_duty_since", "2026-01-01", "no setting 'off_duty_since' can be set"),
        ("poll_interval", "fast", "'fast' is not a number"),
        ("poll_interval", "1", "1 is out of range (2 to 3600)"),
        ("monthly_read_budget", "2.5", "'2.5' is not a whole number"),
        ("notification_sound", "maybe", "'maybe' is not yes or no"),
        ("language", "fr", "unknown language 'fr'"),
        ("popup_priorities", "urgent,meh", "unknown priority meh"),
        ("hub_url", "postgresql://desk:pw@hub/town", "passwords go to the keyring"),
        ("sla.police.soon", "5", "an SLA key is sla.ROLE.PRIORITY"),
        ("sla.police.urgent", "0", "0 is out of range"),
        ("desk_roles", "", "a desk needs at least one role"),
    ],
)
def test_a_bad_key_or_value_is_refused_and_nothing_is_saved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str, value: str, said: str
) -> None:
    path = tmp_path / "settings.json"
    Settings(person="Ana").save(path)
    before = path.read_text()
    code, out, err = run(capsys, "settings", "--file", str(path), "set", key, value)
    assert code == 2 and out == ""
    assert err.startswith("jundesk settings: ") and said in err
    assert path.read_text() == before
    assert run(capsys, "settings", "--file", str(path), "get", "nope")[0] == 2


def test_targets_and_working_calendars(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = ("settings", "--file", str(tmp_path / "settings.json"))
    assert run(capsys, *f, "get", "sla_resolve.lighting.urgent") == (0, "240", "")
    assert run(capsys, *f, "set", "sla_reply.police.urgent", "10")[0] == 0
    assert run(capsys, *f, "get", "sla_reply.police.urgent") == (0, "10", "")
    assert run(capsys, *f, "get", "calendar.police.week") == (
        0,
        "mon 00:00-00:00; tue 00:00-00:00; wed 00:00-00:00; thu 00:00-00:00; "
        "fri 00:00-00:00; sat 00:00-00:00; sun 00:00-00:00",
        "",
    )
    code, out, _ = run(
        capsys, *f, "set", "calendar.lighting.week", "mon-fri 07:00-15:00; sat 8:00-13:00"
    )
    assert code == 0
    assert out == (
        "calendar.lighting.week = mon 07:00-15:00; tue 07:00-15:00; wed 07:00-15:00; "
        "thu 07:00-15:00; fri 07:00-15:00; sat 08:00-13:00"
    )
    assert run(capsys, *f, "set", "calendar.lighting.holidays", "2026-12-25, 2026-01-06")[0] == 0
    code, out, _ = run(capsys, *f, "get")
    assert "calendar.lighting.holidays = 2026-01-06, 2026-12-25" in out
    assert "calendar.lighting.breaks = mon 10:00-10:30" in out  # the built-in breaks stay
    assert "sla_reply.police.urgent = 10" in out
    for key, value, said in (
        ("calendar.lighting.week", "mon-fry 07:00-15:00", "'mon-fry' is not a weekday"),
        ("calendar.lighting.week", "mon 7-15", "'7' is not a time"),
        ("calendar.lighting.holidays", "25/12/2026", "is not a date"),
        ("calendar.lighting.days", "x", "a calendar key is calendar.ROLE.PART"),
        ("sla_resolve.lighting.soon", "5", "an SLA key is sla_resolve.ROLE.PRIORITY"),
    ):
        code, _, err = run(capsys, *f, "set", key, value)
        assert code == 2 and said in err, err
