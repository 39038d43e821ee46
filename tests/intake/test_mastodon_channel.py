"""The Mastodon channel through Mastodon.py against the local Mastodon server: every mention
once, threads, visibility kept, and every fault the issue names survived without a loss."""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from jundesk.app.ingest import Ingestor, IngestReport
from jundesk.app.intake_loop import IntakeLoop
from jundesk.core.model import Cursor, Post
from jundesk.intake.backoff import Backoff
from jundesk.intake.mastodon_channel import (
    CHANNEL,
    SECRET_FIELDS,
    SETTING_FIELDS,
    MastodonChannel,
    open_channel,
)
from jundesk.intake.source import IntakeError, RateLimited, Refused, TransientError
from jundesk.localserver.mastodon import Fault, MastodonServer
from jundesk.store.repository import Store
from jundesk.triage import Triage

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
NOTIFICATIONS = "GET /api/v1/notifications"


@pytest.fixture
def server() -> Iterator[MastodonServer]:
    with MastodonServer() as s:
        yield s


def make_channel(server: MastodonServer, **kwargs: object) -> MastodonChannel:
    channel = open_channel(server.settings(), server.secrets())
    channel.backoff = Backoff(base=0.01, cap=0.05, max_attempts=4, rng=random.Random(3))
    channel.timeout = (2.0, 2.0)
    channel.api.request_timeout = channel.timeout
    for name, value in kwargs.items():
        setattr(channel, name, value)
    return channel


@pytest.fixture
def channel(server: MastodonServer) -> MastodonChannel:
    return make_channel(server, page_size=5)


def poll(channel: MastodonChannel, store: Store, triage: Triage) -> IngestReport:
    """One full poll, committed page by page (as the intake loop does)."""
    ingestor = Ingestor(store, triage)
    total = IngestReport()
    for key in channel.streams():
        for page in channel.pages(store.get_cursor(CHANNEL, key)):
            total.add(ingestor.ingest(CHANNEL, page))
    return total


def stored(store: Store) -> list[Post]:
    return [p for _, posts in store.iter_cases_for_export() for p in posts]


def stored_ids(store: Store) -> list[str]:
    return [p.source_id for p in stored(store)]


# -- reading ---------------------------------------------------------------------------------


def test_a_backlog_arrives_whole_over_every_page_with_authors(server, channel, store, triage):
    ids = [
        server.add_citizen_post(f"vecino{i}", f"Vecino {i}", f"farola {i} apagada")
        for i in range(23)
    ]
    remote = server.add_citizen_post("ana@mastodon.social", "Ana López", "hay basura en la plaza")
    report = poll(channel, store, triage)

    assert sorted(stored_ids(store)) == sorted([*ids, remote])
    assert report.stored == 24 and len(report.new_cases) == 24
    assert server.requests[NOTIFICATIONS] == 24 // 5 + 2  # five pages, then the empty one
    ana = store.post_by_source(CHANNEL, remote)
    assert ana is not None
    assert (ana.author_handle, ana.author_name) == ("ana@mastodon.social", "Ana López")
    assert ana.text == "@AytoJun hay basura en la plaza"
    assert ana.lang == "es" and ana.conversation_id == remote and not ana.is_own
    assert json.loads(ana.raw) == server.status_json(remote)  # the status as Mastodon sent it


def test_a_second_poll_asks_once_and_reads_only_what_is_new(server, channel, store, triage):
    for i in range(7):
        server.add_citizen_post("pepe", "Pepe", f"papelera {i} llena")
    poll(channel, store, triage)
    before = server.requests[NOTIFICATIONS]
    assert poll(channel, store, triage).stored == 0
    assert server.requests[NOTIFICATIONS] == before + 1
    new = server.add_citizen_post("lola", "Lola", "la farola de mi calle no enciende")
    third = poll(channel, store, triage)
    assert third.stored == 1 and third.new_cases[0][2].source_id == new
    assert third.new_cases[0][1].role == "lighting"


def test_a_reply_in_a_thread_joins_the_case_of_its_root(server, channel, store, triage):
    root = server.add_citizen_post("pepe", "Pepe", "hay cristales rotos en el parque")
    poll(channel, store, triage)
    answer = server.add_town_post("@pepe gracias, avisamos", in_reply_to=root)
    follow = server.add_citizen_post("pepe", "Pepe", "siguen ahí", in_reply_to=answer)
    report = poll(channel, store, triage)
    assert report.stored == 1 and not report.new_cases and len(report.followups) == 1
    post = store.post_by_source(CHANNEL, follow)
    assert post is not None
    assert post.conversation_id == root and post.in_reply_to_id == answer
    # A second reply in the same thread costs no second context lookup.
    server.add_citizen_post("pepe", "Pepe", "y más", in_reply_to=follow)
    poll(channel, store, triage)
    assert sum(n for k, n in server.requests.items() if k.endswith("/context")) == 1
    assert len(store.list_cases()) == 1


def test_html_content_reaches_the_desk_as_plain_text(server, channel, store, triage):
    hostile = (
        '<p><span class="h-card"><a href="https://jun.social/@AytoJun" class="u-url mention">'
        "@<span>AytoJun</span></a></span> la farola <b>sigue</b> rota<br/>mira "
        '<a href="https://fotos.example/abc/def?x=1&amp;y=2" rel="nofollow">'
        '<span class="invisible">https://</span><span class="ellipsis">fotos.example/abc</span>'
        '<span class="invisible">/def?x=1&amp;y=2</span></a></p>'
        "<p><script>alert(1)</script><img src=x onerror=alert(1)>"
        '<a href="javascript:alert(1)">pincha</a> &lt;i&gt;no es html&lt;/i&gt;</p>'
    )
    sid = server.add_citizen_post("vecina", "Vecina", "x", content_html=hostile)
    typed = server.add_citizen_post("otra", "Otra", "escribo <b>esto</b> & https://x.example/a")
    poll(channel, store, triage)
    post = store.post_by_source(CHANNEL, sid)
    assert post is not None
    assert post.text == (
        "@AytoJun la farola sigue rota\nmira https://fotos.example/abc/def?x=1&y=2\n\n"
        "pincha <i>no es html</i>"
    )
    assert "javascript" not in post.text and "alert" not in post.text and "<b>" not in post.text
    other = store.post_by_source(CHANNEL, typed)
    assert other is not None
    assert other.text == "@AytoJun escribo <b>esto</b> & https://x.example/a"  # as typed


def test_photos_and_a_shared_location_come_with_the_post(server, channel, store, triage):
    sid = server.add_citizen_post(
        "ana", "Ana", "bache enorme", photo=PNG, location=(37.16472, -3.01583)
    )
    poll(channel, store, triage)
    post = store.post_by_source(CHANNEL, sid)
    assert post is not None and len(post.media) == 1
    assert requests.get(post.media[0], timeout=5).content == PNG  # the desk can fetch it
    assert post.place == "37.16472,-3.01583"


def test_items_that_are_not_mentions_are_skipped_and_the_rest_stored(
    server, channel, store, triage
):
    ids = [server.add_citizen_post("pepe", "Pepe", f"contenedor {i} roto") for i in range(3)]
    server.malformed_next("bad_items", path="/api/v1/notifications")
    report = poll(channel, store, triage)
    assert report.skipped == 3
    assert sorted(stored_ids(store)) == sorted(ids)


# -- visibility and replies --------------------------------------------------------------


def test_a_direct_mention_is_private_and_answered_directly(server, channel, store, triage):
    sid = server.add_citizen_post("ana", "Ana", "mi vecino me amenaza", private=True)
    poll(channel, store, triage)
    post = store.post_by_source(CHANNEL, sid)
    assert post is not None
    assert post.private

    reply = channel.reply(sid, "La policía le llama ahora.")
    published = server.replies_created()
    assert len(published) == 1
    assert published[0]["visibility"] == "direct"
    assert published[0]["in_reply_to_id"] == sid
    assert published[0]["text"] == "@ana La policía le llama ahora."
    assert reply.is_own and reply.source_id == published[0]["id"]
    assert reply.conversation_id == sid and reply.private


def test_a_public_mention_is_answered_in_public_to_its_author(server, channel):
    sid = server.add_citizen_post("luis@mastodon.social", "Luis", "banco roto")
    channel.reply(sid, "@luis@mastodon.social gracias, lo arreglamos mañana")
    [published] = server.replies_created()
    assert published["visibility"] == "public"
    assert published["text"] == "@luis@mastodon.social gracias, lo arreglamos mañana"


def test_a_reply_with_a_photo(server, channel, tmp_path: Path):
    sid = server.add_citizen_post("ana", "Ana", "farola rota")
    photo = tmp_path / "arreglada.png"
    photo.write_bytes(PNG)
    media_id = channel.upload_photo(photo)
    channel.reply(sid, "arreglada", [media_id])
    [published] = server.replies_created()
    assert published["media_ids"] == [media_id]
    assert server.media_bytes(media_id) == PNG


def test_a_bad_photo_is_refused_before_any_upload(server, channel, tmp_path: Path):
    text = tmp_path / "nota.png"
    text.write_text("not a picture")
    with pytest.raises(Refused, match="not a JPEG, PNG or GIF"):
        channel.upload_photo(text)
    with pytest.raises(Refused, match="does not exist"):
        channel.upload_photo(tmp_path / "missing.jpg")
    assert not any(k.endswith("/media") for k in server.requests)


def test_a_reply_over_500_characters_is_refused_and_nothing_published(server, channel):
    sid = server.add_citizen_post("ana", "Ana", "farola rota")
    with pytest.raises(Refused, match="500") as caught:
        channel.reply(sid, "a" * 496)  # with "@ana ", 501
    assert caught.value.status == 422
    assert server.replies_created() == []
    assert not any(k.startswith("POST") for k in server.requests)  # not even asked
    # A long link counts 23 and the address's domain not at all: this one fits.
    channel.reply(sid, "b" * 440 + " https://jun.example/" + "c" * 80)
    assert len(server.replies_created()) == 1


def test_a_reply_to_a_deleted_post_says_so(server, channel):
    sid = server.add_citizen_post("ana", "Ana", "farola rota")
    server.delete_post(sid)
    with pytest.raises(Refused, match="no longer exists") as caught:
        channel.reply(sid, "gracias")
    assert caught.value.status == 404 and server.replies_created() == []


def test_a_reply_whose_answer_is_lost_is_published_once(server, channel):
    sid = server.add_citizen_post("ana", "Ana", "papelera llena")
    channel.timeout = (2.0, 0.5)
    channel.api.request_timeout = channel.timeout
    server.inject(Fault("lost", path="/api/v1/statuses", method="POST", seconds=5.0))
    post = channel.reply(sid, "vamos para allá")
    published = server.replies_created()
    assert len(published) == 1  # the retry carried the same Idempotency-Key
    assert post.source_id == published[0]["id"]


# -- faults ----------------------------------------------------------------------------------


def test_server_errors_are_retried_and_nothing_is_lost(server, channel, store, triage):
    ids = [server.add_citizen_post("pepe", "Pepe", f"farola {i}") for i in range(12)]
    server.fail_next(2, 503, path="/api/v1/notifications")
    assert poll(channel, store, triage).stored == 12

    more = [server.add_citizen_post("pepe", "Pepe", f"bache {i}") for i in range(12)]
    server.fail_next(4, 502, path="/api/v1/notifications")  # every attempt of one poll
    with pytest.raises(TransientError, match="server error"):
        poll(channel, store, triage)
    poll(channel, store, triage)
    ids_now = stored_ids(store)
    assert sorted(ids_now) == sorted(ids + more) and len(ids_now) == len(set(ids_now))


def test_a_poll_broken_half_way_resumes_below_what_it_stored(server, channel, store, triage):
    ids = [server.add_citizen_post("pepe", "Pepe", f"farola {i}") for i in range(17)]
    pages = channel.pages(store.get_cursor(CHANNEL, channel.streams()[0]))
    ingestor = Ingestor(store, triage)
    ingestor.ingest(CHANNEL, next(pages))
    ingestor.ingest(CHANNEL, next(pages))
    cursor = store.get_cursor(CHANNEL, channel.streams()[0])
    assert cursor.sweep_top and cursor.sweep_bottom and not cursor.since_id
    newer = server.add_citizen_post("pepe", "Pepe", "y otra más")
    poll(channel, store, triage)  # a new run: the rest of the old sweep, then the new one
    ids_now = stored_ids(store)
    assert sorted(ids_now) == sorted([*ids, newer]) and len(ids_now) == 18


@pytest.mark.parametrize("kind", ["not_json", "truncated", "wrong_shape", "disconnect"])
def test_a_malformed_answer_is_retried(kind, server, channel, store, triage):
    ids = [server.add_citizen_post("pepe", "Pepe", f"farola {i}") for i in range(3)]
    server.malformed_next(kind, path="/api/v1/notifications")
    assert poll(channel, store, triage).stored == 3
    assert sorted(stored_ids(store)) == sorted(ids)


@pytest.mark.parametrize("kind", ["not_json", "wrong_shape"])
def test_an_answer_malformed_every_time_fails_the_poll_and_keeps_the_cursor(
    kind, server, channel, store, triage
):
    server.add_citizen_post("pepe", "Pepe", "farola")
    server.malformed_next(kind, n=4, path="/api/v1/notifications")  # every attempt
    with pytest.raises(TransientError):
        poll(channel, store, triage)
    assert store.get_cursor(CHANNEL, channel.streams()[0]).since_id == ""
    assert poll(channel, store, triage).stored == 1


def test_a_timeout_is_retried(server, store, triage):
    channel = make_channel(server)
    channel.api.request_timeout = (2.0, 0.3)
    sid = server.add_citizen_post("pepe", "Pepe", "farola")
    server.timeout_next(3.0, path="/api/v1/notifications")
    assert poll(channel, store, triage).stored == 1
    assert stored_ids(store) == [sid]


@pytest.mark.slow
def test_a_short_rate_limit_is_waited_out(server, channel, store, triage):
    ids = [server.add_citizen_post("pepe", "Pepe", f"farola {i}") for i in range(8)]
    server.rate_limit(reset_in=1.0, path="/api/v1/notifications")
    assert poll(channel, store, triage).stored == 8
    assert sorted(stored_ids(store)) == sorted(ids)
    state = channel.shown_rate()
    assert state is not None and state.limit == 300 and state.remaining is not None


def test_a_long_rate_limit_stops_the_poll_without_hammering(server, channel, store, triage):
    server.add_citizen_post("pepe", "Pepe", "farola")
    server.rate_limit(reset_in=3600, path="/api/v1/notifications")
    with pytest.raises(RateLimited) as caught:
        poll(channel, store, triage)
    assert caught.value.reset_at == pytest.approx(time.time() + 3600, abs=5)
    asked = server.requests[NOTIFICATIONS]
    with pytest.raises(RateLimited):
        poll(channel, store, triage)  # the window is known spent: Mastodon is not asked
    assert server.requests[NOTIFICATIONS] == asked


def test_stopping_ends_a_rate_limit_wait_at_once(server, channel):
    server.add_citizen_post("pepe", "Pepe", "farola")
    server.rate_limit(reset_in=120, path="/api/v1/notifications")
    channel.streams()
    timer = threading.Timer(0.3, channel.stop_event.set)
    timer.start()
    try:
        with pytest.raises(IntakeError, match="stopped"):
            list(channel.pages(Cursor(CHANNEL, "mentions")))
    finally:
        timer.cancel()


def test_pacing_spreads_the_last_of_the_window(server, channel):
    server.set_rate_limit(10, window=30.0)
    waits: list[float] = []
    channel._sleep = waits.append  # type: ignore[method-assign]
    for _ in range(9):
        channel.account()
    assert waits == []  # above a fifth of the window left: no wait
    channel.account()  # one request left: it waits its share of the rest of the window
    assert len(waits) == 1 and 0 < waits[0] <= 30.0


@pytest.mark.parametrize(
    ("fault", "said"), [("expire_token", "expired"), ("revoke_token", "revoked")]
)
def test_an_expired_or_revoked_token_is_refused_clearly_and_nothing_is_lost(
    fault, said, server, channel, store, triage
):
    ids = [server.add_citizen_post("pepe", "Pepe", f"farola {i}") for i in range(3)]
    poll(channel, store, triage)
    more = server.add_citizen_post("pepe", "Pepe", "otra farola")
    getattr(server, fault)()
    with pytest.raises(Refused) as caught:
        poll(channel, store, triage)
    message = str(caught.value)
    assert caught.value.status == 401 and said in message
    assert "jundesk accounts set --channel mastodon" in message
    assert server.secrets()["access_token"] not in message
    server.restore_token()
    poll(channel, store, triage)
    assert sorted(stored_ids(store)) == sorted([*ids, more])


def test_intake_health_turns_red_on_a_revoked_token(server, channel, store, triage):
    server.add_citizen_post("pepe", "Pepe", "farola")
    server.revoke_token()

    async def run() -> None:
        with ThreadPoolExecutor(max_workers=1) as writer:
            loop = IntakeLoop(channel, Ingestor(store, triage), store, writer, read_budget=0)
            task = asyncio.create_task(loop.run())
            for _ in range(200):
                if loop.health.last_error:
                    break
                await asyncio.sleep(0.02)
            loop.stop()
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            assert loop.health.failing
            assert "revoked" in loop.health.last_error
            assert server.secrets()["access_token"] not in loop.health.last_error

    asyncio.run(run())
    assert stored_ids(store) == []
    server.restore_token()
    assert poll(channel, store, triage).stored == 1


def test_the_intake_loop_reads_the_channel(server, channel, store, triage):
    ids = [server.add_citizen_post("pepe", "Pepe", f"farola {i}") for i in range(9)]

    async def run() -> None:
        with ThreadPoolExecutor(max_workers=1) as writer:
            loop = IntakeLoop(channel, Ingestor(store, triage), store, writer, read_budget=0)
            report = await loop.poll_once()
            loop.stop()
            assert report.stored == 9
            assert loop.health.last_good_poll is not None and not loop.health.failing

    asyncio.run(run())
    assert sorted(stored_ids(store)) == sorted(ids)


# -- deletions, settings ---------------------------------------------------------------------


def test_gone_names_the_deleted_statuses(server, channel, store, triage):
    ids = [server.add_citizen_post("pepe", "Pepe", f"farola {i}") for i in range(4)]
    poll(channel, store, triage)
    server.delete_post(ids[1])
    server.delete_post(ids[3])
    assert channel.gone(ids) == {ids[1], ids[3]}


def test_gone_asks_twenty_statuses_at_a_time(server, channel):
    ids = [server.add_citizen_post("pepe", "Pepe", f"farola {i}") for i in range(45)]
    for sid in (ids[3], ids[30]):
        server.delete_post(sid)
    assert channel.gone(ids) == {ids[3], ids[30]}
    assert server.requests["GET /api/v1/statuses"] == 3
    singles = sum(n for k, n in server.requests.items() if k.startswith("GET /api/v1/statuses/"))
    assert singles == 2  # each missing one confirmed by its own 404


def test_gone_asks_one_by_one_on_a_server_before_4_3():
    with MastodonServer(multiple_statuses=False) as server:
        channel = make_channel(server)
        ids = [server.add_citizen_post("pepe", "Pepe", f"farola {i}") for i in range(5)]
        server.delete_post(ids[2])
        assert channel.gone(ids) == {ids[2]}
        assert channel.gone(ids) == {ids[2]}
        assert server.requests["GET /api/v1/statuses"] == 1  # tried once, then never again


def test_gone_spares_the_rate_window_and_takes_up_where_it_stopped():
    now = [time.time() - 30 * 86400]  # statuses from a month ago
    with MastodonServer(clock=lambda: now[0]) as server:
        ids = [server.add_citizen_post("pepe", "Pepe", f"farola {i}") for i in range(100)]
        now[0] = time.time()
        channel = make_channel(server)
        server.delete_post(ids[10])
        server.delete_post(ids[90])
        server.set_rate_limit(32)
        assert channel.gone(ids) == {ids[10]}  # stopped with 29 requests of the window left
        state = channel.shown_rate()
        assert state is not None and state.remaining == 29
        found: set[str] = set()
        for _ in range(3):
            server.set_rate_limit(32)  # the window is over, a new one opens
            state.reset_at = time.time() - 1
            found |= channel.gone(ids)
        assert found == {ids[10], ids[90]}


def test_open_channel_says_what_is_missing(server):
    assert CHANNEL == "mastodon" and SECRET_FIELDS == ("access_token",)
    assert SETTING_FIELDS == ("api_base_url",)
    with pytest.raises(Refused, match="server address"):
        open_channel({}, server.secrets())
    with pytest.raises(Refused, match="access token"):
        open_channel(server.settings(), {})
    with pytest.raises(Refused, match="https://"):
        open_channel({"api_base_url": "http://mastodon.example"}, server.secrets())
    channel = open_channel({"api_base_url": "jun.social"}, {"access_token": "tok-a1b2c3d4"})
    assert channel.api_base_url == "https://jun.social"
    assert "tok-a1b2c3d4" not in repr(channel)


def test_a_token_without_the_write_scope_is_told_which_permissions_it_needs(server, channel):
    sid = server.add_citizen_post("ana", "Ana", "farola rota")
    server.inject(Fault("server_error", path="/api/v1/statuses", method="POST", status=403))
    with pytest.raises(Refused, match="write:statuses") as caught:
        channel.reply(sid, "gracias")
    assert caught.value.status == 403 and server.replies_created() == []


def test_a_status_deleted_after_it_was_stored_loses_its_text_and_the_case_keeps_its_history(
    server, channel, store, triage
) -> None:
    from jundesk.app.privacy import Privacy
    from jundesk.core.model import Actor, EventKind

    kept = server.add_citizen_post("ana", "Ana", "la farola 7 no enciende")
    deleted = server.add_citizen_post("luis", "Luis", "mi vecino pone la música alta")
    poll(channel, store, triage)
    server.delete_post(deleted)
    # The daily check: which stored Mastodon statuses are gone, blocked as any erased post is.
    gone = channel.gone(store.source_ids_to_check(CHANNEL))
    assert gone == {deleted}
    by_case = store.posts_of_source_ids(CHANNEL, sorted(gone))
    Privacy(store, Actor("intake"), desk_roles=("unrouted",)).block(
        by_case, "deleted", "deleted by its author on Mastodon"
    )
    post = store.post_by_source(CHANNEL, deleted)
    assert post is not None and "música" not in post.text
    (case_id,) = by_case
    kinds = [e.kind for e in store.case_events(case_id)]
    assert kinds[0] is EventKind.INGESTED and kinds[-1] is EventKind.REDACTED
    still = store.post_by_source(CHANNEL, kept)
    assert still is not None and still.text.endswith("la farola 7 no enciende")
    assert channel.gone(store.source_ids_to_check(CHANNEL)) == set()


def test_the_desk_is_told_when_mastodon_filters_mentions_out(server, channel, store, triage):
    server.add_citizen_post("ana", "Ana", "farola rota")
    hidden = server.add_citizen_post("luis", "Luis", "me han robado la bici", private=True)
    assert channel.notice() == ""
    server.notification_policy["for_private_mentions"] = "filter"
    channel._policy_checked = float("-inf")  # an hour later
    poll(channel, store, triage)
    assert "private mentions from people the account doesn't follow" in channel.notice()
    assert store.post_by_source(CHANNEL, hidden) is None
    server.notification_policy["for_private_mentions"] = "accept"
    channel._policy_checked = float("-inf")
    poll(channel, store, triage)
    assert channel.notice() == ""


def test_a_reply_from_a_desk_that_never_read_says_it_is_the_towns(server):
    sid = server.add_citizen_post("ana", "Ana", "farola rota")
    channel = make_channel(server)  # no poll yet: the town account is not known
    reply = channel.reply(sid, "gracias")
    assert reply.is_own and reply.author_id == server.town.id
    assert reply.author_handle == server.town_handle


def test_a_first_poll_reads_a_week_of_mentions_not_the_accounts_history(store, triage) -> None:
    now = [time.time() - 30 * 86400]
    with MastodonServer(clock=lambda: now[0]) as server:
        for i in range(12):  # a month ago: the account's history
            server.add_citizen_post(f"vecino{i}", f"Vecino {i}", f"papelera llena {i}")
        now[0] += 27 * 86400  # three days ago
        recent = [server.add_citizen_post("ana", "Ana", f"farola apagada {i}") for i in range(3)]
        now[0] += 3 * 86400
        channel = make_channel(server, page_size=5, clock=lambda: now[0])
        poll(channel, store, triage)
        assert sorted(stored_ids(store)) == sorted(recent)
        # Later polls read on from there, and the history stays unread.
        later = server.add_citizen_post("luis", "Luis", "contenedor desbordado")
        poll(channel, store, triage)
        assert sorted(stored_ids(store)) == sorted([*recent, later])
