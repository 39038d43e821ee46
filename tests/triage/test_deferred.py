"""The triage a desk starts with knows its roles at once and reads its rule files and
models on first use, once, whichever threads use it first."""

from __future__ import annotations

import threading

from jundesk.triage import Triage
from jundesk.triage.deferred import DeferredTriage, bundled_roles


def test_roles_at_once_and_the_same_verdicts_once_read() -> None:
    reads: list[int] = []

    def read() -> Triage:
        reads.append(1)
        return Triage.from_resources()

    deferred = DeferredTriage(read, bundled_roles())
    assert deferred.roles == Triage.from_resources().roles
    assert reads == []
    text = "accidente en la rotonda, hay un herido, vengan rápido"
    verdict = deferred.classify(text, "es")
    assert verdict == Triage.from_resources().classify(text, "es")
    assert verdict.role == "police"
    assert reads == [1]


def test_threads_that_use_it_first_read_it_once() -> None:
    reads: list[int] = []
    started = threading.Barrier(4)

    def read() -> Triage:
        reads.append(1)
        return Triage.from_resources()

    deferred = DeferredTriage(read, bundled_roles())
    roles: list[str] = []

    def use() -> None:
        started.wait()
        roles.append(deferred.classify("la farola de la calle Real está apagada", "es").role)

    threads = [threading.Thread(target=use) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert reads == [1]
    assert roles == ["lighting"] * 4
