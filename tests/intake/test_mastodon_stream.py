"""Mastodon's user stream as a wake-up for the channel's poll: a mention announced on the
stream is read at once by the intake loop, whatever its interval; a dropped or refused
stream leaves the channel polling, and loses nothing."""

from __future__ import annotations

import asyncio
import contextlib
import random
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from jundesk.app.ingest import Ingestor
from jundesk.app.intake_loop import IntakeLoop
from jundesk.intake.backoff import Backoff
from jundesk.intake.mastodon_channel import MastodonChannel, open_channel
from jundesk.localserver.mastodon import MastodonServer
from jundesk.store.repository import Store
from jundesk.triage import Triage

STREAM = "GET /api/v1/streaming/user"
LONG = 3600.0  # an interval no test waits for: what arrives came through the wake-up
BOUND = 10.0  # seconds before a test gives up (a failure bound, never a measure)


@pytest.fixture
def server() -> Iterator[MastodonServer]:
    with MastodonServer(heartbeat=0.1) as s:
        yield s


def make_channel(server: MastodonServer) -> MastodonChannel:
    channel = open_channel(server.settings(), server.secrets())
    channel.backoff = Backoff(base=0.01, cap=0.05, max_attempts=4, rng=random.Random(3))
    channel.stream.reconnect_first = 0.05
    return channel


async def until(check: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + BOUND
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {BOUND:.0f} s: {what}")
        await asyncio.sleep(0.02)


def stored_ids(store: Store) -> set[str]:
    return {p.source_id for _, posts in store.iter_cases_for_export() for p in posts}


@contextlib.asynccontextmanager
async def running(
    channel: MastodonChannel, store: Store, triage: Triage
) -> AsyncIterator[IntakeLoop]:
    """The intake loop running at an interval no test waits for."""
    with ThreadPoolExecutor(max_workers=1) as writer:
        loop = IntakeLoop(
            channel, Ingestor(store, triage), store, writer, interval=LONG, read_budget=0
        )
        task = asyncio.create_task(loop.run())
        try:
            await until(lambda: loop.health.last_good_poll, "the first poll")
            yield loop
        finally:
            loop.stop()
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task


def test_a_new_mention_reaches_the_store_through_the_wake_up(server, store, triage):
    channel = make_channel(server)

    async def run() -> None:
        async with running(channel, store, triage):
            await until(lambda: server.stream_count() == 1, "the stream opened")
            first = server.add_citizen_post("ana", "Ana", "Farola rota en la calle Mayor")
            await until(lambda: first in stored_ids(store), "the mention stored")
            second = server.add_citizen_post("luis", "Luis", "Bache en la plaza")
            await until(lambda: second in stored_ids(store), "the second mention stored")

    asyncio.run(run())
    assert channel.stream.woke == 2
    assert server.requests[STREAM] == 1  # one connection for the whole run


def test_after_the_stream_drops_polling_still_stores_everything(server, store, triage):
    channel = make_channel(server)

    async def run() -> None:
        async with running(channel, store, triage) as loop:
            await until(lambda: server.stream_count() == 1, "the stream opened")
            server.drop_streams()
            await until(lambda: server.stream_count() == 0, "the stream dropped")
            # Posted while no stream is open: nothing announces it...
            missed = server.add_citizen_post("ana", "Ana", "Contenedor quemado")
            await until(lambda: server.requests[STREAM] == 2, "the stream reopened")
            await until(lambda: server.stream_count() == 1, "the stream open again")
            # ...the next poll reads it all the same, with what the stream announces.
            announced = server.add_citizen_post("luis", "Luis", "Semáforo apagado")
            await until(lambda: announced in stored_ids(store), "the announced mention")
            assert missed in stored_ids(store)
            # A poll the desk asks for finds nothing more, nothing twice.
            loop.poll_now()
            polls = loop.health.last_good_poll
            await until(lambda: loop.health.last_good_poll != polls, "one more poll")

    asyncio.run(run())
    posts = [p.source_id for _, ps in store.iter_cases_for_export() for p in ps]
    assert len(posts) == len(set(posts)) == 2  # each once


def test_a_server_without_streaming_leaves_polling_working(store, triage):
    with MastodonServer(streaming=False) as server:
        channel = make_channel(server)
        first = server.add_citizen_post("ana", "Ana", "Farola rota")

        async def run() -> None:
            async with running(channel, store, triage) as loop:
                await until(lambda: channel.stream.refused, "the stream refused")
                assert not channel.stream.running
                assert not loop.health.last_error  # nothing for the desk to worry about
                second = server.add_citizen_post("luis", "Luis", "Bache")
                loop.poll_now()  # the interval, shortened: polling still reads
                await until(lambda: second in stored_ids(store), "the polled mention")

        asyncio.run(run())
        assert stored_ids(store) >= {first}
        assert server.requests[STREAM] == 1  # asked once, not again every few seconds


def test_closing_the_channel_ends_the_stream_thread(server):
    channel = make_channel(server)
    woke = threading.Event()
    channel.set_wake(woke.set)
    deadline = time.monotonic() + BOUND
    while server.stream_count() == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    thread = channel.stream.thread
    assert thread is not None and thread.is_alive()
    server.add_citizen_post("ana", "Ana", "Farola rota")
    assert woke.wait(BOUND)
    channel.close()
    thread.join(BOUND)
    assert not thread.is_alive()
    server.add_citizen_post("luis", "Luis", "Bache")
    deadline = time.monotonic() + BOUND
    while server.stream_count() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.stream_count() == 0  # the server saw the connection go


def test_stopping_intake_ends_the_stream(server, store, triage):
    channel = make_channel(server)

    async def run() -> threading.Thread | None:
        async with running(channel, store, triage):
            await until(lambda: server.stream_count() == 1, "the stream opened")
            return channel.stream.thread

    thread = asyncio.run(run())
    assert thread is not None
    thread.join(BOUND)
    assert not thread.is_alive()
