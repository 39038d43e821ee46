"""Full-text search on a million posts: p50/p95 of search_posts and list_cases(search=).

Builds ./bench-data/search_million.db through the store's unit of work (or reuses it when
it already holds the posts asked for): each post opens a case; nine in ten of them, the
older ones, are resolved, as in a town that has worked for years. Then it times 200
queries of common words and prints the figures, plus database bytes per post.

    PYTHONPATH=. .venv/bin/python benchmarks/search_million.py [--posts N] [--rebuild]
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

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
from jundesk.store import Store

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


def build(store: Store, total: int, start: int, rng: random.Random) -> None:
    words, cum = vocabulary(rng)
    people = handles(rng)
    resolved_below = int(total * 0.9)
    began = time.perf_counter()
    for first in range(start, total, BATCH):
        posts: list[Post] = []
        case_ids: list[str] = []
        events: list[Event] = []
        for n in range(first, min(total, first + BATCH)):
            created = T0 + timedelta(seconds=n * 300)
            text = " ".join(rng.choices(words, cum_weights=cum, k=rng.randint(6, 40)))
            post = Post(
                id=uuid7(),
                source="x",
                source_id=str(10**17 + n),
                author_id=str(n % 20_000),
                author_handle=people[n % 20_000],
                author_name=people[n % 20_000].title(),
                text=f"@AytoJun {text}",
                created_at=created,
                received_at=created + timedelta(seconds=40),
                lang="es",
                conversation_id=str(10**17 + n),
            )
            case_id = uuid7()
            posts.append(post)
            case_ids.append(case_id)
            events += opening_events(
                case_id,
                post.id,
                created,
                rng.choice(ROLES),
                rng.choice(PRIORITIES),
                0.8,
                INTAKE_ACTOR,
                TRIAGE_ACTOR,
                at=post.received_at,
            )
            if n < resolved_below:
                events.append(
                    make_event(case_id, EventKind.RESOLVED, CREW, created + timedelta(hours=2))
                )
        with store.unit() as uow:
            uow.add_posts(posts, case_ids)
            uow.append_events(events, dict(zip(case_ids, posts, strict=True)))
        done = min(total, first + BATCH)
        if done % 100_000 < BATCH:
            rate = (done - start) / (time.perf_counter() - began)
            print(f"  {done:,} posts stored ({rate:,.0f} posts/s)", flush=True)


def timed(label: str, queries: list[str], call: Callable[[str], object]) -> None:
    times: list[float] = []
    for query in queries:
        began = time.perf_counter()
        call(query)
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"{label:<48} p50 {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    path = DATA / "search_million.db"
    if args.rebuild:
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    with Store(path) as store:
        have = store.count_cases(statuses=list(Status))
        if have < args.posts:
            print(f"building {args.posts:,} posts in {path} (have {have:,})", flush=True)
            began = time.perf_counter()
            build(store, args.posts, have, random.Random(have))
            spent = time.perf_counter() - began
            print(f"built in {spent:.0f} s: {(args.posts - have) / spent:,.0f} posts/s")
    # Opened again, as a desk is each day: the planner statistics are taken on opening.
    with Store(path) as store:
        rng = random.Random(7)
        single = [rng.choice(COMMON) for _ in range(150)]
        prefixes = [rng.choice(COMMON)[:4] for _ in range(25)]
        pairs = [" ".join(rng.sample(COMMON, 2)) for _ in range(25)]
        queries = single + prefixes + pairs
        print(f"{len(queries)} queries of common words on {args.posts:,} posts:")
        timed("search_posts(q)", queries, lambda q: store.search_posts(q))
        timed("list_cases(search=q) open", queries, lambda q: store.list_cases(search=q))
        timed(
            "list_cases(search=q, all statuses)",
            queries,
            lambda q: store.list_cases(search=q, statuses=list(Status)),
        )
        timed(
            "list_cases(roles=[police], search=q)",
            queries,
            lambda q: store.list_cases(roles=["police"], search=q),
        )
        timed("count_cases(search=q)", queries, lambda q: store.count_cases(search=q))
        # The worst case: a one-letter prefix matches thousands of distinct words.
        short = [rng.choice("aeiou") for _ in range(20)]
        timed("search_posts(one letter) [worst case]", short, lambda q: store.search_posts(q))
        timed(
            "list_cases(search=one letter) [worst case]",
            short,
            lambda q: store.list_cases(search=q),
        )
        no_search = ["" for _ in range(50)]
        timed("list_cases() open, no search", no_search, lambda q: store.list_cases())
        timed(
            "list_cases(roles=[police, lighting])",
            no_search,
            lambda q: store.list_cases(roles=["police", "lighting"]),
        )
        timed(
            "list_cases(statuses=[resolved]) offset 5000",
            no_search,
            lambda q: store.list_cases(statuses=[Status.RESOLVED], offset=5000),
        )
        timed(
            "list_cases(statuses=all) offset 5000",
            no_search,
            lambda q: store.list_cases(statuses=list(Status), offset=5000),
        )
        timed(
            "list_cases(statuses=[resolved, closed])",
            no_search,
            lambda q: store.list_cases(statuses=[Status.RESOLVED, Status.CLOSED]),
        )
        timed("count_cases() open", no_search, lambda q: store.count_cases())
        timed(
            "count_cases(statuses=all)",
            no_search,
            lambda q: store.count_cases(statuses=list(Status)),
        )
    size = sum(path.with_name(path.name + s).stat().st_size for s in ("",) if path.exists())
    print(f"database: {size / 1e6:,.0f} MB, {size / args.posts:,.0f} bytes per post")


if __name__ == "__main__":
    main()
