"""X's batch compliance for a town's stored posts, against the local X server.

The server holds N posts (1 % deleted, 0.5 % of authors suspended); the desk's store holds
the same N posts, each opening a case. Times: the job through tweepy (create, upload the
N ids, poll, download), then blocking what X reported (one 'redacted' event per case,
FTS and headers included), then the whole daily step as the purge service runs it.

    PYTHONPATH=. .venv/bin/python benchmarks/x_compliance.py [--posts N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from jundesk.app.privacy import Privacy
from jundesk.core.events import opening_events
from jundesk.core.ids import uuid7
from jundesk.core.model import INTAKE_ACTOR, TRIAGE_ACTOR, UNROUTED, Actor, Post, Priority
from jundesk.intake.x_compliance import XCompliance
from jundesk.intake.x_credentials import XCredentials
from jundesk.store import Store
from jundesk.xserver import XServer
from jundesk.xserver.posts import NewPost

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def fill_store(store: Store, x_ids: list[str], batch: int = 1000) -> None:
    for start in range(0, len(x_ids), batch):
        posts, case_ids, events, firsts = [], [], [], {}
        for n, x_id in enumerate(x_ids[start : start + batch], start):
            at = T0 + timedelta(seconds=n)
            post = Post(
                id=uuid7(),
                source="x",
                source_id=x_id,
                author_id=f"u{n % 5000}",
                author_handle=f"vecino{n % 5000}",
                author_name=f"Vecino {n % 5000}",
                text=f"@AytoJun la farola {n} de la calle Real está rota",
                created_at=at,
                received_at=at,
            )
            case_id = uuid7()
            posts.append(post)
            case_ids.append(case_id)
            firsts[case_id] = post
            events += opening_events(
                case_id,
                post.id,
                at,
                "lighting",
                Priority.NORMAL,
                0.9,
                INTAKE_ACTOR,
                TRIAGE_ACTOR,
                at=at,
            )
        with store.unit() as uow:
            uow.add_posts(posts, case_ids)
            uow.append_events(events, firsts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, default=100_000)
    args = parser.parse_args()
    with XServer() as server, tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        x_ids = server.add_posts_bulk(
            NewPost(f"vecino{n % 5000}", f"@AytoJun la farola {n} de la calle Real está rota")
            for n in range(args.posts)
        )
        for x_id in x_ids[::100]:
            server.delete_post(x_id)
        for n in range(0, 5000, 200):
            server.mark_user(f"vecino{n + 7}", "suspended")  # none of them deleted
        store = Store(Path(folder) / "desk.db")
        fill_store(store, x_ids)
        print(
            f"set-up: {len(x_ids):,} posts on the server and in the store "
            f"in {time.perf_counter() - started:.1f} s"
        )

        client = XCompliance(XCredentials(bearer_token=server.bearer_token), server.base_url)
        client.poll_interval = 0.0
        ids = store.source_ids_to_check("x")
        started = time.perf_counter()
        verdicts = client.check(ids)
        job = time.perf_counter() - started
        print(
            f"compliance job (create, upload {len(ids):,} ids, poll, download): {job:.2f} s, "
            f"{len(verdicts):,} posts reported"
        )

        privacy = Privacy(store, Actor("town_hall"), desk_roles=(UNROUTED,))
        started = time.perf_counter()
        events = privacy.x_compliance(lambda _ids: verdicts)
        block = time.perf_counter() - started
        print(f"blocking them: {block:.2f} s ({len(events):,} cases, one event each)")

        started = time.perf_counter()
        again = privacy.x_compliance(client.check)
        print(
            f"the next day's run (nothing new to block): {time.perf_counter() - started:.2f} s, "
            f"{len(again)} events"
        )
        store.close()


if __name__ == "__main__":
    main()
