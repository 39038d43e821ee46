"""UUIDv7 identifiers for the records JunDesk creates (time-ordered, sortable as text)."""

from __future__ import annotations

import hashlib
import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def uuid7(at_ms: int | None = None) -> str:
    """A new UUIDv7 as a string; ids made in one process sort in creation order."""
    global _last_ms, _counter
    if at_ms is not None:
        # An explicit time (a record from elsewhere) stands apart from this process's order.
        return _compose(at_ms, int.from_bytes(os.urandom(2), "big") & 0xFFF)
    with _lock:
        ms = int(time.time() * 1000)
        if ms <= _last_ms:
            # Same (or earlier) millisecond: keep monotonic with a 12-bit counter.
            ms = _last_ms
            _counter += 1
            if _counter > 0xFFF:
                ms += 1
                _counter = 0
        else:
            _counter = int.from_bytes(os.urandom(2), "big") & 0x3FF
        _last_ms = ms
        counter = _counter
    return _compose(ms, counter)


def _compose(ms: int, counter: int) -> str:
    rand = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= counter << 64
    value |= 0b10 << 62
    value |= rand
    # The canonical 8-4-4-4-12 form, written directly: intake makes several ids a post.
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def uuid7_time_ms(value: str) -> int:
    """The millisecond timestamp carried by a UUIDv7."""
    return uuid.UUID(value).int >> 80


def derived_uuid7(case_id: str, tag: str) -> str:
    """A UUIDv7 every desk derives alike for the one event `tag` names on a case (an
    escalation, a missed target): the case's own time, the rest drawn from the case id and
    the tag, so the town's history holds it once however many desks notice."""
    ms = uuid7_time_ms(case_id)
    seed = hashlib.sha256(f"{case_id}:{tag}".encode()).digest()
    digest = int.from_bytes(seed[:10], "big")  # 80 bits: 12 for the counter, 62 random
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76  # version 7
    value |= ((digest >> 62) & 0xFFF) << 64
    value |= 0x2 << 62  # RFC 4122 variant
    value |= digest & ((1 << 62) - 1)
    return str(uuid.UUID(int=value))
