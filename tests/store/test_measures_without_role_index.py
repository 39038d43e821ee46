"""The measures keep no index by role (0035): a role's cases are read from the index by
arrival, which holds the role, and the migration comes and goes with the same answers."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from jundesk.core.model import Post
from jundesk.store import Store
from jundesk.store import measures as sql
from jundesk.store.database import downgrade
from jundesk.store.measures import MeasureFilter

Ingest = Callable[..., tuple[str, Post]]


def _indexes(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[1] for r in conn.execute("PRAGMA index_list(case_measures)")}


def test_a_role_s_cases_come_from_the_arrival_index_across_the_change(
    db_path: Path, store: Store, ingest: Ingest
) -> None:
    lamps = [ingest(f"Farola {n} apagada", role="lighting")[0] for n in range(3)]
    ingest("Contenedor lleno", role="waste")
    lighting = MeasureFilter(roles=("lighting",))
    assert sorted(store.read_measures(lambda c: sql.case_ids(c, lighting))) == sorted(lamps)
    assert "ix_case_measures_role_arrived" not in _indexes(db_path)
    with sqlite3.connect(db_path) as conn:
        condition, params = lighting.sql()
        plan = " | ".join(
            r[3]
            for r in conn.execute(
                "EXPLAIN QUERY PLAN SELECT m.case_pk FROM case_measures m "
                f"INDEXED BY ix_case_measures_arrived WHERE {condition} "
                "ORDER BY m.arrived_at DESC LIMIT 500",
                params,
            )
        )
    assert "COVERING INDEX ix_case_measures_arrived" in plan  # the role read from the entries
    store.close()

    downgrade(db_path, "0034")
    assert "ix_case_measures_role_arrived" in _indexes(db_path)
    with Store(db_path) as upgraded:
        assert "ix_case_measures_role_arrived" not in _indexes(db_path)
        found = upgraded.read_measures(lambda c: sql.case_ids(c, lighting))
        assert sorted(found) == sorted(lamps)
