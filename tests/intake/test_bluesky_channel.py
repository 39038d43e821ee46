"""Intake from Bluesky through the atproto SDK against the local Bluesky server: every post
once, threads kept, faults survived, sessions reused, bad input shown plainly."""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from jundesk.app.ingest import Ingestor, IngestReport
from jundesk.app.intake_loop import IntakeHealth, IntakeLoop
from jundesk.intake.backoff import Backoff
from jundesk.intake.bluesky_channel import (
    CHANNEL,
    SESSION_KEY,
    BlueskyChannel,
    keep_in_keyring,
    kept_session,
    open_channel,
)
from jundesk.intake.photo_fetch import fetch_photo
from jundesk.intake.source import RateLimited, Refused, TransientError
from jundesk.localserver.bluesky import (
    CREATE_SESSION,
    LIST_NOTIFICATIONS,
    REFRESH_SESSION,
    BlueskyServer,
)
from jundesk.store.repository import Store
from jundesk.triage import Triage
from jundesk.xserver import Fault

NOTIFICATIONS = "/xrpc/" + LIST_NOTIFICATIONS


@pytest.fixture
def server() -> Iterator[BlueskyServer]:
    with BlueskyServer(seed=1) as s:
        yield s


def make_channel(server: BlueskyServer, **kwargs: object) -> BlueskyChannel:
    """The town's channel on the local server, keeping its session in the (test) keyring
    as open_channel does, with short waits."""
    options: dict[str, object] = {
        **server.settings(),
        **server.secrets(),
        "session": kept_session(),
        "keep_session": keep_in_keyring,
        "backoff": Backoff(base=0.01, cap=0.05, max_attempts=6, rng=random.Random(3)),
        "timeout": 2.0,
        "page_size": 20,
    }
    options.update(kwargs)
    return BlueskyChannel(**options)  # type: ignore[arg-type]


@pytest.fixture
def channel(server: BlueskyServer) -> BlueskyChannel:
    return make_channel(server)


def poll(channel: BlueskyChannel, store: Store, triage: Triage) -> IngestReport:
    ingestor = Ingestor(store, triage)
    total = IngestReport()
    for key in channel.streams():
        for page in channel.pages(store.get_cursor(CHANNEL, key)):
            total.add(ingestor.ingest(CHANNEL, page))
    return total


def stored_ids(store: Store) -> list[str]:
    return [p.source_id for _, posts in store.iter_cases_for_export() for p in posts]


def test_mentions_arrive_whole_with_authors_and_threads(server, channel, store, triage) -> None:
    root = server.add_citizen_post("ana", "Ana López", "la farola de la calle Real no enciende")
    follow = server.add_citizen_post("ana", "Ana López", "sigue apagada", in_reply_to=root)
    for i in range(45):
        server.add_citizen_post(f"vecino{i % 6}", f"Vecino {i}", f"papelera llena {i}")
    report = poll(channel, store, triage)

    ids = stored_ids(store)
    assert len(ids) == len(set(ids)) == 47
    assert set(ids) == server.mention_uris()
    assert report.followups, "the reply did not join its case"
    first = store.post_by_source(CHANNEL, root)
    reply = store.post_by_source(CHANNEL, follow)
    assert first is not None and reply is not None
    assert (first.author_handle, first.author_name) == ("ana.bsky.social", "Ana López")
    assert first.author_id.startswith("did:plc:") and first.lang == "es"
    assert first.conversation_id == root and first.in_reply_to_id == ""
    assert reply.conversation_id == root and reply.in_reply_to_id == root
    assert json.loads(first.raw)["uri"] == root  # the notification as received
    case = store.get_case(store.list_cases()[-1].case.id)
    assert case is not None


def test_a_second_poll_reads_only_what_is_new(server, channel, store, triage) -> None:
    for i in range(30):
        server.add_citizen_post(f"v{i}", "V", f"contenedor roto {i}")
    poll(channel, store, triage)
    requests = server.requests[LIST_NOTIFICATIONS]
    assert poll(channel, store, triage).stored == 0
    assert server.requests[LIST_NOTIFICATIONS] == requests + 1  # one page: nothing new
    server.add_citizen_post("nueva", "Nueva", "la farola de mi calle no enciende")
    third = poll(channel, store, triage)
    assert third.stored == 1
    assert third.new_cases[0][1].role == "lighting"


def test_a_failure_half_way_down_the_backlog_loses_nothing(server, channel, store, triage) -> None:
    for i in range(100):
        server.add_citizen_post(f"v{i % 7}", "V", f"aviso número {i}: farola")
    ingestor = Ingestor(store, triage)
    key = channel.streams()[0]
    pages = channel.pages(store.get_cursor(CHANNEL, key))
    for _ in range(2):
        ingestor.ingest(CHANNEL, next(pages))
    server.fail_next(50, 503, LIST_NOTIFICATIONS)
    with pytest.raises(TransientError, match=r"server error \(503\)"):
        next(pages)
    assert len(stored_ids(store)) == 40
    server.faults.clear()
    # Meanwhile three more arrive; the next poll finishes the backlog and takes them too.
    for i in range(3):
        server.add_citizen_post("tardio", "T", f"más tarde {i}")
    poll(channel, store, triage)
    ids = stored_ids(store)
    assert len(ids) == 103 == len(set(ids))
    assert set(ids) == server.mention_uris()


TRANSIENT = [
    Fault.server_error(500, endpoint=NOTIFICATIONS, times=2),
    Fault.server_error(503, endpoint=NOTIFICATIONS, times=3),
    Fault.server_error(502, endpoint=NOTIFICATIONS),
    Fault.malformed(endpoint=NOTIFICATIONS),
    Fault.truncated(endpoint=NOTIFICATIONS),
    Fault.truncated(False, endpoint=NOTIFICATIONS),
    Fault.empty_body(endpoint=NOTIFICATIONS),
    Fault.disconnect(endpoint=NOTIFICATIONS),
    Fault.unknown_fields(endpoint=NOTIFICATIONS),
]


@pytest.mark.parametrize("fault", TRANSIENT, ids=lambda f: f"{f.kind}-{f.status}-{f.full_length}")
def test_transient_faults_are_retried_and_nothing_is_lost(
    server, channel, store, triage, fault: Fault
) -> None:
    for i in range(45):
        server.add_citizen_post(f"v{i % 5}", "V", f"papelera llena {i}")
    ingestor = Ingestor(store, triage)
    pages = channel.pages(store.get_cursor(CHANNEL, channel.streams()[0]))
    ingestor.ingest(CHANNEL, next(pages))
    server.faults.push(fault)  # on the second page, once the poll is under way
    for page in pages:
        ingestor.ingest(CHANNEL, page)
    ids = stored_ids(store)
    assert sorted(ids) == sorted(server.mention_uris())
    assert server.faults.fired, "the fault never happened"


@pytest.mark.parametrize(
    "fault",
    [
        Fault.duplicate(endpoint=NOTIFICATIONS, times=5),
        Fault.out_of_order(endpoint=NOTIFICATIONS, times=5),
    ],
    ids=lambda f: f.kind,
)
def test_odd_pages_are_taken_as_they_come(server, channel, store, triage, fault) -> None:
    for i in range(60):
        server.add_citizen_post(f"v{i % 5}", "V", f"contenedor roto {i}")
    poll(channel, store, triage)
    server.faults.push(fault)
    for i in range(30):
        server.add_citizen_post(f"w{i % 5}", "W", f"farola {i}")
    poll(channel, store, triage)
    ids = stored_ids(store)
    assert len(ids) == len(set(ids))
    assert set(ids) == server.mention_uris()
    assert poll(channel, store, triage).stored == 0


def test_a_reply_that_times_out_is_not_sent_twice(server) -> None:
    channel = make_channel(server, timeout=0.3)
    mention = server.add_citizen_post("ana", "Ana", "hola")
    server.faults.push(Fault.timeout(1.0, endpoint="/xrpc/com.atproto.repo.createRecord"))
    with pytest.raises(TransientError, match="did not answer in time"):
        channel.reply(mention, "Gracias")
    assert server.requests["com.atproto.repo.createRecord"] == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    "fault",
    [Fault.timeout(3.0, endpoint=NOTIFICATIONS), Fault.slow(0.5, endpoint=NOTIFICATIONS)],
    ids=lambda f: f.kind,
)
def test_slow_and_silent_answers_are_waited_out(server, channel, store, triage, fault) -> None:
    for i in range(25):
        server.add_citizen_post(f"v{i % 5}", "V", f"ruido en la calle {i}")
    server.faults.push(fault)
    poll(channel, store, triage)
    assert sorted(stored_ids(store)) == sorted(server.mention_uris())


@pytest.mark.slow
def test_a_rate_limit_waits_for_the_reset_and_never_hammers(server, channel, store, triage) -> None:
    for i in range(30):
        server.add_citizen_post(f"v{i}", "V", f"ruido en la calle {i}")
    channel.account()
    server.faults.push(Fault.rate_limit(reset_in=1.0, endpoint=NOTIFICATIONS))
    poll(channel, store, triage)
    assert len(stored_ids(store)) == 30
    # One refused, then the two pages: no retry before the reset.
    assert server.requests[LIST_NOTIFICATIONS] == 3
    assert channel.shown_rate() is not None and channel.shown_rate().limit == 3000
    # The login's window (30 in 5 min) is waited for when spent, never a pace for polls.
    assert set(channel.rate) == {LIST_NOTIFICATIONS}
    assert channel.limits[CREATE_SESSION].limit == 30


def test_a_long_rate_limit_is_reported_not_waited_for(server, store, triage) -> None:
    channel = make_channel(server, max_rate_wait=5.0)
    server.add_citizen_post("v", "V", "hola")
    server.rate_limit_next(600, LIST_NOTIFICATIONS)
    with pytest.raises(RateLimited, match="rate limit") as caught:
        poll(channel, store, triage)
    assert caught.value.reset_at > 0
    assert store.list_cases() == []
    server.faults.clear()


def test_a_rate_limited_login_is_reported_with_the_logins_window(server, store, triage):
    channel = make_channel(server, max_rate_wait=5.0)
    server.rate_limit_next(600, CREATE_SESSION)
    with pytest.raises(RateLimited, match=CREATE_SESSION):
        poll(channel, store, triage)
    assert channel.limits[CREATE_SESSION].remaining == 0
    assert channel.shown_rate() is None  # reading was never refused
    assert server.requests[CREATE_SESSION] == 1 and server.requests[LIST_NOTIFICATIONS] == 0
    server.faults.clear()


def test_a_dead_network_gives_a_clear_error(store, triage) -> None:
    with BlueskyServer() as gone:
        channel = make_channel(gone)
    with pytest.raises(TransientError, match="could not be reached"):
        poll(channel, store, triage)


def test_notifications_that_are_not_posts_are_skipped_alone(server, channel, store, triage):
    good = server.add_citizen_post("ana", "Ana", "bache en la plaza")
    broken = server.add_citizen_post("luis", "Luis", "farola rota")
    # A notification whose record lost its text, and one without its cid: garbled items.
    server._posts[broken].record.pop("text")
    odd = server.add_citizen_post("eva", "Eva", "ruido")
    server._posts[odd].cid = None  # type: ignore[assignment]
    report = poll(channel, store, triage)
    ids = set(stored_ids(store))
    assert good in ids and broken not in ids and odd not in ids
    assert report.skipped == 2
    assert poll(channel, store, triage).stored == 0  # not read again, not stuck


# -- sessions -----------------------------------------------------------------------------


def test_the_session_is_kept_in_the_keyring_and_reused(server, store, triage, memory_keyring):
    server.add_citizen_post("ana", "Ana", "farola apagada")
    poll(make_channel(server), store, triage)
    assert server.requests[CREATE_SESSION] == 1
    kept = memory_keyring.values[("jundesk", SESSION_KEY)]
    assert json.loads(kept)["service"] == server.base_url
    assert server.app_password not in kept
    server.add_citizen_post("luis", "Luis", "bache")
    # A new start (a new channel) takes the kept session: no second login.
    assert poll(make_channel(server), store, triage).stored == 1
    assert server.requests[CREATE_SESSION] == 1


def test_a_session_that_cant_be_kept_is_told_not_fatal(server, store, triage, no_keyring):
    channel = make_channel(server)
    assert channel.notice() == ""
    server.add_citizen_post("ana", "Ana", "farola apagada")
    assert poll(channel, store, triage).stored == 1
    assert "can't be kept" in channel.notice()


def test_an_expired_access_token_is_refreshed_not_logged_in_again(
    server, channel, store, triage, memory_keyring
) -> None:
    server.add_citizen_post("ana", "Ana", "farola apagada")
    poll(channel, store, triage)
    before = memory_keyring.values[("jundesk", SESSION_KEY)]
    server.expire_sessions()
    server.add_citizen_post("luis", "Luis", "bache en la calle")
    assert poll(channel, store, triage).stored == 1
    assert server.requests[REFRESH_SESSION] == 1
    assert server.requests[CREATE_SESSION] == 1
    assert memory_keyring.values[("jundesk", SESSION_KEY)] != before  # the new one is kept


def test_a_session_refreshed_before_it_expires_by_the_sdk(server, store, triage) -> None:
    # Tokens that live 10 minutes: the SDK refreshes any token within 15 min of its end.
    with BlueskyServer(access_ttl=600) as short:
        channel = make_channel(short)
        short.add_citizen_post("ana", "Ana", "farola apagada")
        poll(channel, store, triage)
        short.add_citizen_post("luis", "Luis", "bache")
        assert poll(channel, store, triage).stored == 1
        assert short.requests[CREATE_SESSION] == 1
        assert short.requests[REFRESH_SESSION] >= 1


def test_a_revoked_session_logs_in_again_with_the_app_password(
    server, channel, store, triage
) -> None:
    server.add_citizen_post("ana", "Ana", "farola apagada")
    poll(channel, store, triage)
    server.revoke_sessions()
    server.add_citizen_post("luis", "Luis", "bache en la calle")
    assert poll(channel, store, triage).stored == 1
    assert server.requests[CREATE_SESSION] == 2


def test_a_revoked_app_password_is_refused_clearly_and_loses_nothing(
    server, channel, store, triage
) -> None:
    server.add_citizen_post("ana", "Ana", "farola apagada")
    poll(channel, store, triage)
    server.revoke_app_password()
    waiting = [server.add_citizen_post("luis", "Luis", f"bache {i}") for i in range(3)]
    with pytest.raises(Refused) as refused:
        poll(channel, store, triage)
    message = str(refused.value)
    assert refused.value.status == 401
    assert "app password" in message and "jundesk accounts set --channel bluesky" in message
    assert server.app_password not in message
    # A new app password is set: everything that came meanwhile arrives, once.
    server.restore_app_password()
    assert poll(channel, store, triage).stored == 3
    assert set(waiting) <= set(stored_ids(store))


def test_a_refused_account_turns_intake_health_red(server, tmp_path: Path, triage) -> None:
    server.revoke_app_password()
    store = Store(tmp_path / "desk.db")
    health: list[IntakeHealth] = []
    loop = IntakeLoop(
        make_channel(server),
        Ingestor(store, triage),
        store,
        ThreadPoolExecutor(max_workers=1),
        interval=0.05,
        on_health=health.append,
    )

    async def scenario() -> None:
        task = asyncio.create_task(loop.run())
        for _ in range(100):
            await asyncio.sleep(0.02)
            if loop.health.last_error:
                break
        loop.stop()
        task.cancel()

    asyncio.run(scenario())
    assert loop.health.failing
    assert "app password" in loop.health.last_error
    store.close()


def test_the_channel_opens_as_every_channel_does(server, store, triage) -> None:
    from jundesk.intake.channels import channel_module

    module = channel_module(CHANNEL)
    assert "app_password" in module.secret_fields and "handle" in module.setting_fields
    channel = module.open_channel(server.settings(), server.secrets())
    server.add_citizen_post("ana", "Ana", "farola")
    assert poll(channel, store, triage).stored == 1  # type: ignore[arg-type]


def test_missing_values_are_refused_before_asking_bluesky(server) -> None:
    with pytest.raises(Refused, match="handle"):
        open_channel({"service": server.base_url}, server.secrets())
    with pytest.raises(Refused, match="app password"):
        open_channel(server.settings(), {})
    assert server.requests[CREATE_SESSION] == 0


@pytest.mark.parametrize(
    "kept",
    [
        {"service": "https://elsewhere.example", "session": "a:::b:::c:::d:::e"},
        {"service": "", "session": "aytojun.bsky.social:::did:plc:x:::garbled:::garbled:::x"},
        {"service": "", "session": "otra.bsky.social:::did:plc:x:::a.b.c:::a.b.c:::x"},
        "not json",
    ],
    ids=["another-service", "garbled-tokens", "another-account", "not-json"],
)
def test_a_kept_session_that_does_not_fit_is_not_used(server, store, triage, kept) -> None:
    if isinstance(kept, dict) and not kept["service"]:
        kept = {**kept, "service": server.base_url}
    value = json.dumps(kept) if isinstance(kept, dict) else kept
    channel = make_channel(server, session=value)
    server.add_citizen_post("ana", "Ana", "farola")
    assert poll(channel, store, triage).stored == 1
    assert server.requests[CREATE_SESSION] == 1


# -- facets and embeds ---------------------------------------------------------------------


def _facet(text: str, part: str, feature: dict) -> dict:
    start = len(text[: text.index(part)].encode())
    return {
        "index": {"byteStart": start, "byteEnd": start + len(part.encode())},
        "features": [feature],
    }


def test_facets_show_plain_text_with_links_as_their_full_address(
    server, channel, store, triage
) -> None:
    text = f"@{server.town_handle} ¿Quién arregla esto? 🚧 jun.es/avisos/farol... #Jun"
    record = {
        "text": text,
        "facets": [
            _facet(
                text,
                f"@{server.town_handle}",
                {"$type": "app.bsky.richtext.facet#mention", "did": server.town_did},
            ),
            _facet(
                text,
                "jun.es/avisos/farol...",
                {
                    "$type": "app.bsky.richtext.facet#link",
                    "uri": "https://jun.es/avisos/farola-calle-real-12",
                },
            ),
            _facet(text, "#Jun", {"$type": "app.bsky.richtext.facet#tag", "tag": "Jun"}),
            # Nonsense a client may send: beyond the text, inside a character, a script link.
            {"index": {"byteStart": 5, "byteEnd": 9999}, "features": []},
            {
                "index": {"byteStart": text.encode().index("🚧".encode()) + 1, "byteEnd": 60},
                "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://x.y"}],
            },
            _facet(
                text, "#Jun", {"$type": "app.bsky.richtext.facet#link", "uri": "javascript:x()"}
            ),
        ],
    }
    uri = server.add_record("ana", record)
    poll(channel, store, triage)
    post = store.post_by_source(CHANNEL, uri)
    assert post is not None
    assert post.text == (
        f"@{server.town_handle} ¿Quién arregla esto? 🚧 "
        "https://jun.es/avisos/farola-calle-real-12 #Jun"
    )


def test_embeds_become_photos_and_addresses(server, channel, store, triage) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(200))
    photo = server.add_citizen_post("ana", "Ana", "mirad la farola", photo=png)
    external_text = f"@{server.town_handle} lo cuenta el periódico"
    external = server.add_record(
        "luis",
        {
            "text": external_text,
            "embed": {
                "$type": "app.bsky.embed.external",
                "external": {
                    "uri": "https://diario.example/jun/farolas",
                    "title": "Jun sin luz",
                    "description": "<b>Farolas</b> apagadas",
                },
            },
        },
    )
    town_post = server.add_town_post("Mañana se corta el agua en la calle Real de 9 a 12.")
    quote = server.add_quote("eva", "¿Y la calle Nueva también?", town_post)
    rkey = town_post.rsplit("/", 1)[-1]
    with_media = server.add_record(
        "paco",
        {
            "text": f"@{server.town_handle} así está",
            "embed": {
                "$type": "app.bsky.embed.recordWithMedia",
                "record": {"record": {"uri": town_post, "cid": "bafyreiabc"}},
                "media": {
                    "$type": "app.bsky.embed.images",
                    "images": [{"alt": "", "image": {"ref": {"$link": "bafyreiphoto"}}}],
                },
            },
        },
    )
    poll(channel, store, triage)

    shown = store.post_by_source(CHANNEL, photo)
    assert shown is not None and len(shown.media) == 1
    assert fetch_photo(shown.media[0]) == png  # the desk can fetch it
    linked = store.post_by_source(CHANNEL, external)
    assert linked is not None
    assert linked.text == external_text + "\nhttps://diario.example/jun/farolas"
    quoting = store.post_by_source(CHANNEL, quote)
    web = f"https://bsky.app/profile/{server.town_did}/post/{rkey}"
    assert quoting is not None and quoting.text == f"¿Y la calle Nueva también?\n{web}"
    mixed = store.post_by_source(CHANNEL, with_media)
    assert mixed is not None and mixed.text.endswith(web)
    assert mixed.media == (
        f"{server.settings()['media_base']}/{mixed.author_id}/bafyreiphoto@jpeg",
    )


# -- replies --------------------------------------------------------------------------------


def test_a_reply_carries_the_threads_root_and_its_parent(server, channel) -> None:
    root = server.add_citizen_post("ana", "Ana", "la fuente de la plaza pierde agua")
    child = server.add_citizen_post("ana", "Ana", "ahora sale más", in_reply_to=root)
    sent = channel.reply(child, "Gracias @ana.bsky.social, va el fontanero. https://jun.es/agua")
    (created,) = server.replies_created()
    reply = created["record"]["reply"]
    assert reply["parent"]["uri"] == child and reply["root"]["uri"] == root
    assert reply["parent"]["cid"] and reply["root"]["cid"]
    assert sent.source_id == created["uri"] and sent.is_own
    assert (sent.conversation_id, sent.in_reply_to_id) == (root, child)
    features = [f["features"][0]["$type"] for f in created["record"]["facets"]]
    assert features == ["app.bsky.richtext.facet#mention", "app.bsky.richtext.facet#link"]


def test_a_reply_longer_than_300_graphemes_is_refused_before_sending(server, channel) -> None:
    mention = server.add_citizen_post("ana", "Ana", "hola")
    fits = "👍🏽" * 300  # 300 graphemes (each two code points), within 3000 bytes
    channel.reply(mention, fits)
    with pytest.raises(Refused, match="at most 300"):
        channel.reply(mention, fits + "!")
    assert len(server.replies_created()) == 1


def test_the_server_rejects_a_too_long_post_as_bluesky_does(server, channel) -> None:
    from atproto_client import models
    from atproto_client.exceptions import BadRequestError

    channel.account()
    record = models.AppBskyFeedPost.Record(text="a" * 301, created_at="2026-01-01T00:00:00Z")
    with pytest.raises(BadRequestError) as caught:
        channel._client.app.bsky.feed.post.create(channel.did, record)
    assert caught.value.response.content.error == "InvalidRecord"


def test_a_reply_to_a_deleted_post_is_refused_clearly(server, channel) -> None:
    mention = server.add_citizen_post("ana", "Ana", "hola")
    server.delete_post(mention)
    with pytest.raises(Refused, match="no longer exists"):
        channel.reply(mention, "Hola")
    assert server.replies_created() == []


def test_a_photo_is_uploaded_and_goes_out_with_the_reply(server, channel, tmp_path) -> None:
    mention = server.add_citizen_post("ana", "Ana", "la farola 12 parpadea")
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8
    photo = tmp_path / "farola.jpg"
    photo.write_bytes(jpeg)
    media_id = channel.upload_photo(photo)
    channel.reply(mention, "Farola reparada.", [media_id])
    (created,) = server.replies_created()
    image = created["record"]["embed"]["images"][0]["image"]
    assert server.blob(image["ref"]["$link"]) == jpeg
    assert image["mimeType"] == "image/jpeg"


def test_a_photo_bluesky_would_refuse_is_refused_before_sending(server, channel, tmp_path):
    big = tmp_path / "big.jpg"
    with big.open("wb") as file:
        file.write(b"\xff\xd8\xff")
        file.truncate(1_000_001)
    not_image = tmp_path / "informe.jpg"
    not_image.write_bytes(b"%PDF-1.7")
    for path, message in {
        tmp_path / "missing.jpg": "does not exist",
        big: "at most 1 MB",
        not_image: "not a JPEG",
    }.items():
        with pytest.raises(Refused, match=message):
            channel.upload_photo(path)
    assert server.requests["com.atproto.repo.uploadBlob"] == 0


# -- deletions ------------------------------------------------------------------------------


def test_gone_names_the_posts_their_authors_deleted(server, channel, store, triage) -> None:
    uris = [server.add_citizen_post(f"v{i}", "V", f"farola {i}") for i in range(30)]
    poll(channel, store, triage)
    server.delete_post(uris[3])
    server.delete_post(uris[27])
    assert channel.gone(uris) == {uris[3], uris[27]}
    assert channel.gone([]) == set()
    assert server.requests["app.bsky.feed.getPosts"] == 2  # 25 uris a request


def test_a_post_deleted_after_it_was_stored_loses_its_text_and_the_case_keeps_its_history(
    server, channel, store, triage
) -> None:
    from jundesk.app.privacy import Privacy, gone_check
    from jundesk.core.model import Actor, EventKind

    kept = server.add_citizen_post("ana", "Ana", "la farola 7 no enciende")
    deleted = server.add_citizen_post("luis", "Luis", "mi vecino pone la música alta")
    poll(channel, store, triage)
    server.delete_post(deleted)
    assert channel.gone(store.source_ids_to_check(CHANNEL)) == {deleted}
    # The daily check, as a desk runs it for each channel.
    privacy = Privacy(store, Actor("intake"), desk_roles=("unrouted",))
    (event,) = privacy.deletions(CHANNEL, gone_check(channel))
    case_id = event.case_id
    post = store.post_by_source(CHANNEL, deleted)
    assert post is not None and "música" not in post.text
    kinds = [e.kind for e in store.case_events(case_id)]
    assert kinds[0] is EventKind.INGESTED and kinds[-1] is EventKind.REDACTED
    still = store.post_by_source(CHANNEL, kept)
    assert still is not None and still.text.endswith("la farola 7 no enciende")
    assert channel.gone(store.source_ids_to_check(CHANNEL)) == set()


def test_a_first_poll_reads_a_week_of_mentions_not_the_accounts_history(store, triage) -> None:
    now = [time.time() - 30 * 86400]
    with BlueskyServer(seed=1, clock=lambda: now[0]) as server:
        for i in range(25):  # a month ago: the account's history
            server.add_citizen_post(f"vecino{i}", f"Vecino {i}", f"papelera llena {i}")
        now[0] += 27 * 86400  # three days ago
        recent = [server.add_citizen_post("ana", "Ana", f"farola apagada {i}") for i in range(3)]
        now[0] += 3 * 86400
        channel = make_channel(server, page_size=10, clock=lambda: now[0])
        poll(channel, store, triage)
        assert sorted(stored_ids(store)) == sorted(recent)
        later = server.add_citizen_post("luis", "Luis", "contenedor desbordado")
        poll(channel, store, triage)
        assert sorted(stored_ids(store)) == sorted([*recent, later])
