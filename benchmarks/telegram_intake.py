"""The whole Telegram intake path through python-telegram-bot and the local Bot API server.

1. Throughput: a backlog of citizens' messages waiting for the bot (texts, a photo in ten,
   half of them in private chats), read by the real TelegramChannel 100 updates a getUpdates,
   routed and stored: posts/s.
2. Latency: the intake loop polling every --interval seconds, each poll a getUpdates held
   open up to --long-poll seconds, while citizens write at random moments; for each message,
   the time from the server accepting it to its case being stored and routed (p50, p95,
   max). Run once with the long poll and once without it (plain polling at the interval),
   so the figure shows what the held getUpdates buys.

    .venv/bin/python benchmarks/telegram_intake.py [--backlog N] [--interval S]
        [--long-poll S] [--posts N]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from jundesk.app.ingest import Ingestor, IngestReport
from jundesk.app.intake_loop import IntakeLoop
from jundesk.intake.telegram_channel import CHANNEL, TelegramChannel, open_channel
from jundesk.localserver.telegram import TelegramServer
from jundesk.store import Store
from jundesk.triage import Triage

JPEG = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 16


def channel_for(server: TelegramServer, long_poll: float) -> TelegramChannel:
    return open_channel({**server.settings(), "long_poll": str(long_poll)}, server.secrets())


def throughput(n: int, tmp: Path, triage: Triage) -> None:
    with TelegramServer() as server:
        for i in range(n):
            who = f"vecino{i % 500}"
            if i % 10 == 0:
                server.add_citizen_post(who, "Vecino", f"foto del bache {i}", photo=JPEG)
            else:
                server.add_citizen_post(
                    who, "Vecino", f"la farola {i} no enciende", private=i % 2 == 1
                )
        store = Store(tmp / "throughput.db")
        ingestor = Ingestor(store, triage)
        channel = channel_for(server, 0.0)
        started = time.perf_counter()
        stored = 0
        for key in channel.streams():
            for page in channel.pages(store.get_cursor(CHANNEL, key)):
                stored += ingestor.ingest(CHANNEL, page).stored
        elapsed = time.perf_counter() - started
        channel.close()
        store.close()
    print(
        f"whole path (python-telegram-bot + local Bot API server + triage + store): "
        f"{stored:,} messages in {elapsed:.1f} s = {stored / elapsed:,.0f} posts/s"
    )


async def latency(count: int, interval: float, long_poll: float, tmp: Path, triage: Triage) -> None:
    with TelegramServer() as server:
        store = Store(tmp / f"latency-{long_poll}.db")
        writer = ThreadPoolExecutor(max_workers=1)
        added: dict[str, float] = {}
        seen: dict[str, float] = {}

        def on_report(report: IngestReport) -> None:
            now = time.perf_counter()
            for _, _, post in report.new_cases:
                seen.setdefault(post.source_id, now)

        channel = channel_for(server, long_poll)
        loop = IntakeLoop(
            channel,
            Ingestor(store, triage),
            store,
            writer,
            interval=interval,
            read_budget=0,
            on_report=on_report,
        )
        task = asyncio.create_task(loop.run())
        rng = random.Random(5)

        def citizens() -> None:
            for i in range(count):
                time.sleep(rng.uniform(0.2, 2.5) * interval)
                # Each in its own private chat: a case of its own, as a new citizen's is.
                sid = server.add_citizen_post(
                    f"vecino{i}", f"Vecino {i}", f"la farola {i} no enciende", private=True
                )
                added[sid] = time.perf_counter()

        thread = threading.Thread(target=citizens)
        thread.start()
        while thread.is_alive() or len(seen) < len(added):
            await asyncio.sleep(0.01)
        loop.stop()
        task.cancel()
        writer.shutdown()
        channel.close()
        store.close()
    delays = sorted((seen[p] - added[p]) * 1000 for p in added)
    p95 = delays[int(0.95 * (len(delays) - 1))]
    how = f"a getUpdates held up to {long_poll:.0f} s" if long_poll else "no long poll"
    print(
        f"message -> case stored and routed, polling every {interval:g} s with {how}, "
        f"{len(delays)} messages: p50 {statistics.median(delays):.0f} ms, p95 {p95:.0f} ms, "
        f"max {delays[-1]:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backlog", type=int, default=10_000)
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument("--long-poll", type=float, default=25.0)
    parser.add_argument("--posts", type=int, default=30)
    args = parser.parse_args()
    triage = Triage.from_resources()
    with tempfile.TemporaryDirectory() as tmp:
        throughput(args.backlog, Path(tmp), triage)
        asyncio.run(latency(args.posts, args.interval, args.long_poll, Path(tmp), triage))
        asyncio.run(latency(args.posts, args.interval, 0.0, Path(tmp), triage))


if __name__ == "__main__":
    main()
