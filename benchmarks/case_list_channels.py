"""What naming each case's channels (and whether its first post is private) costs the case
list: a block of 50 rows as the desk reads it (store.list_cases), beside the same rows read
as before the channels were listed (the case_posts links alone, then the headers).

Uses a database built by benchmarks/search_million.py (--db; `--posts 200000` builds one in
about a minute). Prints p50/p95 in ms for the first block of the open cases, a block half
way down every case, and the last block, with the machine's load.

    PYTHONPATH=. .venv/bin/python benchmarks/case_list_channels.py --db PATH [--rounds 30]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from jundesk.core.case_filter import CaseFilter
from jundesk.core.model import Status
from jundesk.store import Store
from jundesk.store.models import CASES

BLOCK = 50


def timed(fn: Callable[[], object], rounds: int) -> tuple[float, float]:
    fn()  # warm the page cache
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))]


def links_only(store: Store, query: CaseFilter, offset: int) -> None:
    """The list's read before channels: the cases, their links, their first posts' headers."""
    from sqlalchemy import select

    from jundesk.store.case_filters import filtered

    with store._read() as conn:  # the same snapshot the list takes
        rows = conn.execute(
            filtered(select(CASES), query)
            .order_by(CASES.c.priority_rank, CASES.c.created_at, CASES.c.pk)
            .limit(BLOCK)
            .offset(offset)
        ).all()
        pks = json.dumps([r.pk for r in rows])
        links = conn.exec_driver_sql(
            "SELECT case_pk, post_pk FROM case_posts WHERE case_pk IN "
            "(SELECT value FROM json_each(?)) ORDER BY case_pk, position, post_pk",
            (pks,),
        ).fetchall()
        firsts: dict[int, int] = {}
        for case_pk, post_pk in links:
            firsts.setdefault(case_pk, post_pk)
        conn.exec_driver_sql(
            "SELECT id, author_handle, text FROM posts "
            "WHERE pk IN (SELECT value FROM json_each(?))",
            (json.dumps(list(firsts.values())),),
        ).fetchall()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    store = Store(args.db)
    every = CaseFilter(statuses=tuple(Status))
    total = store.count_cases(every)
    print(f"{args.db}: {total:,} cases; load average {os.getloadavg()[0]:.1f}")
    for label, query, offset in (
        ("open cases, first block", CaseFilter(), 0),
        ("every case, half way down", every, (total // 2) // BLOCK * BLOCK),
        ("every case, last block", every, max(0, total - BLOCK)),
    ):
        now = timed(
            lambda q=query, o=offset: store.list_cases(q, limit=BLOCK, offset=o), args.rounds
        )
        before = timed(lambda q=query, o=offset: links_only(store, q, o), args.rounds)
        print(
            f"{label:28} with channels p50 {now[0]:6.1f} ms p95 {now[1]:6.1f} ms | "
            f"reads before (no rows built) p50 {before[0]:6.1f} ms p95 {before[1]:6.1f} ms"
        )
    store.close()


if __name__ == "__main__":
    main()
