"""The Alembic migrations build exactly the models' schema, and undo it."""

from __future__ import annotations

import sqlite3
import warnings
from collections.abc import Callable
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from jundesk.store import Store
from jundesk.store.database import downgrade, upgrade
from jundesk.store.fts import CREATE_TABLE, TRIGGERS, include_name
from jundesk.store.models import Base


def _differences(store: Store) -> list[object]:
    with store._engine.connect() as conn, warnings.catch_warnings():
        # Indexes on expressions are not compared (ix_events_id_prefix): its own test
        # checks it against the models (test_event_id_prefixes.py).
        warnings.filterwarnings("ignore", ".*expression-based index")
        context = MigrationContext.configure(
            conn, opts={"include_name": include_name, "compare_type": True}
        )
        return list(compare_metadata(context, Base.metadata))


def _names(path: Path, kind: str) -> set[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,))
        return {name for (name,) in rows}


def test_an_empty_file_upgrades_to_head_matching_the_models(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.touch()
    with Store(db_path) as store:
        assert _differences(store) == []
    tables = _names(db_path, "table")
    assert {"posts", "cases", "case_posts", "events", "posts_fts"} <= tables
    assert "desks" not in tables  # 0009: a desk is its settings, and its line on the hub


def test_fts_table_and_triggers_are_the_ones_fts_py_describes(store: Store) -> None:
    with sqlite3.connect(store.path) as conn:
        stored = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type='trigger'"))
        table = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'posts_fts'").fetchone()
    assert stored == TRIGGERS
    assert table == (CREATE_TABLE,)


def test_downgrade_to_base_and_up_again(store: Store) -> None:
    store.close()
    downgrade(store.path, "base")
    tables = {t for t in _names(store.path, "table") if not t.startswith("sqlite_")}
    assert tables == {"alembic_version"}
    upgrade(store.path)
    with Store(store.path) as again:
        assert _differences(again) == []
        assert set(TRIGGERS) == _names(store.path, "trigger")


def test_opening_again_keeps_the_data(
    db_path: Path, store: Store, ingest: Callable[..., tuple[str, object]]
) -> None:
    case_id, _ = ingest()
    store.close()
    with Store(db_path) as again:
        assert again.get_case(case_id) is not None
