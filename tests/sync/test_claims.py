"""Two desks acting on one case while cut off keep both events; the losing claim is told."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from jundesk.core.model import EventKind, Status
from jundesk.sync.claims import ClaimLost
from tests.sync.town import TestDesk


def test_both_claims_are_kept_and_the_loser_learns_who_has_it(desks: dict[str, TestDesk]):
    front, police = desks["front"], desks["police"]
    case_id = front.open_case("police", "Pelea a la salida del bar")
    front.sync()
    police.sync()
    now = datetime.now(UTC)
    # Cut off from each other, both take the case; the front desk's is the later one.
    police.act(case_id, EventKind.ASSIGNED, at=now, assignee="Agente Ruiz")
    police.act(case_id, EventKind.ACKNOWLEDGED, at=now)
    front.act(case_id, EventKind.ASSIGNED, at=now + timedelta(seconds=30), assignee="Marta")
    front.act(case_id, EventKind.RESOLVED, at=now + timedelta(seconds=40))

    first = police.sync()  # police pushes first: nothing of the front desk's yet
    assert first.claims_lost == []
    winner = front.sync()  # the front desk pulls the earlier claim: its own stands
    assert winner.claims_lost == []
    loser = police.sync()
    assert loser.claims_lost == [ClaimLost(case_id, "Agente Ruiz", "Marta", "front")]

    kinds = [e.kind for e in police.store.case_events(case_id)]
    assert kinds.count(EventKind.ASSIGNED) == 2  # both kept: the history shows both
    case = police.case(case_id)
    assert case is not None and case.assignee == "Marta" and case.status is Status.RESOLVED
    assert front.case(case_id) == case


def test_a_later_claim_of_mine_is_not_lost_to_an_earlier_one(desks: dict[str, TestDesk]):
    front, police = desks["front"], desks["police"]
    case_id = front.open_case("police")
    front.sync()
    police.sync()
    now = datetime.now(UTC)
    front.act(case_id, EventKind.ASSIGNED, at=now, assignee="Marta")
    police.act(case_id, EventKind.ASSIGNED, at=now + timedelta(seconds=5), assignee="Ruiz")
    front.sync()
    assert police.sync().claims_lost == []
    lost = front.sync().claims_lost
    assert lost == [ClaimLost(case_id, "Marta", "Ruiz", "police")]
