"""Store + route throughput: a 100,000-post backlog through triage and the store, no HTTP.

Pages of 100 posts (X's page size) from an in-memory source go through the Ingestor
(dedupe, thread follow-ups, route, open cases, cursor), each page one transaction: first
on one thread (store + route), then through the intake loop the console runs. Prints
posts/s for both.

    .venv/bin/python benchmarks/ingest_throughput.py [--posts N] [--page N]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path

from jundesk.app.ingest import Ingestor
from jundesk.app.intake_loop import IntakeLoop
from jundesk.core.ids import uuid7
from jundesk.core.model import Cursor, Post
from jundesk.intake.source import Page, RateState
from jundesk.store import Store
from jundesk.triage import Triage
from jundesk.xserver.town import backlog

BASE_ID = 1_870_000_000_000_000_000


def posts_from_backlog(n: int) -> list[Post]:
    start = datetime(2026, 11, 1, tzinfo=UTC)
    now = datetime.now(UTC)
    posts = []
    for item in backlog(n, seed=11):
        source_id = str(BASE_ID + item.index)
        root = str(BASE_ID + item.reply_to) if item.reply_to is not None else source_id
        posts.append(
            Post(
                id=uuid7(),
                source="x",
                source_id=source_id,
                author_id=str(hash(item.handle) % 10**9),
                author_handle=item.handle,
                author_name=item.name,
                text=item.text,
                created_at=start + timedelta(seconds=item.offset),
                received_at=now,
                lang=item.lang,
                conversation_id=root,
                in_reply_to_id=root if root != source_id else "",
                raw=json.dumps({"id": source_id, "text": item.text}, ensure_ascii=False),
            )
        )
    return posts


class BacklogSource:
    """A source that hands out the backlog in pages of X's size, without HTTP."""

    name = "x"

    def __init__(self, posts: list[Post], page: int) -> None:
        self.posts = posts
        self.page = page
        self.rate: dict[str, RateState] = {}
        self.stop_event = threading.Event()

    def streams(self) -> list[str]:
        return ["mentions:1"]

    def pages(self, cursor: Cursor) -> Iterator[Page]:
        for i in range(0, len(self.posts), self.page):
            chunk = self.posts[i : i + self.page]
            after = Cursor("x", cursor.key, since_id=chunk[-1].source_id)
            yield Page(tuple(chunk), after, reads=len(chunk))

    def shown_rate(self) -> RateState | None:
        return None

    def gone(self, source_ids: Sequence[str]) -> set[str]:
        return set()

    def notice(self) -> str:
        return ""


def through_ingestor(posts: list[Post], page: int, db: Path) -> tuple[float, int]:
    """Store + route: the Ingestor on this thread, one transaction a page."""
    store = Store(db)
    ingestor = Ingestor(store, Triage.from_resources())
    source = BacklogSource(posts, page)
    cases = 0
    started = time.perf_counter()
    for chunk in source.pages(Cursor("x", "mentions:1")):
        cases += len(ingestor.ingest("x", chunk).new_cases)
    elapsed = time.perf_counter() - started
    store.close()
    return elapsed, cases


def through_intake_loop(posts: list[Post], page: int, db: Path) -> tuple[float, int]:
    """The same through the intake loop the console runs: pages read on intake's thread,
    stored on the writer thread, the event loop in between."""
    store = Store(db)
    writer = ThreadPoolExecutor(max_workers=1)
    loop = IntakeLoop(
        BacklogSource(posts, page),
        Ingestor(store, Triage.from_resources()),
        store,
        writer,
        read_budget=0,
    )
    started = time.perf_counter()
    report = asyncio.run(loop.poll_once())
    elapsed = time.perf_counter() - started
    loop.stop()
    writer.shutdown()
    store.close()
    return elapsed, len(report.new_cases)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--page", type=int, default=100)
    args = parser.parse_args()
    posts = posts_from_backlog(args.posts)
    for name, run in (
        ("store + route", through_ingestor),
        ("through the intake loop", through_intake_loop),
    ):
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bench.db"
            elapsed, cases = run(posts, args.page, db)
            size = db.stat().st_size
        print(
            f"{name}: {len(posts):,} posts ({cases:,} new cases, "
            f"{len(posts) - cases:,} follow-ups) in {elapsed:.1f} s = "
            f"{len(posts) / elapsed:,.0f} posts/s; {size / len(posts):,.0f} bytes/post"
        )


if __name__ == "__main__":
    main()
