"""The cycle collector is held off while a unit writes a batch, and runs again afterwards,
as it was (also when the write fails, and when batches overlap in two threads)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable

import pytest

from jundesk.core.model import Event, Post
from jundesk.store import Store
from jundesk.store.gc_pause import collector_paused


def test_the_collector_is_off_while_paused_and_back_after() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer batch still runs
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("disk full")
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_program_stays_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_batches_in_two_threads_leave_it_on() -> None:
    inside = threading.Barrier(3)
    done = threading.Event()

    def batch() -> None:
        with collector_paused():
            inside.wait(timeout=5)
            done.wait(timeout=5)

    threads = [threading.Thread(target=batch) for _ in range(2)]
    for thread in threads:
        thread.start()
    inside.wait(timeout=5)  # both inside
    assert not gc.isenabled()
    done.set()
    for thread in threads:
        thread.join(timeout=5)
    assert gc.isenabled()


def test_a_unit_writes_its_batch_with_no_collection_and_leaves_the_collector_on(
    store: Store,
    make_post: Callable[..., Post],
    open_case: Callable[..., tuple[str, list[Event]]],
) -> None:
    posts = [make_post(f"Farola rota número {n}") for n in range(200)]
    cases = [open_case(post) for post in posts]
    collections: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    old = gc.get_threshold()
    gc.set_threshold(10)  # a collection every ten new containers, were it running
    gc.callbacks.append(count)
    case_ids = [case_id for case_id, _ in cases]
    events = [e for _, made in cases for e in made]
    try:
        with store.unit() as uow:
            uow.add_posts(posts, case_ids)
            between = len(collections)
            uow.append_events(events)
            # Only at its edges (the collector, back, catches up once): not the ~280 a
            # collector left running starts here.
            assert len(collections) - between <= 2
    finally:
        gc.callbacks.remove(count)
        gc.set_threshold(*old)
    assert gc.isenabled()
    assert store.count_cases() == 200
