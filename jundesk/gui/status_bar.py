"""Intake's health at the bottom of the window: last good poll, next poll, rate limit left,
reads used this month against the town's budget, and a clear warning when intake fails or
has gone quiet for too long. A desk that reads several channels (X, Mastodon, Bluesky,
Telegram) gets one compact line per channel instead: its state, its rate limit and a mark
for its notice, the details in the line's tooltip; the first channel in trouble, or else
the first notice, is said in words. In a town, also the hub: connected, or offline since
when; whether this desk collects for the town or stands by while another does; and (for
the front desk) the roles nobody on duty covers."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDate, QLocale, QTime, QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from jundesk.app.intake_loop import IntakeHealth
from jundesk.app.town_status import CollectorRole, SyncHealth
from jundesk.core.display_text import one_line
from jundesk.gui.channel_notices import notice_text
from jundesk.gui.display_names import CHANNELS, age_text, channel_name, role_name
from jundesk.gui.theme import colour

MIN_SILENCE = 120.0  # seconds without a good poll before the desk is warned, at least


class DeskStatusBar(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Each channel's health as last heard, in the order the channels are listed.
        self.healths: dict[str, IntakeHealth] = {}
        # The compact line of each channel, while the desk reads more than one.
        self.channel_lines: dict[str, QLabel] = {}
        self.interval = 60.0
        self.intake_off = False
        self.warning = QLabel(self)
        self.warning.setObjectName("intakeWarning")
        self.warning.setAccessibleName(self.tr("Intake warning"))
        self.warning.hide()
        self.last_poll = QLabel(self)
        self.next_poll = QLabel(self)
        self.rate = QLabel(self)
        self.reads = QLabel(self)
        # The town's hub: shown only on a desk that joined one.
        self.sync: SyncHealth | None = None
        self.hub = QLabel(self)
        self.hub.setObjectName("hubStatus")
        self.hub.setAccessibleName(self.tr("Town hub"))
        self.hub.hide()
        # In a town, which desk polls X for everyone (jundesk.app.town_collector).
        self.collector_role: CollectorRole | None = None
        self.collector = QLabel(self)
        self.collector.setObjectName("collectorRole")
        self.collector.setAccessibleName(self.tr("Town intake"))
        self.collector.hide()
        self.uncovered = QLabel(self)
        self.uncovered.setObjectName("uncoveredRoles")
        self.uncovered.setAccessibleName(self.tr("Roles nobody covers"))
        self.uncovered.hide()
        for label, name in (
            (self.last_poll, self.tr("Last good poll")),
            (self.next_poll, self.tr("Next poll")),
            (self.rate, self.tr("Rate limit left")),
            (self.reads, self.tr("Reads this month")),
        ):
            label.setAccessibleName(name)
        self.addWidget(self.warning, 1)
        for label in (
            self.uncovered,
            self.hub,
            self.collector,
            self.last_poll,
            self.next_poll,
            self.rate,
            self.reads,
        ):
            label.setContentsMargins(8, 0, 8, 0)
            self.addPermanentWidget(label)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self.refresh)
        self._clock.start()
        self.refresh()

    def set_interval(self, seconds: float) -> None:
        self.interval = seconds

    def set_intake_off(self, off: bool) -> None:
        self.intake_off = off
        self.refresh()

    def set_health(self, health: IntakeHealth) -> None:
        """One channel's health (`health.channel` says which)."""
        self.healths[health.channel] = health
        order = {c: n for n, c in enumerate(CHANNELS)}
        self.healths = dict(
            sorted(self.healths.items(), key=lambda item: order.get(item[0], len(order)))
        )
        self.refresh()

    @property
    def health(self) -> IntakeHealth | None:
        """The health of the one channel this desk reads (the first, when it reads more)."""
        return next(iter(self.healths.values()), None)

    @property
    def several(self) -> bool:
        """Whether the desk reads several channels: then each gets its compact line."""
        return len(self.healths) > 1

    def set_sync_health(self, health: SyncHealth) -> None:
        self.sync = health
        self.refresh()

    def set_collector_role(self, role: CollectorRole) -> None:
        self.collector_role = role
        self.refresh()

    @property
    def standing_by(self) -> bool:
        """In a town, and not the desk that polls X now: this desk's own intake figures
        are not the town's (another desk has them, or nobody does while the hub is away)."""
        return self.collector_role not in (None, CollectorRole.COLLECTING)

    def collector_text(self) -> str:
        role = self.collector_role
        if role is CollectorRole.COLLECTING:
            return self.tr("Collecting for the town")
        if role is CollectorRole.STANDBY:
            return self.tr("Standby: another desk collects for the town")
        if role is CollectorRole.NOT_ALLOWED:
            return self.tr("This desk may not collect for the town")
        # Starting, or the hub is away (the hub's own label says so).
        return ""

    def set_uncovered(self, roles: list[str]) -> None:
        """Roles nobody in town is on duty for (what the front desk must answer for)."""
        if roles:
            self.uncovered.setText(
                self.tr("Nobody on duty: %1").replace("%1", ", ".join(map(role_name, roles)))
            )
            self.uncovered.setStyleSheet(
                f"QLabel#uncoveredRoles {{ color: {colour('urgent').name()}; font-weight: bold; }}"
            )
        self.uncovered.setVisible(bool(roles))

    def hub_text(self) -> str:
        sync = self.sync
        if sync is None:
            return ""
        if sync.online:
            if sync.clock_off:
                # Events dated too far ahead of the hub's clock are refused: say it first.
                minutes = QLocale().toString(max(1, round(abs(sync.clock_skew) / 60)))
                if sync.clock_skew > 0:
                    return self.tr(
                        "Hub: connected, but this computer's clock is %1 min ahead of the "
                        "hub's: set it right"
                    ).replace("%1", minutes)
                return self.tr(
                    "Hub: connected, but this computer's clock is %1 min behind the hub's: "
                    "set it right"
                ).replace("%1", minutes)
            if sync.pending:
                return self.tr("Hub: connected, %1 to send").replace(
                    "%1", QLocale().toString(sync.pending)
                )
            return self.tr("Hub: connected")
        if sync.offline_since is None:
            return self.tr("Hub: connecting…")
        local = sync.offline_since.astimezone()
        since = QLocale().toString(QTime(local.hour, local.minute), "HH:mm")
        return self.tr(
            "Offline since %1: your work is kept here and sent when the hub is back"
        ).replace("%1", since)

    def silence(
        self, now: datetime | None = None, health: IntakeHealth | None = None
    ) -> float | None:
        """Seconds since the last good poll (of `health`, by default the first channel's),
        or None before the first one."""
        health = health or self.health
        if health is None or health.last_good_poll is None:
            return None
        return ((now or datetime.now(UTC)) - health.last_good_poll).total_seconds()

    def problem(self, now: datetime | None = None) -> str:
        """What the desk must know about intake, or "" when all is well: with several
        channels, the first one in trouble, named."""
        if self.intake_off:
            return self.tr(
                "Intake is off: no channel is connected, so no new posts arrive. "
                "Cases can still be logged at the desk."
            )
        if self.standing_by:
            return ""
        for health in self.healths.values():
            trouble = self.channel_problem(health, now)
            if trouble:
                if not self.several:
                    return trouble
                return (
                    self.tr("%1: %2")
                    .replace("%1", channel_name(health.channel))
                    .replace("%2", trouble)
                )
        return ""

    def notice(self) -> str:
        """The first channel's notice (a state that is not an error), named when the desk
        reads several channels; "" when none has one."""
        for health in self.healths.values():
            if health.notice:
                text = one_line(notice_text(health.notice))
                name = channel_name(health.channel)
                if text.lower().startswith(name.lower() + ":"):  # it named itself already
                    text = text[len(name) + 1 :].strip()
                if not self.several:
                    return text
                return (
                    self.tr("%1: %2")
                    .replace("%1", channel_name(health.channel))
                    .replace("%2", text)
                )
        return ""

    def channel_problem(self, health: IntakeHealth, now: datetime | None = None) -> str:
        """What is wrong with one channel's intake, or "" when it is well."""
        if health.capped_until is not None:
            until = health.capped_until.astimezone().date()
            return self.tr(
                "The X app's monthly cap is reached: no new posts arrive until %1, or until "
                "intake's settings or the X keys change. Cases can still be logged at the desk."
            ).replace(
                "%1",
                QLocale().toString(
                    QDate(until.year, until.month, until.day), QLocale.FormatType.LongFormat
                ),
            )
        if health.other_collector:
            return self.tr(
                "Another JunDesk (process %1) collects into this desk's database, so this "
                "window doesn't poll X (both would be billed). Close the other one, and this "
                "window takes over."
            ).replace("%1", health.other_collector)
        if health.failing:
            return self.tr("Intake is failing: %1 New posts are not arriving.").replace(
                "%1", one_line(health.last_error or self.tr("no answer from the service."))
            )
        quiet = self.silence(now, health)
        if quiet is not None and quiet > max(MIN_SILENCE, 3 * self.interval):
            return self.tr(
                "No successful poll for %1: new posts may not be arriving. "
                "Check the network, or press F5 to try now."
            ).replace("%1", age_text(quiet))
        return ""

    def refresh(self) -> None:
        self._refresh_hub()
        text = self.collector_text()
        self.collector.setText(text)
        self.collector.setVisible(bool(text))
        self._refresh_intake()

    def _refresh_hub(self) -> None:
        text = self.hub_text()
        self.hub.setText(text)
        offline = self.sync is not None and not self.sync.online
        clock_off = self.sync is not None and self.sync.online and self.sync.clock_off
        self.hub.setStyleSheet(
            f"QLabel#hubStatus {{ color: {colour('urgent').name()}; font-weight: bold; }}"
            if clock_off
            or (offline and self.sync is not None and self.sync.offline_since is not None)
            else ""
        )
        self.hub.setVisible(bool(text))

    def _refresh_intake(self) -> None:
        now = datetime.now(UTC)
        problem = self.problem(now)
        notice = "" if problem else self.notice()
        if problem or notice:
            self.warning.setText(("⚠ " if problem else "ⓘ ") + (problem or notice))
            self.warning.setStyleSheet(
                f"QLabel#intakeWarning {{ background: {colour('urgent_bg').name()}; "
                f"color: {colour('urgent').name()}; font-weight: bold; padding: 2px 8px; "
                "border-radius: 4px; }"
                if problem
                else f"QLabel#intakeWarning {{ color: {colour('off_duty_text').name()}; "
                "padding: 2px 8px; }"
            )
            self.warning.setAccessibleName(
                self.tr("Intake warning") if problem else self.tr("Intake notice")
            )
            self.warning.show()
        else:
            self.warning.hide()
        quiet_bar = self.intake_off or self.standing_by
        self._refresh_channel_lines(now, shown=self.several and not quiet_bar)
        health = self.health
        if health is None or quiet_bar or self.several:
            polls = not quiet_bar and health is None
            self.last_poll.setText(self.tr("Not polled yet") if polls else "")
            self.next_poll.clear()
            self.rate.clear()
            self.reads.clear()
            for label in (self.last_poll, self.next_poll, self.rate, self.reads):
                label.setVisible(bool(label.text()))
            return
        self.last_poll.setText(self._last_poll_text(health, now))
        if health.next_poll is not None:
            wait = max(0.0, (health.next_poll - now).total_seconds())
            self.next_poll.setText(
                self.tr("Next: in %1 s").replace("%1", str(round(wait)))
                if wait >= 1
                else self.tr("Next: now")
            )
        self.rate.setText(self._rate_text(health))
        self.reads.setText(self._reads_text(health))
        for label in (self.last_poll, self.next_poll, self.rate, self.reads):
            label.setVisible(bool(label.text()))

    def _last_poll_text(self, health: IntakeHealth, now: datetime) -> str:
        quiet = self.silence(now, health)
        if quiet is None:
            return self.tr("Not polled yet")
        if quiet < 10:
            return self.tr("Last poll: just now")
        return self.tr("Last poll: %1 ago").replace("%1", age_text(quiet))

    def _rate_text(self, health: IntakeHealth) -> str:
        if health.rate_remaining is None or not health.rate_limit:
            return ""
        locale = QLocale()
        return (
            self.tr("Rate limit: %1/%2 left")
            .replace("%1", locale.toString(health.rate_remaining))
            .replace("%2", locale.toString(health.rate_limit))
        )

    def _reads_text(self, health: IntakeHealth) -> str:
        if not health.read_budget:
            return ""
        locale = QLocale()
        return (
            self.tr("Reads this month: %1 of %2")
            .replace("%1", locale.toString(health.reads_this_month))
            .replace("%2", locale.toString(health.read_budget))
        )

    # -- one compact line per channel ------------------------------------------------------

    def channel_line_text(self, health: IntakeHealth, now: datetime | None = None) -> str:
        """A channel's compact line: "Mastodon ✓ 40 s · 290/300 ⓘ" (its name, a mark for
        its state, how long since its last good poll, its rate limit left, a mark when it
        has a notice)."""
        now = now or datetime.now(UTC)
        parts = [channel_name(health.channel)]
        quiet = self.silence(now, health)
        if self.channel_problem(health, now):
            parts.append("⚠")
        elif quiet is None:
            parts.append("…")
        else:
            parts.append("✓")
        if quiet is not None:
            parts.append(age_text(quiet))
        text = " ".join(parts)
        if health.rate_remaining is not None and health.rate_limit:
            locale = QLocale()
            text += (
                f" · {locale.toString(health.rate_remaining)}/{locale.toString(health.rate_limit)}"
            )
        if health.notice:
            text += " ⓘ"
        return text

    def channel_details(self, health: IntakeHealth, now: datetime | None = None) -> str:
        """Everything about one channel's intake, for its line's tooltip and screen readers."""
        now = now or datetime.now(UTC)
        lines = [channel_name(health.channel), self._last_poll_text(health, now)]
        if health.next_poll is not None:
            wait = max(0.0, (health.next_poll - now).total_seconds())
            lines.append(
                self.tr("Next: in %1 s").replace("%1", str(round(wait)))
                if wait >= 1
                else self.tr("Next: now")
            )
        lines += [t for t in (self._rate_text(health), self._reads_text(health)) if t]
        trouble = self.channel_problem(health, now)
        if trouble:
            lines.append("⚠ " + trouble)
        if health.notice:
            lines.append("ⓘ " + one_line(notice_text(health.notice)))
        return "\n".join(lines)

    def _refresh_channel_lines(self, now: datetime, *, shown: bool) -> None:
        for channel, health in self.healths.items():
            line = self.channel_lines.get(channel)
            if line is None:
                line = QLabel(self)
                line.setObjectName(f"channelHealth_{channel}")
                line.setContentsMargins(6, 0, 6, 0)
                self.channel_lines[channel] = line
                # After the single channel's figures, which hide while there are lines.
                self.addPermanentWidget(line)
            line.setText(self.channel_line_text(health, now))
            details = self.channel_details(health, now)
            line.setToolTip(details)
            line.setAccessibleName(self.tr("%1 intake").replace("%1", channel_name(channel)))
            line.setAccessibleDescription(details)
            trouble = bool(self.channel_problem(health, now))
            line.setStyleSheet(
                f"QLabel {{ color: {colour('urgent').name()}; font-weight: bold; }}"
                if trouble
                else ""
            )
            line.setVisible(shown)
