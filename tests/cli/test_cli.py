"""The command line end to end: xserver -> collect -> export, classify, case actions."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from jundesk.cli.main import main
from jundesk.xserver import XServer
from jundesk.xserver.town import TownDay, TownSimulator


@pytest.fixture
def town() -> Iterator[XServer]:
    with XServer(seed=5) as server:
        TownSimulator(server, TownDay(seed=5, posts=80), speed=1000).preload()
        yield server


@pytest.fixture
def x_env(town: XServer, monkeypatch: pytest.MonkeyPatch) -> XServer:
    monkeypatch.setenv("JUNDESK_X_BEARER_TOKEN", town.bearer_token)
    monkeypatch.setenv("JUNDESK_X_CONSUMER_KEY", town.consumer_key)
    monkeypatch.setenv("JUNDESK_X_CONSUMER_SECRET", town.consumer_secret)
    monkeypatch.setenv("JUNDESK_X_ACCESS_TOKEN", town.access_token)
    monkeypatch.setenv("JUNDESK_X_ACCESS_TOKEN_SECRET", town.access_token_secret)
    return town


def jundesk(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow
def test_collect_once_then_export_shows_routed_cases(x_env, tmp_path, capsys) -> None:
    db = tmp_path / "town.db"
    code, out, _ = jundesk(
        capsys, "collect", "--once", "--db", str(db), "--x-api-base", x_env.base_url
    )
    assert code == 0
    assert "town account: @AytoJun" in out  # looked up with get_me...
    code, out, _ = jundesk(
        capsys, "collect", "--once", "--db", str(db), "--x-api-base", x_env.base_url
    )
    assert code == 0 and "town account" not in out  # ...once
    assert "new case" in out
    code, out, _ = jundesk(capsys, "export", "--db", str(db))
    assert code == 0
    cases = [json.loads(line) for line in out.splitlines()]
    assert cases
    roles = {c["role"] for c in cases}
    assert {"police", "street_cleaning", "lighting"} <= roles
    server_texts = {p["id"]: p["text"] for p in x_env.posts()}
    for case in cases:
        assert {"id", "role", "priority", "status", "created_at", "resolved_at"} <= case.keys()
        for post in case["posts"]:
            assert set(post) >= {"source", "source_id", "author_handle", "text", "created_at"}
            assert post["text"] == server_texts[post["source_id"]]  # exactly as received
    code, out, _ = jundesk(capsys, "export", "--db", str(db), "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("id,role,priority,status")


def test_collect_without_credentials_says_what_to_do(tmp_path, capsys) -> None:
    code, _, err = jundesk(capsys, "collect", "--once", "--db", str(tmp_path / "x.db"))
    assert code == 1
    assert "jundesk accounts set" in err


def test_classify_answers_one_line_per_input_in_order(capsys, monkeypatch) -> None:
    lines = [
        {"text": "Accidente en la rotonda, hay un herido"},
        {"text": "The street light on Main Street is out"},
        {"text": "Hay bolsas de basura tiradas junto al contenedor"},
        "not json",
        {"text": "¡Felices fiestas a todo el pueblo!"},
    ]
    stdin = "\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines) + "\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code, out, _ = jundesk(capsys, "classify")
    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == 5
    assert results[0]["role"] == "police" and results[0]["priority"] == "urgent"
    assert results[1]["role"] == "lighting"
    assert results[2]["role"] == "street_cleaning"
    assert "error" in results[3]
    assert results[4]["role"] == "unrouted"
    assert all(0 <= r["confidence"] <= 1 for r in results if "confidence" in r)
    assert code == 1  # one line was not valid


@pytest.mark.slow
def test_case_actions_from_the_command_line(x_env, tmp_path, capsys) -> None:
    db = str(tmp_path / "town.db")
    jundesk(capsys, "collect", "--once", "--db", db, "--x-api-base", x_env.base_url, "--quiet")
    code, out, _ = jundesk(capsys, "case", "list", "--db", db, "--json")
    assert code == 0
    listed = [json.loads(line) for line in out.splitlines()]
    ranks = ["urgent", "high", "normal", "low"]
    assert [ranks.index(c["priority"]) for c in listed] == sorted(
        ranks.index(c["priority"]) for c in listed
    )
    first = listed[0]["id"][-8:]
    assert jundesk(capsys, "case", "ack", first, "--db", db, "--as", "Ana")[0] == 0
    assert jundesk(capsys, "case", "assign", first, "Luis", "--db", db)[0] == 0
    assert jundesk(capsys, "case", "priority", first, "high", "--db", db)[0] == 0
    assert jundesk(capsys, "case", "route", first, "lighting", "--reason", "x", "--db", db)[0] == 0
    assert jundesk(capsys, "case", "note", first, "llamado al vecino", "--db", db)[0] == 0
    code, _, _ = jundesk(
        capsys,
        "case",
        "reply",
        first,
        "Gracias por avisar, vamos",
        "--db",
        db,
        "--x-api-base",
        x_env.base_url,
    )
    assert code == 0
    assert jundesk(capsys, "case", "resolve", first, "--db", db)[0] == 0
    code, out, _ = jundesk(capsys, "case", "show", first, "--db", db, "--json")
    shown = json.loads(out)
    assert shown["status"] == "resolved" and shown["assignee"] == "Luis"
    assert shown["role"] == "lighting" and shown["priority"] == "high"
    kinds = [e["kind"] for e in shown["events"]]
    for kind in (
        "acknowledged",
        "assigned",
        "prioritised",
        "rerouted",
        "noted",
        "replied",
        "resolved",
    ):
        assert kind in kinds
    assert jundesk(capsys, "case", "reopen", first, "--db", db)[0] == 0
    second, third = listed[1]["id"][-8:], listed[2]["id"]  # an end, a whole id
    assert jundesk(capsys, "case", "merge", first, second, third, "--db", db)[0] == 0
    code, out, _ = jundesk(capsys, "case", "show", second, "--db", db, "--json")
    assert json.loads(out)["status"] == "merged"
    code, _, err = jundesk(capsys, "case", "ack", "zzzz", "--db", db)
    assert code == 1 and "No case" in err
    code, out, _ = jundesk(
        capsys,
        "case",
        "log",
        "Llaman: farola caída en la calle Ancha",
        "--channel",
        "phone",
        "--db",
        db,
    )
    assert code == 0 and "lighting" in out


def test_accounts_set_keeps_secrets_in_the_keyring_only(
    x_env, tmp_path, capsys, memory_keyring, jundesk_home, caplog
) -> None:
    code, out, _ = jundesk(capsys, "accounts", "set", "--from-env", "--user-id", x_env.town_user_id)
    assert code == 0
    assert memory_keyring.values[("jundesk", "x:bearer_token")] == x_env.bearer_token
    for name in (
        "JUNDESK_X_BEARER_TOKEN",
        "JUNDESK_X_CONSUMER_KEY",
        "JUNDESK_X_CONSUMER_SECRET",
        "JUNDESK_X_ACCESS_TOKEN",
        "JUNDESK_X_ACCESS_TOKEN_SECRET",
    ):
        import os

        os.environ.pop(name)
    db = tmp_path / "town.db"
    code, collect_out, collect_err = jundesk(
        capsys, "-v", "collect", "--once", "--db", str(db), "--x-api-base", x_env.base_url
    )
    assert code == 0, collect_err
    code, show_out, _ = jundesk(capsys, "accounts", "show")
    secrets = [v.encode() for v in x_env.credentials().values()]
    files = [p for p in [db, Path(str(db) + "-wal"), *list(jundesk_home.rglob("*"))] if p.is_file()]
    assert files
    for path in files:
        content = path.read_bytes()
        for secret in secrets:
            assert secret not in content, f"a token is in {path.name}"
    outputs = (out + collect_out + collect_err + show_out + caplog.text).encode()
    for secret in secrets:
        assert secret not in outputs


def test_no_keyring_gives_a_clear_message(tmp_path, capsys, monkeypatch) -> None:
    import keyring
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())
    code, _, err = jundesk(capsys, "collect", "--once", "--db", str(tmp_path / "t.db"))
    assert code == 1
    assert "no keyring" in err
