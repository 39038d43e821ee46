"""The case list model pages from the store: it holds a few blocks, reads the one the
view asks for on a reader thread, keeps order and filters in the database, and keeps
persistent indexes (the selection) on the same cases across a refresh. Every change is
checked by QAbstractItemModelTester."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from jundesk.app.settings import Settings
from jundesk.core.case_filter import CaseFilter
from jundesk.core.events import make_event, opening_events
from jundesk.core.ids import uuid7
from jundesk.core.model import INTAKE_ACTOR, TRIAGE_ACTOR, Actor, EventKind, Post, Priority
from jundesk.gui.case_list_model import (
    BLOCK,
    COL_AUTHOR,
    COL_PRIORITY,
    CaseIdRole,
    CaseListModel,
    PriorityRole,
    StoreCases,
    UnreadRole,
)
from jundesk.gui.session import DeskSession
from jundesk.store import Store
from tests.gui.conftest import until

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
_numbers = itertools.count(1)


def add_cases(
    store: Store, count: int, priority: Priority = Priority.NORMAL, start: int = 0
) -> list[str]:
    posts, ids, events = [], [], []
    for n in range(start, start + count):
        created = T0 + timedelta(minutes=n)
        sid = str(10**17 + next(_numbers))
        post = Post(
            id=uuid7(),
            source="x",
            source_id=sid,
            author_id=str(n),
            author_handle=f"v{n}",
            author_name=f"Vecino {n}",
            text=f"@AytoJun aviso número {n}",
            created_at=created,
            received_at=created,
            conversation_id=sid,
        )
        case_id = uuid7()
        posts.append(post)
        ids.append(case_id)
        events += opening_events(
            case_id, post.id, created, "police", priority, 0.9, INTAKE_ACTOR, TRIAGE_ACTOR
        )
    with store.unit() as uow:
        uow.add_posts(posts, ids)
        uow.append_events(events, dict(zip(ids, posts, strict=True)))
    return ids


@pytest.fixture
def session(tmp_path: Path) -> Iterator[DeskSession]:
    opened = DeskSession(tmp_path / "list.db", Settings(person="Ana"))
    yield opened
    opened.close()


def watched(session: DeskSession) -> tuple[CaseListModel, QAbstractItemModelTester]:
    model = CaseListModel(StoreCases(session), session.tasks)
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
    return model, tester


def no_failures(qtlog: object) -> None:
    failures = [r.message for r in qtlog.records if "FAIL!" in r.message]  # type: ignore[attr-defined]
    assert failures == []


@pytest.mark.asyncio
async def test_pages_blocks_on_demand_and_reads_the_end(
    session: DeskSession, qtbot: object, qtlog: object
) -> None:
    add_cases(session.store, 3 * BLOCK + 17)
    model, _tester = watched(session)
    model.set_query(CaseFilter())
    await until(lambda: model.rowCount() == 3 * BLOCK + 17)
    assert model.columnCount() == 8 and model.rowCount(model.index(0, 0)) == 0
    assert model.index(0, COL_AUTHOR).data() == "@v0"  # oldest first, within a priority
    last = model.rowCount() - 1
    assert model.index(last, COL_AUTHOR).data() is None  # not read yet: it is asked for
    await until(lambda: model.index(last, COL_AUTHOR).data() == f"@v{last}")
    assert model.index(last, COL_PRIORITY).data(PriorityRole) == "normal"
    assert model.index(last, 0).data(UnreadRole) is True
    no_failures(qtlog)


@pytest.mark.asyncio
async def test_refresh_keeps_persistent_indexes_on_their_cases(
    session: DeskSession, qtbot: object, qtlog: object
) -> None:
    ids = add_cases(session.store, 30)
    model, _tester = watched(session)
    model.set_query(CaseFilter())
    await until(lambda: model.rowCount() == 30)
    held = QPersistentModelIndex(model.index(10, 0))
    assert held.data(CaseIdRole) == ids[10]
    # Two urgent cases sort above it; one case before it leaves the open list.
    add_cases(session.store, 2, Priority.URGENT, start=100)
    session.store.append_events([make_event(ids[0], EventKind.RESOLVED, Actor("police", "Ana"))])
    model.refresh()
    await until(lambda: model.rowCount() == 31)
    await until(lambda: not model.is_loading())
    assert held.isValid() and held.row() == 11
    assert held.data(CaseIdRole) == ids[10]
    assert model.index(0, COL_PRIORITY).data(PriorityRole) == "urgent"
    # The resolved case left: an index on it becomes invalid.
    gone = QPersistentModelIndex(model.index(model.row_of(ids[1]), 0))
    session.store.append_events([make_event(ids[1], EventKind.RESOLVED, Actor("police", "Ana"))])
    model.refresh()
    await until(lambda: model.rowCount() == 30)
    assert not gone.isValid()
    no_failures(qtlog)


@pytest.mark.asyncio
async def test_filters_are_the_databases(
    session: DeskSession, qtbot: object, qtlog: object
) -> None:
    add_cases(session.store, 5)
    add_cases(session.store, 3, Priority.HIGH, start=50)
    model, _tester = watched(session)
    model.set_query(CaseFilter(priorities=(Priority.HIGH,)))
    await until(lambda: model.rowCount() == 3)
    model.set_query(CaseFilter(roles=("lighting",)))
    await until(lambda: model.rowCount() == 0)
    assert model.data(QModelIndex()) is None
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Priority"
    no_failures(qtlog)


@pytest.mark.asyncio
async def test_a_count_the_caller_knows_is_taken_without_counting_again(
    session: DeskSession, qtbot: object, qtlog: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_cases(session.store, BLOCK + 5)
    counted: list[CaseFilter] = []
    count = StoreCases.count

    async def counting(self: StoreCases, query: CaseFilter) -> int:
        counted.append(query)
        return await count(self, query)

    monkeypatch.setattr(StoreCases, "count", counting)
    model, _tester = watched(session)
    model.set_query(CaseFilter(), total=BLOCK + 5)
    await until(lambda: model.index(0, COL_AUTHOR).data() == "@v0")
    assert model.rowCount() == BLOCK + 5  # every row at once, the first block read
    await until(lambda: not model.is_loading())
    assert counted == []
    model.set_query(CaseFilter(priorities=(Priority.NORMAL,)))  # unknown: counted
    await until(lambda: not model.is_loading() and counted != [])
    assert model.rowCount() == BLOCK + 5
    no_failures(qtlog)


@pytest.mark.asyncio
async def test_until_counted_a_full_first_page_is_not_taken_for_the_total(
    session: DeskSession, qtbot: object, qtlog: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_cases(session.store, BLOCK + 5)
    gate = asyncio.Event()
    count = StoreCases.count

    async def slow_count(self: StoreCases, query: CaseFilter) -> int:
        await gate.wait()
        return await count(self, query)

    monkeypatch.setattr(StoreCases, "count", slow_count)
    model, _tester = watched(session)
    model.set_query(CaseFilter())
    await until(lambda: model.index(0, COL_AUTHOR).data() == "@v0")
    assert model.rowCount() == BLOCK  # the rows read so far...
    assert not model.total_known  # ... are not the count
    gate.set()
    await until(lambda: model.total_known)
    assert model.total == BLOCK + 5
    # A first page that is not full is the whole list: known without waiting.
    gate.clear()
    model.set_query(CaseFilter(priorities=(Priority.HIGH,)))
    await until(lambda: model.rowCount() == 0 and model.query is not None and model.total_known)
    gate.set()
    no_failures(qtlog)


@pytest.mark.asyncio
async def test_going_back_to_an_unchanged_list_shows_it_without_reading_it(
    session: DeskSession, qtbot: object, qtlog: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = add_cases(session.store, 5) + add_cases(session.store, 2, Priority.HIGH, start=5)
    reads: list[CaseFilter] = []
    block = StoreCases.block

    async def reading(self: StoreCases, query: CaseFilter, index: int) -> object:
        reads.append(query)
        return await block(self, query, index)

    monkeypatch.setattr(StoreCases, "block", reading)
    model, _tester = watched(session)
    everything, high = CaseFilter(), CaseFilter(priorities=(Priority.HIGH,))
    model.set_query(everything, as_of=1)
    await until(lambda: model.rowCount() == 7 and not model.is_loading())
    model.set_query(high, as_of=1)
    await until(lambda: model.rowCount() == 2 and not model.is_loading())
    # The desk opens a case of this list: it is read, here and in the list left before.
    first_high = model.case_id_at(0)
    assert first_high in ids and model.index(0, COL_AUTHOR).data(UnreadRole) is True
    case = session.store.get_case(first_high)
    assert case is not None
    model.mark_seen(first_high, case.last_event_id)
    assert reads == [everything, high]
    model.set_query(everything, as_of=1)  # nothing changed since: no read
    await until(lambda: model.rowCount() == 7 and not model.is_loading())
    assert reads == [everything, high]
    row = next(r for r in range(7) if model.case_id_at(r) == first_high)
    assert model.index(row, COL_AUTHOR).data(UnreadRole) is False
    model.set_query(high, as_of=2)  # a case changed: read again
    await until(lambda: model.rowCount() == 2 and not model.is_loading())
    assert reads == [everything, high, high]
    model.set_query(everything)  # no count of changes given: always read
    await until(lambda: model.rowCount() == 7 and not model.is_loading())
    assert reads == [everything, high, high, everything]
    no_failures(qtlog)
