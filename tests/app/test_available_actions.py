"""Which triage actions a desk is offered, and which selected cases each acts on: one rule
(app/available_actions.py) for the window's actions and the commands, checked without Qt."""

from __future__ import annotations

import subprocess
import sys

import pytest

from jundesk.app.available_actions import (
    TriageAction,
    applies,
    available_actions,
    targets,
)
from jundesk.core.model import Case, CaseSummary, Status

A = TriageAction
ALWAYS_ON_SHOW = {A.NOTE}


def summary(n: int, status: Status = Status.NEW, assignee: str = "") -> CaseSummary:
    return CaseSummary(Case(id=f"case-{n}", status=status, assignee=assignee), f"vecino{n}")


def test_the_rule_needs_no_qt() -> None:
    code = (
        "import sys, jundesk.app.available_actions; "
        "sys.exit(any(m.startswith(('PySide6', 'qasync')) for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


@pytest.mark.parametrize(
    ("status", "offered"),
    [
        (Status.NEW, {A.ACKNOWLEDGE, A.TAKE, A.ASSIGN, A.REROUTE, A.PRIORITY, A.RESOLVE}),
        (Status.ACKNOWLEDGED, {A.TAKE, A.ASSIGN, A.REROUTE, A.PRIORITY, A.RESOLVE}),
        (Status.IN_PROGRESS, {A.TAKE, A.ASSIGN, A.REROUTE, A.PRIORITY, A.RESOLVE}),
        (Status.RESOLVED, {A.REOPEN}),
        (Status.CLOSED, {A.REOPEN}),
        (Status.REJECTED, {A.REOPEN}),
        (Status.MERGED, set()),
    ],
)
def test_one_case_on_show(status: Status, offered: set[TriageAction]) -> None:
    case = summary(1, status)
    got = available_actions([case], case.case, person="Ana")
    assert got == offered | ALWAYS_ON_SHOW
    assert A.REPLY in available_actions([case], case.case, person="Ana", answerable=True)


def test_nothing_on_show_offers_nothing() -> None:
    assert available_actions([], None, person="Ana", answerable=True) == frozenset()


def test_taking_a_case_already_mine_is_not_offered() -> None:
    mine = summary(1, Status.ACKNOWLEDGED, assignee="Ana")
    assert A.TAKE not in available_actions([mine], mine.case, person="Ana")
    assert A.TAKE in available_actions([mine], mine.case, person="Paco")
    assert not applies(A.TAKE, mine.case, "Ana") and applies(A.ASSIGN, mine.case, "Ana")


def test_a_selection_offers_what_acts_on_some_of_it() -> None:
    new, done, merged = summary(1), summary(2, Status.RESOLVED), summary(3, Status.MERGED)
    shown = done.case  # resolving is for the case on show, not the selection
    got = available_actions([new, done, merged], shown, person="Ana")
    assert {A.ACKNOWLEDGE, A.REOPEN, A.MERGE, A.PRIORITY} <= got
    assert A.RESOLVE not in got
    # Each command acts on the selected cases its action applies to, in their order.
    assert targets(A.ACKNOWLEDGE, [new, done, merged]) == [new]
    assert targets(A.REOPEN, [new, done, merged]) == [done]
    assert targets(A.MERGE, [new, done, merged]) == [new, done]


def test_merging_needs_two_cases_not_yet_merged() -> None:
    one, gone = summary(1), summary(2, Status.MERGED)
    assert A.MERGE not in available_actions([one], one.case)
    assert A.MERGE not in available_actions([one, gone], one.case)
    assert A.MERGE in available_actions([one, summary(3, Status.CLOSED)], one.case)
