"""A populated 0032 database (system actors' desks by name, confidences as REALs) upgrades
to 0033 in place, every row as the store writes it now, and downgrades to the very rows
it had."""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from jundesk.app.ingest import X_ACCOUNT_ACTOR
from jundesk.app.missed_targets import TARGETS_ACTOR
from jundesk.app.uncovered_urgent import DUTY_ACTOR
from jundesk.core.case_filter import CaseFilter
from jundesk.core.events import make_event
from jundesk.core.model import Actor, EventKind, Post, Status
from jundesk.store import Store
from jundesk.store.database import downgrade, upgrade
from jundesk.store.desk_codes import desk_to_stored
from tests.store.conftest import T0
from tests.store.schema_snapshot import every_row

Ingest = Callable[..., tuple[str, Post]]
ANA = Actor("lighting", "Ana")
EVERY_CASE = CaseFilter(statuses=tuple(Status))
# Desk names that begin with a code character, or the escape, at 0032.
ODD = [Actor("\x01"), Actor("\x02triage", "Ana"), Actor("\x1b"), Actor("\x1bintake")]
SYSTEM = [X_ACCOUNT_ACTOR, DUTY_ACTOR, TARGETS_ACTOR]
# Confidences no whole number of thousandths (as a hub's event may carry).
ODD_CONFIDENCES = (0.12345, 1 / 3, 1e300)


def _column(db_path: Path, sql: str) -> list[object]:
    with sqlite3.connect(db_path) as conn:
        return [value for (value,) in conn.execute(sql)]


def test_a_populated_0032_database_upgrades_and_downgrades_with_every_row(
    db_path: Path, ingest: Ingest, store: Store
) -> None:
    cases = [ingest(f"La farola {n} de la calle Real está rota")[0] for n in range(6)]
    later = T0 + timedelta(days=1)
    actors = [ANA, *SYSTEM, *ODD]
    store.append_events(
        [make_event(cases[0], EventKind.NOTED, a, later) for a in actors]
        + [make_event(cases[1], EventKind.RESOLVED, Actor("\x02triage", "Ana"), later)]
        + [make_event(cases[2], EventKind.REROUTED, ANA, later, role="parks")]
        + [
            make_event(c, EventKind.ROUTED, ANA, later, role="streets", confidence=value)
            for c, value in zip(cases[3:], ODD_CONFIDENCES, strict=True)
        ]
    )
    history = {c: store.case_events(c) for c in cases}
    projected = {c: store.get_case(c) for c in cases}
    listed = store.list_cases(EVERY_CASE)
    store.close()

    downgrade(db_path, "0032")
    rows_0032 = every_row(db_path)
    desks_0032 = _column(db_path, "SELECT actor_desk FROM events ORDER BY seq")
    assert set(desks_0032) == {"intake", "triage", *(a.desk for a in actors)}
    confidences_0032 = _column(db_path, "SELECT confidence FROM cases ORDER BY pk")
    assert confidences_0032 == [0.9, 0.9, 1.0, *ODD_CONFIDENCES]
    measured = _column(db_path, "SELECT desk FROM case_measures ORDER BY case_pk")
    assert measured == ["", "\x02triage", "", "", "", ""]

    upgrade(db_path, "0033")
    upgraded = every_row(db_path)
    desks = _column(db_path, "SELECT actor_desk FROM events ORDER BY seq")
    assert desks == [desk_to_stored(d) for d in desks_0032]  # as the store writes them
    assert dict(zip(desks_0032, desks, strict=True)) == {
        "intake": "\x01", "triage": "\x02", "x-account": "\x03", "duty-policy": "\x04",
        "targets": "\x05", "lighting": "lighting", "\x01": "\x1b\x01",
        "\x02triage": "\x1b\x02triage", "\x1b": "\x1b\x1b", "\x1bintake": "\x1b\x1bintake",
    }  # fmt: skip
    assert _column(db_path, "SELECT confidence FROM cases ORDER BY pk") == [
        900.0, 900.0, 1000.0, *(struct.pack(">d", v) for v in ODD_CONFIDENCES)
    ]  # fmt: skip
    changed = ("events", "cases")
    assert {n: r for n, r in upgraded.items() if n not in changed} == {
        n: r for n, r in rows_0032.items() if n not in changed
    }
    with Store(db_path) as reopened:
        assert {c: reopened.case_events(c) for c in cases} == history
        assert {c: reopened.get_case(c) for c in cases} == projected
        assert reopened.list_cases(EVERY_CASE) == listed

    downgrade(db_path, "0032")
    assert every_row(db_path) == rows_0032

    # Upgraded again, the measures still name the desk that handled a case.
    with Store(db_path) as reopened:
        reopened.append_events([make_event(c, EventKind.NOTED, ANA, later) for c in cases])
    assert _column(db_path, "SELECT desk FROM case_measures ORDER BY case_pk") == measured
