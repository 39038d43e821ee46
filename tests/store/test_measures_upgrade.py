"""A database from before the town's record gets every case's measures on upgrading
(migration 0007), and the record reads them at once."""

from __future__ import annotations

from datetime import UTC, timedelta
from pathlib import Path

import pytest

from jundesk.app.records import RecordQuery, Records
from jundesk.app.settings import Settings
from jundesk.store import Store
from jundesk.store.database import upgrade
from tests.store.test_lean_upgrade import DONE, OPEN, T0, _populate_0006


@pytest.mark.slow
def test_an_upgraded_database_has_its_cases_measures(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.touch()
    upgrade(db_path, "0006")
    _populate_0006(db_path)

    with Store(db_path) as store:
        records = Records(store, Settings(), tz=UTC, clock=lambda: T0 + timedelta(hours=2))
        records.prepare()
        (row,) = records.measures(RecordQuery(), by="all")
        assert (row.count, row.resolved, row.backlog) == (2, 1, 1)
        # DONE arrived at 09:10 and was resolved at 09:11.
        assert row.resolve.median == 60
        assert row.oldest_open == T0
        assert records.cases_for(RecordQuery(), records.cases_per_day(RecordQuery())[0].pick) == [
            DONE,
            OPEN,
        ]
        assert [m.key for m in records.measures(RecordQuery(), by="channel")] == ["x"]
