"""Privacy actions of a desk: erasure, retention, the purge and access requests."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from jundesk.app.privacy import ERASURE, RETENTION, Privacy, PrivacyError
from jundesk.core.events import make_event, opening_events
from jundesk.core.ids import uuid7
from jundesk.core.model import (
    INTAKE_ACTOR,
    TRIAGE_ACTOR,
    UNROUTED,
    Actor,
    EventKind,
    Post,
    Priority,
)
from jundesk.store import Store
from jundesk.store.column_types import id_to_stored, source_id_to_stored

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
FRONT = Actor("town_hall", "Ana")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "desk.db") as opened:
        yield opened


def add_case(
    store: Store, handle: str, text: str, role: str = "lighting", at=T0
) -> tuple[str, Post]:
    n = uuid7()
    post = Post(
        id=uuid7(),
        source="x",
        source_id=n[-12:],
        author_id="u-" + handle,
        author_handle=handle,
        author_name=handle.title(),
        text=text,
        created_at=at,
        received_at=at,
    )
    case_id = uuid7()
    events = opening_events(
        case_id, post.id, at, role, Priority.NORMAL, 0.9, INTAKE_ACTOR, TRIAGE_ACTOR, at=at
    )
    with store.unit() as uow:
        uow.add_posts([post], [case_id])
        uow.append_events(events, {case_id: post})
    return case_id, post


def front(store: Store, **kw) -> Privacy:
    return Privacy(store, FRONT, desk_roles=("police", UNROUTED), **kw)


def test_erase_blocks_every_post_of_the_person_and_records_who_and_why(store: Store) -> None:
    first, _ = add_case(store, "Marta_Jun", "Farola rota en mi portal")
    second, _ = add_case(store, "marta_jun", "Sigue rota la farola")
    others, _ = add_case(store, "pedro", "Basura en la plaza")
    events = front(store).erase("@MARTA_JUN", "art. 17 request of 2 March", now=T0 + timedelta(1))
    assert sorted(e.case_id for e in events) == sorted([first, second])
    assert store.posts_by_author("marta_jun") == []
    assert [p.text for p in store.case_posts(others)] == ["Basura en la plaza"]
    [last] = store.case_events(first)[-1:]
    assert last.kind is EventKind.REDACTED and last.actor == FRONT
    assert last.payload["basis"] == ERASURE
    assert last.payload["reason"] == "art. 17 request of 2 March"


def test_only_a_front_desk_erases_and_it_must_say_why(store: Store) -> None:
    add_case(store, "marta_jun", "Farola rota")
    police = Privacy(store, Actor("police", "Luis"), desk_roles=("police",))
    with pytest.raises(PrivacyError, match="front desk"):
        police.erase("marta_jun", "because")
    alone = Privacy(store, Actor("police", "Luis"), desk_roles=("police",), in_town=False)
    assert alone.may_block  # a desk alone erases its own data
    with pytest.raises(PrivacyError, match="why"):
        front(store).erase("marta_jun", "  ")
    assert len(store.posts_by_author("marta_jun")) == 1


def test_the_purge_destroys_originals_after_the_keeping_period(store: Store) -> None:
    add_case(store, "marta_jun", "Farola rota")
    desk = front(store, keep_days=30)
    desk.erase("marta_jun", "asked", now=T0)
    assert desk.purge(T0 + timedelta(days=29)).destroyed == 0
    assert desk.access_request("marta_jun")["blocked"][0].original["text"] == "Farola rota"
    assert desk.purge(T0 + timedelta(days=31)).destroyed == 1
    held = desk.access_request("marta_jun")
    assert held["posts"] == [] and held["blocked"] == [] and held["cases"] == []


def test_retention_blocks_only_resolved_cases_past_their_role_s_age(store: Store) -> None:
    old, old_post = add_case(store, "ana", "Farola antigua", role="lighting")
    recent, recent_post = add_case(store, "ana", "Farola nueva", role="lighting")
    _open_case, open_post = add_case(store, "ana", "Farola abierta", role="lighting")
    police, police_post = add_case(store, "ana", "Ruido", role="police")
    store.append_events(
        [
            make_event(old, EventKind.RESOLVED, FRONT, T0 + timedelta(days=1)),
            make_event(recent, EventKind.RESOLVED, FRONT, T0 + timedelta(days=80)),
            make_event(police, EventKind.RESOLVED, FRONT, T0 + timedelta(days=1)),
        ]
    )
    desk = front(store, retention_days={"lighting": 60, "police": 365})
    report = desk.purge(T0 + timedelta(days=90))
    assert report.retention_blocked == 1
    assert store.get_post(old_post.id).text == ""  # type: ignore[union-attr]
    for kept in (recent_post, open_post, police_post):
        assert store.get_post(kept.id).text == kept.text  # type: ignore[union-attr]
    redacted = [e for e in store.case_events(old) if e.kind is EventKind.REDACTED]
    assert [e.payload["basis"] for e in redacted] == [RETENTION]
    assert redacted[0].actor.person == ""  # the policy blocked it, not a person
    assert desk.purge(T0 + timedelta(days=91)).retention_blocked == 0  # once only


def test_an_access_request_gives_the_posts_cases_and_events(store: Store) -> None:
    mine, post = add_case(store, "marta_jun", "Farola rota")
    add_case(store, "pedro", "Basura")
    store.append_events([make_event(mine, EventKind.NOTED, FRONT, T0, text="llamada")])
    held = front(store).access_request("@marta_jun")
    assert [p.id for p, _ in held["posts"]] == [post.id]
    assert [c["case"].id for c in held["cases"]] == [mine]
    kinds = [e.kind for e in held["cases"][0]["events"]]
    assert EventKind.INGESTED in kinds and EventKind.NOTED in kinds


@pytest.mark.asyncio
async def test_the_engine_runs_the_purge_as_a_service(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from jundesk.app.engine import Engine
    from jundesk.app.privacy import DailyPurge
    from jundesk.app.settings import Settings

    settings = Settings(desk_roles=["lighting", UNROUTED], retention_days={"*": 10})
    engine = Engine(tmp_path / "engine.db", settings)
    try:
        services = engine.services()
        assert [s.__qualname__ for s in services] == ["DailyPurge.run"]
        for service in services:
            service.close()
        case_id, post = add_case(engine.store, "ana", "Farola", at=T0)
        engine.store.append_events(
            [make_event(case_id, EventKind.RESOLVED, FRONT, T0 + timedelta(days=1))]
        )
        changed: list[list[str]] = []
        with ThreadPoolExecutor(1) as writer:
            report = await DailyPurge(engine.privacy, writer, changed.append).once()
        assert report is not None and report.retention_blocked == 1
        assert changed == [[case_id]]
        assert engine.store.get_post(post.id).text == ""  # type: ignore[union-attr]
    finally:
        engine.close()


@pytest.mark.slow
@pytest.mark.asyncio
async def test_posts_x_reports_gone_are_blocked_with_an_x_compliance_event(store: Store) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from jundesk.app.privacy import X_COMPLIANCE, DailyPurge
    from jundesk.intake.x_compliance import XCompliance
    from jundesk.intake.x_credentials import XCredentials
    from jundesk.xserver import XServer

    with XServer() as server:
        ids = [server.add_post("vecina_jun", f"@AytoJun aviso {n}") for n in range(3)]
        server.delete_post(ids[1])
        server.mark_post(ids[2], "suspended")
        cases = []
        for n, x_id in enumerate(ids):
            case_id, post = add_case(store, "vecina_jun", f"aviso {n}")
            with store._write() as conn:  # the post as intake stores an X post
                conn.exec_driver_sql(
                    "UPDATE posts SET source_id = ? WHERE id = ?",
                    (source_id_to_stored(x_id), id_to_stored(post.id)),
                )
            cases.append((case_id, post))
        check = XCompliance(XCredentials(bearer_token=server.bearer_token), server.base_url)
        changed: list[list[str]] = []
        with ThreadPoolExecutor(1) as writer:
            purge = DailyPurge(front(store), writer, changed.append, x_check=check.check)
            events = await purge.comply_with_x()
    assert sorted(e.case_id for e in events) == sorted([cases[1][0], cases[2][0]])
    assert {e.payload["reason"] for e in events} == {
        "X reports the post deleted",
        "X reports the post suspended",
    }
    assert all(e.payload["basis"] == X_COMPLIANCE for e in events)
    assert store.get_post(cases[0][1].id).text == "aviso 0"  # type: ignore[union-attr]
    assert store.get_post(cases[1][1].id).text == ""  # type: ignore[union-attr]
    assert store.get_post(cases[2][1].id).text == ""  # type: ignore[union-attr]
    assert sorted(changed[0]) == sorted([cases[1][0], cases[2][0]])


@pytest.mark.asyncio
async def test_the_daily_purge_ends_when_stopped(store: Store) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from jundesk.app.privacy import DailyPurge

    with ThreadPoolExecutor(1) as writer:
        purge = DailyPurge(front(store), writer)
        task = asyncio.create_task(purge.run())
        while purge._wake is None:
            await asyncio.sleep(0.01)
        purge.stop()
        await asyncio.wait_for(task, 10)
    assert task.done() and task.exception() is None
