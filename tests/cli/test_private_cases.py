"""`jundesk case list|show` keep a private post (a Telegram private chat, a Mastodon direct
mention) to the desks of its case's role, as the window does (core/private_posts.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from jundesk.app.ingest import Ingestor
from jundesk.app.settings import Settings
from jundesk.cli.main import main
from jundesk.core.events import make_event
from jundesk.core.ids import uuid7
from jundesk.core.model import POLICE, Actor, Cursor, EventKind, Post
from jundesk.intake.source import Page
from jundesk.store.repository import Store
from jundesk.triage import Triage

SECRET = "Mi vecino del 3ºB me amenaza, vivo en Calle Real 12"


@pytest.fixture
def database(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "desk.db"
    at = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    post = Post(
        id=uuid7(),
        source="telegram",
        source_id="777:1",
        author_id="777",
        author_handle="lucia_g",
        author_name="Lucía G.",
        text=SECRET,
        created_at=at,
        received_at=at,
        conversation_id="777",
        place="37.1,-3.6",
        private=True,
    )
    store = Store(path)
    try:
        report = Ingestor(store, Triage.from_resources()).ingest(
            "telegram", Page((post,), Cursor("telegram", "updates", "777:1"), reads=1)
        )
        case_id = report.new_cases[0][0]
        store.append_events(
            [
                make_event(case_id, EventKind.ROUTED, Actor("front", "Ana"), role=POLICE),
                make_event(
                    case_id,
                    EventKind.REPLIED,
                    Actor("police", "Ruiz"),
                    text="Lucía, vamos a Calle Real 12",
                    reply_id="777:2",
                ),
            ]
        )
    finally:
        store.close()
    return path, case_id


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def as_desk(roles: list[str]) -> None:
    Settings(desk_roles=roles).save()


def test_a_desk_of_another_role_sees_that_a_private_message_came_not_what_it_says(
    database: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path, case_id = database
    as_desk(["street_cleaning", "lighting"])
    listed = run(capsys, "case", "list", "--db", str(path))
    assert "(private message)" in listed and "lucia_g" not in listed and "Calle" not in listed
    shown = run(capsys, "case", "show", case_id, "--db", str(path))
    assert "(private message)" in shown
    assert "Calle Real" not in shown and "lucia_g" not in shown and "Lucía" not in shown
    data = json.loads(run(capsys, "case", "show", case_id, "--db", str(path), "--json"))
    assert SECRET not in json.dumps(data, ensure_ascii=False)
    assert data["posts"][0]["private"] is True and "37.1" not in json.dumps(data)
    replied = [e for e in data["events"] if e["kind"] == "replied"]
    assert replied and "text" not in replied[0]["payload"]
    # Its words find nothing here either.
    assert run(capsys, "case", "list", "--db", str(path), "--search", "amenaza") == ""


def test_the_desk_of_the_cases_role_reads_it_whole(
    database: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path, case_id = database
    as_desk([POLICE])
    assert "lucia_g" in run(capsys, "case", "list", "--db", str(path))
    shown = run(capsys, "case", "show", case_id, "--db", str(path))
    assert "Calle Real 12" in shown and "vamos a Calle Real" in shown
    assert run(capsys, "case", "list", "--db", str(path), "--search", "amenaza").count("\n") == 1
