"""UUIDv7 ids: valid, unique, time-ordered."""

from __future__ import annotations

import uuid

from jundesk.core.ids import uuid7, uuid7_time_ms


def test_uuid7_is_a_version_7_rfc_uuid() -> None:
    value = uuid.UUID(uuid7())
    assert value.version == 7
    assert value.variant == uuid.RFC_4122


def test_ids_made_in_a_row_sort_in_creation_order_and_never_repeat() -> None:
    ids = [uuid7() for _ in range(20_000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)


def test_the_time_can_be_read_back() -> None:
    assert abs(uuid7_time_ms(uuid7(at_ms=1_790_000_000_000)) - 1_790_000_000_000) <= 1
