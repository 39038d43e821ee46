"""One channel's intake as a desk runs it: the engine opens the channel through its module
(X through XSource) against the channel's local server, with the server's made-up values.

1. Throughput: a backlog of citizens' posts on the server, read page by page by the real
   client library, routed and stored by the engine's intake loop: posts/s.
2. Latency: the engine's intake loop polling at the channel's interval while posts arrive at
   random moments; for each, the time from the server accepting it to the post being stored
   and routed (what the desk's list then shows). Polling channels are bound by the interval
   (p95 near 0.95 x interval plus one poll); Telegram's long poll answers as a message comes,
   and Mastodon's user stream wakes its poll as a mention comes.

    .venv/bin/python benchmarks/channel_intake.py --channel mastodon [--backlog N]
        [--interval S] [--posts N]

The interval defaults to the one each channel's set-up advises (Telegram 1 s with its long
poll; the others 60 s, as a desk polls; pass --interval to measure another).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import inspect
import os
import random
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jundesk.app.channel_access import ChannelValues
from jundesk.app.engine import Engine
from jundesk.app.engine_events import QuietEvents
from jundesk.app.ingest import IngestReport
from jundesk.app.settings import Settings
from jundesk.intake.channels import CHANNELS, X
from jundesk.intake.x_credentials import XCredentials

INTERVALS = {"x": 60.0, "mastodon": 60.0, "bluesky": 60.0, "telegram": 1.0}
WORDS = ["farola apagada", "basura en la plaza", "bache en la calle", "ruido de noche"]


class Server:
    """The channel's local server, as the benchmark uses it: start, post, and what the
    engine opens the channel with."""

    def __init__(self, channel: str, fast: bool) -> None:
        self.channel = channel
        if channel == X:
            from jundesk.xserver import XServer

            self.server: Any = XServer(rate_limit=1_000_000) if fast else XServer()
        else:
            module = importlib.import_module(f"jundesk.localserver.{channel}")
            cls = getattr(module, f"{channel.capitalize()}Server")
            # Throughput is the client's and the desk's, not a rate limit's.
            takes = inspect.signature(cls).parameters
            kwargs = {"rate_limit": 1_000_000} if fast and "rate_limit" in takes else {}
            self.server = cls(**kwargs)

    def __enter__(self) -> Server:
        self.server.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.stop()

    def post(self, n: int, text: str) -> str:
        handle = f"vecino{n % 500}"
        if self.channel == X:
            return str(self.server.add_post(handle, f"@{self.server.town_handle} {text}"))
        return str(self.server.add_citizen_post(handle, f"Vecino {n % 500}", text))

    def engine(self, db: Path, interval: float, events: QuietEvents) -> Engine:
        settings = Settings(channels=[self.channel], poll_interval=interval, desk_name="bench")
        settings.monthly_read_budget = 0  # X: no budget stretches the interval here
        if self.channel == X:
            settings.x_api_base = self.server.base_url
            creds = XCredentials(user_id=self.server.town_user_id, **self.server.credentials())
            return Engine(db, settings, creds, events=events)
        values = ChannelValues(
            {**self.server.settings(), "poll_interval": str(interval)}, self.server.secrets()
        )
        return Engine(db, settings, events=events, channel_values={self.channel: values})


class Arrivals(QuietEvents):
    """When each post reached the desk (stored and routed), by its source id."""

    def __init__(self) -> None:
        self.seen: dict[str, float] = {}
        self.stored = 0

    def on_report(self, report: IngestReport) -> None:
        now = time.perf_counter()
        self.stored += report.stored
        for _, _, post in report.new_cases:
            self.seen.setdefault(post.source_id, now)


@contextlib.contextmanager
def opened(server: Server, db: Path, interval: float, events: Arrivals) -> Iterator[Engine]:
    engine = server.engine(db, interval, events)
    try:
        if server.channel not in engine.intakes:
            raise SystemExit(f"{server.channel}: {engine.channel_problems.get(server.channel)}")
        yield engine
    finally:
        engine.close()


def throughput(channel: str, n: int, tmp: Path) -> None:
    with Server(channel, fast=True) as server:
        rng = random.Random(1)
        for i in range(n):
            server.post(i, f"{rng.choice(WORDS)} {i}")
        events = Arrivals()
        with opened(server, tmp / "throughput.db", 60.0, events) as engine:
            intake = engine.intakes[channel]
            engine.triage.classify("farola apagada")  # triage's models read before timing
            started = time.perf_counter()
            asyncio.run(intake.poll_once())
            elapsed = time.perf_counter() - started
    print(
        f"{channel}: backlog of {n:,} posts read, routed and stored by the engine's intake "
        f"loop in {elapsed:.1f} s = {events.stored / elapsed:,.0f} posts/s "
        f"({events.stored:,} stored)"
    )


async def _latency(
    server: Server, engine: Engine, events: Arrivals, count: int, interval: float
) -> list[float]:
    intake = engine.intakes[server.channel]
    task = asyncio.create_task(intake.run())
    added: dict[str, float] = {}
    rng = random.Random(5)

    def citizens() -> None:
        for i in range(count):
            time.sleep(rng.uniform(0.2, 1.8) * interval)
            source_id = server.post(i, f"{rng.choice(WORDS)} {i}")
            added[source_id] = time.perf_counter()

    thread = threading.Thread(target=citizens)
    thread.start()
    deadline = time.perf_counter() + count * interval * 2 + 4 * interval + 60
    while (thread.is_alive() or len(events.seen.keys() & added.keys()) < len(added)) and (
        time.perf_counter() < deadline
    ):
        await asyncio.sleep(0.02)
    intake.stop()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    thread.join()
    return sorted((events.seen[p] - added[p]) * 1000 for p in added if p in events.seen)


def latency(channel: str, count: int, interval: float, tmp: Path) -> None:
    with Server(channel, fast=False) as server:
        events = Arrivals()
        with opened(server, tmp / "latency.db", interval, events) as engine:
            delays = asyncio.run(_latency(server, engine, events, count, interval))
    if not delays:
        print(f"{channel}: no post reached the desk")
        return
    p95 = delays[min(len(delays) - 1, round(0.95 * (len(delays) - 1)))]
    print(
        f"{channel}: post -> on the desk (stored and routed), polling every {interval:g} s, "
        f"{len(delays)}/{count} posts: p50 {statistics.median(delays):,.0f} ms, "
        f"p95 {p95:,.0f} ms, max {delays[-1]:,.0f} ms"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--channel", required=True, choices=CHANNELS)
    parser.add_argument("--backlog", type=int, default=5_000, help="posts for the throughput")
    parser.add_argument("--posts", type=int, default=20, help="posts for the latency")
    parser.add_argument("--interval", type=float, default=None, help="seconds between polls")
    parser.add_argument("--skip-latency", action="store_true")
    args = parser.parse_args(argv)
    interval = args.interval or INTERVALS[args.channel]
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        if args.backlog:
            throughput(args.channel, args.backlog, Path(tmp))
        if not args.skip_latency:
            latency(args.channel, args.posts, interval, Path(tmp))
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
