"""An action on desk A visible in desk B's database: p50 and p95 on loopback.

Both desks run the real sync service (SyncRunner) in one process: A records an event and
pokes its runner, which pushes it; the hub's NOTIFY wakes B's listener, and B pulls and
applies it. The time is from A's action to B's `on_changed` callback, which comes after
B's local commit. B's fallback poll is 15 s, so every wake-up is a notification.

    PYTHONPATH=. .venv/bin/python benchmarks/sync_latency.py [--actions N]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.sync_common import open_case, percentile, temporary_hub
from jundesk.app.sync_runner import SyncRunner
from jundesk.core.events import make_event
from jundesk.core.model import Actor, EventKind
from jundesk.store.repository import Store


async def measure(actions: int, folder: Path) -> list[float]:
    with temporary_hub(["desk_a", "desk_b"]) as hub:
        stores = {d: Store(folder / f"{d}.db") for d in ("desk_a", "desk_b")}
        writers = {d: ThreadPoolExecutor(max_workers=1) for d in stores}
        seen = asyncio.Event()
        runners = {
            d: SyncRunner(
                stores[d],
                hub.connector(d),
                writers[d],
                d,
                on_changed=(lambda ids: seen.set()) if d == "desk_b" else None,
            )
            for d in stores
        }
        tasks = [asyncio.create_task(r.run()) for r in runners.values()]
        loop = asyncio.get_running_loop()
        try:
            case_id = await loop.run_in_executor(writers["desk_a"], open_case, stores["desk_a"])
            runners["desk_a"].poke()
            await asyncio.wait_for(seen.wait(), 10)
            latencies: list[float] = []
            actor = Actor("desk_a", "bench")
            for n in range(actions):
                seen.clear()
                event = make_event(case_id, EventKind.NOTED, actor, text=f"note {n}")
                start = time.perf_counter()
                await loop.run_in_executor(
                    writers["desk_a"], stores["desk_a"].append_events, [event]
                )
                runners["desk_a"].poke()
                await asyncio.wait_for(seen.wait(), 10)
                latencies.append(time.perf_counter() - start)
                await asyncio.sleep(0.01)
            return latencies
        finally:
            for runner in runners.values():
                runner.stop()
            await asyncio.gather(*tasks)
            for runner in runners.values():
                runner.close()
            for d in stores:
                writers[d].shutdown(wait=True)
                stores[d].close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actions", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        latencies = asyncio.run(measure(args.actions, Path(folder)))
    ms = [x * 1000 for x in latencies]
    print(f"action on desk A -> in desk B's database, {len(ms)} actions over loopback:")
    print(
        f"  p50 {percentile(ms, 50):.1f} ms   p95 {percentile(ms, 95):.1f} ms   "
        f"max {max(ms):.1f} ms   (target: p95 <= 1000 ms)"
    )


if __name__ == "__main__":
    main()
