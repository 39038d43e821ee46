"""`jundesk privacy`: erase, export (access request), purge and audit from the shell."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from jundesk.app.settings import Settings
from jundesk.cli.main import main
from jundesk.core.events import opening_events
from jundesk.core.ids import uuid7
from jundesk.core.model import INTAKE_ACTOR, TRIAGE_ACTOR, UNROUTED, Post, Priority
from jundesk.store import Store

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def jundesk(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def desk_db(path: Path) -> Path:
    with Store(path) as store:
        for handle, text in (("marta_jun", "Farola rota Zurbarán 12"), ("pedro", "Basura")):
            post = Post(
                id=uuid7(),
                source="x",
                source_id=uuid7()[-10:],
                author_id="u-" + handle,
                author_handle=handle,
                author_name=handle.title(),
                text=text,
                created_at=T0,
                received_at=T0,
            )
            case_id = uuid7()
            events = opening_events(
                case_id, post.id, T0, "lighting", Priority.NORMAL, 0.9, INTAKE_ACTOR, TRIAGE_ACTOR
            )
            with store.unit() as uow:
                uow.add_posts([post], [case_id])
                uow.append_events(events, {case_id: post})
    return path


def roles(*desk_roles: str) -> None:
    settings = Settings.load()
    settings.desk_roles = list(desk_roles)
    settings.desk_name = "town_hall"
    settings.person = "Ana"
    settings.hub_url = "postgresql://town_hall@127.0.0.1/town"  # in a town (never contacted)
    settings.save()


def test_erase_then_nothing_of_the_person_shows_but_the_history_says_so(
    tmp_path: Path, capsys
) -> None:
    db = str(desk_db(tmp_path / "desk.db"))
    roles("police")
    code, _, err = jundesk(
        capsys,
        "privacy",
        "erase",
        "--db",
        db,
        "--author",
        "@marta_jun",
        "--reason",
        "asked in person",
    )
    assert code == 1 and "front desk" in err

    code, out, _ = jundesk(capsys, "privacy", "export", "--db", db, "--author", "@marta_jun")
    held = json.loads(out)
    assert [p["text"] for p in held["posts"]] == ["Farola rota Zurbarán 12"]
    assert len(held["cases"]) == 1 and held["cases"][0]["events"]

    roles("police", UNROUTED)
    code, out, _ = jundesk(
        capsys,
        "privacy",
        "erase",
        "--db",
        db,
        "--author",
        "@marta_jun",
        "--reason",
        "asked in person",
    )
    assert code == 0 and "Blocked 1 post(s) in 1 case(s)" in out
    code, out, _ = jundesk(capsys, "export", "--db", db)
    assert "Zurbarán" not in out and "marta_jun" not in out and "Basura" in out
    code, out, _ = jundesk(capsys, "case", "list", "--db", db)
    assert "marta_jun" not in out and "Zurbarán" not in out

    code, out, _ = jundesk(capsys, "privacy", "export", "--db", db, "--author", "marta_jun")
    held = json.loads(out)
    assert held["posts"] == []
    [blocked] = held["blocked_posts"]
    assert blocked["original"]["text"] == "Farola rota Zurbarán 12"
    redacted = [e for e in held["cases"][0]["events"] if e["kind"] == "redacted"]
    assert redacted[0]["person"] == "Ana" and redacted[0]["payload"]["reason"] == "asked in person"

    code, out, err = jundesk(capsys, "privacy", "audit", "--db", db)
    assert code == 1 and "auditor" in err
    roles("auditor")
    code, out, _ = jundesk(capsys, "privacy", "audit", "--db", db)
    assert code == 0 and "Zurbarán" in out

    code, out, _ = jundesk(capsys, "privacy", "purge", "--db", db)
    assert code == 0 and "destroyed 0" in out  # the keeping period has not passed
