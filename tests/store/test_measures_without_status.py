"""The measures keep no copy of their case's status (0036): a report's rows of cases read
it from the case, and the migration comes and goes with the same rows."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from jundesk.core.events import make_event
from jundesk.core.model import Actor, EventKind, Post
from jundesk.store import Store
from jundesk.store import measures as sql
from jundesk.store.database import downgrade
from jundesk.store.measures import MeasureFilter

Ingest = Callable[..., tuple[str, Post]]


def _columns(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [r[1] for r in conn.execute("PRAGMA table_info(case_measures)")]


def test_a_report_s_cases_keep_their_status_across_the_change(
    db_path: Path, store: Store, ingest: Ingest
) -> None:
    lamp, post = ingest("Farola apagada", role="lighting")
    bin_, _ = ingest("Contenedor lleno", role="waste")
    store.append_events(
        [
            make_event(
                lamp, EventKind.RESOLVED, Actor("lighting", "Ana"), post.received_at + timedelta(1)
            )
        ]
    )
    rows = store.read_measures(lambda c: sql.case_rows(c, MeasureFilter()))
    status = sql.CASE_COLUMNS.index("status")
    assert {r[0]: r[status] for r in rows} == {lamp: "resolved", bin_: "new"}
    assert "status" not in _columns(db_path)
    store.close()

    downgrade(db_path, "0035")
    assert "status" in _columns(db_path)
    with sqlite3.connect(db_path) as conn:
        assert dict(
            conn.execute(
                "SELECT c.status, m.status FROM case_measures m JOIN cases c ON c.pk = m.case_pk"
            )
        ) == {"resolved": "resolved", "new": "new"}
    with Store(db_path) as upgraded:
        assert "status" not in _columns(db_path)
        assert upgraded.read_measures(lambda c: sql.case_rows(c, MeasureFilter())) == rows
