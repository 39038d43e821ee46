"""The town's Telegram bot through python-telegram-bot against the local Bot API server:
every message once, its photo, place and privacy kept, and every fault survived."""

from __future__ import annotations

import asyncio
import json
import random
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from jundesk.app.ingest import Ingestor, IngestReport
from jundesk.app.intake_loop import IntakeHealth, IntakeLoop
from jundesk.core.model import Cursor
from jundesk.intake.backoff import Backoff
from jundesk.intake.photo_fetch import PhotoUnavailable, fetch_photo
from jundesk.intake.source import IntakeError, RateLimited, Refused, TransientError
from jundesk.intake.telegram_channel import (
    CHANNEL,
    FILE_PREFIX,
    SECRET_FIELDS,
    SETTING_FIELDS,
    TelegramChannel,
    open_channel,
)
from jundesk.localserver.telegram import TelegramServer
from jundesk.store.repository import Store
from jundesk.triage import Triage

from .test_hostile_posts import HOSTILE

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4


class Clock:
    """A clock the test moves (for the server's 24 h and the channel's notice)."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def server() -> Iterator[TelegramServer]:
    with TelegramServer() as running:
        yield running


def make_channel(server: TelegramServer, **options: object) -> TelegramChannel:
    channel = open_channel(server.settings(), server.secrets())
    channel.long_poll = 0.0
    channel.backoff = Backoff(base=0.01, cap=0.05, max_attempts=6, rng=random.Random(3))
    channel.read_timeout = 2.0
    for name, value in options.items():
        setattr(channel, name, value)
    return channel


@pytest.fixture
def channel(server: TelegramServer) -> Iterator[TelegramChannel]:
    made = make_channel(server)
    yield made
    made.close()


def poll(channel: TelegramChannel, store: Store, triage: Triage) -> IngestReport:
    """One full poll, committed page by page (as the intake loop does)."""
    ingestor = Ingestor(store, triage)
    total = IngestReport()
    for key in channel.streams():
        for page in channel.pages(store.get_cursor(CHANNEL, key)):
            total.add(ingestor.ingest(CHANNEL, page))
    return total


def stored_ids(store: Store) -> list[str]:
    return [p.source_id for _, posts in store.iter_cases_for_export() for p in posts]


# -- what a message becomes ------------------------------------------------------------


def test_text_photo_and_location_arrive_with_author_chat_and_privacy(
    server: TelegramServer, channel: TelegramChannel, store: Store, triage: Triage
) -> None:
    text = server.add_citizen_post(
        "pepe_jun", "Pepe Pérez", "La farola de la calle Real no enciende", private=True
    )
    photo = server.add_citizen_post(
        "ana_jun", "Ana Ruiz", "Basura en la plaza desde ayer", photo=JPEG
    )
    place = server.add_citizen_post(
        "ana_jun", "Ana Ruiz", "", location=(37.1234567, -3.7654321), private=True
    )
    report = poll(channel, store, triage)
    assert report.stored == 3

    first = store.post_by_source(CHANNEL, text)
    assert first is not None
    assert first.text == "La farola de la calle Real no enciende"
    assert (first.author_handle, first.author_name) == ("pepe_jun", "Pepe Pérez")
    assert first.private is True  # a private chat with the bot is personal data
    assert first.conversation_id == text.split(":")[0]  # the private chat
    assert json.loads(first.raw)["message"]["text"] == first.text

    pictured = store.post_by_source(CHANNEL, photo)
    assert pictured is not None
    assert pictured.text == "Basura en la plaza desde ayer"  # the caption
    assert pictured.private is False  # the town's group
    assert pictured.conversation_id == photo  # a group's message starts its own thread
    (media,) = pictured.media
    sizes = json.loads(pictured.raw)["message"]["photo"]
    assert media == FILE_PREFIX + max(sizes, key=lambda s: s["width"])["file_id"]
    assert fetch_photo(media) == JPEG  # as the desk's photo viewer reads it
    assert server.token.split(":")[1] not in media  # no token in the database

    located = store.post_by_source(CHANNEL, place)
    assert located is not None
    assert located.place == "37.123457,-3.765432"
    assert located.private is True


def test_a_reply_in_a_chat_joins_its_case(
    server: TelegramServer, channel: TelegramChannel, store: Store, triage: Triage
) -> None:
    root = server.add_citizen_post("luis", "Luis", "Hay un bache enorme en la calle Ancha")
    poll(channel, store, triage)
    follow = server.add_citizen_post("luis", "Luis", "Ya son dos baches", in_reply_to=root)
    report = poll(channel, store, triage)
    assert report.new_cases == []
    post = store.post_by_source(CHANNEL, follow)
    assert post is not None and post.in_reply_to_id == root
    assert len(store.list_cases()) == 1


def test_entities_and_captions_come_as_the_plain_text_the_citizen_wrote(
    server: TelegramServer, channel: TelegramChannel, store: Store, triage: Triage
) -> None:
    text = "URGENTE: fuga de agua en <b>calle Sol</b>, mirad aquí"
    entities = [
        {"type": "bold", "offset": 0, "length": 8},
        {"type": "italic", "offset": 26, "length": 4},
        {"type": "text_link", "offset": 45, "length": 4, "url": "https://example.org/x"},
    ]
    caption = "Contenedor quemado 🔥 junto al colegio"
    caption_entities = [{"type": "underline", "offset": 0, "length": 10}]
    a = server.add_citizen_post("eva", "Eva", text, entities=entities)
    b = server.add_citizen_post("eva", "Eva", caption, photo=JPEG, entities=caption_entities)
    poll(channel, store, triage)
    formatted = store.post_by_source(CHANNEL, a)
    captioned = store.post_by_source(CHANNEL, b)
    assert formatted is not None and captioned is not None
    # Entities are formatting on top of the text: the text stays as written, markup-looking
    # words included, and nothing is added (the link's address stays in the raw update).
    assert formatted.text == text
    assert captioned.text == caption
    assert captioned.media
    raw = json.loads(formatted.raw)
    assert raw["message"]["entities"][2]["url"] == "https://example.org/x"


def test_updates_that_are_not_citizens_messages_are_skipped_and_confirmed(
    server: TelegramServer, channel: TelegramChannel, store: Store, triage: Triage
) -> None:
    server.add_raw_update({"message": {"message_id": 1, "date": 1}})  # no chat
    server.add_raw_update({"message": "not an object"})
    server.add_raw_update({"edited_message": {"message_id": 2}})
    server.add_raw_update({"no": "update_id"}, with_id=False)
    sticker = {
        "message_id": 9,
        "date": 1700000000,
        "chat": {"id": 5, "type": "private", "first_name": "Rosa"},
        "from": {"id": 5, "is_bot": False, "first_name": "Rosa"},
        "sticker": {
            "file_id": "s",
            "file_unique_id": "s",
            "width": 1,
            "height": 1,
            "is_animated": False,
            "is_video": False,
            "type": "regular",
        },
    }
    server.add_raw_update({"message": sticker})
    good = server.add_citizen_post("rosa", "Rosa", "Farola rota en el parque")
    report = poll(channel, store, triage)
    assert report.stored == 1
    assert report.skipped == 5
    assert stored_ids(store) == [good]
    # The odd ones were confirmed with the good one: they never block the queue again.
    assert poll(channel, store, triage).skipped == 0
    assert server.pending_updates() == []


# -- the offset ------------------------------------------------------------------------


def test_a_second_poll_reads_only_what_is_new(
    server: TelegramServer, channel: TelegramChannel, store: Store, triage: Triage
) -> None:
    for i in range(5):
        server.add_citizen_post(f"v{i}", f"Vecino {i}", f"Aviso {i}: farola apagada")
    assert poll(channel, store, triage).stored == 5
    delivered = server.delivered
    assert poll(channel, store, triage).stored == 0
    assert server.delivered == delivered  # the committed offset confirmed them
    server.add_citizen_post("nueva", "Nueva", "Hay ruido en la plaza toda la noche")
    again = poll(channel, store, triage)
    assert again.stored == 1
    cursor = store.get_cursor(CHANNEL, channel.streams()[0])
    assert (
        int(cursor.since_id)
        == json.loads(store.post_by_source(CHANNEL, stored_ids(store)[-1]).raw)["update_id"] + 1
    )


def test_a_failure_on_the_second_page_loses_nothing(
    server: TelegramServer, store: Store, triage: Triage
) -> None:
    channel = make_channel(server, page_size=40)
    sent = [server.add_citizen_post(f"v{i % 9}", "Vecino", f"aviso {i}") for i in range(100)]
    ingestor = Ingestor(store, triage)
    key = channel.streams()[0]
    pages = channel.pages(store.get_cursor(CHANNEL, key))
    ingestor.ingest(CHANNEL, next(pages))
    server.fail_next(20, 502, method="getUpdates")
    with pytest.raises(TransientError):
        next(pages)
    assert len(stored_ids(store)) == 40
    server.clear_faults()
    late = server.add_citizen_post("tarde", "Tarde", "más tarde")
    poll(channel, store, triage)
    ids = stored_ids(store)
    assert len(ids) == len(set(ids)) == 101
    assert set(ids) == {*sent, late}
    channel.close()


def test_a_crash_between_commit_and_the_next_ask_loses_and_repeats_nothing(
    server: TelegramServer, store: Store, triage: Triage
) -> None:
    """The offset confirms on Telegram's side only when asked with it: a desk that
    stored a page and died before asking again gets only what came after."""
    first = make_channel(server, page_size=10)
    for i in range(25):
        server.add_citizen_post("v", "Vecino", f"aviso {i}")
    ingestor = Ingestor(store, triage)
    pages = first.pages(store.get_cursor(CHANNEL, first.streams()[0]))
    ingestor.ingest(CHANNEL, next(pages))
    page = next(pages)  # fetched (and the first page confirmed), then the desk dies
    del page
    first.close()
    second = make_channel(server, page_size=10)
    poll(second, store, triage)
    ids = stored_ids(store)
    assert len(ids) == len(set(ids)) == 25
    second.close()


# -- faults ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fault",
    [
        lambda s: s.fail_next(2, 500, method="getUpdates"),
        lambda s: s.fail_next(3, 503, method="getUpdates"),
        lambda s: s.fail_next(1, 502, method="getUpdates"),
        lambda s: s.malformed(method="getUpdates"),
        lambda s: s.no_result(method="getUpdates"),
        lambda s: s.hang(3.0, method="getUpdates"),
        lambda s: s.slow(0.3, method="getUpdates"),
    ],
    ids=["500", "503x3", "502", "malformed", "no-result", "timeout", "slow"],
)
def test_transient_faults_are_retried_and_lose_nothing(
    server: TelegramServer, channel: TelegramChannel, store: Store, triage: Triage, fault
) -> None:
    channel.read_timeout = 0.5
    sent = {server.add_citizen_post("v", "Vecino", f"aviso {i}") for i in range(7)}
    fault(server)
    poll(channel, store, triage)
    ids = stored_ids(store)
    assert len(ids) == len(set(ids)) and set(ids) == sent


def test_a_fault_that_persists_is_a_transient_error_with_a_clean_message(
    server: TelegramServer, channel: TelegramChannel, store: Store, triage: Triage
) -> None:
    server.add_citizen_post("v", "Vecino", "aviso")
    server.fail_next(50, 503, method="getUpdates")
    with pytest.raises(TransientError) as caught:
        poll(channel, store, triage)
    assert "attempt 6" in str(caught.value)
    assert server.token.split(":")[1] not in str(caught.value)
    assert stored_ids(store) == []


@pytest.mark.slow
def test_flood_control_waits_as_told_then_reads(
    server: TelegramServer, channel: TelegramChannel, store: Store, triage: Triage
) -> None:
    server.add_citizen_post("v", "Vecino", "aviso")
    server.rate_limit(1, method="getUpdates")
    started = time.monotonic()
    assert poll(channel, store, triage).stored == 1
    assert time.monotonic() - started >= 0.9  # it waited rather than hammer
    assert server.requests["getupdates"] == 2


def test_a_long_flood_control_wait_is_rate_limited_for_the_loop(
    server: TelegramServer, channel: TelegramChannel, store: Store, triage: Triage
) -> None:
    server.add_citizen_post("v", "Vecino", "aviso")
    server.rate_limit(600, method="getUpdates")
    before = time.time()
    with pytest.raises(RateLimited) as caught:
        poll(channel, store, triage)
    assert caught.value.reset_at >= before + 599
    shown = channel.shown_rate()
    assert shown is not None and shown.remaining == 0
    calls = server.requests["getupdates"]
    with pytest.raises(RateLimited):  # asking again before the reset does not reach Telegram
        poll(channel, store, triage)
    assert server.requests["getupdates"] == calls


def test_a_revoked_token_is_refused_clearly_and_nothing_is_lost(
    server: TelegramServer, channel: TelegramChannel, store: Store, triage: Triage
) -> None:
    old = server.token
    sent = {server.add_citizen_post("v", "Vecino", f"aviso {i}") for i in range(3)}
    server.revoke_token()
    with pytest.raises(Refused) as caught:
        poll(channel, store, triage)
    assert caught.value.status == 401
    assert "@BotFather" in str(caught.value) and "accounts set --channel telegram" in str(
        caught.value
    )
    assert old.split(":")[1] not in str(caught.value)
    assert stored_ids(store) == []
    renewed = make_channel(server)
    poll(renewed, store, triage)
    assert set(stored_ids(store)) == sent
    renewed.close()


def test_a_webhook_set_on_the_bot_is_a_clear_conflict(
    server: TelegramServer, channel: TelegramChannel, store: Store, triage: Triage
) -> None:
    server.add_citizen_post("v", "Vecino", "aviso")
    server.set_webhook("https://example.org/hook")
    with pytest.raises(Refused) as caught:
        poll(channel, store, triage)
    assert caught.value.status == 409
    assert "webhook" in str(caught.value) and "Only one may" in str(caught.value)
    server.set_webhook("")
    assert poll(channel, store, triage).stored == 1


def test_another_program_polling_the_same_bot_is_a_clear_conflict(
    server: TelegramServer, store: Store, triage: Triage
) -> None:
    other = make_channel(server, long_poll=5.0)
    ours = make_channel(server)
    key = other.streams()[0]
    failure: list[BaseException] = []

    def hold() -> None:
        try:
            list(other.pages(Cursor(CHANNEL, key)))
        except IntakeError as exc:
            failure.append(exc)

    thread = threading.Thread(target=hold)
    thread.start()
    deadline = time.monotonic() + 5
    while server.requests["getupdates"] < 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.2)
    list(ours.pages(Cursor(CHANNEL, key)))  # this one's ask ends the other's long poll
    thread.join(10)
    assert len(failure) == 1 and isinstance(failure[0], Refused)
    assert failure[0].status == 409
    assert "another program is reading this bot's updates" in str(failure[0])
    other.close()
    ours.close()


def test_stopping_intake_ends_a_held_long_poll_at_once(server: TelegramServer) -> None:
    channel = make_channel(server, long_poll=30.0)
    pages = channel.pages(Cursor(CHANNEL, channel.streams()[0]))
    threading.Timer(0.3, channel.stop_event.set).start()
    started = time.monotonic()
    with pytest.raises(IntakeError, match="stopped"):
        next(pages)
    assert time.monotonic() - started < 5
    channel.close()


def test_a_long_poll_brings_a_message_as_soon_as_it_is_sent(server: TelegramServer) -> None:
    channel = make_channel(server, long_poll=10.0)
    threading.Timer(0.3, server.add_citizen_post, ("v", "Vecino", "ahora mismo")).start()
    pages = list(channel.pages(Cursor(CHANNEL, channel.streams()[0])))
    assert [p.text for page in pages for p in page.posts] == ["ahora mismo"]
    channel.close()


# -- away longer than Telegram keeps messages --------------------------------------------


def test_a_desk_away_more_than_24_hours_is_told_what_was_lost(store: Store, triage: Triage) -> None:
    clock = Clock()
    with TelegramServer(clock=clock) as server:
        channel = make_channel(server, clock=clock)
        server.add_citizen_post("v", "Vecino", "antes de irse")
        poll(channel, store, triage)
        assert channel.notice() == ""
        server.add_citizen_post("v", "Vecino", "se perderá")
        clock.now += 25 * 3600
        server.add_citizen_post("v", "Vecino", "llega a tiempo")
        report = poll(channel, store, triage)
        assert [p.text for _, _, p in report.new_cases] == ["llega a tiempo"]
        assert report.stored == 1
        notice = channel.notice()
        assert "24 h" in notice and "lost" in notice and "25 h" in notice
        clock.now += 3600  # a poll soon after: nothing was lost this time, the notice stays
        poll(channel, store, triage)
        assert channel.notice() == notice
        clock.now += 24 * 3600
        assert channel.notice() == ""
        channel.close()


def test_a_quiet_day_is_not_an_absence(store: Store, triage: Triage) -> None:
    clock = Clock()
    with TelegramServer(clock=clock) as server:
        channel = make_channel(server, clock=clock)
        for _ in range(5):  # polls every 6 h with nobody writing
            poll(channel, store, triage)
            clock.now += 6 * 3600
        assert channel.notice() == ""
        channel.close()


def test_deletions_cannot_be_seen_by_a_bot(
    server: TelegramServer, channel: TelegramChannel, store: Store, triage: Triage
) -> None:
    sid = server.add_citizen_post("v", "Vecino", "lo borraré", private=True)
    poll(channel, store, triage)
    server.delete_post(sid)
    assert channel.gone([sid]) == set()


# -- answering -------------------------------------------------------------------------


def test_a_reply_goes_to_the_chat_quoting_the_message(
    server: TelegramServer, channel: TelegramChannel
) -> None:
    sid = server.add_citizen_post("pepe", "Pepe", "Farola rota", private=True)
    post = channel.reply(sid, "Gracias, Pepe: el electricista va hoy.")
    (sent,) = server.replies_created()
    assert sent["reply_to"] == sid and sent["text"] == "Gracias, Pepe: el electricista va hoy."
    assert post.source_id == sent["source_id"] and post.is_own and post.private
    assert post.in_reply_to_id == sid and post.conversation_id == sid.split(":")[0]


def test_a_reply_to_a_deleted_message_still_reaches_the_citizen(
    server: TelegramServer, channel: TelegramChannel
) -> None:
    sid = server.add_citizen_post("pepe", "Pepe", "Farola rota", private=True)
    server.delete_post(sid)
    channel.reply(sid, "Ya está arreglada.")
    (sent,) = server.replies_created()
    assert sent["chat_id"] == int(sid.split(":")[0]) and sent["reply_to"] == ""


def test_the_reply_limit_is_4096_utf16_units(
    server: TelegramServer, channel: TelegramChannel
) -> None:
    sid = server.add_citizen_post("pepe", "Pepe", "Farola rota")
    channel.reply(sid, "🔧" * 2048)  # 4096 UTF-16 units: accepted
    with pytest.raises(Refused) as caught:
        channel.reply(sid, "🔧" * 2048 + "!")
    assert caught.value.status == 400 and "too long" in str(caught.value)
    assert len(server.replies_created()) == 1


def test_a_citizen_who_blocked_the_bot_is_a_clear_refusal(
    server: TelegramServer, channel: TelegramChannel
) -> None:
    sid = server.add_citizen_post("pepe", "Pepe", "Farola rota", private=True)
    server.block_bot("pepe")
    with pytest.raises(Refused) as caught:
        channel.reply(sid, "Hola")
    assert caught.value.status == 403 and "blocked" in str(caught.value)


def test_a_reply_with_a_photo_sends_it_in_the_chat(
    server: TelegramServer, channel: TelegramChannel, tmp_path: Path
) -> None:
    sid = server.add_citizen_post("pepe", "Pepe", "Farola rota")
    photo = tmp_path / "arreglada.jpg"
    photo.write_bytes(JPEG)
    media = channel.upload_photo(photo)
    assert str(tmp_path) not in media  # the id goes into the case's history, not the path
    post = channel.reply(sid, "Arreglada", [media])
    (sent,) = server.replies_created()  # a short answer is the photo's caption
    assert sent["photo"] and sent["text"] == "Arreglada" and sent["reply_to"] == sid
    assert post.text == "Arreglada" and post.source_id == sent["source_id"]
    assert post.conversation_id == sid and not post.private  # the group's thread it answers
    assert server.file_bytes(sent["message"]["photo"][-1]["file_id"]) == JPEG

    long = "Arreglada. " + "Gracias por avisar. " * 60  # longer than a caption's 1024
    channel.reply(sid, long, [channel.upload_photo(photo)])
    text, picture = server.replies_created()[1:]
    assert text["text"] == long
    assert picture["photo"] and picture["reply_to"] == sid and "caption" not in picture["message"]
    with pytest.raises(Refused, match="pick it again"):  # a sent photo is not kept
        channel.reply(sid, "otra vez", [media])


def test_a_photo_that_is_not_one_is_refused_before_sending(
    channel: TelegramChannel, tmp_path: Path
) -> None:
    fake = tmp_path / "informe.jpg"
    fake.write_bytes(b"%PDF-1.7 not a picture")
    with pytest.raises(Refused, match="not a JPEG"):
        channel.upload_photo(fake)
    with pytest.raises(Refused, match="does not exist"):
        channel.upload_photo(tmp_path / "missing.png")


def test_a_post_goes_to_the_towns_channel_or_is_refused_without_one(
    server: TelegramServer, channel: TelegramChannel
) -> None:
    post = channel.post("Corte de agua mañana de 9 a 11 en el centro.")
    (sent,) = server.replies_created()
    assert sent["chat_id"] == server.announce["id"] and post.is_own and not post.private
    channel.announce_chat = ""
    with pytest.raises(Refused, match="announce_chat"):
        channel.post("otra")


def test_a_reply_to_something_that_is_not_a_message_id_is_refused(
    channel: TelegramChannel,
) -> None:
    with pytest.raises(Refused, match="not a Telegram message id"):
        channel.reply("1234", "hola")


# -- opening the channel ---------------------------------------------------------------


def test_open_channel_says_what_is_missing(server: TelegramServer) -> None:
    assert SECRET_FIELDS == ("bot_token",)
    assert "api_base" in SETTING_FIELDS
    with pytest.raises(Refused, match="@BotFather"):
        open_channel(server.settings(), {})
    with pytest.raises(Refused, match="does not look like"):
        open_channel(server.settings(), {"bot_token": "not-a-token"})
    with pytest.raises(Refused, match="long_poll"):
        open_channel({**server.settings(), "long_poll": "soon"}, server.secrets())
    channel = open_channel(server.settings(), server.secrets())
    assert channel.account() == (str(server.bot_id), server.town_handle, server.bot_name)
    assert channel.streams() == [f"updates:{server.bot_id}"]
    channel.close()


def test_times_are_utc_and_the_cursor_carries_its_commit_time(
    server: TelegramServer, channel: TelegramChannel, store: Store, triage: Triage
) -> None:
    sid = server.add_citizen_post("v", "Vecino", "aviso")
    poll(channel, store, triage)
    post = store.post_by_source(CHANNEL, sid)
    assert post is not None and post.created_at.tzinfo is not None
    assert abs(post.created_at - datetime.now(UTC)) < timedelta(minutes=1)
    cursor = store.get_cursor(CHANNEL, channel.streams()[0])
    committed = datetime.fromisoformat(cursor.sweep_top)
    assert abs(committed - datetime.now(UTC)) < timedelta(minutes=1)


# -- through the intake loop -------------------------------------------------------------


def test_the_intake_loop_reads_the_bot_and_reports_a_revoked_token(
    server: TelegramServer, store: Store, triage: Triage
) -> None:
    asyncio.run(intake_loop_reads_then_reports_refusal(server, store, triage))


async def intake_loop_reads_then_reports_refusal(
    server: TelegramServer, store: Store, triage: Triage
) -> None:
    channel = make_channel(server, long_poll=5.0)
    health: list[IntakeHealth] = []
    writer = ThreadPoolExecutor(max_workers=1)
    loop = IntakeLoop(
        channel, Ingestor(store, triage), store, writer, interval=0.05, on_health=health.append
    )
    task = asyncio.create_task(loop.run())
    sent = server.add_citizen_post("pepe", "Pepe", "La farola no enciende", private=True)
    for _ in range(200):
        if stored_ids(store) and loop.health.last_good_poll is not None:
            break
        await asyncio.sleep(0.05)
    assert stored_ids(store) == [sent]
    assert loop.health.last_good_poll is not None and not loop.health.failing

    server.revoke_token()
    later = server.add_citizen_post("pepe", "Pepe", "Sigue sin encender", private=True)
    for _ in range(200):
        if loop.health.last_error:
            break
        await asyncio.sleep(0.05)
    assert loop.health.failing  # red at once, though the bot was read a moment ago
    assert "accounts set --channel telegram" in loop.health.last_error
    assert server.token.split(":")[1] not in loop.health.last_error
    started = time.monotonic()
    loop.stop()
    await asyncio.wait_for(task, 5)
    assert time.monotonic() - started < 5
    writer.shutdown()
    channel.close()
    # Nothing was lost: the message sent meanwhile waits on Telegram for the new token.
    pending = [
        f"{u['message']['chat']['id']}:{u['message']['message_id']}"
        for u in server.pending_updates()
    ]
    assert later in pending


def test_a_photo_is_not_read_once_the_channel_is_closed(
    server: TelegramServer, store: Store, triage: Triage
) -> None:
    channel = make_channel(server)
    sid = server.add_citizen_post("ana", "Ana", "bache", photo=JPEG)
    poll(channel, store, triage)
    post = store.post_by_source(CHANNEL, sid)
    assert post is not None
    with pytest.raises(PhotoUnavailable, match="larger than"):
        fetch_photo(post.media[0], limit=100)
    channel.close()
    with pytest.raises(PhotoUnavailable):  # no channel open: the desk keeps the link
        fetch_photo(post.media[0])


@pytest.mark.slow
def test_a_reply_that_timed_out_is_not_sent_twice(
    server: TelegramServer, channel: TelegramChannel
) -> None:
    sid = server.add_citizen_post("pepe", "Pepe", "Farola rota", private=True)
    channel.read_timeout = 0.3
    server.slow(1.0, method="sendMessage")  # Telegram sends it, the answer comes too late
    with pytest.raises(TransientError, match="may have been sent"):
        channel.reply(sid, "Gracias, vamos hoy.")
    time.sleep(0.8)
    assert [r["text"] for r in server.replies_created()] == ["Gracias, vamos hoy."]


def test_a_reply_refused_by_a_server_error_is_sent_once_on_retry(
    server: TelegramServer, channel: TelegramChannel
) -> None:
    sid = server.add_citizen_post("pepe", "Pepe", "Farola rota", private=True)
    server.fail_next(2, 502, method="sendMessage")
    channel.reply(sid, "Gracias, vamos hoy.")
    assert [r["text"] for r in server.replies_created()] == ["Gracias, vamos hoy."]


def test_a_desk_still_replies_while_its_intake_is_stopped(
    server: TelegramServer, channel: TelegramChannel
) -> None:
    sid = server.add_citizen_post("pepe", "Pepe", "Farola rota", private=True)
    (read,) = channel.pages(Cursor(CHANNEL, channel.streams()[0]))
    channel.stop_event.set()  # another desk collects for the town; this one still answers
    channel.reply(sid, "Gracias")
    assert len(server.replies_created()) == 1
    channel.long_poll = 5.0  # reading, though, ends at once
    with pytest.raises(IntakeError, match="stopped"):
        next(channel.pages(read.cursor))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_is_stored_exactly(
    name: str, server: TelegramServer, channel: TelegramChannel, store: Store, triage: Triage
) -> None:
    sid = server.add_citizen_post("vecina", "Vecina", HOSTILE[name], private=True)
    assert poll(channel, store, triage).stored == 1
    stored = store.post_by_source(CHANNEL, sid)
    assert stored is not None and stored.text == HOSTILE[name]
