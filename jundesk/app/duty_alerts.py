"""Which new cases deserve a notification on this desk: those of its roles with a priority
that pops up, and at the front desk the urgent ones nobody on duty covers; none off duty."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from jundesk.core.model import Post, Priority
from jundesk.triage import Verdict

NewCase = tuple[str, Verdict, Post]  # as IngestReport.new_cases holds them


class DutyView(Protocol):
    """What alerting asks of the desk's duty (jundesk.app.duty.DutyPolicy)."""

    @property
    def is_front_desk(self) -> bool: ...

    def is_on_duty(self, now: datetime | None = None) -> bool: ...

    def covers(self, role: str) -> bool: ...

    def uncovered_urgent(
        self, new_cases: Iterable[NewCase], now: datetime | None = None
    ) -> list[NewCase]: ...


@dataclass(frozen=True, slots=True)
class Alert:
    """One new case worth a notification on this desk."""

    case_id: str
    role: str
    priority: Priority
    author_handle: str
    text: str
    # A private post of another role's case (the front desk told of an urgent case nobody
    # covers): the notification says "private message", without who or what.
    withheld: bool = False

    @property
    def urgent(self) -> bool:
        return self.priority is Priority.URGENT


def alerts_for(
    duty: DutyView,
    new_cases: Sequence[NewCase],
    popup_priorities: Collection[str],
    now: datetime | None = None,
) -> list[Alert]:
    """The new cases this desk should be told about now: those of its roles with a
    priority in `popup_priorities` (by default high and urgent), and at the front desk the
    urgent ones nobody covers; none at all off duty. Urgent first, as the inbox shows them."""
    if not duty.is_on_duty(now):
        return []
    uncovered = (
        {case_id for case_id, _, _ in duty.uncovered_urgent(new_cases, now)}
        if duty.is_front_desk
        else set()
    )
    loud = set(popup_priorities)
    alerts = []
    for case_id, verdict, post in new_cases:
        mine = duty.covers(verdict.role) and verdict.priority.value in loud
        if mine or case_id in uncovered:
            # covers(): the desk's own roles, whose private posts it reads (private_posts.py)
            if post.private and not duty.covers(verdict.role):
                alerts.append(Alert(case_id, verdict.role, verdict.priority, "", "", True))
                continue
            alerts.append(
                Alert(case_id, verdict.role, verdict.priority, post.author_handle, post.text)
            )
    return sorted(alerts, key=lambda a: a.priority.rank)
