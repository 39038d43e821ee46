"""The status bar says how intake is: last and next poll, rate limit, reads against the
budget, and a warning when intake fails or has been silent too long."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QApplication

from jundesk.app.intake_loop import IntakeHealth
from jundesk.app.town_status import CollectorRole
from jundesk.gui.status_bar import DeskStatusBar
from jundesk.gui.translations import install_translators, remove_translators


def test_healthy_intake(qtbot: object) -> None:
    bar = DeskStatusBar()
    qtbot.addWidget(bar)  # type: ignore[attr-defined]
    now = datetime.now(UTC)
    bar.set_interval(60)
    bar.set_health(
        IntakeHealth(
            last_good_poll=now - timedelta(seconds=40),
            next_poll=now + timedelta(seconds=20),
            rate_remaining=440,
            rate_limit=450,
            reads_this_month=1234,
            read_budget=10_000,
        )
    )
    assert bar.last_poll.text() == "Last poll: 40 s ago"
    assert bar.next_poll.text().startswith("Next: in ")
    assert "440" in bar.rate.text() and "450" in bar.rate.text()
    assert "10" in bar.reads.text() and "Reads this month" in bar.reads.text()
    assert bar.problem() == ""
    assert bar.warning.isHidden()


def test_failing_and_silent_intake_warn(qtbot: object) -> None:
    bar = DeskStatusBar()
    qtbot.addWidget(bar)  # type: ignore[attr-defined]
    now = datetime.now(UTC)
    bar.set_interval(60)
    bar.set_health(IntakeHealth(last_error="X answered 503", failures=3))
    assert bar.problem().startswith("Intake is failing: X answered 503")
    assert not bar.warning.isHidden()
    bar.set_health(IntakeHealth(last_good_poll=now - timedelta(minutes=12)))
    assert bar.problem().startswith("No successful poll for 12 min")
    bar.set_intake_off(True)
    assert "no channel is connected" in bar.problem()


def test_a_capped_x_app_is_a_red_line_until_the_month_turns(qtbot: object) -> None:
    bar = DeskStatusBar()
    qtbot.addWidget(bar)  # type: ignore[attr-defined]
    bar.set_interval(60)
    bar.set_health(
        IntakeHealth(
            last_good_poll=datetime.now(UTC) - timedelta(seconds=30),
            last_error="X says the X app's monthly cap is reached (mentions): ...",
            capped_until=datetime(2027, 1, 1, tzinfo=UTC),
        )
    )
    problem = bar.problem()
    assert problem.startswith("The X app's monthly cap is reached: no new posts arrive until ")
    assert "2027" in problem
    assert not bar.warning.isHidden()
    assert "QLabel#intakeWarning" in bar.warning.styleSheet()  # the urgent colours


def test_another_collector_on_the_same_file_is_said(qtbot: object) -> None:
    bar = DeskStatusBar()
    qtbot.addWidget(bar)  # type: ignore[attr-defined]
    bar.set_interval(60)
    bar.set_health(
        IntakeHealth(last_error="Another JunDesk ...", failures=3, other_collector="4242")
    )
    assert bar.problem().startswith("Another JunDesk (process 4242) collects into this desk's")
    assert not bar.warning.isHidden()


def test_the_hub_shows_only_in_a_town_and_says_since_when_it_is_offline(qtbot: object) -> None:
    from jundesk.app.town_status import SyncHealth

    bar = DeskStatusBar()
    qtbot.addWidget(bar)  # type: ignore[attr-defined]
    assert bar.hub.isHidden()  # a desk alone has no hub to speak of
    bar.set_sync_health(SyncHealth(online=True, pending=3))
    assert bar.hub.text() == "Hub: connected, 3 to send"
    since = datetime(2026, 11, 25, 17, 5, tzinfo=UTC)
    bar.set_sync_health(SyncHealth(online=False, offline_since=since))
    local = since.astimezone().strftime("%H:%M")
    assert bar.hub.text().startswith(f"Offline since {local}")
    assert "kept here" in bar.hub.text()
    assert not bar.hub.isHidden()


def test_the_hub_line_warns_when_this_desks_clock_is_off(qtbot: object) -> None:
    from jundesk.app.town_status import SyncHealth

    bar = DeskStatusBar()
    qtbot.addWidget(bar)  # type: ignore[attr-defined]
    bar.set_sync_health(SyncHealth(online=True, clock_skew=20.0))
    assert bar.hub.text() == "Hub: connected"
    bar.set_sync_health(SyncHealth(online=True, clock_skew=420.0))
    assert "clock is 7 min ahead of the hub's" in bar.hub.text()
    assert "set it right" in bar.hub.text()
    bar.set_sync_health(SyncHealth(online=True, clock_skew=-185.0))
    assert "clock is 3 min behind the hub's" in bar.hub.text()


def test_the_front_desk_sees_roles_nobody_covers(qtbot: object) -> None:
    bar = DeskStatusBar()
    qtbot.addWidget(bar)  # type: ignore[attr-defined]
    bar.set_uncovered(["police"])
    assert bar.uncovered.text() == "Nobody on duty: Police"
    assert not bar.uncovered.isHidden()
    bar.set_uncovered([])
    assert bar.uncovered.isHidden()


def test_a_desk_in_town_sees_whether_it_collects_or_stands_by(qtbot: object) -> None:
    bar = DeskStatusBar()
    qtbot.addWidget(bar)  # type: ignore[attr-defined]
    assert bar.collector.isHidden()  # a desk alone collects for itself: nothing to say
    bar.set_interval(60)
    collected = datetime.now(UTC) - timedelta(minutes=30)
    bar.set_health(IntakeHealth(last_good_poll=collected, read_budget=10_000))
    bar.set_collector_role(CollectorRole.STANDBY)
    assert bar.collector.text() == "Standby: another desk collects for the town"
    assert not bar.collector.isHidden()
    # What this desk polled before it handed over is not the town's intake now: no figures,
    # and no "no successful poll for 30 min" while another desk collects.
    assert bar.last_poll.text() == "" and bar.reads.text() == ""
    assert bar.problem() == "" and bar.warning.isHidden()
    bar.set_collector_role(CollectorRole.COLLECTING)
    assert bar.collector.text() == "Collecting for the town"
    assert bar.problem().startswith("No successful poll for 30 min")
    bar.set_collector_role(CollectorRole.NOT_ALLOWED)
    assert bar.collector.text() == "This desk may not collect for the town"
    bar.set_collector_role(CollectorRole.OFFLINE)  # the hub's own label says it is away
    assert bar.collector.isHidden()


@pytest.mark.slow
def test_the_collector_role_in_spanish(qapp: QApplication) -> None:
    install_translators(qapp, "es")
    try:
        bar = DeskStatusBar()
        bar.set_collector_role(CollectorRole.STANDBY)
        assert bar.collector.text() == "En espera: otro puesto recoge para el municipio"
        bar.set_collector_role(CollectorRole.COLLECTING)
        assert bar.collector.text() == "Este puesto recoge para todo el municipio"
        bar.deleteLater()
    finally:
        remove_translators(qapp)


def test_each_channel_gets_its_line_with_state_rate_limit_and_notice(qtbot: object) -> None:
    """A desk reading four channels: a compact line each (name, state, age of the last good
    poll, rate limit left, a mark for a notice), the details in its tooltip; the channel in
    trouble is named in the warning, a notice is said when nothing is wrong."""
    bar = DeskStatusBar()
    qtbot.addWidget(bar)  # type: ignore[attr-defined]
    bar.resize(1366, 30)
    bar.set_interval(60)
    now = datetime.now(UTC)
    good = now - timedelta(seconds=40)
    bar.set_health(IntakeHealth(channel="telegram", last_good_poll=good))
    # One channel alone keeps the usual figures.
    assert not bar.several and bar.last_poll.text() == "Last poll: 40 s ago"
    bar.set_health(
        IntakeHealth(
            channel="x",
            last_good_poll=good,
            rate_remaining=440,
            rate_limit=450,
            reads_this_month=1234,
            read_budget=10_000,
        )
    )
    bar.set_health(
        IntakeHealth(channel="mastodon", last_good_poll=good, rate_remaining=290, rate_limit=300)
    )
    bar.set_health(IntakeHealth(channel="bluesky"))
    assert list(bar.healths) == ["x", "mastodon", "bluesky", "telegram"]
    assert bar.last_poll.text() == "" and bar.rate.text() == ""  # the lines say it
    lines = bar.channel_lines
    assert lines["x"].text() == "X ✓ 40 s · 440/450"
    assert lines["mastodon"].text() == "Mastodon ✓ 40 s · 290/300"
    assert lines["bluesky"].text() == "Bluesky …"
    assert lines["telegram"].text() == "Telegram ✓ 40 s"
    assert all(not line.isHidden() for line in lines.values())
    assert "Reads this month: " in lines["x"].toolTip()
    assert lines["mastodon"].accessibleName() == "Mastodon intake"
    assert bar.warning.isHidden()

    away = "away more than 24 h: updates older than that are lost"
    bar.set_health(IntakeHealth(channel="telegram", last_good_poll=good, notice=away))
    assert lines["telegram"].text() == "Telegram ✓ 40 s ⓘ"
    assert away in lines["telegram"].toolTip()
    assert bar.problem() == ""
    assert bar.warning.text() == f"ⓘ Telegram: {away}" and not bar.warning.isHidden()

    bar.set_health(
        IntakeHealth(channel="mastodon", last_error="the access token was revoked", failures=3)
    )
    assert lines["mastodon"].text().startswith("Mastodon ⚠")
    assert bar.problem().startswith("Mastodon: Intake is failing: the access token was revoked")
    assert bar.warning.text().startswith("⚠ Mastodon:")
    # Compact: the four lines fit beside a warning on a 1366-pixel screen.
    widths = sum(line.sizeHint().width() for line in lines.values())
    assert widths < 1366 // 2, widths


def test_the_channel_lines_in_spanish(qapp: QApplication) -> None:
    install_translators(qapp, "es")
    try:
        bar = DeskStatusBar()
        now = datetime.now(UTC)
        bar.set_health(IntakeHealth(channel="x", last_good_poll=now - timedelta(seconds=40)))
        bar.set_health(IntakeHealth(channel="bluesky", last_error="la sesión caducó", failures=3))
        assert bar.channel_lines["bluesky"].accessibleName() == "Entrada de Bluesky"
        assert bar.problem().startswith("Bluesky: La entrada de publicaciones falla")
        assert "Última consulta: hace 40 s" in bar.channel_lines["x"].toolTip()
        bar.deleteLater()
    finally:
        remove_translators(qapp)
