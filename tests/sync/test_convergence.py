"""Three desks, cut off and reconnected at random, always end with the same cases.

Desks act on the cases they hold (with clocks up to two minutes apart, so events arrive
out of fold order), sync when online, lose their hub session now and then; at the end,
back online, every desk and the hub hold every event exactly once, and every desk folds
every case to the same state.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, initialize, rule

from jundesk.core.case_filter import CaseFilter
from jundesk.core.model import EventKind, Status
from jundesk.sync.hub_connection import is_connection_error
from tests.sync.town import TestDesk, TestHub

DESK_NAMES = ("front", "front2", "front3")
ROLES = ("police", "street_cleaning", "lighting")
ACTIONS = (
    EventKind.ACKNOWLEDGED,
    EventKind.ASSIGNED,
    EventKind.STARTED,
    EventKind.NOTED,
    EventKind.RESOLVED,
    EventKind.REOPENED,
    EventKind.REROUTED,
    EventKind.PRIORITISED,
    EventKind.CLOSED,
)


def _payload(kind: EventKind, choice: int) -> dict[str, str]:
    if kind is EventKind.ASSIGNED:
        return {"assignee": ("Ana", "Luis", "Marta", "")[choice % 4]}
    if kind is EventKind.REROUTED:
        return {"role": ROLES[choice % 3]}
    if kind is EventKind.PRIORITISED:
        return {"priority": ("urgent", "high", "normal", "low")[choice % 4]}
    if kind is EventKind.NOTED:
        return {"text": f"nota {choice}"}
    return {}


class Town(RuleBasedStateMachine):
    hub: TestHub  # set by the test below

    cases = Bundle("cases")

    def __init__(self) -> None:
        super().__init__()
        self.hub.reset()
        self.folder = Path(tempfile.mkdtemp(prefix="jd-town-"))
        self.desks = [self.hub.desk(n, self.folder / f"{n}.db") for n in DESK_NAMES]
        self.online = set(range(len(self.desks)))
        self.made: set[str] = set()
        self.base = datetime.now(UTC)

    def _sync(self, desk: TestDesk) -> None:
        try:
            report = desk.sync()
        except Exception as error:
            if not is_connection_error(error):
                raise
            desk.drop_connection()  # as the sync runner does: a new session, then again
            report = desk.sync()
        assert report.refused == 0

    @initialize(target=cases, desk=st.integers(0, 2), role=st.sampled_from(ROLES))
    def first_case(self, desk: int, role: str) -> str:
        return self.open_case(desk, role)

    @rule(target=cases, desk=st.integers(0, 2), role=st.sampled_from(ROLES))
    def open_case(self, desk: int, role: str) -> str:
        case_id = self.desks[desk].open_case(role, at=self.base)
        self.made.update(e.id for e in self.desks[desk].store.case_events(case_id))
        return case_id

    @rule(
        desk=st.integers(0, 2),
        case_id=cases,
        kind=st.sampled_from(ACTIONS),
        skew=st.integers(-120, 120),
        choice=st.integers(0, 11),
    )
    def act(self, desk: int, case_id: str, kind: EventKind, skew: int, choice: int) -> None:
        target = self.desks[desk]
        if target.case(case_id) is None:
            return  # this desk hasn't seen the case yet
        at = datetime.now(UTC) + timedelta(seconds=skew)
        self.made.add(target.act(case_id, kind, at=at, **_payload(kind, choice)).id)

    @rule(desk=st.integers(0, 2))
    def sync(self, desk: int) -> None:
        if desk in self.online:
            self._sync(self.desks[desk])

    @rule(desk=st.integers(0, 2))
    def cut(self, desk: int) -> None:
        self.online.discard(desk)
        self.desks[desk].drop_connection()

    @rule(desk=st.integers(0, 2))
    def reconnect(self, desk: int) -> None:
        self.online.add(desk)

    @rule(desk=st.integers(0, 2))
    def lose_session(self, desk: int) -> None:
        """The hub (or the network) kills the desk's session under it."""
        conn = self.desks[desk].conn
        if conn is None or conn.closed:
            return
        with self.hub.admin_conn() as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (conn.info.backend_pid,))

    def teardown(self) -> None:
        try:
            self._converge()
        finally:
            for desk in self.desks:
                desk.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _converge(self) -> None:
        for _ in range(2):
            for desk in self.desks:
                self._sync(desk)
        hub_ids = self.hub.event_ids()
        assert len(hub_ids) == len(set(hub_ids)) == len(self.made)
        assert set(hub_ids) == self.made
        case_ids = {
            s.case.id
            for d in self.desks
            for s in d.store.list_cases(CaseFilter(statuses=tuple(Status)), limit=10**6)
        }
        for desk in self.desks:
            assert desk.event_ids() == self.made, desk.name
            assert desk.store.count_unpushed() == 0
        for case_id in case_ids:
            states = [d.case(case_id) for d in self.desks]
            assert states[0] is not None
            assert states.count(states[0]) == len(states), case_id


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_desks_cut_off_at_random_converge(hub: TestHub) -> None:
    Town.hub = hub
    machine = Town.TestCase
    machine.settings = settings(
        max_examples=20,
        stateful_step_count=30,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    machine().runTest()
