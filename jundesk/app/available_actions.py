"""Which triage actions a desk can take on the cases before it: decided here once, for the
window's buttons, menus and keys (enabled or not) and for the commands behind them (which
of the selected cases each one acts on)."""

from __future__ import annotations

import enum
from collections.abc import Sequence

from jundesk.core.model import Case, CaseSummary, Status

MERGE_MINIMUM = 2  # a merge joins duplicates: at least two cases


class TriageAction(enum.StrEnum):
    ACKNOWLEDGE = "acknowledge"
    TAKE = "take"  # assign to the desk's own person
    ASSIGN = "assign"
    REROUTE = "reroute"
    PRIORITY = "priority"
    RESOLVE = "resolve"  # the case on show
    REOPEN = "reopen"
    MERGE = "merge"
    NOTE = "note"  # the case on show
    REPLY = "reply"  # the case on show, when it has a post to answer


def applies(action: TriageAction, case: Case, person: str = "") -> bool:
    """Whether `action` can be done to `case` at the desk of `person`."""
    status = case.status
    if action is TriageAction.ACKNOWLEDGE:
        return status is Status.NEW
    if action is TriageAction.TAKE:
        return status.is_open and case.assignee != person
    if action in (
        TriageAction.ASSIGN,
        TriageAction.REROUTE,
        TriageAction.PRIORITY,
        TriageAction.RESOLVE,
    ):
        return status.is_open
    if action is TriageAction.REOPEN:
        return status.is_finished
    if action is TriageAction.MERGE:
        return status is not Status.MERGED
    return True  # a note or a reply: on any case


def targets(
    action: TriageAction, selected: Sequence[CaseSummary], person: str = ""
) -> list[CaseSummary]:
    """The selected cases `action` acts on, in their order."""
    return [s for s in selected if applies(action, s.case, person)]


def available_actions(
    selected: Sequence[CaseSummary],
    shown: Case | None,
    *,
    person: str = "",
    answerable: bool = False,
) -> frozenset[TriageAction]:
    """The actions to offer: those that act on some selected case (a merge on two or
    more), and those on the case on show (`shown`, None while none is; `answerable` when
    it has a post the town can answer)."""
    offered = set()
    for action in (
        TriageAction.ACKNOWLEDGE,
        TriageAction.TAKE,
        TriageAction.ASSIGN,
        TriageAction.REROUTE,
        TriageAction.PRIORITY,
        TriageAction.REOPEN,
    ):
        if targets(action, selected, person):
            offered.add(action)
    if len(targets(TriageAction.MERGE, selected, person)) >= MERGE_MINIMUM:
        offered.add(TriageAction.MERGE)
    if shown is not None:
        offered.add(TriageAction.NOTE)
        if applies(TriageAction.RESOLVE, shown, person):
            offered.add(TriageAction.RESOLVE)
        if answerable:
            offered.add(TriageAction.REPLY)
    return frozenset(offered)
