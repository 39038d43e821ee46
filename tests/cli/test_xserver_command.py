"""`jundesk xserver` + `jundesk collect --once` + `jundesk export`, as separate processes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow
def test_xserver_then_collect_then_export(tmp_path: Path) -> None:
    env = dict(os.environ, JUNDESK_HOME=str(tmp_path / "home"))
    server = subprocess.Popen(
        [sys.executable, "-m", "jundesk.cli.main", "xserver", "--seed", "3", "--posts", "60"],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        printed: dict[str, str] = {}
        url = ""
        assert server.stdout is not None
        for line in server.stdout:
            if found := re.match(r"X API base URL: (\S+)", line):
                url = found.group(1)
            if found := re.match(r"\s+export (JUNDESK_X_\w+)=(\S+)", line):
                printed[found.group(1)] = found.group(2)
            if "Ctrl-C" in line:
                break
        assert url.startswith("http://127.0.0.1:")
        assert {"JUNDESK_X_BEARER_TOKEN", "JUNDESK_X_USER_ID"} <= printed.keys()
        db = tmp_path / "town.db"
        collect = subprocess.run(
            [
                sys.executable,
                "-m",
                "jundesk.cli.main",
                "collect",
                "--once",
                "--db",
                str(db),
                "--x-api-base",
                url,
            ],
            env={**env, **printed},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert collect.returncode == 0, collect.stderr
        assert "stored 60 posts" in collect.stdout
    finally:
        server.terminate()
        server.wait(10)
    export = subprocess.run(
        [sys.executable, "-m", "jundesk.cli.main", "export", "--db", str(db)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    cases = [json.loads(line) for line in export.stdout.splitlines()]
    assert sum(len(c["posts"]) for c in cases) == 60
    assert {c["role"] for c in cases} >= {"police", "street_cleaning", "lighting"}
