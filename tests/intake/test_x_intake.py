"""Intake from X through tweepy against the local X API server: every post once, always."""

from __future__ import annotations

import pytest

from jundesk.app.ingest import Ingestor
from jundesk.core.model import Status
from jundesk.intake.source import RateLimited, Refused, TransientError
from jundesk.intake.x_credentials import XCredentials
from jundesk.intake.x_source import MAX_PHOTO_BYTES, XSource
from jundesk.store.repository import Store
from jundesk.triage import Triage
from jundesk.xserver import MEDIA_UPLOAD, MENTIONS, Fault, XServer
from jundesk.xserver.town import TownDay, TownSimulator

from .conftest import make_source, poll


def mention_ids(server: XServer) -> set[str]:
    handle = f"@{server.town_handle}".lower()
    return {
        p["id"]
        for p in server.posts()
        if handle in p["text"].lower() and p.get("author_id") != server.town_user_id
    }


def stored_ids(store: Store) -> list[str]:
    return [p.source_id for _, posts in store.iter_cases_for_export() for p in posts]


def test_a_simulated_day_arrives_whole_with_authors_and_threads(
    xserver: XServer, source, store: Store, triage: Triage
) -> None:
    day = TownDay(seed=3, posts=120)
    TownSimulator(xserver, day, speed=1000).preload()
    report = poll(source, store, triage)

    expected = mention_ids(xserver)
    ids = stored_ids(store)
    assert len(ids) == len(set(ids)), "a post was stored twice"
    assert set(ids) >= expected
    assert report.stored == len(set(ids))
    assert report.new_cases, "no case was opened"
    assert report.followups, "no follow-up joined its case"

    one = store.post_by_source("x", sorted(expected)[0])
    assert one is not None
    assert one.author_handle and one.author_name  # from includes.users
    assert one.conversation_id and one.lang


def test_a_second_poll_reads_only_what_is_new(xserver, source, store, triage) -> None:
    TownSimulator(xserver, TownDay(seed=4, posts=40), speed=1000).preload()
    poll(source, store, triage)
    before = xserver.post_reads
    again = poll(source, store, triage)
    assert again.stored == 0
    assert xserver.post_reads == before  # since_id: nothing read twice
    xserver.add_post("vecina_nueva", f"@{xserver.town_handle} la farola de mi calle no enciende")
    third = poll(source, store, triage)
    assert third.stored == 1
    _case_id, verdict, _ = third.new_cases[0]
    assert verdict.role == "lighting"


def test_a_follow_up_joins_the_case_and_our_replies_are_not_new_cases(
    xserver, source, store, triage
) -> None:
    root = xserver.add_post("pepe_jun", f"@{xserver.town_handle} hay basura tirada en la plaza")
    poll(source, store, triage)
    case = store.list_cases()[0].case
    xserver.add_post(
        "pepe_jun", f"@{xserver.town_handle} y ahora también cristales rotos", reply_to=root
    )
    town_reply = xserver.add_post(
        xserver.town_handle, "@pepe_jun gracias, avisamos al servicio de limpieza", reply_to=root
    )
    source_with_search = make_source(xserver, searches=("from:AytoJun",))
    report = poll(source_with_search, store, triage)
    assert report.new_cases == []
    assert report.followups == [case.id]
    assert report.own_replies == 1
    updated = store.get_case(case.id)
    assert updated is not None
    assert len(updated.post_ids) == 3
    assert updated.first_reply_at is not None  # the town's answer counts as a reply
    assert store.post_by_source("x", town_reply).is_own


def test_a_failure_on_page_three_of_five_loses_nothing(xserver, source, store, triage) -> None:
    for i in range(100):
        xserver.add_post(f"vecino{i % 7}", f"@{xserver.town_handle} aviso número {i}: farola")
    ingestor = Ingestor(store, triage)
    key = source.streams()[0]
    pages = source.pages(store.get_cursor("x", key))
    for _ in range(2):
        ingestor.ingest("x", next(pages))
    xserver.faults.push(Fault.server_error(500, endpoint="/2/users/", times=50))
    with pytest.raises(TransientError):
        next(pages)
    assert len(stored_ids(store)) == 40
    xserver.faults.clear()
    # Meanwhile three more posts arrive; the next run gets pages 3-5 and the new ones.
    for i in range(3):
        xserver.add_post("tardio", f"@{xserver.town_handle} más tarde {i}")
    poll(source, store, triage)
    ids = stored_ids(store)
    assert len(ids) == 103 == len(set(ids))
    assert set(ids) == mention_ids(xserver)


@pytest.mark.parametrize(
    "fault",
    [
        Fault.server_error(500, endpoint="/2/users/", times=2),
        Fault.server_error(503, endpoint="/2/users/", times=3),
        Fault.malformed(endpoint="/2/users/"),
        Fault.truncated(endpoint="/2/users/"),
        Fault.empty_body(endpoint="/2/users/"),
        Fault.timeout(3.0, endpoint="/2/users/"),
        Fault.disconnect(endpoint="/2/users/"),
        Fault.slow(0.5, endpoint="/2/users/"),
    ],
    ids=lambda f: f.kind,
)
@pytest.mark.slow
def test_transient_faults_are_retried_and_nothing_is_lost(
    xserver, source, store, triage, fault: Fault
) -> None:
    for i in range(45):
        xserver.add_post(f"v{i % 5}", f"@{xserver.town_handle} papelera llena {i}")
    # The fault hits the second page, once the poll is under way.
    ingestor = Ingestor(store, triage)
    pages = source.pages(store.get_cursor("x", source.streams()[0]))
    ingestor.ingest("x", next(pages))
    xserver.faults.push(fault)
    for page in pages:
        ingestor.ingest("x", page)
    ids = stored_ids(store)
    assert sorted(ids) == sorted(mention_ids(xserver))


@pytest.mark.parametrize(
    "fault",
    [
        Fault.unknown_fields(endpoint="/2/users/"),
        Fault.no_includes(endpoint="/2/users/"),
        Fault.partial_errors(endpoint="/2/users/"),
        Fault.duplicate(endpoint="/2/users/", times=5),
        Fault.out_of_order(endpoint="/2/users/", times=5),
    ],
    ids=lambda f: f.kind,
)
def test_odd_answers_are_taken_as_they_come(xserver, source, store, triage, fault) -> None:
    for i in range(60):
        xserver.add_post(f"v{i % 5}", f"@{xserver.town_handle} contenedor roto {i}")
    xserver.faults.push(fault)
    poll(source, store, triage)
    ids = stored_ids(store)
    assert len(ids) == len(set(ids))
    assert set(ids) == mention_ids(xserver)


@pytest.mark.slow
def test_a_429_storm_waits_for_the_reset_and_never_hammers(xserver, source, store, triage):
    for i in range(30):
        xserver.add_post(f"v{i}", f"@{xserver.town_handle} ruido en la calle {i}")
    xserver.faults.push(Fault.rate_limit(reset_in=1.0, endpoint="/2/users/", times=3))
    poll(source, store, triage)
    assert len(stored_ids(store)) == 30
    # 3 refused + the pages of the poll: a retry per reset, no tight loop.
    assert xserver.requests[MENTIONS] <= 3 + 2 + 1


def test_a_long_rate_limit_is_reported_not_waited_for(xserver, store, triage) -> None:
    source = make_source(xserver, max_rate_wait=5.0)
    xserver.add_post("v", f"@{xserver.town_handle} hola")
    xserver.faults.push(Fault.rate_limit(reset_in=600, endpoint="/2/users/"))
    with pytest.raises(RateLimited) as caught:
        poll(source, store, triage)
    assert "rate limit" in str(caught.value)
    assert store.list_cases() == []


def test_a_dead_network_gives_a_clear_error(store, triage) -> None:
    with XServer() as server:
        source = make_source(server)
    # The server is gone: nothing listens on its port any more.
    with pytest.raises(TransientError) as caught:
        poll(source, store, triage)
    assert "could not be reached" in str(caught.value)


def test_wrong_credentials_are_refused_clearly(xserver, store, triage) -> None:
    from jundesk.intake.x_credentials import XCredentials
    from jundesk.intake.x_source import XSource

    source = XSource(
        XCredentials(bearer_token="wrong", user_id=xserver.town_user_id), api_base=xserver.base_url
    )
    with pytest.raises(Refused) as caught:
        poll(source, store, triage)
    assert caught.value.status == 401
    assert "credentials" in str(caught.value)


def test_the_account_is_looked_up_with_user_context(xserver) -> None:
    source = make_source(xserver)
    source.credentials = source.credentials  # user tokens are set by make_source
    user_id, handle, _name = source.account()
    assert (user_id, handle) == (xserver.town_user_id, xserver.town_handle)


def test_replies_need_user_context_and_follow_x_reply_rule(xserver) -> None:
    from jundesk.intake.x_credentials import XCredentials
    from jundesk.intake.x_source import XSource

    mention = xserver.add_post("ana", f"@{xserver.town_handle} la farola 12 parpadea")
    unrelated = xserver.add_post("ana", "hoy hace sol")
    source = make_source(xserver)
    sent = source.reply(mention, "Gracias, @ana: lo revisamos hoy.")
    assert sent.is_own and sent.in_reply_to_id == mention
    assert xserver.replies_created[-1]["text"] == "Gracias, @ana: lo revisamos hoy."
    with pytest.raises(Refused) as refused:
        source.reply(unrelated, "Hola")
    assert refused.value.status == 403
    bearer_only = XSource(
        XCredentials(bearer_token=xserver.bearer_token, user_id=xserver.town_user_id),
        api_base=xserver.base_url,
    )
    with pytest.raises(Refused) as no_user:
        bearer_only.reply(mention, "Hola")
    assert "user tokens" in str(no_user.value)


def test_new_cases_are_routed_open_and_new(xserver, source, store, triage) -> None:
    xserver.add_post("luis", f"@{xserver.town_handle} accidente en la rotonda, hay un herido!!")
    poll(source, store, triage)
    summary = store.list_cases()[0]
    assert summary.case.status is Status.NEW
    assert summary.case.priority.value == "urgent"
    assert summary.case.role == "police"
    assert summary.author_handle == "luis"


# -- photos ---------------------------------------------------------------------------------

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8


def test_a_photo_is_uploaded_and_goes_out_with_the_reply(xserver, tmp_path) -> None:
    mention = xserver.add_post("ana", f"@{xserver.town_handle} la farola 12 parpadea")
    photo = tmp_path / "farola.jpg"
    photo.write_bytes(JPEG)
    source = make_source(xserver)
    media_id = source.upload_photo(photo)
    sent = source.reply(mention, "Farola reparada, @ana.", media_ids=[media_id])
    (created,) = xserver.replies_created
    assert created["id"] == sent.source_id
    assert created["attachments"] == {"media_keys": [f"3_{media_id}"]}
    assert xserver.uploaded_media(f"3_{media_id}") == JPEG
    assert xserver.requests[MEDIA_UPLOAD] == 1


def test_a_photo_x_would_refuse_is_refused_before_sending(xserver, tmp_path) -> None:
    source = make_source(xserver)
    too_big = tmp_path / "big.jpg"
    with too_big.open("wb") as file:
        file.write(JPEG[:4])
        file.truncate(MAX_PHOTO_BYTES + 1)  # sparse: nothing this big is written or read
    not_image = tmp_path / "informe.jpg"
    not_image.write_bytes(b"%PDF-1.7 not a picture")
    cases = {
        tmp_path / "missing.jpg": "does not exist",
        tmp_path: "can't be read",
        too_big: "at most 5 MB",
        not_image: "not a JPEG, PNG, GIF or WEBP",
    }
    for path, message in cases.items():
        with pytest.raises(Refused, match=message):
            source.upload_photo(path)
    assert xserver.requests[MEDIA_UPLOAD] == 0
    bearer_only = XSource(
        XCredentials(bearer_token=xserver.bearer_token, user_id=xserver.town_user_id),
        api_base=xserver.base_url,
    )
    photo = tmp_path / "farola.jpg"
    photo.write_bytes(JPEG)
    with pytest.raises(Refused, match="user tokens"):
        bearer_only.upload_photo(photo)


@pytest.mark.slow
def test_photo_upload_errors_are_mapped_like_other_requests(xserver, tmp_path) -> None:
    photo = tmp_path / "farola.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + JPEG)
    source = make_source(xserver)
    xserver.faults.push(Fault.server_error(503, endpoint="/2/media/upload", times=2))
    assert source.upload_photo(photo).isdigit()  # retried through the 503s
    assert xserver.requests[MEDIA_UPLOAD] == 3
    xserver.faults.push(Fault.timeout(5.0, endpoint="/2/media/upload"))
    with pytest.raises(TransientError, match="did not answer in time"):
        source.upload_photo(photo)  # a timeout is not retried
    assert xserver.requests[MEDIA_UPLOAD] == 4
    with pytest.raises(Refused, match=r"rejected the request \(400\)") as rejected:
        source.reply(xserver.add_post("ana", f"@{xserver.town_handle} hola"), "Hecho", ["1999"])
    assert rejected.value.status == 400
