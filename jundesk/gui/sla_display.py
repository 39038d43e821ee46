"""The SLA timer as the case list shows it: time left to acknowledge, or how long
overdue, in the desk's language; the age once a case is acknowledged."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication

from jundesk.app.sla import SlaTargets
from jundesk.core.model import Case
from jundesk.gui.display_names import age_text, local_time, priority_name, role_name


def timer_text(left: timedelta | None, case: Case, now: datetime) -> str:
    """The timer: "4 min left", "3 min overdue"; acknowledged, the case's age."""
    if left is None:
        start = case.arrival
        return age_text((now - start).total_seconds()) if start else ""
    seconds = left.total_seconds()
    if seconds > 0:
        text = QCoreApplication.translate("SlaDisplay", "%1 left")
        return text.replace("%1", age_text(max(seconds, 10)))
    text = QCoreApplication.translate("SlaDisplay", "%1 overdue")
    return text.replace("%1", age_text(max(-seconds, 10)))


def timer_tooltip(targets: SlaTargets, case: Case, now: datetime) -> str:
    """What the timer means for this case: its target, and when it arrived."""
    arrived = QCoreApplication.translate("SlaDisplay", "Arrived %1.").replace(
        "%1", local_time(case.arrival, now)
    )
    target = targets.target(case.role, case.priority)
    goal = (
        QCoreApplication.translate("SlaDisplay", "Target: acknowledge %1 cases of %2 within %3.")
        .replace("%1", priority_name(case.priority))
        .replace("%2", role_name(case.role))
        .replace("%3", age_text(target.total_seconds()))
    )
    if targets.left(case, now) is None:
        stopped = QCoreApplication.translate("SlaDisplay", "Acknowledged: the timer has stopped.")
        return f"{arrived} {stopped}"
    if targets.escalated(case, now):
        late = QCoreApplication.translate(
            "SlaDisplay", "Escalated: nobody acknowledged it in time."
        )
        return f"{arrived} {goal} {late}"
    return f"{arrived} {goal}"
