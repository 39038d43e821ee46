"""`jundesk collect` reads every enabled channel in one process, each from its own values
(the environment's JUNDESK_<CHANNEL>_<FIELD> for a headless collector), and `jundesk export`
gives each post's channel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jundesk.app.settings import Settings
from jundesk.cli.main import main
from jundesk.xserver import XServer
from tests import fake_channel


@pytest.fixture(autouse=True)
def fake(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_channel.use_fake_channel(monkeypatch)
    monkeypatch.setenv("JUNDESK_FAKE_SERVER", "jun")
    monkeypatch.setenv("JUNDESK_FAKE_TOKEN", "fake-token")


def jundesk(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_collect_reads_every_enabled_channel_and_export_names_each_posts_channel(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "town.db")
    service = fake_channel.SERVICES.setdefault("jun", fake_channel.FakeService())
    for n in range(4):
        service.add(f"Farola {n} apagada en la calle Real", f"v{n}")
    with XServer(seed=3) as server:
        server.add_post("ana", f"@{server.town_handle} hay un bache en la plaza")
        monkeypatch.setenv("JUNDESK_X_BEARER_TOKEN", server.bearer_token)
        monkeypatch.setenv("JUNDESK_X_USER_ID", server.town_user_id)
        settings = Settings(channels=["x", "fake"], x_api_base=server.base_url)
        settings.save()
        code, out, err = jundesk(capsys, "collect", "--once", "--quiet", "--db", db)
    assert code == 0, err
    assert "x: stored 1 posts" in out and "fake: stored 4 posts" in out
    code, out, _ = jundesk(capsys, "export", "--db", db)
    posts = [p for line in out.splitlines() for p in json.loads(line)["posts"]]
    assert sorted(p["source"] for p in posts) == ["fake", "fake", "fake", "fake", "x"]
    # Again: nothing new on either channel.
    code, out, _ = jundesk(capsys, "collect", "--once", "--quiet", "--db", db, "--channel", "fake")
    assert code == 0 and out.strip().startswith("stored 0 posts")


def test_a_channel_missing_its_values_is_named_and_the_others_are_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JUNDESK_FAKE_TOKEN")
    code, _, err = jundesk(
        capsys, "collect", "--once", "--db", str(tmp_path / "t.db"), "--channel", "fake"
    )
    assert code == 1
    assert "fake: not read: The fake channel needs its token" in err
    code, _, err = jundesk(
        capsys, "collect", "--once", "--db", str(tmp_path / "t.db"), "--channel", "fax"
    )
    assert code == 1 and "no channel 'fax'" in err
