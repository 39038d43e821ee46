"""The desk's triage actions: each records its event, and the case shows it."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from jundesk.app.actions import CASE_MERGED, ActionError, ReplyFailed
from jundesk.app.engine import Engine
from jundesk.app.settings import Settings
from jundesk.core.model import EventKind, Priority, Status
from jundesk.intake.x_credentials import XCredentials
from jundesk.xserver import Fault, XServer


@pytest.fixture
def xserver() -> Iterator[XServer]:
    with XServer(seed=2) as server:
        yield server


@pytest.fixture
def engine(tmp_path: Path, xserver: XServer) -> Iterator[Engine]:
    settings = Settings(
        x_api_base=xserver.base_url,
        x_user_id=xserver.town_user_id,
        desk_name="police-station",
        person="Ana",
    )
    creds = XCredentials(user_id=xserver.town_user_id, **xserver.credentials())
    e = Engine(tmp_path / "desk.db", settings, creds)
    e.source.backoff.base = 0.01  # type: ignore[union-attr]
    yield e
    e.close()


def run(coro):
    return asyncio.run(coro)


def ingest(engine: Engine, xserver: XServer, text: str, author: str = "vecino") -> str:
    xserver.add_post(author, f"@{xserver.town_handle} {text}")
    report = run(engine.intake.poll_once())  # type: ignore[union-attr]
    return report.new_cases[-1][0]


def kinds(engine: Engine, case_id: str) -> list[EventKind]:
    return [e.kind for e in engine.store.case_events(case_id)]


def test_acknowledge_assign_note_resolve_reopen(engine: Engine, xserver: XServer) -> None:
    case_id = ingest(engine, xserver, "la farola de la calle Real está apagada")
    actions = engine.actions
    assert run(actions.acknowledge(case_id)).status is Status.ACKNOWLEDGED
    assert run(actions.assign_to_me(case_id)).assignee == "Ana"
    assert run(actions.note(case_id, "Avisado el electricista")).notes == 1
    resolved = run(actions.resolve(case_id))
    assert resolved.status is Status.RESOLVED and resolved.resolved_at is not None
    assert run(actions.reopen(case_id, "vuelve a fallar")).status is Status.ACKNOWLEDGED
    history = kinds(engine, case_id)
    for kind in (
        EventKind.ACKNOWLEDGED,
        EventKind.ASSIGNED,
        EventKind.NOTED,
        EventKind.RESOLVED,
        EventKind.REOPENED,
    ):
        assert kind in history
    actor = engine.store.case_events(case_id)[-1].actor
    assert (actor.desk, actor.person) == ("police-station", "Ana")


def test_reroute_teaches_triage(engine: Engine, xserver: XServer) -> None:
    case_id = ingest(engine, xserver, "la fuente de la plaza pierde agua sin parar")
    run(engine.actions.reroute(case_id, "street_cleaning", "lo lleva la brigada"))
    assert engine.store.get_case(case_id).role == "street_cleaning"  # type: ignore[union-attr]
    assert engine.store.corrections()[-1][1] == "street_cleaning"
    similar = engine.triage.classify("la fuente del parque pierde mucha agua")
    assert similar.role == "street_cleaning"


def test_unknown_role_or_priority_is_a_clear_error(engine: Engine, xserver: XServer) -> None:
    case_id = ingest(engine, xserver, "perro suelto en el parque")
    with pytest.raises(ActionError, match="Unknown role"):
        run(engine.actions.reroute(case_id, "astronauts"))
    with pytest.raises(ActionError, match="Unknown priority"):
        run(engine.actions.set_priority(case_id, "whenever"))
    with pytest.raises(ActionError, match="No case"):
        run(engine.actions.acknowledge("no-such-case"))
    assert run(engine.actions.set_priority(case_id, Priority.HIGH)).priority is Priority.HIGH


def test_reply_goes_out_through_x_and_is_recorded(engine: Engine, xserver: XServer) -> None:
    case_id = ingest(engine, xserver, "hay cacas de perro en la puerta del colegio", "marta")
    case = run(engine.actions.reply(case_id, "Gracias @marta, hoy pasa la brigada."))
    assert case.replies == 1 and case.first_reply_at is not None
    assert xserver.replies_created[-1]["text"] == "Gracias @marta, hoy pasa la brigada."
    posts = engine.store.case_posts(case_id)
    assert posts[-1].is_own and posts[-1].text.startswith("Gracias")
    # The next poll sees nothing new: our reply is not a new case.
    report = run(engine.intake.poll_once())  # type: ignore[union-attr]
    assert report.new_cases == []


def test_a_failed_reply_says_why_and_records_nothing(engine: Engine, xserver: XServer) -> None:
    case_id = ingest(engine, xserver, "contenedor quemado en la avenida")
    xserver.faults.push(Fault.rate_limit(reset_in=3600, endpoint="/2/tweets", method="POST"))
    with pytest.raises(ReplyFailed, match="rate limit"):
        run(engine.actions.reply(case_id, "Vamos para allá"))
    assert EventKind.REPLIED not in kinds(engine, case_id)


def test_merge_duplicates_keeps_one_case_with_all_posts(engine: Engine, xserver) -> None:
    a = ingest(engine, xserver, "la farola 12 de la calle Real no enciende", "ana")
    b = ingest(engine, xserver, "farola apagada en calle Real, frente al 12", "luis")
    c = ingest(engine, xserver, "calle Real a oscuras por la farola", "rosa")
    kept = run(engine.actions.merge(a, [b, c]))
    assert len(kept.post_ids) == 3
    for other in (b, c):
        merged = engine.store.get_case(other)
        assert merged.status is Status.MERGED and merged.merged_into == a  # type: ignore
    with pytest.raises(ActionError):
        run(engine.actions.merge(a, [a]))
    # A merged case can't be resolved: refused, nothing recorded.
    with pytest.raises(ActionError) as refused:
        run(engine.actions.resolve(b))
    assert refused.value.code == CASE_MERGED
    assert EventKind.RESOLVED not in kinds(engine, b)


MERGED_CASE_ACTIONS = {
    "resolve": lambda a, case: a.resolve(case),
    "resolve with a reply": lambda a, case: a.resolve(case, "Arreglado, gracias"),
    "reopen": lambda a, case: a.reopen(case, "sigue apagada"),
    "reject": lambda a, case: a.reject(case, "no es del ayuntamiento"),
    "close": lambda a, case: a.close(case),
    "ack": lambda a, case: a.acknowledge(case),
    "start": lambda a, case: a.start(case),
    "assign": lambda a, case: a.assign(case, "Luis"),
    "priority": lambda a, case: a.set_priority(case, "urgent"),
    "route": lambda a, case: a.reroute(case, "police", "no es una farola"),
    "reply": lambda a, case: a.reply(case, "Vamos para allá"),
}


@pytest.mark.parametrize("action", MERGED_CASE_ACTIONS)
def test_actions_on_a_merged_case_are_refused(engine: Engine, xserver, action) -> None:
    keep = ingest(engine, xserver, "la farola 12 de la calle Real no enciende", "ana")
    dup = ingest(engine, xserver, "farola apagada en calle Real, frente al 12", "luis")
    run(engine.actions.merge(keep, [dup]))
    before = engine.store.case_events(dup)
    published = len(xserver.replies_created)
    with pytest.raises(ActionError) as refused:
        run(MERGED_CASE_ACTIONS[action](engine.actions, dup))
    assert refused.value.code == CASE_MERGED
    assert refused.value.params == {"case_id": dup, "merged_into": keep}
    assert f"merged into case {keep[-8:]}" in str(refused.value)
    assert engine.store.case_events(dup) == before
    assert len(xserver.replies_created) == published  # nothing went out on X


def test_a_note_on_a_merged_case_is_kept(engine: Engine, xserver) -> None:
    keep = ingest(engine, xserver, "la farola 12 de la calle Real no enciende", "ana")
    dup = ingest(engine, xserver, "farola apagada en calle Real, frente al 12", "luis")
    run(engine.actions.merge(keep, [dup]))
    assert run(engine.actions.note(dup, "era la misma farola")).notes == 1


def test_front_desk_logs_a_walk_in_complaint(engine: Engine) -> None:
    case = run(
        engine.actions.log_complaint(
            "Una señora dice que hay una pelea en la plaza y un herido",
            channel="phone",
            author_name="Carmen",
        )
    )
    assert case.role == "police" and case.priority is Priority.URGENT
    post = engine.store.case_posts(case.id)[0]
    assert post.source == "manual" and post.author_name == "Carmen"
    with pytest.raises(ActionError, match="no post to answer"):
        run(engine.actions.reply(case.id, "Hola"))


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64


def test_resolve_with_a_photo_publishes_it_with_the_closing_reply(
    engine: Engine, xserver: XServer, tmp_path: Path
) -> None:
    case_id = ingest(engine, xserver, "la farola 12 de la calle Real no enciende", "marta")
    photo = tmp_path / "farola-12.jpg"
    photo.write_bytes(JPEG)
    case = run(engine.actions.resolve(case_id, "@marta Farola reparada.", photo=str(photo)))
    assert case.status is Status.RESOLVED and case.replies == 1
    (created,) = xserver.replies_created
    (media_key,) = created["attachments"]["media_keys"]
    assert xserver.uploaded_media(media_key) == JPEG
    events = engine.store.case_events(case_id)
    replied = next(e for e in events if e.kind is EventKind.REPLIED)
    assert replied.payload["media_ids"] == [media_key.removeprefix("3_")]
    assert replied.payload["photo"] == "farola-12.jpg"  # the name, not the desk's path
    assert events[-1].kind is EventKind.RESOLVED and events[-1].payload["photo"] == str(photo)


def test_a_photo_needs_a_closing_reply(engine: Engine, xserver: XServer, tmp_path: Path) -> None:
    case_id = ingest(engine, xserver, "hay un bache enorme en la avenida")
    photo = tmp_path / "bache.jpg"
    photo.write_bytes(JPEG)
    with pytest.raises(ActionError, match="goes out with the closing reply"):
        run(engine.actions.resolve(case_id, "  ", photo=str(photo)))
    assert EventKind.RESOLVED not in kinds(engine, case_id)


def test_a_photo_that_fails_keeps_the_case_open(
    engine: Engine, xserver: XServer, tmp_path: Path
) -> None:
    case_id = ingest(engine, xserver, "la fuente de la plaza no funciona")
    not_a_photo = tmp_path / "fuente.jpg"
    not_a_photo.write_text("not a picture")
    photo = tmp_path / "fuente-ok.jpg"
    photo.write_bytes(JPEG)
    xserver.faults.push(Fault.rate_limit(reset_in=3600, endpoint="/2/media/upload"))
    for path in (tmp_path / "missing.jpg", not_a_photo, photo):
        with pytest.raises(ReplyFailed):
            run(engine.actions.resolve(case_id, "Fuente arreglada.", photo=str(path)))
    assert xserver.replies_created == []
    assert EventKind.REPLIED not in kinds(engine, case_id)
    assert EventKind.RESOLVED not in kinds(engine, case_id)
    assert engine.store.get_case(case_id).status.is_open  # type: ignore[union-attr]


def test_a_fix_shown_with_a_photo_counts_in_the_crews_figures(
    engine: Engine, xserver: XServer, tmp_path: Path
) -> None:
    """The crew resolving with a photo is who the record credits: its desk and person
    count the case as resolved, with its time to resolve."""
    from jundesk.app.records import RecordQuery, Records

    case_id = ingest(engine, xserver, "la farola 12 de la calle Real no enciende", "marta")
    photo = tmp_path / "farola-12.jpg"
    photo.write_bytes(JPEG)
    case = run(engine.actions.resolve(case_id, "@marta Farola reparada.", photo=str(photo)))
    records = Records(engine.store, engine.settings)
    records.prepare()
    everything = RecordQuery()
    by_person = {m.key: m for m in records.measures(everything, by="person")}
    by_desk = {m.key: m for m in records.measures(everything, by="desk")}
    assert by_person["Ana"].resolved == 1 and by_desk["police-station"].resolved == 1
    assert case.resolved_at is not None and case.arrived_at is not None
    took = (case.resolved_at - case.arrived_at).total_seconds()
    assert by_person["Ana"].resolve.median == pytest.approx(took, abs=1)
