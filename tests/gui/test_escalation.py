"""Escalation and SLA timers in the running console: an urgent case nobody acknowledges
within its target turns its row and the tray red, rings again while on duty (never off
duty), and leaves an escalation in its history; the list's timers show time left or
overdue, against the desk's targets per role."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from jundesk.app.escalation import ESCALATED
from jundesk.core.model import EventKind, Priority
from jundesk.gui.case_list_model import COL_AGE, COL_AUTHOR, COL_TEXT
from jundesk.gui.duty_watch import duty_note_text
from jundesk.gui.notifier import SoundPlayer
from jundesk.gui.off_duty_confirm import OffDutyConfirmDialog
from jundesk.gui.theme import colour
from jundesk.triage import Verdict
from tests.gui.conftest import until

pytestmark = pytest.mark.asyncio

BACKGROUND = Qt.ItemDataRole.BackgroundRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole

ACCIDENT = "accidente en la rotonda, hay un herido, vengan rápido"
LANTERN = "la farola de la calle Real está apagada"


class FixedTriage:
    def classify(self, text: str, lang: str = "") -> Verdict:
        if "accidente" in text:
            return Verdict("police", Priority.URGENT, 0.95)
        return Verdict("lighting", Priority.NORMAL, 0.95)


class FakeSound(SoundPlayer):
    def __init__(self) -> None:
        super().__init__()
        self.played: list[str] = []

    def play(self, kind: str) -> bool:
        self.played.append(kind)
        return True


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


def escalations(desk: object, case_id: str) -> list[dict]:
    return [
        dict(e.payload)
        for e in desk.session.store.case_events(case_id)  # type: ignore[attr-defined]
        if e.kind is EventKind.NOTED and e.payload.get("flag") == ESCALATED
    ]


async def test_an_urgent_case_nobody_acknowledges_escalates(
    open_desk: Callable[..., object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(OffDutyConfirmDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    async with open_desk(poll_interval=60) as desk:  # type: ignore[attr-defined]
        window = desk.window
        desk.session.engine.ingestor.triage = FixedTriage()
        watch = window.duty.escalation
        assert watch is not None
        clock = Clock()
        watch.clock = clock
        sound = FakeSound()
        window.duty.notifier.sound = sound
        desk.post(ACCIDENT, "marta")
        desk.post(LANTERN, "luis")
        await desk.poll()
        await until(lambda: window.cases.rowCount() == 2, what="two rows")
        await desk.settle()
        model = window.cases
        urgent_id = model.case_id_at(0)
        clock.now = model.summary_at(0).case.arrival  # the timers count from arrival
        assert "@marta" in str(model.index(0, COL_AUTHOR).data())
        sound.played.clear()

        # Within the 5 minutes: time left, no red, no escalation.
        clock.now += timedelta(minutes=3)
        model.tick(clock.now)
        assert model.index(0, COL_AGE).data() == "2 min left"
        assert model.index(0, COL_TEXT).data(BACKGROUND) is None
        watch.check()
        await until(lambda: not watch._running, what="the check")
        assert watch.overdue == [] and window.duty.tray.escalated == 0
        assert sound.played == [] and escalations(desk, urgent_id) == []

        # Past the target: the row and the tray turn red, the sound rings, history says so.
        clock.now += timedelta(minutes=3)
        model.tick(clock.now)
        assert model.index(0, COL_AGE).data() == "1 min overdue"
        assert model.index(0, COL_TEXT).data(BACKGROUND) == colour("urgent_bg")
        assert model.index(1, COL_TEXT).data(BACKGROUND) is None  # the lantern: not urgent
        assert model.index(1, COL_AGE).data() == "23 h 54 left"
        watch.check()
        await until(lambda: bool(watch.overdue), what="the escalation")
        assert [s.case.id for s in watch.overdue] == [urgent_id]
        assert window.duty.tray.escalated == 1
        assert sound.played == ["urgent"]
        marks = escalations(desk, urgent_id)
        assert len(marks) == 1 and marks[0]["minutes"] == 5
        assert duty_note_text(marks[0]) == (
            "Urgent and not acknowledged within 5 min: escalated, the front desk is told."
        )

        # It rings again while on duty; told once, however many checks.
        assert watch.repeat.isActive() and watch.repeat.interval() == 60_000
        watch.repeat.timeout.emit()
        assert sound.played == ["urgent", "urgent"]
        watch.check()
        await until(lambda: not watch._running)
        assert len(escalations(desk, urgent_id)) == 1 and sound.played.count("urgent") == 2

        # Off duty: red stays, no sound.
        window.duty.set_on_duty(False)
        assert not window.duty.is_on_duty()
        watch.repeat.timeout.emit()
        assert sound.played.count("urgent") == 2
        window.duty.set_on_duty(True)

        # Acknowledged: the timer stops, the red goes, the sound stops.
        await desk.session.actions.acknowledge(urgent_id)
        watch.check()
        await until(lambda: not watch.overdue, what="the escalation to end")
        assert window.duty.tray.escalated == 0 and not watch.repeat.isActive()
        await until(
            lambda: (
                model.summary_at(0) is not None
                and model.summary_at(0).case.status.value == "acknowledged"
            ),
            what="the row re-read",
        )
        model.tick(clock.now)
        assert model.index(0, COL_TEXT).data(BACKGROUND) is None


async def test_sla_targets_per_role_and_priority_come_from_the_settings(
    open_desk: Callable[..., object],
) -> None:
    targets = {"*": {"normal": 120}, "police": {"urgent": 2}}
    async with open_desk(poll_interval=60, sla_minutes=targets) as desk:  # type: ignore[attr-defined]
        window = desk.window
        desk.session.engine.ingestor.triage = FixedTriage()
        watch = window.duty.escalation
        assert watch is not None
        clock = Clock()
        watch.clock = clock
        desk.post(ACCIDENT, "marta")
        desk.post(LANTERN, "luis")
        await desk.poll()
        await until(lambda: window.cases.rowCount() == 2)
        await desk.settle()
        model = window.cases
        clock.now = model.summary_at(0).case.arrival
        clock.now += timedelta(minutes=3)
        model.tick(clock.now)
        # Police's urgent target is 2 min here; a normal case, 2 hours.
        assert model.index(0, COL_AGE).data() == "1 min overdue"
        assert model.index(0, COL_AGE).data(FOREGROUND) == colour("urgent")
        assert model.index(1, COL_AGE).data() == "1 h 57 left"
        assert "within 2 h 00" in model.index(1, COL_AGE).data(TOOLTIP)
        watch.check()
        await until(lambda: bool(watch.overdue), what="the escalation at 2 min")
        clock.now += timedelta(hours=2)
        model.tick(clock.now)
        assert model.index(1, COL_AGE).data() == "3 min overdue"
        assert model.index(1, COL_AGE).data(FOREGROUND) == colour("urgent")
        # A normal case past its target is overdue, but only urgent ones escalate.
        assert model.index(1, COL_TEXT).data(BACKGROUND) is None
