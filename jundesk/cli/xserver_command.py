"""`jundesk xserver`: the local X API server with the simulated town, for trying JunDesk."""

from __future__ import annotations

import argparse
import contextlib
import time

from jundesk.xserver import XServer
from jundesk.xserver.town import TownDay, TownSimulator


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("xserver", help="run the local X API server with the simulated town")
    p.add_argument("--seed", type=int, default=0, help="which simulated day (same seed, same day)")
    p.add_argument(
        "--speed",
        type=float,
        default=60.0,
        help="how much faster than real time the day runs (60: a minute a second)",
    )
    p.add_argument("--posts", type=int, default=150, help="posts in the simulated day")
    p.add_argument(
        "--preload",
        type=int,
        default=None,
        help="posts already there at start (default: the whole day at once)",
    )
    p.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    server = XServer(port=args.port, seed=args.seed).start()
    day = TownDay(seed=args.seed, posts=args.posts)
    simulator = TownSimulator(server, day, speed=args.speed)
    simulator.preload(len(day) if args.preload is None else args.preload)
    print(f"X API base URL: {server.base_url}")
    print("Test credentials (local server only, not secrets):")
    print(f"  export JUNDESK_X_BEARER_TOKEN={server.bearer_token}")
    print(f"  export JUNDESK_X_CONSUMER_KEY={server.consumer_key}")
    print(f"  export JUNDESK_X_CONSUMER_SECRET={server.consumer_secret}")
    print(f"  export JUNDESK_X_ACCESS_TOKEN={server.access_token}")
    print(f"  export JUNDESK_X_ACCESS_TOKEN_SECRET={server.access_token_secret}")
    print(f"  export JUNDESK_X_USER_ID={server.town_user_id}   # @{server.town_handle}")
    print(f"Then: jundesk collect --once --x-api-base {server.base_url}")
    print(
        f"{len(day) - simulator.remaining} posts on the server, {simulator.remaining} to come "
        f"at {args.speed:g}x. Ctrl-C stops.",
        flush=True,
    )
    simulator.start()
    with contextlib.suppress(KeyboardInterrupt):
        while True:
            time.sleep(3600)
    simulator.stop()
    server.stop()
    return 0
