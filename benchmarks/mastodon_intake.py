"""The Mastodon channel's whole intake path: Mastodon.py against the local Mastodon server.

1. Throughput: a backlog of mentions on the server, read page by page (80 a page, the most
   Mastodon gives) by the real channel, routed and stored: posts/s; and the reading alone.
2. Latency: the intake loop polling every --interval seconds while mentions arrive at random
   moments; for each, the time from the server accepting it to the post being stored and
   routed. The account's user stream wakes the loop as a mention comes (a poll's time);
   without streaming, bound by the interval: p95 near 0.95 x interval plus a poll's time.

    .venv/bin/python benchmarks/mastodon_intake.py [--backlog N] [--interval S] [--posts N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
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
from jundesk.intake.mastodon_channel import CHANNEL, MAX_PAGE_SIZE, open_channel
from jundesk.localserver.mastodon import MastodonServer
from jundesk.store import Store
from jundesk.triage import Triage


def load(server: MastodonServer, n: int) -> None:
    rng = random.Random(1)
    words = ["farola apagada", "basura en la plaza", "bache en la calle", "ruido de noche"]
    for i in range(n):
        server.add_citizen_post(f"vecino{i % 500}", f"Vecino {i % 500}", f"{rng.choice(words)} {i}")


def throughput(n: int, tmp: Path, triage: Triage) -> None:
    with MastodonServer(rate_limit=1_000_000) as server:
        load(server, n)
        channel = open_channel(server.settings(), server.secrets())
        channel.page_size = MAX_PAGE_SIZE
        key = channel.streams()[0]
        started = time.perf_counter()
        read = sum(len(p.posts) for p in channel.pages(Cursor(CHANNEL, key)))
        reading = time.perf_counter() - started

        store = Store(tmp / "throughput.db")
        ingestor = Ingestor(store, triage)
        started = time.perf_counter()
        stored = 0
        for page in channel.pages(store.get_cursor(CHANNEL, key)):
            stored += ingestor.ingest(CHANNEL, page).stored
        elapsed = time.perf_counter() - started
        store.close()
    print(
        f"reading alone (Mastodon.py + local server): {read:,} mentions in {reading:.1f} s = "
        f"{read / reading:,.0f} posts/s"
    )
    print(
        f"whole path (Mastodon.py + local server + triage + store): {stored:,} posts in "
        f"{elapsed:.1f} s = {stored / elapsed:,.0f} posts/s"
    )


async def latency(count: int, interval: float, tmp: Path, triage: Triage) -> None:
    with MastodonServer() as server:  # Mastodon's own 300 requests per 5 minutes
        store = Store(tmp / "latency.db")
        writer = ThreadPoolExecutor(max_workers=1)
        added: dict[str, float] = {}
        seen: dict[str, float] = {}

        def on_report(report: IngestReport) -> None:
            now = time.perf_counter()
            for _, _, post in report.new_cases:
                seen.setdefault(post.source_id, now)

        loop = IntakeLoop(
            open_channel(server.settings(), server.secrets()),
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
                post_id = server.add_citizen_post(f"vecino{i}", f"Vecino {i}", f"farola {i} rota")
                added[post_id] = time.perf_counter()

        thread = threading.Thread(target=citizens)
        thread.start()
        while thread.is_alive() or len(seen) < len(added):
            await asyncio.sleep(0.05)
        loop.stop()
        task.cancel()
        writer.shutdown()
        store.close()
        requests_made = sum(server.requests.values())
    delays = sorted((seen[p] - added[p]) * 1000 for p in added)
    p95 = delays[int(0.95 * (len(delays) - 1))]
    print(
        f"new mention -> stored and routed, polling every {interval:g} s, {len(delays)} posts: "
        f"p50 {statistics.median(delays):.0f} ms, p95 {p95:.0f} ms, max {delays[-1]:.0f} ms "
        f"({requests_made} requests to the server)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backlog", type=int, default=5_000)
    parser.add_argument("--interval", type=float, default=5.0)
    parser.add_argument("--posts", type=int, default=30)
    args = parser.parse_args()
    triage = Triage.from_resources()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        throughput(args.backlog, Path(tmp), triage)
        asyncio.run(latency(args.posts, args.interval, Path(tmp), triage))
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
