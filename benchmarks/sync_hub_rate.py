"""The hub's sustained rate with 20 desks acting at once.

Twenty desk processes, each with its own database, hub role and connection, act as fast
as they can for the duration: each records one event on a case and pushes it (the push's
latency, action to commit on the hub, is measured), and every fifth action pulls what
the other desks did. Prints the hub's events/s and the p50/p95 push latency, and how far
behind each desk's pull was at the end.

On a small machine the desks' own work (Python, SQLite) competes with the hub for the
CPUs; `--hub-only` measures the hub alone: 20 connections (threads) pushing one-event
transactions of prepared events, with no desk database behind them.

    PYTHONPATH=. .venv/bin/python benchmarks/sync_hub_rate.py [--desks 20] [--seconds 15]
    PYTHONPATH=. .venv/bin/python benchmarks/sync_hub_rate.py --hub-only
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import tempfile
import threading
import time
from pathlib import Path

from benchmarks.sync_common import BenchHub, open_case, percentile, temporary_hub
from jundesk.core.events import make_event
from jundesk.core.model import Actor, EventKind
from jundesk.store.repository import Store
from jundesk.sync.hub_connection import Purpose
from jundesk.sync.hub_writes import write
from jundesk.sync.replicator import Replicator


def desk(
    hub: BenchHub, name: str, folder: str, seconds: float, start_at: float, out: mp.Queue
) -> None:
    store = Store(Path(folder) / f"{name}.db")
    replicator = Replicator(store, name)
    actor = Actor(name, "bench")
    latencies: list[float] = []
    pulled = 0
    with hub.connector(name).connect(Purpose.SYNC, autocommit=True) as conn:
        case_id = open_case(store)
        replicator.sync_once(conn)
        time.sleep(max(0.0, start_at - time.time()))
        stop = time.time() + seconds
        n = 0
        while time.time() < stop:
            event = make_event(case_id, EventKind.NOTED, actor, text=f"{name} {n}")
            t = time.perf_counter()
            store.append_events([event])
            outgoing = replicator.outgoing()
            refused = replicator.send(conn, outgoing)
            latencies.append(time.perf_counter() - t)
            replicator.record_push(outgoing, refused)
            n += 1
            if n % 5 == 0:
                pulled += replicator.sync_once(conn).pulled
        pulled += replicator.sync_once(conn).pulled
    store.close()
    out.put((name, latencies, pulled))


def hub_only(desks: int, seconds: float) -> None:
    names = [f"desk{n:02d}" for n in range(desks)]
    with tempfile.TemporaryDirectory() as folder, temporary_hub(names) as hub:
        store = Store(Path(folder) / "seed.db")
        case_id = open_case(store)
        with hub.connector(names[0]).connect(Purpose.SYNC, autocommit=True) as conn:
            Replicator(store, names[0]).sync_once(conn)
        store.close()
        latencies: list[list[float]] = [[] for _ in names]
        start = threading.Barrier(desks)

        def push(index: int) -> None:
            actor = Actor(names[index], "bench")
            with hub.connector(names[index]).connect(Purpose.SYNC, autocommit=True) as conn:
                start.wait()
                stop = time.perf_counter() + seconds
                while time.perf_counter() < stop:
                    event = make_event(case_id, EventKind.NOTED, actor, text="x")
                    t = time.perf_counter()
                    with conn.transaction():
                        write(conn, [event], [])
                    latencies[index].append(time.perf_counter() - t)

        threads = [threading.Thread(target=push, args=(i,)) for i in range(desks)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    ms = [x * 1000 for lat in latencies for x in lat]
    print(f"hub only: {desks} connections pushing one-event transactions for {seconds:.0f} s:")
    print(
        f"  {len(ms):,} events ({len(ms) / seconds:,.0f} events/s); commit latency "
        f"p50 {percentile(ms, 50):.1f} ms, p95 {percentile(ms, 95):.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--desks", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--hub-only", action="store_true")
    args = parser.parse_args()
    if args.hub_only:
        hub_only(args.desks, args.seconds)
        return
    names = [f"desk{n:02d}" for n in range(args.desks)]
    context = mp.get_context("spawn")
    with tempfile.TemporaryDirectory() as folder, temporary_hub(names) as hub:
        out: mp.Queue = context.Queue()
        start_at = time.time() + 3.0  # every process ready before the clock starts
        processes = [
            context.Process(target=desk, args=(hub, n, folder, args.seconds, start_at, out))
            for n in names
        ]
        for p in processes:
            p.start()
        results = [out.get(timeout=args.seconds + 120) for _ in processes]
        for p in processes:
            p.join()
    latencies = [x * 1000 for _, lat, _ in results for x in lat]
    events = len(latencies)
    pulled = sum(p for _, _, p in results)
    print(f"{args.desks} desks acting at once for {args.seconds:.0f} s:")
    print(
        f"  hub took {events:,} events ({events / args.seconds:,.0f} events/s); "
        f"push latency p50 {percentile(latencies, 50):.1f} ms, "
        f"p95 {percentile(latencies, 95):.1f} ms, max {max(latencies):.1f} ms"
    )
    print(
        f"  the desks pulled {pulled:,} events of one another "
        f"({pulled / max(1, events * (args.desks - 1)):.0%} of all there was to pull)"
    )


if __name__ == "__main__":
    main()
