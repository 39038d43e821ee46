"""`jundesk collect` and what X bills: a capped app stops at once, and one desk file has
one collector (a desk window collecting counts)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import time
from pathlib import Path

import pytest

from jundesk.app.engine import Engine
from jundesk.app.intake_lock import AnotherCollector
from jundesk.app.settings import Settings
from jundesk.cli.main import main
from jundesk.intake.x_credentials import XCredentials
from jundesk.xserver import Fault, XServer
from tests.intake.collector_process import collector_command


def collect_once(capsys, server: XServer, db: Path) -> tuple[int, str, str]:
    code = main(["collect", "--once", "--quiet", "--db", str(db), "--x-api-base", server.base_url])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> XServer:
    with XServer(seed=3) as server:
        server.add_post("ana", f"@{server.town_handle} la farola de la plaza no funciona")
        monkeypatch.setenv("JUNDESK_X_BEARER_TOKEN", server.bearer_token)
        monkeypatch.setenv("JUNDESK_X_USER_ID", server.town_user_id)
        yield server


@pytest.mark.slow
@pytest.mark.timeout(60)  # before: it waited out X's 15-minute window again and again
def test_a_capped_app_stops_collect_once_at_once(server, tmp_path, capsys) -> None:
    db = tmp_path / "desk.db"
    server.faults.push(Fault.usage_capped(times=1000))
    code, _, err = collect_once(capsys, server, db)
    assert code == 1
    assert err.startswith("jundesk: X says the X app's monthly cap is reached")
    assert len(err.strip().splitlines()) == 1
    assert len(server.faults.fired) == 1
    # Again this month: X is not asked at all.
    code, _, err = collect_once(capsys, server, db)
    assert code == 1 and "the X app's monthly cap is reached" in err
    assert len(server.faults.fired) == 1
    # A settings change (a higher budget, say, with a new plan) tries again.
    settings = Settings.load()
    settings.monthly_read_budget = 50_000
    settings.save()
    server.faults.clear()
    code, out, _ = collect_once(capsys, server, db)
    assert code == 0 and "stored 1 posts" in out


@pytest.mark.slow
def test_a_second_collector_on_one_desk_file_is_refused(server, tmp_path, capsys) -> None:
    db = tmp_path / "desk.db"
    command, env = collector_command(server, db, tmp_path / "home")
    command.remove("--once")
    command += ["--interval", "1"]
    first = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        lock = db.with_name(db.name + ".intake-lock")
        deadline = time.monotonic() + 60
        # Holding the lock, and its first poll done (so it reads nothing more meanwhile).
        while not (lock.exists() and lock.read_text().strip() and server.post_reads):
            assert first.poll() is None, first.stderr.read() if first.stderr else ""
            assert time.monotonic() < deadline
            time.sleep(0.1)
        reads = server.post_reads
        code, _, err = collect_once(capsys, server, db)
        assert code == 1
        assert err.strip() == (
            f"jundesk: Another JunDesk (process {first.pid}) already collects into "
            f"{db.resolve()}: two collectors on one database would each be billed by X for "
            "every read. Stop the other `jundesk collect` or close the desk window using this "
            "file, or give this collector a database of its own with --db."
        )
        assert server.post_reads == reads
    finally:
        first.terminate()
        first.wait(timeout=30)
    # The holder gone (even killed), the lock is free.
    code, _, err = collect_once(capsys, server, db)
    assert code == 0, err


@pytest.mark.slow
def test_a_desk_window_collecting_counts(server, tmp_path, capsys) -> None:
    db = tmp_path / "desk.db"
    settings = Settings(x_api_base=server.base_url, x_user_id=server.town_user_id)
    creds = XCredentials(user_id=server.town_user_id, **server.credentials())
    console = Engine(db, settings, creds)
    try:
        assert console.intake is not None
        asyncio.run(console.intake.poll_once())  # the console collects, and keeps the lock
        code, _, err = collect_once(capsys, server, db)
        assert code == 1 and "already collects into" in err
        # And the other way round: a window opened while a collector runs stands by.
        second = Engine(db, settings, creds)
        try:
            assert second.intake is not None
            with pytest.raises(AnotherCollector):
                asyncio.run(second.intake.poll_once())
            assert second.intake.health.other_collector == str(os.getpid())
            assert second.intake.health.failing or second.intake.health.last_error
        finally:
            second.close()
    finally:
        console.close()
    code, _, err = collect_once(capsys, server, db)
    assert code == 0, err
