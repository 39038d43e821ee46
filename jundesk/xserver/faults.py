"""Faults the local X server can inject, queued by tests or drawn at random for the demo.

Semantics (one fault per request; the first queued fault whose endpoint/method match wins):

- ``rate_limit``: the endpoint's window is spent until ``reset_in`` s from now: that request
  and every later one before the reset get 429 with ``x-rate-limit-reset`` = the new reset.
- ``usage_capped``: 429 with X's ``usage-capped`` problem (monthly cap), window untouched.
- ``server_error``: ``status`` (500/502/503) with a problem body.
- ``slow``: waits ``seconds`` and then answers normally.
- ``timeout``: reads the request, says nothing for ``seconds``, then closes the connection
  (a client with a shorter read timeout sees a timeout, a patient one a dropped connection).
- ``disconnect``: closes the connection at once without an answer.
- ``malformed``: the normal status and headers, but the JSON body is broken (a colon removed).
- ``truncated``: what a dropped connection does: ``Content-Length`` of the whole body, half
  of the body sent, then the connection closes (requests raises ``ChunkedEncodingError``).
  With ``full_length=False``, the cut body is sent whole with a matching length
  (a buggy proxy), and the client fails to parse it instead.
- ``empty_body``: the normal status with ``Content-Length: 0``.
- ``unknown_fields``: unexpected fields added at every level of the body.
- ``no_includes``: ``includes`` dropped even though expansions were asked.
- ``partial_errors``: one author of the page missing from ``includes.users``, with a
  resource-not-found entry in ``errors`` beside ``data``.
- ``duplicate``: posts repeated in the page, and the next page starts with the last post
  of this one again.
- ``out_of_order``: the page shuffled (meta's newest/oldest ids stay right).

Data faults (the last six) on an answer without ``data`` are spent without effect.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Mapping
from dataclasses import dataclass

KINDS = frozenset(
    {
        "rate_limit",
        "usage_capped",
        "server_error",
        "slow",
        "timeout",
        "disconnect",
        "malformed",
        "truncated",
        "empty_body",
        "unknown_fields",
        "no_includes",
        "partial_errors",
        "duplicate",
        "out_of_order",
    }
)


@dataclass(frozen=True)
class Fault:
    """One fault: what goes wrong, for which requests, and how many times."""

    kind: str
    endpoint: str | None = None  # a path prefix, e.g. "/2/users/" or "/2/tweets/search"
    method: str | None = None  # "GET" or "POST"; None matches both
    times: int = 1
    seconds: float = 1.0  # slow, timeout
    reset_in: float = 60.0  # rate_limit
    status: int = 503  # server_error
    full_length: bool = True  # truncated

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault kind {self.kind!r}; one of {sorted(KINDS)}")
        if self.times < 1:
            raise ValueError("times must be at least 1")

    def matches(self, method: str, path: str) -> bool:
        if self.method is not None and self.method.upper() != method.upper():
            return False
        return self.endpoint is None or path.startswith(self.endpoint)

    @classmethod
    def rate_limit(
        cls,
        reset_in: float = 60.0,
        *,
        endpoint: str | None = None,
        method: str | None = None,
        times: int = 1,
    ) -> Fault:
        return cls("rate_limit", reset_in=reset_in, endpoint=endpoint, method=method, times=times)

    @classmethod
    def usage_capped(
        cls, *, endpoint: str | None = None, method: str | None = None, times: int = 1
    ) -> Fault:
        return cls("usage_capped", endpoint=endpoint, method=method, times=times)

    @classmethod
    def server_error(
        cls,
        status: int = 503,
        *,
        endpoint: str | None = None,
        method: str | None = None,
        times: int = 1,
    ) -> Fault:
        return cls("server_error", status=status, endpoint=endpoint, method=method, times=times)

    @classmethod
    def slow(
        cls,
        seconds: float = 2.0,
        *,
        endpoint: str | None = None,
        method: str | None = None,
        times: int = 1,
    ) -> Fault:
        return cls("slow", seconds=seconds, endpoint=endpoint, method=method, times=times)

    @classmethod
    def timeout(
        cls,
        seconds: float = 10.0,
        *,
        endpoint: str | None = None,
        method: str | None = None,
        times: int = 1,
    ) -> Fault:
        return cls("timeout", seconds=seconds, endpoint=endpoint, method=method, times=times)

    @classmethod
    def disconnect(
        cls, *, endpoint: str | None = None, method: str | None = None, times: int = 1
    ) -> Fault:
        return cls("disconnect", endpoint=endpoint, method=method, times=times)

    @classmethod
    def malformed(
        cls, *, endpoint: str | None = None, method: str | None = None, times: int = 1
    ) -> Fault:
        return cls("malformed", endpoint=endpoint, method=method, times=times)

    @classmethod
    def truncated(
        cls,
        full_length: bool = True,
        *,
        endpoint: str | None = None,
        method: str | None = None,
        times: int = 1,
    ) -> Fault:
        return cls(
            "truncated", full_length=full_length, endpoint=endpoint, method=method, times=times
        )

    @classmethod
    def empty_body(
        cls, *, endpoint: str | None = None, method: str | None = None, times: int = 1
    ) -> Fault:
        return cls("empty_body", endpoint=endpoint, method=method, times=times)

    @classmethod
    def unknown_fields(
        cls, *, endpoint: str | None = None, method: str | None = None, times: int = 1
    ) -> Fault:
        return cls("unknown_fields", endpoint=endpoint, method=method, times=times)

    @classmethod
    def no_includes(
        cls, *, endpoint: str | None = None, method: str | None = None, times: int = 1
    ) -> Fault:
        return cls("no_includes", endpoint=endpoint, method=method, times=times)

    @classmethod
    def partial_errors(
        cls, *, endpoint: str | None = None, method: str | None = None, times: int = 1
    ) -> Fault:
        return cls("partial_errors", endpoint=endpoint, method=method, times=times)

    @classmethod
    def duplicate(
        cls, *, endpoint: str | None = None, method: str | None = None, times: int = 1
    ) -> Fault:
        return cls("duplicate", endpoint=endpoint, method=method, times=times)

    @classmethod
    def out_of_order(
        cls, *, endpoint: str | None = None, method: str | None = None, times: int = 1
    ) -> Fault:
        return cls("out_of_order", endpoint=endpoint, method=method, times=times)


# A plausible bad day at X for `jundesk demo`: mostly fine, now and then something breaks.
DEMO_FAULT_RATES: dict[str | Fault, float] = {
    Fault.slow(1.5): 0.04,
    Fault.server_error(503): 0.02,
    Fault.rate_limit(reset_in=30): 0.005,
    Fault.timeout(8.0): 0.005,
    "duplicate": 0.03,
    "out_of_order": 0.03,
    "unknown_fields": 0.02,
    "partial_errors": 0.01,
    "truncated": 0.005,
}


@dataclass
class _Queued:
    fault: Fault
    left: int


class FaultQueue:
    """Thread-safe queue of faults for the next matching requests, plus optional random ones."""

    def __init__(self, seed: int = 0) -> None:
        self._lock = threading.Lock()
        self._queue: list[_Queued] = []
        self._random: list[tuple[Fault, float]] = []
        self._rng = random.Random(seed)
        self._fired: list[tuple[str, str, str]] = []

    def push(self, *faults: Fault) -> None:
        with self._lock:
            self._queue.extend(_Queued(fault, fault.times) for fault in faults)

    def clear(self) -> None:
        """Forget queued faults and switch random mode off."""
        with self._lock:
            self._queue.clear()
            self._random.clear()

    def pending(self) -> list[tuple[Fault, int]]:
        """Queued faults with how many requests each will still hit."""
        with self._lock:
            return [(entry.fault, entry.left) for entry in self._queue]

    @property
    def fired(self) -> list[tuple[str, str, str]]:
        """(kind, method, path) of every fault applied so far, in order."""
        with self._lock:
            return list(self._fired)

    def set_random(self, rates: Mapping[str | Fault, float], *, seed: int | None = None) -> None:
        """Random mode (the demo): each request suffers a fault with the given probability.

        Keys are fault kinds (with default parameters) or Fault templates; queued faults
        still come first.
        """
        entries = []
        for key, rate in rates.items():
            fault = key if isinstance(key, Fault) else Fault(key)
            if not 0.0 <= rate <= 1.0:
                raise ValueError(f"probability of {fault.kind} must be within [0, 1]")
            entries.append((fault, rate))
        with self._lock:
            self._random = entries
            if seed is not None:
                self._rng = random.Random(seed)

    def take(self, method: str, path: str) -> Fault | None:
        """The fault for this request, if any; spends one of its times."""
        with self._lock:
            chosen: Fault | None = None
            for entry in self._queue:
                if entry.fault.matches(method, path):
                    chosen = entry.fault
                    entry.left -= 1
                    if entry.left <= 0:
                        self._queue.remove(entry)
                    break
            if chosen is None:
                for fault, rate in self._random:
                    if fault.matches(method, path) and self._rng.random() < rate:
                        chosen = fault
                        break
            if chosen is not None:
                self._fired.append((chosen.kind, method, path))
            return chosen
