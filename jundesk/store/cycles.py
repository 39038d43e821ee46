"""Pausing Python's cycle collector while a write transaction runs.

A unit of work turns a batch into tens of thousands of short-lived tuples, dicts and
lists (rows, folded cases, payloads), none of them in a reference cycle: reference
counting frees each as soon as it is dropped. The cycle collector still runs every few
hundred allocations, and as the batch's objects outlive its first rounds they reach the
oldest generation, whose collection walks every object of the program. On intake's
batches that was about a tenth of the transaction's time, reclaiming nothing.

The collector is process-wide, so the pause is counted: it ends when the last of the
transactions running at once (on any thread) ends, and only if the collector was on
when the first began. Cycles made meanwhile are collected at its next run.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0
_resume = False


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Run the block with the cycle collector off (see the module's text)."""
    global _holders, _resume
    with _lock:
        if _holders == 0:
            _resume = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _resume:
                gc.enable()
