"""The store on a million posts, side by side with plain sqlite3 + FTS5 in the same run.

Builds ./bench-data/search_million.db through the store's unit of work and, from the very
same posts, ./bench-data/plain_million.db with nothing but a posts table and its FTS5
index (or reuses both when they already hold the posts asked for): each post opens a
case with the events intake writes (ingested, routed with its words, prioritised); nine in
ten, the older ones, are resolved, as in a town that has worked for years. Generating the
posts is not timed: only the store's transaction, and the plain inserts.

It prints ingest posts/s and bytes per post of both, then p50/p95 of queries of common
words (each round of queries `--runs` times; the median of the rounds is printed), the
store's list calls beside the plain FTS top-200, and where the store's bytes go (dbstat).

    PYTHONPATH=. .venv/bin/python benchmarks/search_million.py [--posts N] [--rebuild] [--runs N]
        [--bytes] [--db PATH]
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import sqlite3
import statistics
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.plain_sqlite import TOP, file_bytes, insert_posts, open_plain
from jundesk.core.case_filter import CaseFilter
from jundesk.core.events import make_event, opening_events
from jundesk.core.ids import uuid7
from jundesk.core.model import (
    INTAKE_ACTOR,
    TRIAGE_ACTOR,
    Actor,
    Event,
    EventKind,
    Post,
    Priority,
    Status,
)
from jundesk.store import SearchTooShort, Store, to_match_query

DATA = Path("bench-data")
COMMON = [
    "farola",
    "rota",
    "calle",
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
    "árbol",
    "caído",
    "música",
    "noche",
    "fiesta",
    "robo",
    "moto",
    "aparcada",
    "semáforo",
    "iglesia",
    "colegio",
    "mercado",
    "camión",
    "papelera",
    "banco",
]
FILLER = [
    "el",
    "la",
    "de",
    "en",
    "que",
    "y",
    "a",
    "los",
    "se",
    "por",
    "un",
    "con",
    "una",
    "para",
    "es",
    "al",
    "lo",
    "como",
    "más",
    "pero",
    "sus",
]
ROLES = ("police", "street_cleaning", "lighting", "parks", "waste")
PRIORITIES = (Priority.URGENT, Priority.HIGH, Priority.NORMAL, Priority.NORMAL, Priority.LOW)
BATCH = 2000
T0 = datetime(2016, 1, 1, tzinfo=UTC)
CREW = Actor("street_cleaning", "Paco")


def vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    """Common words, filler, and a long Zipf tail of rarer (made-up) words."""
    syllables = ["ca", "lo", "ma", "ri", "to", "ne", "sa", "fa", "ro", "li", "bu", "mo", "te"]
    tail = {"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(30_000)}
    words = FILLER + COMMON + sorted(tail)
    weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(words))]
    return words, list(itertools.accumulate(weights))


def handles(rng: random.Random) -> list[str]:
    """20,000 citizens with handles like people choose (no common prefix for them all)."""
    syllables = ["an", "ma", "ri", "pe", "lu", "jo", "sa", "car", "men", "to", "ni", "el"]
    return [
        "".join(rng.choices(syllables, k=rng.randint(2, 3)))
        + rng.choice(["", "_", "."])
        + str(rng.randint(0, 9999))
        for _ in range(20_000)
    ]


def batches(
    total: int, start: int, rng: random.Random
) -> Iterator[tuple[list[Post], list[str], list[Event]]]:
    """The posts, their case ids and their events, BATCH at a time (not timed)."""
    words, cum = vocabulary(rng)
    people = handles(rng)
    resolved_below = int(total * 0.9)
    for first in range(start, total, BATCH):
        posts: list[Post] = []
        case_ids: list[str] = []
        events: list[Event] = []
        for n in range(first, min(total, first + BATCH)):
            created = T0 + timedelta(seconds=n * 300)
            chosen = rng.choices(words, cum_weights=cum, k=rng.randint(6, 40))
            post = Post(
                id=uuid7(),
                source="x",
                source_id=str(10**17 + n),
                author_id=str(n % 20_000),
                author_handle=people[n % 20_000],
                author_name=people[n % 20_000].title(),
                text="@AytoJun " + " ".join(chosen),
                created_at=created,
                received_at=created + timedelta(seconds=40),
                lang="es",
                conversation_id=str(10**17 + n),
            )
            case_id = uuid7()
            role = rng.choice(ROLES)
            posts.append(post)
            case_ids.append(case_id)
            events += opening_events(
                case_id,
                post.id,
                created,
                role,
                rng.choice(PRIORITIES),
                0.8,
                INTAKE_ACTOR,
                TRIAGE_ACTOR,
                at=post.received_at,
                why_role={"words": chosen[:2], "model_words": chosen[2:4], "suggested": role},
                why_priority=chosen[4:5],
            )
            if n < resolved_below:
                events.append(
                    make_event(case_id, EventKind.RESOLVED, CREW, created + timedelta(hours=2))
                )
        yield posts, case_ids, events


def build(
    store: Store, plain: sqlite3.Connection, total: int, start: int, rng: random.Random
) -> tuple[float, float]:
    """Store the posts both ways; returns the seconds spent in (store, plain)."""
    in_store = in_plain = 0.0
    for posts, case_ids, events in batches(total, start, rng):
        began = time.perf_counter()
        with store.unit() as uow:
            uow.add_posts(posts, case_ids)
            uow.append_events(events, dict(zip(case_ids, posts, strict=True)))
        in_store += time.perf_counter() - began
        in_plain += insert_posts(plain, posts)
        done = int(posts[-1].source_id) - 10**17 + 1
        if done % 100_000 < BATCH:
            print(
                f"  {done:,} posts: store {(done - start) / in_store:,.0f} posts/s, "
                f"plain {(done - start) / in_plain:,.0f} posts/s",
                flush=True,
            )
    return in_store, in_plain


def percentiles(call: Callable[[str], object], queries: list[str]) -> tuple[float, float]:
    times: list[float] = []
    for query in queries:
        began = time.perf_counter()
        call(query)
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def timed(label: str, queries: list[str], call: Callable[[str], object], runs: int) -> None:
    rounds = [percentiles(call, queries) for _ in range(runs)]
    p50 = statistics.median(r[0] for r in rounds)
    p95 = statistics.median(r[1] for r in rounds)
    print(f"{label:<52} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms", flush=True)


def where_bytes_go(path: Path, posts: int) -> None:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT name, SUM(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC"
        ).fetchall()
    except sqlite3.OperationalError:
        print("  (this sqlite3 has no dbstat)")
        return
    finally:
        conn.close()
    for name, size in rows:
        if size >= posts:  # a byte per post or more
            print(f"  {name:<40} {size / posts:8,.0f} bytes per post")


def refused(call: Callable[[str], object], query: str) -> str:
    try:
        call(query)
    except SearchTooShort as error:
        return f"refused ({error.kind})"
    return "ran"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--runs", type=int, default=3, help="rounds of queries (median)")
    parser.add_argument("--bytes", action="store_true", help="where the store's bytes go")
    parser.add_argument(
        "--db",
        type=Path,
        default=DATA / "search_million.db",
        help="the store's file (plain_million.db is made beside it)",
    )
    args = parser.parse_args()
    path = args.db
    plain_path = path.with_name("plain_million.db")
    path.parent.mkdir(parents=True, exist_ok=True)
    if args.rebuild:
        for base in (path, plain_path):
            for suffix in ("", "-wal", "-shm"):
                base.with_name(base.name + suffix).unlink(missing_ok=True)
    print(f"load average {os.getloadavg()[0]:.1f}", flush=True)
    plain = open_plain(plain_path)
    with Store(path) as store:
        have = store.count_cases(CaseFilter(statuses=tuple(Status)))
        have_plain = plain.execute("SELECT count(*) FROM posts").fetchone()[0]
        if have != have_plain:
            raise SystemExit(f"{path} holds {have:,} posts, {plain_path} {have_plain:,}: --rebuild")
        if have < args.posts:
            print(f"building {args.posts:,} posts (have {have:,})", flush=True)
            spent, spent_plain = build(store, plain, args.posts, have, random.Random(have))
            added = args.posts - have
            print(
                f"ingest: store {added / spent:,.0f} posts/s, "
                f"plain sqlite3 + FTS5 {added / spent_plain:,.0f} posts/s",
                flush=True,
            )
    plain.close()
    size = file_bytes(path)
    plain_size = file_bytes(plain_path)
    print(
        f"bytes per post: store {size / args.posts:,.0f}, plain sqlite3 + FTS5 "
        f"{plain_size / args.posts:,.0f}",
        flush=True,
    )
    if args.bytes:
        where_bytes_go(path, args.posts)
    plain = sqlite3.connect(plain_path)
    # Opened again, as a desk is each day: the planner statistics are taken on opening.
    with Store(path) as store:
        rng = random.Random(7)
        single = [rng.choice(COMMON) for _ in range(150)]
        prefixes = [rng.choice(COMMON)[:4] for _ in range(25)]
        pairs = [" ".join(rng.sample(COMMON, 2)) for _ in range(25)]
        queries = single + prefixes + pairs
        matches = [to_match_query(q) or "" for q in queries]
        print(
            f"{len(queries)} queries of common words on {args.posts:,} posts, {args.runs} rounds:"
        )
        plain_queries = dict(zip(queries, matches, strict=True))
        timed(
            "plain sqlite3: FTS top-200 posts",
            queries,
            lambda q: plain.execute(TOP, (plain_queries[q],)).fetchall(),
            args.runs,
        )
        timed(
            "list_cases(search=q) open inbox",
            queries,
            lambda q: store.list_cases(CaseFilter(search=q)),
            args.runs,
        )
        timed(
            "  the same as a police desk searches (private_roles)",
            queries,
            lambda q: store.list_cases(CaseFilter(search=q, private_roles=("police",))),
            args.runs,
        )
        timed(
            "list_cases(search=q, all statuses)",
            queries,
            lambda q: store.list_cases(CaseFilter(search=q, statuses=tuple(Status))),
            args.runs,
        )
        timed(
            "list_cases(roles=[police], search=q)",
            queries,
            lambda q: store.list_cases(CaseFilter(roles=("police",), search=q)),
            args.runs,
        )
        timed(
            "count_cases(search=q)",
            queries,
            lambda q: store.count_cases(CaseFilter(search=q)),
            args.runs,
        )
        # The shortest prefix the store takes: three letters match many distinct words.
        short = [rng.choice(COMMON)[:3] for _ in range(20)]
        plain_short = {q: f'"{q}"*' for q in short}
        timed(
            "plain sqlite3: FTS top-200, 3-letter prefix",
            short,
            lambda q: plain.execute(TOP, (plain_short[q],)).fetchall(),
            args.runs,
        )
        timed(
            "list_cases(search=3-letter prefix) open inbox",
            short,
            lambda q: store.list_cases(CaseFilter(search=q)),
            args.runs,
        )
        letter = rng.choice("aeiou")
        print(
            f"one-letter search {letter!r}: "
            f"list_cases {refused(lambda q: store.list_cases(CaseFilter(search=q)), letter)}"
        )
        no_search = ["" for _ in range(50)]
        timed("list_cases() open, no search", no_search, lambda q: store.list_cases(), args.runs)
        timed(
            "list_cases(roles=[police, lighting])",
            no_search,
            lambda q: store.list_cases(CaseFilter(roles=("police", "lighting"))),
            args.runs,
        )
        timed(
            "list_cases(statuses=all) offset 5000",
            no_search,
            lambda q: store.list_cases(CaseFilter(statuses=tuple(Status)), offset=5000),
            args.runs,
        )
        timed("count_cases() open", no_search, lambda q: store.count_cases(), args.runs)
    plain.close()
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
