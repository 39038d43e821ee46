"""The whole Bluesky intake path through the atproto SDK and the local Bluesky server.

1. Throughput: a backlog of mentions on the server, read page by page (100 a page) by the
   real BlueskyChannel, routed and stored: posts/s.
2. Latency: the intake loop polling every --interval seconds while citizens post at random
   moments; for each post, the time from the server accepting it to the post being stored
   and routed in the database (p50, p95, max).

    .venv/bin/python benchmarks/bluesky_intake.py [--backlog N] [--interval S] [--posts N]
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
from jundesk.core.model import Cursor
from jundesk.intake.bluesky_channel import CHANNEL, BlueskyChannel
from jundesk.localserver.bluesky import BlueskyServer, load_backlog
from jundesk.store import Store
from jundesk.triage import Triage


def channel_for(server: BlueskyServer) -> BlueskyChannel:
    return BlueskyChannel(**server.settings(), **server.secrets(), page_size=100)


def throughput(n: int, tmp: Path, triage: Triage) -> None:
    with BlueskyServer(seed=1, rate_limit=1_000_000) as server:
        load_backlog(server, n, seed=1)
        channel = channel_for(server)
        started = time.perf_counter()
        read = sum(len(page.posts) for page in channel.pages(Cursor(CHANNEL, "read-only")))
        elapsed = time.perf_counter() - started
        print(
            f"read (atproto SDK + local server): {read:,} mentions in {elapsed:.1f} s = "
            f"{read / elapsed:,.0f} posts/s"
        )
        store = Store(tmp / "throughput.db")
        ingestor = Ingestor(store, triage)
        started = time.perf_counter()
        stored = 0
        for key in channel.streams():
            for page in channel.pages(store.get_cursor(CHANNEL, key)):
                stored += ingestor.ingest(CHANNEL, page).stored
        elapsed = time.perf_counter() - started
        store.close()
    print(
        f"whole path (atproto SDK + local server + triage + store): {stored:,} posts in "
        f"{elapsed:.1f} s = {stored / elapsed:,.0f} posts/s"
    )


async def latency(count: int, interval: float, tmp: Path, triage: Triage) -> None:
    with BlueskyServer(seed=2, rate_limit=1_000_000) as server:
        store = Store(tmp / "latency.db")
        writer = ThreadPoolExecutor(max_workers=1)
        added: dict[str, float] = {}
        seen: dict[str, float] = {}

        def on_report(report: IngestReport) -> None:
            now = time.perf_counter()
            for _, _, post in report.new_cases:
                seen.setdefault(post.source_id, now)

        loop = IntakeLoop(
            channel_for(server),
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
                uri = server.add_citizen_post(f"vecino{i}", f"Vecino {i}", f"farola {i} rota")
                added[uri] = time.perf_counter()

        thread = threading.Thread(target=citizens)
        thread.start()
        while thread.is_alive() or len(seen) < len(added):
            await asyncio.sleep(0.05)
        loop.stop()
        task.cancel()
        writer.shutdown()
        store.close()
    delays = sorted((seen[p] - added[p]) * 1000 for p in added)
    p95 = delays[int(0.95 * (len(delays) - 1))]
    print(
        f"new post -> stored and routed, polling every {interval * 1000:.0f} ms, "
        f"{len(delays)} posts: p50 {statistics.median(delays):.0f} ms, p95 {p95:.0f} ms, "
        f"max {delays[-1]:.0f} ms (the interval plus one poll at most)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backlog", type=int, default=10_000)
    parser.add_argument("--interval", type=float, default=5.0)
    parser.add_argument("--posts", type=int, default=20)
    args = parser.parse_args()
    triage = Triage.from_resources()
    with tempfile.TemporaryDirectory() as tmp:
        throughput(args.backlog, Path(tmp), triage)
        asyncio.run(latency(args.posts, args.interval, Path(tmp), triage))


if __name__ == "__main__":
    main()
