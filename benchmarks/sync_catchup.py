"""A desk catching up after a day offline: 100,000 events made by the rest of the town.

Desk B syncs, then goes offline while desk A (the rest of the town) opens 10,000 cases and
acts on them (10 events each: the three opening events and seven actions, and one post per
case), pushing as it goes. B meanwhile records 1,000 actions of its own. Then B comes back:
the figure is the time of one `sync_once` that pushes B's 1,000 events and pulls the
100,000 events and 10,000 posts into B's database (projections included).

    PYTHONPATH=. .venv/bin/python benchmarks/sync_catchup.py [--cases N]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks.sync_common import open_case, temporary_hub
from jundesk.core.events import make_event, opening_events
from jundesk.core.ids import uuid7
from jundesk.core.model import INTAKE_ACTOR, TRIAGE_ACTOR, Actor, Event, EventKind, Post, Priority
from jundesk.store.repository import Store
from jundesk.sync.hub_connection import Purpose
from jundesk.sync.replicator import Replicator

ACTIONS = (
    (EventKind.ACKNOWLEDGED, {}),
    (EventKind.ASSIGNED, {"assignee": "Agente Ruiz"}),
    (EventKind.NOTED, {"text": "De camino"}),
    (EventKind.STARTED, {}),
    (EventKind.NOTED, {"text": "En el lugar"}),
    (EventKind.RESOLVED, {}),
    (EventKind.CLOSED, {}),
)


def town_day(store: Store, cases: int, rng: random.Random) -> int:
    """Open `cases` cases with ten events each, spread over a day; returns the events."""
    start = datetime.now(UTC) - timedelta(days=1)
    actor = Actor("town", "bench")
    made = 0
    batch = 500
    for first in range(0, cases, batch):
        posts: list[Post] = []
        case_ids: list[str] = []
        events: list[Event] = []
        for n in range(first, min(cases, first + batch)):
            at = start + timedelta(seconds=n * 86400 / cases)
            post = Post(
                id=uuid7(),
                source="x",
                source_id=str(10**15 + n),
                author_id=str(n),
                author_handle=f"vecino{n}",
                author_name="Vecino",
                text=f"Aviso {n}: farola rota en la calle {rng.randint(1, 300)}",
                created_at=at,
                received_at=at,
            )
            case_id = uuid7()
            posts.append(post)
            case_ids.append(case_id)
            events += opening_events(
                case_id, post.id, at, "police", Priority.NORMAL, 0.9, INTAKE_ACTOR, TRIAGE_ACTOR, at
            )
            for k, (kind, payload) in enumerate(ACTIONS):
                events.append(
                    make_event(case_id, kind, actor, at + timedelta(minutes=k + 1), **payload)
                )
        with store.unit() as uow:
            uow.add_posts(posts, case_ids)
            uow.append_events(events, dict(zip(case_ids, posts, strict=True)))
        made += len(events)
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as folder, temporary_hub(["town", "desk_b"]) as hub:
        town = Store(Path(folder) / "town.db")
        desk = Store(Path(folder) / "desk_b.db")
        town_sync = Replicator(town, "town")
        desk_sync = Replicator(desk, "desk_b")
        with (
            hub.connector("town").connect(Purpose.SYNC, autocommit=True) as town_conn,
            hub.connector("desk_b").connect(Purpose.SYNC, autocommit=True) as desk_conn,
        ):
            # Desk B has the town's state before it goes offline.
            known = [open_case(town) for _ in range(100)]
            town_sync.sync_once(town_conn)
            desk_sync.sync_once(desk_conn)

            made = town_day(town, args.cases, rng)
            t = time.perf_counter()
            pushed = town_sync.sync_once(town_conn).pushed
            push_s = time.perf_counter() - t
            actor = Actor("desk_b", "bench")
            own = [
                make_event(rng.choice(known), EventKind.NOTED, actor, text=f"nota {n}")
                for n in range(1000)
            ]
            desk.append_events(own)

            t = time.perf_counter()
            report = desk_sync.sync_once(desk_conn)
            catch_up = time.perf_counter() - t
        town.close()
        desk.close()
    print(
        f"the town's day: {made:,} events and {args.cases:,} posts, pushed by one desk "
        f"({pushed:,} rows) in {push_s:.1f} s"
    )
    print(
        f"desk back after a day offline: pushed {report.pushed:,}, pulled {report.pulled:,} "
        f"events in {catch_up:.1f} s ({report.pulled / catch_up:,.0f} events/s; target: "
        "100,000 events <= 30 s)"
    )


if __name__ == "__main__":
    main()
