"""Duty in the running console: the toggle (and its survival across a restart), cases
arriving off duty making no noise and one "while you were off" summary instead, and the
town's policy for urgent cases nobody covers, through the real engine and local X server.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import qasync
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

from jundesk.app.desk_state import DeskState
from jundesk.app.duty import DutyPolicy
from jundesk.app.engine import Engine
from jundesk.app.ingest import IngestReport
from jundesk.app.off_duty_summary import OffDutySummary
from jundesk.app.settings import Settings
from jundesk.app.uncovered_urgent import UNCOVERED_URGENT
from jundesk.core.model import EventKind, Priority
from jundesk.gui.duty_watch import DutyWatch, duty_note_text
from jundesk.gui.notifier import Notifier, SoundPlayer
from jundesk.gui.off_duty_confirm import OffDutyConfirmDialog
from jundesk.gui.off_duty_summary import CASE_ID_ROLE, OffDutySummaryDialog
from jundesk.gui.translations import install_translators, remove_translators
from jundesk.intake.x_credentials import XCredentials
from jundesk.triage import Verdict
from jundesk.xserver import XServer

ACCIDENT = ("marta", "accidente en la rotonda, hay un herido sangrando, vengan rápido")
LANTERN = ("luis", "la farola de la calle Real está apagada")
LEAVES = ("rosa", "hay muchas hojas y basura en la plaza")
DOG = ("pepe", "perro suelto ladrando en el parque <b>toda la noche</b>")


class FakeSound(SoundPlayer):
    def __init__(self) -> None:
        super().__init__()
        self.played: list[str] = []

    def play(self, kind: str) -> bool:
        self.played.append(kind)
        return True


class Noise:
    """Every notification path of a notifier, counted."""

    def __init__(self, notifier: Notifier, monkeypatch: pytest.MonkeyPatch) -> None:
        self.events: list[str] = []
        notifier.messageShown.connect(lambda *a: self.events.append("message"))
        notifier.soundRequested.connect(lambda kind: self.events.append(f"sound:{kind}"))
        notifier.alertRaised.connect(lambda: self.events.append("alert"))
        notifier.badgeChanged.connect(lambda n: self.events.append(f"badge:{n}"))
        monkeypatch.setattr(
            QApplication, "alert", staticmethod(lambda w, ms=0: self.events.append("taskbar"))
        )


@pytest.fixture(autouse=True)
def english(qapp) -> Iterator[None]:
    install_translators(qapp, "en")
    yield
    remove_translators(qapp)


@pytest.fixture
def xserver() -> Iterator[XServer]:
    with XServer(seed=5) as server:
        yield server


@pytest.fixture
def settings_path(jundesk_home: Path) -> Path:
    return Settings.path()


@pytest.fixture
def engine(tmp_path: Path, xserver: XServer) -> Iterator[Engine]:
    settings = Settings(
        x_api_base=xserver.base_url,
        x_user_id=xserver.town_user_id,
        desk_name="street-crew",
        desk_roles=["street_cleaning", "lighting", "police"],
        person="Paco",
    )
    creds = XCredentials(user_id=xserver.town_user_id, **xserver.credentials())
    e = Engine(tmp_path / "desk.db", settings, creds)
    e.source.backoff.base = 0.01  # type: ignore[union-attr]
    yield e
    e.close()


def poll(engine: Engine, xserver: XServer, *posts: tuple[str, str]) -> IngestReport:
    for author, text in posts:
        xserver.add_post(author, f"@{xserver.town_handle} {text}")
    return asyncio.run(engine.intake.poll_once())  # type: ignore[union-attr]


@pytest.fixture
def window(qtbot) -> QMainWindow:
    w = QMainWindow()
    w.resize(1200, 760)
    qtbot.addWidget(w)
    w.show()
    return w


class FixedTriage:
    """Triage with fixed answers, so these duty tests do not move with the rules."""

    def __init__(self, engine: Engine) -> None:
        self.real = engine.ingestor.triage
        engine.ingestor.triage = self  # type: ignore[assignment]

    def classify(self, text: str, lang: str = "") -> Verdict:
        if "accidente" in text:
            return Verdict("police", Priority.URGENT, 0.95)
        if "farola" in text:
            return Verdict("lighting", Priority.NORMAL, 0.95)
        return self.real.classify(text, lang)


class Confirm:
    """The "go off duty?" dialog with exec patched: records what it listed, answers."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answer = QDialog.DialogCode.Accepted
        self.asked: list[list[str]] = []
        self.warnings: list[str] = []

        def exec_(dialog: OffDutyConfirmDialog) -> int:
            self.asked.append(dialog.case_ids())
            self.warnings.append(dialog.warning.text())
            return self.answer

        monkeypatch.setattr(OffDutyConfirmDialog, "exec", exec_)


@pytest.fixture
def confirm(monkeypatch: pytest.MonkeyPatch) -> Confirm:
    return Confirm(monkeypatch)


def make_watch(engine: Engine, window: QMainWindow, sound: SoundPlayer | None = None) -> DutyWatch:
    policy = DutyPolicy(engine.settings)
    notifier = Notifier(policy, window, sound=sound or FakeSound())
    return DutyWatch(
        policy, window=window, store=engine.store, actions=engine.actions, notifier=notifier
    )


@pytest.mark.slow
def test_the_toolbar_toggle_goes_off_duty_and_survives_a_restart(
    engine: Engine, window: QMainWindow, settings_path: Path
) -> None:
    watch = make_watch(engine, window)
    banner = watch.make_banner(window)
    assert watch.duty_action.isChecked() and watch.duty_action.text() == "On duty"
    assert banner.isHidden()
    watch.duty_action.trigger()
    assert not watch.policy.is_on_duty()
    assert watch.duty_action.text() == "Off duty" and not watch.duty_action.isChecked()
    assert not banner.isHidden()
    assert "no sounds, no pop-ups" in banner.label.text()

    restarted = Settings.load(settings_path)
    assert DeskState.load().duty_override == "off"
    again = DutyWatch(DutyPolicy(restarted), window=window)
    assert not again.duty_action.isChecked() and not again.is_on_duty()


@pytest.mark.slow
def test_going_off_duty_takes_down_what_is_showing(
    engine: Engine, xserver: XServer, window: QMainWindow, confirm: Confirm
) -> None:
    watch = make_watch(engine, window)
    watch.handle_report(poll(engine, xserver, ACCIDENT))
    toast = watch.notifier.toast
    assert toast is not None and toast.isVisible() and watch.notifier.urgent_unseen == 1
    watch.duty_action.trigger()
    assert not toast.isVisible() and watch.notifier.urgent_unseen == 0


@pytest.mark.slow
def test_cases_off_duty_make_no_noise_then_one_summary(
    engine: Engine, xserver: XServer, window: QMainWindow, monkeypatch, qtbot
) -> None:
    sound = FakeSound()
    watch = make_watch(engine, window, sound)
    noise = Noise(watch.notifier, monkeypatch)
    summaries: list[OffDutySummary] = []
    watch.summaryShown.connect(summaries.append)

    watch.duty_action.trigger()  # off duty
    for batch in ((LANTERN, LEAVES), (ACCIDENT,), (DOG,)):
        watch.handle_report(poll(engine, xserver, *batch))
    assert noise.events == [] and sound.played == []
    assert watch.notifier.toast is not None and not watch.notifier.toast.isVisible()
    assert summaries == []

    watch.duty_action.trigger()  # back on duty
    assert len(summaries) == 1 and noise.events == []
    summary = summaries[0]
    counts = {c.role: c.total for c in summary.counts}
    assert counts == {"street_cleaning": 1, "lighting": 1, "police": 2}
    assert summary.total == 4 and summary.urgent_total == 1
    dialog = watch.summary_dialog
    assert isinstance(dialog, OffDutySummaryDialog) and dialog.isVisible()
    assert dialog.counts.topLevelItemCount() == 3
    assert dialog.urgent.topLevelItemCount() == 1
    assert "@marta" in dialog.urgent.topLevelItem(0).text(3)
    assert dialog.headline.text() == "4 cases came in for your roles."

    # Now on duty, the next case notifies as usual (normal cases too, if the desk wants).
    engine.settings.popup_priorities = ["urgent", "high", "normal", "low"]
    watch.handle_report(poll(engine, xserver, ("ana", "farola parpadeando en la plaza")))
    assert "message" in noise.events and "sound:new" in noise.events


@pytest.mark.slow
def test_opening_an_urgent_case_from_the_summary(
    engine: Engine, xserver: XServer, window: QMainWindow, qtbot
) -> None:
    watch = make_watch(engine, window)
    watch.duty_action.trigger()
    report = poll(engine, xserver, ACCIDENT, DOG)
    watch.handle_report(report)
    watch.duty_action.trigger()
    dialog = watch.summary_dialog
    assert dialog is not None
    item = dialog.urgent.topLevelItem(0)
    # Post text shows as typed, never as markup; the dog post is not urgent, the accident is.
    assert item.data(0, CASE_ID_ROLE) == report.new_cases[0][0]
    with qtbot.waitSignal(watch.caseRequested) as opened:
        dialog.urgent.itemActivated.emit(item, 0)
    assert opened.args == [report.new_cases[0][0]]
    assert not dialog.isVisible()


@pytest.mark.slow
def test_a_post_written_before_going_off_and_polled_after_is_in_the_summary(
    engine: Engine, xserver: XServer, window: QMainWindow, monkeypatch
) -> None:
    """The crash report written seconds before the desk went off, polled seconds after:
    it arrived while off, so "while you were off" counts it (by arrival, not post time)."""
    FixedTriage(engine)
    watch = make_watch(engine, window)
    noise = Noise(watch.notifier, monkeypatch)
    summaries: list[OffDutySummary] = []
    watch.summaryShown.connect(summaries.append)
    written = datetime.now(UTC) - timedelta(seconds=20)
    xserver.add_post(ACCIDENT[0], f"@{xserver.town_handle} {ACCIDENT[1]}", created_at=written)
    watch.duty_action.trigger()  # off duty: nothing stored yet, so nothing to ask
    assert not watch.is_on_duty()
    report = asyncio.run(engine.intake.poll_once())  # type: ignore[union-attr]
    watch.handle_report(report)
    assert noise.events == []
    watch.duty_action.trigger()  # back on duty
    assert len(summaries) == 1
    summary = summaries[0]
    assert summary.urgent_total == 1 and summary.urgent[0].author_handle == "marta"
    assert summary.urgent[0].case.created_at < summary.since <= summary.urgent[0].case.arrival
    assert watch.summary_dialog is not None
    assert watch.summary_dialog.urgent_heading.text().startswith("1 urgent case")


@pytest.mark.slow
def test_a_case_that_arrived_on_duty_but_was_told_after_going_off_is_listed(
    engine: Engine, xserver: XServer, window: QMainWindow, monkeypatch, confirm: Confirm
) -> None:
    """Nothing falls between the last alert and going off: intake stored the case while
    the desk was on duty, its news reached the window after the toggle, so no alert
    was made; the summary lists it."""
    FixedTriage(engine)
    watch = make_watch(engine, window)
    noise = Noise(watch.notifier, monkeypatch)
    summaries: list[OffDutySummary] = []
    watch.summaryShown.connect(summaries.append)
    report = poll(engine, xserver, ACCIDENT)  # stored on duty; the report is on its way
    watch.duty_action.trigger()  # off duty (asked first: the accident is open)
    assert confirm.asked == [[report.new_cases[0][0]]]
    assert not watch.is_on_duty()
    watch.handle_report(report)  # ... and the report arrives
    assert noise.events == []
    watch.duty_action.trigger()
    assert len(summaries) == 1 and summaries[0].urgent_total == 1
    assert summaries[0].urgent[0].case.id == report.new_cases[0][0]


@pytest.mark.slow
def test_going_off_duty_with_urgent_cases_open_asks_first(
    engine: Engine, xserver: XServer, window: QMainWindow, confirm: Confirm
) -> None:
    FixedTriage(engine)
    watch = make_watch(engine, window)
    report = poll(engine, xserver, ACCIDENT, LANTERN)
    watch.handle_report(report)
    urgent_id = report.new_cases[0][0]

    confirm.answer = QDialog.DialogCode.Rejected  # "Stay on duty"
    watch.duty_action.trigger()
    assert confirm.asked == [[urgent_id]]  # the urgent case only, not the lantern
    assert "nobody will be alerted" in confirm.warnings[0]  # a desk alone
    assert watch.is_on_duty() and watch.duty_action.isChecked()

    confirm.answer = QDialog.DialogCode.Accepted  # "Go off duty anyway"
    watch.duty_action.trigger()
    assert len(confirm.asked) == 2 and not watch.is_on_duty()
    assert not watch.duty_action.isChecked()
    watch.duty_action.trigger()  # back on: never asked
    assert len(confirm.asked) == 2 and watch.is_on_duty()

    # Resolved: nothing urgent is open, so going off asks nothing.
    asyncio.run(engine.actions.resolve(urgent_id, ""))
    watch.duty_action.trigger()
    assert len(confirm.asked) == 2 and not watch.is_on_duty()


@pytest.mark.slow
def test_the_banner_says_plainly_when_nobody_will_be_alerted(
    engine: Engine, window: QMainWindow
) -> None:
    watch = make_watch(engine, window)
    banner = watch.make_banner(window)
    watch.duty_action.trigger()  # a desk alone (no hub)
    assert "This desk is alone: nobody will be alerted" in banner.label.text()
    assert banner.property("alone") is True

    watch.policy.others_cover = lambda role: role != "police"  # a town; police uncovered
    watch.set_on_duty(True)
    watch.set_on_duty(False)
    assert "Nobody else on duty covers Police: nobody will be alerted of its" in banner.label.text()

    watch.policy.others_cover = lambda role: True
    watch.set_on_duty(True)
    watch.set_on_duty(False)
    assert "Urgent cases go to whoever is on duty" in banner.label.text()
    assert banner.property("alone") is False


@pytest.mark.slow
def test_markup_in_the_summary_shows_literally(
    engine: Engine, xserver: XServer, window: QMainWindow
) -> None:
    engine.settings.desk_roles = ["police"]
    watch = make_watch(engine, window)
    watch.duty_action.trigger()
    hostile = ("eve", "<b>pelea</b> con <i>heridos</i> en la plaza, vengan rápido")
    watch.handle_report(poll(engine, xserver, hostile))
    watch.duty_action.trigger()
    dialog = watch.summary_dialog
    assert dialog is not None and dialog.urgent.topLevelItemCount() == 1
    assert "<b>pelea</b> con <i>heridos</i>" in dialog.urgent.topLevelItem(0).text(3)


def marks(engine: Engine, case_id: str) -> list[dict]:
    return [
        dict(e.payload)
        for e in engine.store.case_events(case_id)
        if e.kind is EventKind.NOTED and e.payload.get("flag") == UNCOVERED_URGENT
    ]


@pytest.mark.slow
@pytest.mark.parametrize("auto_reply", [True, False], ids=["112-reply-on", "112-reply-off"])
def test_urgent_case_nobody_covers_is_marked_and_maybe_answered(
    engine: Engine, xserver: XServer, window: QMainWindow, auto_reply: bool
) -> None:
    engine.settings.desk_roles = ["street_cleaning", "lighting"]  # police is not ours
    engine.settings.auto_reply_112 = auto_reply
    watch = make_watch(engine, window)
    applied: list[list] = []
    watch.townPolicyApplied.connect(applied.append)
    watch.duty_action.trigger()  # and this desk is off duty anyway
    report = poll(engine, xserver, ACCIDENT, LANTERN)
    watch.handle_report(report)
    urgent_id = report.new_cases[0][0]
    assert len(applied) == 1 and [o.case_id for o in applied[0]] == [urgent_id]
    mark = marks(engine, urgent_id)[0]
    assert mark["role"] == "police"
    assert duty_note_text(mark) == (
        "Urgent, and nobody on duty covers Police: the front desk is told."
        + (" The citizen gets an automatic answer pointing to 112." if auto_reply else "")
    )
    assert duty_note_text({"text": "a person's note"}) is None
    assert marks(engine, report.new_cases[1][0]) == []
    if auto_reply:
        assert applied[0][0].replied
        assert xserver.replies_created[-1]["text"].startswith("@marta Si es una emergencia")
    else:
        assert not applied[0][0].replied and xserver.replies_created == []


@pytest.mark.slow
def test_the_town_policy_runs_as_a_task_on_the_qasync_loop(
    engine: Engine, xserver: XServer, window: QMainWindow, qapp
) -> None:
    engine.settings.desk_roles = ["lighting"]
    engine.settings.auto_reply_112 = True
    watch = make_watch(engine, window)
    report = poll(engine, xserver, ACCIDENT)
    loop = qasync.QEventLoop(qapp)
    applied: list[list] = []
    watch.townPolicyApplied.connect(applied.append)

    async def scenario() -> None:
        watch.handle_report(report)
        assert len(watch.tasks) == 1  # started and referenced, not yet done
        await watch.tasks.settle()

    try:
        loop.run_until_complete(scenario())
    finally:
        loop.close()
        asyncio.set_event_loop(None)
    assert applied and applied[0][0].replied and len(watch.tasks) == 0


@pytest.mark.slow
def test_duty_settings_edit_the_schedule_and_policy(
    engine: Engine, window: QMainWindow, settings_path: Path, qtbot
) -> None:
    watch = make_watch(engine, window)
    dialog = watch.open_settings()
    assert dialog.isVisible()
    dialog.use_schedule.setChecked(True)
    saturday = dialog.days[5]
    saturday.enabled.setChecked(True)
    saturday.start.setTime(saturday.start.time().fromString("22:00", "HH:mm"))
    saturday.end.setTime(saturday.end.time().fromString("06:00", "HH:mm"))
    assert saturday.night.isVisibleTo(dialog)  # a night shift says it ends the next day
    dialog.reply_112.setChecked(True)
    dialog.sound.setChecked(False)
    languages: list[str] = []
    watch.languageChanged.connect(languages.append)
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    dialog.accept()

    saved = Settings.load(settings_path)
    assert saved.duty_schedule_enabled and saved.auto_reply_112 and not saved.notification_sound
    assert saved.duty_schedule["sat"] == [["22:00", "06:00"]]
    assert saved.duty_schedule["mon"] == [["08:00", "15:00"]]
    assert saved.language == "es" and languages == ["es"]
