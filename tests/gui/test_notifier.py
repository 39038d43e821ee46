"""The notifier: on duty a new case for my roles makes a message, a sound and the taskbar
alert, urgent ones their own sound and a red badge; off duty every path stays silent.

Offscreen there is no tray and no speaker, so the tests listen to what the notifier says
it did (its signals), to the sound player it was given, and to QApplication.alert.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QWidget

from jundesk.app.duty import DutyPolicy
from jundesk.app.settings import Settings
from jundesk.core.model import Post, Priority
from jundesk.gui.notifier import NEW, URGENT, Notifier, SoundPlayer, plain_excerpt
from jundesk.gui.translations import install_translators, remove_translators
from jundesk.gui.tray import TrayIcon, tray_safe
from jundesk.triage import Verdict

pytestmark = pytest.mark.slow  # every test builds and tears down the whole desk

CET = timezone(timedelta(hours=1))
MONDAY_10 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # 10:00 local


class FakeSound(SoundPlayer):
    def __init__(self) -> None:
        super().__init__()
        self.played: list[str] = []

    def play(self, kind: str) -> bool:
        self.played.append(kind)
        return True


class Recorder:
    """Everything the notifier did, path by path."""

    def __init__(self, notifier: Notifier, monkeypatch: pytest.MonkeyPatch) -> None:
        self.messages: list[tuple[str, str, bool]] = []
        self.sounds: list[str] = []
        self.alerts = 0
        self.badges: list[int] = []
        self.taskbar: list[object] = []
        notifier.messageShown.connect(lambda *args: self.messages.append(args))
        notifier.soundRequested.connect(self.sounds.append)
        notifier.alertRaised.connect(self._alerted)
        notifier.badgeChanged.connect(self.badges.append)
        monkeypatch.setattr(
            QApplication, "alert", staticmethod(lambda w, ms=0: self.taskbar.append(w))
        )

    def _alerted(self) -> None:
        self.alerts += 1

    @property
    def silent(self) -> bool:
        return not (self.messages or self.sounds or self.alerts or self.badges or self.taskbar)


class Clock:
    def __init__(self) -> None:
        self.now = MONDAY_10

    def __call__(self) -> datetime:
        return self.now


def case(case_id: str, role: str, priority: Priority, text: str = "algo pasa") -> tuple:
    now = datetime.now(UTC)
    post = Post(f"p{case_id}", "x", case_id, "u", "vecina", "Vecina", text, now, now, lang="es")
    return (case_id, Verdict(role, priority, 0.9), post)


@pytest.fixture(autouse=True)
def english(qapp) -> Iterator[None]:
    """English with its plural forms ("6 new cases"), as the console installs it."""
    install_translators(qapp, "en")
    yield
    remove_translators(qapp)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def policy(clock: Clock) -> DutyPolicy:
    # Every priority pops up here; the default (high and urgent only) has its own test.
    settings = Settings(desk_roles=["police"], popup_priorities=[p.value for p in Priority])
    return DutyPolicy(settings, save=lambda: None, clock=clock, tz=CET)


@pytest.fixture
def window(qtbot) -> Iterator[QMainWindow]:
    w = QMainWindow()
    w.resize(1000, 700)
    qtbot.addWidget(w)
    w.show()
    yield w


@pytest.fixture
def sound() -> FakeSound:
    return FakeSound()


@pytest.fixture
def notifier(policy: DutyPolicy, window: QMainWindow, sound: FakeSound) -> Notifier:
    return Notifier(policy, window, sound=sound)


@pytest.fixture
def seen(notifier: Notifier, monkeypatch: pytest.MonkeyPatch) -> Recorder:
    return Recorder(notifier, monkeypatch)


@pytest.mark.slow
def test_no_tray_offscreen_so_the_window_shows_the_note(qapp, policy: DutyPolicy) -> None:
    assert not TrayIcon(policy).available


@pytest.mark.slow
def test_a_new_case_in_my_roles_notifies_by_every_path(
    notifier: Notifier, seen: Recorder, sound: FakeSound, window: QMainWindow
) -> None:
    alerts = notifier.notify([case("1", "police", Priority.NORMAL, "perro suelto en el parque")])
    assert [a.case_id for a in alerts] == ["1"]
    assert seen.messages == [("New case: Police", "@vecina: perro suelto en el parque", False)]
    assert seen.sounds == [NEW] and sound.played == [NEW]
    assert seen.alerts == 1 and seen.taskbar == [window]
    assert seen.badges == []  # only urgent cases are counted on the badge
    assert notifier.toast is not None and notifier.toast.isVisible()
    assert notifier.toast.body.text() == "@vecina: perro suelto en el parque"


@pytest.mark.slow
def test_urgent_cases_have_their_own_sound_and_a_red_badge(
    notifier: Notifier, seen: Recorder, sound: FakeSound, window: QMainWindow
) -> None:
    before = window.windowIcon().cacheKey()
    notifier.notify([case("1", "police", Priority.URGENT, "pelea en la plaza, hay un herido")])
    assert seen.messages[0][0] == "Urgent: Police" and seen.messages[0][2] is True
    assert sound.played == [URGENT]
    assert seen.badges == [1] and notifier.urgent_unseen == 1
    assert window.windowIcon().cacheKey() != before  # the badge is painted on the icon
    assert notifier.toast is not None and notifier.toast.property("urgent") is True
    notifier.notify([case("2", "police", Priority.URGENT)])
    assert seen.badges == [1, 2]
    # Looking at the window clears it.
    QApplication.sendEvent(window, QEvent(QEvent.Type.WindowActivate))
    assert seen.badges[-1] == 0 and notifier.urgent_unseen == 0


@pytest.mark.slow
def test_a_burst_makes_one_message_and_one_sound(
    notifier: Notifier, seen: Recorder, sound: FakeSound
) -> None:
    burst = [case(str(i), "police", Priority.NORMAL, f"aviso {i}") for i in range(5)]
    burst.append(case("u", "police", Priority.URGENT, "accidente con heridos"))
    notifier.notify(burst)
    assert len(seen.messages) == 1 and sound.played == [URGENT] and seen.alerts == 1
    title, text, urgent = seen.messages[0]
    assert title == "6 new cases, 1 urgent" and urgent
    lines = text.split("\n")
    assert lines[0].startswith("[Urgent · Police] @vecina: accidente")  # urgent first
    assert lines[-1] == "…and 3 more"


def test_a_private_message_of_another_role_is_told_without_who_or_what(
    qapp, clock: Clock, window: QMainWindow, sound: FakeSound, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The front desk hears of an urgent private message for the police nobody covers: the
    note says a private message came, not its author nor its words."""
    front = DutyPolicy(Settings(desk_roles=["unrouted"]), save=lambda: None, clock=clock, tz=CET)
    notifier = Notifier(front, window, sound=sound)
    seen = Recorder(notifier, monkeypatch)
    case_id, verdict, post = case("1", "police", Priority.URGENT, "me pegan en casa, calle Sol 4")
    notifier.notify([(case_id, verdict, replace(post, private=True, source="telegram"))])
    [(title, text, urgent)] = seen.messages
    assert text == "Private message" and "calle Sol" not in title and urgent


def test_cases_for_other_roles_make_no_noise(notifier: Notifier, seen: Recorder) -> None:
    assert notifier.notify([case("1", "lighting", Priority.URGENT)]) == []
    assert seen.silent


@pytest.mark.slow
def test_off_duty_by_the_toggle_silences_every_path(
    notifier: Notifier, seen: Recorder, sound: FakeSound, policy: DutyPolicy
) -> None:
    policy.set_on_duty(False)
    notifier.notify([case("1", "police", Priority.URGENT), case("2", "police", Priority.LOW)])
    # Each path checks duty itself, whoever calls it.
    notifier._show_message("t", "x", True, "1")
    notifier._play(URGENT)
    notifier._alert()
    notifier._set_badge(3)
    assert seen.silent and sound.played == []
    assert notifier.toast is not None and not notifier.toast.isVisible()
    assert notifier.urgent_unseen == 0


@pytest.mark.slow
def test_off_duty_by_the_schedule_silences_every_path(
    notifier: Notifier, seen: Recorder, sound: FakeSound, policy: DutyPolicy, clock: Clock
) -> None:
    policy.settings.duty_schedule_enabled = True  # weekdays 08:00-15:00
    clock.now = MONDAY_10 + timedelta(hours=8)  # 18:00 local
    notifier.notify([case("1", "police", Priority.URGENT)])
    assert seen.silent and sound.played == []
    clock.now = MONDAY_10  # back in the shift
    notifier.notify([case("2", "police", Priority.URGENT)])
    assert len(seen.messages) == 1 and sound.played == [URGENT]


@pytest.mark.slow
def test_the_sound_setting_mutes_only_the_sound(
    notifier: Notifier, seen: Recorder, sound: FakeSound, policy: DutyPolicy
) -> None:
    policy.settings.notification_sound = False
    notifier.notify([case("1", "police", Priority.NORMAL)])
    assert sound.played == [] and len(seen.messages) == 1 and seen.alerts == 1


def test_markup_in_a_post_shows_literally(notifier: Notifier, seen: Recorder) -> None:
    hostile = "<b>bold</b> <a href='http://x.example'>link</a>\x07\u202e end"
    notifier.notify([case("1", "police", Priority.NORMAL, hostile)])
    assert notifier.toast is not None
    assert notifier.toast.body.textFormat() == Qt.TextFormat.PlainText
    assert "<b>bold</b>" in notifier.toast.body.text()
    assert "\x07" not in notifier.toast.body.text()
    # A desktop notification may read markup: the tray gets look-alikes instead.
    assert tray_safe("<b>&</b>") == "‹b›＆‹/b›"


def test_clicking_the_note_opens_the_case(notifier: Notifier, qtbot) -> None:
    notifier.notify([case("42", "police", Priority.NORMAL)])
    assert notifier.toast is not None
    with qtbot.waitSignal(notifier.caseActivated) as opened:
        qtbot.mouseClick(notifier.toast, Qt.MouseButton.LeftButton)
    assert opened.args == ["42"] and not notifier.toast.isVisible()


def test_excerpts_are_one_short_line() -> None:
    assert plain_excerpt("a\nb\tc\r\nd") == "a b c d"
    assert len(plain_excerpt("x" * 500)) == 110


@pytest.mark.slow
def test_sound_degrades_to_silence_without_qtmultimedia(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_multimedia(name: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name.startswith("PySide6.QtMultimedia"):
            raise ImportError("libpulse.so.0: cannot open shared object file")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_multimedia)
    player = SoundPlayer()
    assert player.play(URGENT) is False and not player.available


@pytest.mark.slow
def test_by_default_only_high_and_urgent_cases_pop_up(
    window: QMainWindow, sound: FakeSound, clock: Clock
) -> None:
    policy = DutyPolicy(Settings(desk_roles=["police"]), save=lambda: None, clock=clock, tz=CET)
    notifier = Notifier(policy, window, sound=sound)
    quiet = [case("n", "police", Priority.NORMAL), case("l", "police", Priority.LOW)]
    assert notifier.notify(quiet) == [] and sound.played == []
    told = notifier.notify([case("h", "police", Priority.HIGH, "semáforo roto")])
    assert [a.case_id for a in told] == ["h"] and sound.played == [NEW]


@pytest.mark.slow
def test_cases_arriving_while_a_pop_up_shows_join_it(
    notifier: Notifier, seen: Recorder, sound: FakeSound
) -> None:
    notifier.notify([case("1", "police", Priority.NORMAL, "perro suelto")])
    notifier.notify([case("2", "police", Priority.URGENT, "accidente con heridos")])
    notifier.notify([case("3", "police", Priority.HIGH, "semáforo roto")])
    title, text, urgent = seen.messages[-1]
    assert title == "3 new cases, 1 urgent" and urgent
    assert text.split("\n")[0].startswith("[Urgent · Police] @vecina: accidente")
    assert notifier.toast is not None and notifier.toast.title.text() == title
    assert sound.played == [NEW, URGENT, NEW]  # each arrival still rings once


@pytest.mark.slow
def test_the_pop_up_never_covers_the_case_pane(
    notifier: Notifier, window: QMainWindow, qtbot
) -> None:
    splitter = QSplitter(window)
    QWidget(splitter)  # the list
    pane = QWidget(splitter)
    pane.setObjectName("caseView")
    splitter.setSizes([600, 400])
    window.setCentralWidget(splitter)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: pane.width() > 300)
    notifier.notify([case("1", "police", Priority.URGENT, "accidente con heridos")])
    toast = notifier.toast
    assert toast is not None and toast.isVisible()
    pane_rect = QRect(pane.mapTo(window, pane.rect().topLeft()), pane.size())
    assert not toast.geometry().intersects(pane_rect)
    assert toast.geometry().bottom() <= window.height()
