"""One writer thread and several readers share a Store without stepping on each other."""

from __future__ import annotations

import threading
from collections.abc import Callable

from jundesk.core.case_filter import CaseFilter
from jundesk.core.model import Event, Post
from jundesk.store import Store


def test_one_writer_and_three_readers(
    store: Store,
    make_post: Callable[..., Post],
    open_case: Callable[..., tuple[str, list[Event]]],
) -> None:
    errors: list[BaseException] = []
    done = threading.Event()
    seen_counts: list[int] = []

    def writer() -> None:
        try:
            for _ in range(20):
                posts = [make_post("farola rota en la plaza") for _ in range(25)]
                opened = [open_case(p) for p in posts]
                with store.unit() as uow:
                    uow.add_posts(posts, [case_id for case_id, _ in opened])
                    uow.append_events([e for _, events in opened for e in events])
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            done.set()

    def reader() -> None:
        try:
            while not done.is_set():
                summaries = store.list_cases(limit=50)
                # A reader sees whole units only: 25 cases at a time, each with its post.
                count = store.count_cases()
                assert count % 25 == 0
                seen_counts.append(count)
                for summary in summaries[:5]:
                    assert summary.case.post_ids
                    assert store.case_posts(summary.case.id)
                store.list_cases(CaseFilter(search="farola"), limit=20)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=writer)] + [
        threading.Thread(target=reader) for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert store.count_cases() == 500
    assert seen_counts
