"""Intake throughput of the store: posts per second, each post opening a new case.

100,000 posts (3 events each: ingested, routed, prioritised) in batches of 500 through
the unit of work, FTS indexing included, into a fresh database; the very same posts go
into plain sqlite3 + FTS5 (benchmarks/plain_sqlite.py) in the same run. Prints posts/s and
bytes per post of both, for each of --runs runs and their median.

    PYTHONPATH=. .venv/bin/python benchmarks/store_throughput.py [--posts N] [--batch N]
        [--runs N] [--db PATH]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.plain_sqlite import file_bytes, insert_posts, open_plain
from jundesk.core.case_filter import CaseFilter
from jundesk.core.events import opening_events
from jundesk.core.ids import uuid7
from jundesk.core.model import INTAKE_ACTOR, TRIAGE_ACTOR, Post, Priority
from jundesk.store import Store

WORDS = [
    "farola",
    "rota",
    "calle",
    "real",
    "plaza",
    "accidente",
    "rotonda",
    "coche",
    "basura",
    "contenedor",
    "ruido",
    "vecino",
    "perro",
    "parque",
    "fuente",
    "agua",
    "luz",
    "apagada",
    "bache",
    "acera",
    "policía",
    "limpieza",
    "hoja",
    "árbol",
    "caído",
    "música",
    "noche",
    "fiesta",
    "robo",
    "moto",
    "aparcada",
    "paso",
    "cebra",
    "semáforo",
    "iglesia",
    "colegio",
    "mercado",
]
ROLES = ("police", "street_cleaning", "lighting")
T0 = datetime(2026, 1, 1, tzinfo=UTC)


def make_batch(rng: random.Random, start: int, size: int) -> tuple[list[Post], list[str], list]:
    posts: list[Post] = []
    case_ids: list[str] = []
    events = []
    for n in range(start, start + size):
        created = T0 + timedelta(seconds=n * 7)
        text = " ".join(rng.choices(WORDS, k=rng.randint(8, 30)))
        post = Post(
            id=uuid7(),
            source="x",
            source_id=str(10**17 + n),
            author_id=str(rng.randint(1, 5000)),
            author_handle=f"vecino{rng.randint(1, 5000)}",
            author_name="Vecino de Jun",
            text=f"@AyuntamientoJun {text}",
            created_at=created,
            received_at=created + timedelta(seconds=30),
            lang="es",
            conversation_id=str(10**17 + n),
            raw=f'{{"id":"{10**17 + n}","text":"..."}}',
        )
        case_id = uuid7()
        posts.append(post)
        case_ids.append(case_id)
        events += opening_events(
            case_id,
            post.id,
            created,
            rng.choice(ROLES),
            rng.choice(list(Priority)),
            0.8,
            INTAKE_ACTOR,
            TRIAGE_ACTOR,
            at=post.received_at,
        )
    return posts, case_ids, events


def run(
    store: Store, plain: sqlite3.Connection, total: int, batch: int, seed: int = 1
) -> tuple[float, float]:
    """Ingest `total` posts; returns the seconds spent in the store and in plain sqlite3
    (not making posts)."""
    rng = random.Random(seed)
    spent = in_plain = 0.0
    for start in range(0, total, batch):
        posts, case_ids, events = make_batch(rng, start, min(batch, total - start))
        first = dict(zip(case_ids, posts, strict=True))
        began = time.perf_counter()
        with store.unit() as uow:
            known = uow.existing_source_ids("x", [p.source_id for p in posts])
            assert not known
            uow.cases_for_conversations("x", [p.conversation_id for p in posts])
            uow.add_posts(posts, case_ids)
            uow.append_events(events, first)
            uow.add_reads("x", len(posts), posts[-1].received_at)
        spent += time.perf_counter() - began
        in_plain += insert_posts(plain, posts)
    return spent, in_plain


def one_run(folder: Path, posts: int, batch: int) -> tuple[float, float, float, float]:
    """(store posts/s, plain posts/s, store bytes/post, plain bytes/post) of a fresh run."""
    path = folder / "throughput.db"
    plain_path = folder / "plain.db"
    for base in (path, plain_path):
        for suffix in ("", "-wal", "-shm"):
            base.with_name(base.name + suffix).unlink(missing_ok=True)
    plain = open_plain(plain_path)
    try:
        with Store(path) as store:
            spent, in_plain = run(store, plain, posts, batch)
            cases = store.count_cases(CaseFilter())
    finally:
        plain.close()
    if cases != posts:
        raise SystemExit(f"{cases:,} open cases for {posts:,} posts")
    return (
        posts / spent,
        posts / in_plain,
        file_bytes(path) / posts,
        file_bytes(plain_path) / posts,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--runs", type=int, default=1, help="fresh runs (the median is printed)")
    parser.add_argument("--db", type=Path, help="a folder for the databases (default: temporary)")
    args = parser.parse_args()
    print(f"{args.posts:,} posts in batches of {args.batch}, load average {os.getloadavg()[0]:.1f}")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.db or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for n in range(args.runs):
            result = one_run(folder, args.posts, args.batch)
            results.append(result)
            print(
                f"  run {n + 1}: store {result[0]:,.0f} posts/s, {result[2]:,.0f} bytes/post; "
                f"plain sqlite3 + FTS5 {result[1]:,.0f} posts/s, {result[3]:,.0f} bytes/post",
                flush=True,
            )
    median = [statistics.median(r[i] for r in results) for i in range(4)]
    print(
        f"median of {args.runs}: store {median[0]:,.0f} posts/s, {median[2]:,.0f} bytes/post; "
        f"plain sqlite3 + FTS5 {median[1]:,.0f} posts/s, {median[3]:,.0f} bytes/post "
        f"(load average {os.getloadavg()[0]:.1f})"
    )


if __name__ == "__main__":
    main()
