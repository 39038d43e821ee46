"""SLA timers: how long a case may wait for the desk to acknowledge it, per role and
priority, counted from when it arrived; and when an urgent case is past its target, so
it escalates. Pure computation on a Case's own fields: the case list calls it per row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from jundesk.app.settings import default_sla_minutes
from jundesk.core.model import Case, Priority, Status

ANY_ROLE = "*"


@dataclass(frozen=True, slots=True)
class SlaTargets:
    """Minutes to acknowledge, by role then priority; ANY_ROLE fills what a role lacks,
    and the built-in defaults fill what the settings lack."""

    minutes: Mapping[str, Mapping[str, int]]

    @classmethod
    def from_settings(
        cls,
        raw: Mapping[str, object],
        defaults: Mapping[str, Mapping[str, int]] | None = None,
    ) -> SlaTargets:
        """Read Settings.sla_minutes (or another table of the same shape, with its own
        `defaults`); entries that are not positive whole minutes are skipped (a
        hand-edited file), so the default stands for them."""
        base = default_sla_minutes() if defaults is None else defaults
        table: dict[str, dict[str, int]] = {
            role: dict(by_priority) for role, by_priority in base.items()
        }
        for role, by_priority in raw.items():
            if not isinstance(by_priority, Mapping):
                continue
            line = table.setdefault(str(role), {})
            for priority, value in by_priority.items():
                if str(priority) in Priority._value2member_map_ and _positive_int(value):
                    line[str(priority)] = int(value)
        return cls(table)

    def target(self, role: str, priority: Priority) -> timedelta:
        line = self.minutes.get(role, {})
        minutes = line.get(priority.value)
        if minutes is None:
            minutes = self.minutes.get(ANY_ROLE, {}).get(priority.value)
        if minutes is None:
            minutes = default_sla_minutes()[ANY_ROLE][priority.value]
        return timedelta(minutes=minutes)

    def roles(self) -> tuple[str, ...]:
        """The roles with a line of their own, and ANY_ROLE."""
        return tuple(sorted(set(self.minutes) | {ANY_ROLE}))

    def shortest(self, priority: Priority) -> timedelta:
        """The shortest target of a priority over every role (for a coarse first filter)."""
        found = [self.target(role, priority) for role in self.minutes]
        return min(found) if found else self.target(ANY_ROLE, priority)

    # -- one case ------------------------------------------------------------------------

    def due(self, case: Case) -> datetime | None:
        """When the case must be acknowledged by; None once it is (or it is closed)."""
        if case.status is not Status.NEW:
            return None
        start = case.arrival
        if start is None:
            return None
        return start + self.target(case.role, case.priority)

    def left(self, case: Case, now: datetime) -> timedelta | None:
        """Time left to acknowledge (negative: overdue by that much); None: no timer."""
        due = self.due(case)
        return None if due is None else due - now

    def escalated(self, case: Case, now: datetime) -> bool:
        """An urgent case nobody acknowledged within its target."""
        if case.priority is not Priority.URGENT:
            return False
        left = self.left(case, now)
        return left is not None and left <= timedelta(0)


def _positive_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0
