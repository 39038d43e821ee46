"""Intake throughput of the store: posts per second, each post opening a new case.

100,000 posts (3 events each: ingested, routed, prioritised) in batches of 500 through
the unit of work, FTS indexing included, into a fresh database. Prints posts/s.

    PYTHONPATH=. .venv/bin/python benchmarks/store_throughput.py [--posts N] [--batch N] [--db PATH]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

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


def run(store: Store, total: int, batch: int, seed: int = 1) -> float:
    """Ingest `total` posts; returns the seconds spent in the store (not making posts)."""
    rng = random.Random(seed)
    spent = 0.0
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
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "throughput.db"
        with Store(path) as store:
            spent = run(store, args.posts, args.batch)
            cases = store.count_cases(statuses=None)
        size = path.stat().st_size
        print(
            f"{args.posts:,} posts in batches of {args.batch}: {spent:.1f} s in the store, "
            f"{args.posts / spent:,.0f} posts/s ({cases:,} open cases; {size / args.posts:.0f} "
            "bytes/post)"
        )


if __name__ == "__main__":
    main()
