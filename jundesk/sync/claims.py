"""Telling a desk that a case it had taken went to someone else while they were apart.

Two desks that assign the same case while cut off both keep their event; the fold picks
the later one (by time, id) everywhere. The desk whose claim lost learns it when it pulls
the winning event: its case's assignee changes away from the one it had set.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from jundesk.core.model import Case, Event, EventKind


@dataclass(frozen=True, slots=True)
class ClaimLost:
    """This desk had assigned `case_id` to `claimed`; the town's record says `winner`."""

    case_id: str
    claimed: str
    winner: str  # "" when the other desk unassigned it
    winner_desk: str


def lost_claims(
    desk: str,
    before: Mapping[str, Case | None],
    after: Mapping[str, Case | None],
    events_of: Callable[[str], list[Event]],
) -> list[ClaimLost]:
    """The claims of `desk` that pulled events overrode.

    `before`/`after`: the cases that got ASSIGNED events from elsewhere, as stored before
    and after the pull; `events_of` gives a case's events in fold order.
    """
    lost: list[ClaimLost] = []
    for case_id, old in before.items():
        new = after.get(case_id)
        if old is None or new is None or old.assignee == new.assignee:
            continue
        assigns = [e for e in events_of(case_id) if e.kind is EventKind.ASSIGNED]
        mine = [e for e in assigns if e.actor.desk == desk]
        if not mine:
            continue
        claimed = str(mine[-1].payload.get("assignee") or "")
        if claimed != old.assignee:
            continue  # this desk wasn't holding the case when the other event came
        winning = next(
            (e for e in reversed(assigns) if str(e.payload.get("assignee") or "") == new.assignee),
            None,
        )
        lost.append(
            ClaimLost(case_id, claimed, new.assignee, winning.actor.desk if winning else "")
        )
    return lost
