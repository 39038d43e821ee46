"""Per-endpoint fixed-window rate limits with X's `x-rate-limit-*` headers."""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class _Bucket:
    limit: int
    remaining: int
    reset: float


class RateLimiter:
    """Fixed windows per endpoint, as X counts them (a window opens with the first request)."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.time) -> None:
        self._default = limit
        self._window = window
        self._clock = clock
        self._limits: dict[str, int] = {}
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def set_limit(self, endpoint: str, limit: int) -> None:
        with self._lock:
            self._limits[endpoint] = limit
            self._buckets.pop(endpoint, None)

    def exhaust(self, endpoint: str, reset_in: float) -> None:
        """Spend the rest of the window and move its end, as a real 429 burst would."""
        with self._lock:
            bucket = self._bucket(endpoint)
            bucket.remaining = 0
            bucket.reset = self._clock() + reset_in

    def hit(self, endpoint: str, *, consume: bool = True) -> tuple[bool, dict[str, str]]:
        """Count one request; returns whether it is allowed and the headers to send."""
        with self._lock:
            bucket = self._bucket(endpoint)
            allowed = True
            if consume:
                if bucket.remaining > 0:
                    bucket.remaining -= 1
                else:
                    allowed = False
            return allowed, {
                "x-rate-limit-limit": str(bucket.limit),
                "x-rate-limit-remaining": str(bucket.remaining),
                # Always present: tweepy retries at once, recursively, when it is missing.
                "x-rate-limit-reset": str(math.ceil(bucket.reset)),
            }

    def _bucket(self, endpoint: str) -> _Bucket:
        now = self._clock()
        bucket = self._buckets.get(endpoint)
        if bucket is None or now >= bucket.reset:
            limit = self._limits.get(endpoint, self._default)
            bucket = _Bucket(limit, limit, now + self._window)
            self._buckets[endpoint] = bucket
        return bucket
