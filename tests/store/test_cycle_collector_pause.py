"""A write transaction runs with Python's cycle collector paused, and gives it back as it
found it: on, off, after an error, and with transactions on other threads still running."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from jundesk.store import Store
from jundesk.store.cycles import cycle_collector_paused


@pytest.fixture(autouse=True)
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_a_unit_runs_with_the_collector_off_and_turns_it_back_on(store: Store) -> None:
    with store.unit():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_failed_unit_turns_the_collector_back_on(store: Store) -> None:
    with pytest.raises(RuntimeError), store.unit():
        raise RuntimeError("the caller's own failure")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with cycle_collector_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_the_collector_waits_for_the_last_of_several_pauses() -> None:
    first_in = threading.Event()
    second_may_end = threading.Event()
    seen: list[bool] = []

    def other() -> None:
        with cycle_collector_paused():
            first_in.set()
            second_may_end.wait(timeout=10)
            seen.append(gc.isenabled())

    thread = threading.Thread(target=other)
    thread.start()
    assert first_in.wait(timeout=10)
    with cycle_collector_paused():
        pass
    # This thread's pause ended, the other's has not: the collector stays off.
    assert not gc.isenabled()
    second_may_end.set()
    thread.join(timeout=10)
    assert seen == [False]
    assert gc.isenabled()


def test_cycles_made_during_a_unit_are_collected_afterwards(store: Store) -> None:
    class Node:
        pass

    def make_cycle() -> None:
        node = Node()
        node.me = node  # type: ignore[attr-defined]

    gc.collect()
    with store.unit():
        make_cycle()
    assert any(isinstance(o, Node) for o in gc.get_objects())
    gc.collect()
    assert not any(isinstance(o, Node) for o in gc.get_objects())
