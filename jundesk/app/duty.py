"""A desk's duty, with no Qt: on or off (the toggle over the weekly schedule), when that
next changes, since when the desk is off, and which roles someone on duty covers.

What follows from it lives beside it: duty_alerts (which new cases notify),
off_duty_summary (what came in while off), uncovered_urgent (the town's rule for urgent
cases nobody covers). The GUI asks here before making any noise; the hub's duty board hooks
`add_listener` to publish this desk's duty and sets `others_cover` to say which roles
another desk covers right now.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from jundesk.app.desk_state import DeskState
from jundesk.app.duty_alerts import NewCase
from jundesk.app.schedule import WeeklySchedule
from jundesk.app.settings import Settings
from jundesk.core.model import UNROUTED, Priority

log = logging.getLogger(__name__)

# -- a change of duty ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DutyChange:
    """The desk went on or off duty. Coming back on carries when it went off."""

    on_duty: bool
    at: datetime
    off_since: datetime | None = None


def _iso(moment: datetime | None) -> str:
    return moment.astimezone(UTC).isoformat() if moment else ""


def _from_iso(value: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


# -- the policy --------------------------------------------------------------------------


class DutyPolicy:
    """This desk's duty: the weekly schedule (a preference, in Settings) and the toggle
    (the desk's state, in DeskState).

        The toggle overrides the schedule until the schedule next changes (going off in the
        middle of a shift lasts until the shift ends; coming on at night lasts until the
        morning shift starts); with no schedule it lasts until undone.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        state: DeskState | None = None,
        save: Callable[[], None] | None = None,
        save_state: Callable[[], None] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        tz: tzinfo | None = None,
    ) -> None:
        """`save` writes the settings (after a new schedule), `save_state` the state (after
        every change of duty); by default each to its own file in the desk's folders."""
        self.settings = settings
        self.state = state if state is not None else DeskState.load(carried=settings.moved_state)
        self._save = save if save is not None else settings.save
        self._save_state = save_state if save_state is not None else self.state.save
        self.clock = clock
        self.tz = tz  # None: the system's local time, with its daylight saving
        # The hub's duty board sets this: whether another desk on duty covers a role now.
        self.others_cover: Callable[[str], bool] | None = None
        self._listeners: list[Callable[[DutyChange], None]] = []
        self._last: bool | None = None

    # -- reading -------------------------------------------------------------------------

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(self.settings.desk_roles)

    @property
    def is_front_desk(self) -> bool:
        return UNROUTED in self.settings.desk_roles

    def covers(self, role: str) -> bool:
        """Whether the role is one of this desk's (on duty or not)."""
        return role in self.settings.desk_roles

    @property
    def schedule(self) -> WeeklySchedule:
        return WeeklySchedule.from_settings(self.settings.duty_schedule)

    @property
    def schedule_enabled(self) -> bool:
        return self.settings.duty_schedule_enabled

    def scheduled_on_duty(self, now: datetime | None = None) -> bool:
        """What the schedule alone says (on duty when there is no schedule)."""
        if not self.settings.duty_schedule_enabled:
            return True
        return self.schedule.covers(self._local(now or self.clock()))

    def is_on_duty(self, now: datetime | None = None) -> bool:
        now = now or self.clock()
        override = self.state.duty_override
        if override in ("on", "off"):
            until = _from_iso(self.state.duty_override_until)
            if until is None or now < until:
                return override == "on"
        return self.scheduled_on_duty(now)

    def override_until(self, now: datetime | None = None) -> datetime | None:
        """When the toggle's effect ends (the next schedule change), if it is in force."""
        now = now or self.clock()
        until = _from_iso(self.state.duty_override_until)
        if self.state.duty_override and until is not None and now < until:
            return until
        return None

    def next_change(self, now: datetime | None = None) -> datetime | None:
        """When the duty state will next change by itself (UTC), if ever."""
        now = now or self.clock()
        until = self.override_until(now)
        if until is not None:
            return until
        if not self.settings.duty_schedule_enabled:
            return None
        local = self.schedule.next_change(self._local(now))
        return self._utc(local) if local else None

    @property
    def off_since(self) -> datetime | None:
        return _from_iso(self.state.off_duty_since)

    # -- changing ------------------------------------------------------------------------

    def set_on_duty(self, on: bool, now: datetime | None = None) -> DutyChange | None:
        """The desk's toggle. Persists at once, and tells the listeners if duty changed."""
        now = now or self.clock()
        self._note_state(now)
        if self.settings.duty_schedule_enabled:
            if on == self.scheduled_on_duty(now):
                self.state.duty_override = ""
                self.state.duty_override_until = ""
            else:
                self.state.duty_override = "on" if on else "off"
                local = self.schedule.next_change(self._local(now))
                self.state.duty_override_until = _iso(self._utc(local) if local else None)
        else:
            self.state.duty_override = "" if on else "off"
            self.state.duty_override_until = ""
        self._persist_state()
        return self.check(now)

    def toggle(self, now: datetime | None = None) -> DutyChange | None:
        return self.set_on_duty(not self.is_on_duty(now), now)

    def set_schedule(
        self, schedule: WeeklySchedule, enabled: bool, now: datetime | None = None
    ) -> DutyChange | None:
        """A new weekly schedule; a toggle made under the old one no longer applies."""
        now = now or self.clock()
        self._note_state(now)
        self.settings.duty_schedule = schedule.to_settings()
        self.settings.duty_schedule_enabled = enabled
        self.state.duty_override = ""
        self.state.duty_override_until = ""
        self._persist()
        self._persist_state()
        return self.check(now)

    def add_listener(self, listener: Callable[[DutyChange], None]) -> Callable[[], None]:
        """Call `listener` whenever duty changes; returns the function that unhooks it."""
        self._listeners.append(listener)

        def remove() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return remove

    def check(self, now: datetime | None = None) -> DutyChange | None:
        """Notice a change of duty (the toggle, or the schedule as time passes).

        Call it after a toggle and every few seconds; it records when the desk went off
        (kept across a restart) and hands the listeners the change. A desk that went off
        before a restart and is on again now gets its return reported by the first call.
        """
        now = now or self.clock()
        self._note_state(now)
        on = self.is_on_duty(now)
        if on == self._last:
            return None
        self._last = on
        if on:
            return self._came_on(now)
        self.state.off_duty_since = _iso(now)
        self._persist_state()
        return self._tell(DutyChange(on_duty=False, at=now))

    def _note_state(self, now: datetime) -> None:
        """The state before anything changes: the first toggle or check compares to it."""
        if self._last is not None:
            return
        if self.state.off_duty_since:
            self._last = False  # off when the desk last ran
            return
        self._last = self.is_on_duty(now)
        if not self._last:
            self.state.off_duty_since = _iso(now)
            self._persist_state()

    def _came_on(self, now: datetime) -> DutyChange:
        since = self.off_since
        self.state.off_duty_since = ""
        self._persist_state()
        return self._tell(DutyChange(on_duty=True, at=now, off_since=since))

    def _tell(self, change: DutyChange) -> DutyChange:
        for listener in list(self._listeners):
            try:
                listener(change)
            except Exception:  # one broken listener must not keep the others uninformed
                log.exception("Duty listener failed")
        return change

    def save(self) -> None:
        """Save the settings this policy shares with the desk (after editing them)."""
        self._persist()

    def _persist(self) -> None:
        try:
            self._save()
        except OSError:
            # The desk keeps working on the settings in memory; the next change tries again.
            log.exception("Could not save the duty settings")

    def _persist_state(self) -> None:
        try:
            self._save_state()
        except OSError:
            log.exception("Could not save the desk's duty state")

    # -- urgent cases nobody covers --------------------------------------------------------

    def role_is_covered(self, role: str, now: datetime | None = None) -> bool:
        """Whether someone on duty covers `role`: this desk, or another the hub knows of."""
        if self.covers(role) and self.is_on_duty(now):
            return True
        if self.others_cover is not None:
            try:
                return bool(self.others_cover(role))
            except Exception:
                log.exception("Duty board failed to say who covers %s", role)
        return False

    def uncovered_urgent(
        self, new_cases: Iterable[NewCase], now: datetime | None = None
    ) -> list[NewCase]:
        """The urgent new cases no desk on duty covers."""
        return [
            item
            for item in new_cases
            if item[1].priority is Priority.URGENT and not self.role_is_covered(item[1].role, now)
        ]

    # -- the boundary: nothing falls between the last alert and going off ------------------

    def note_arrival(self, arrived_at: datetime, now: datetime | None = None) -> bool:
        """Intake's news of cases that arrived at `arrived_at` reached the desk now.

        Off duty, cases that arrived while the desk was still on duty were never alerted
        (their news came after the toggle): the off-duty period is taken back to their
        arrival, so the "while you were off" summary lists them. True if it was.
        """
        since = self.off_since
        if since is None or arrived_at >= since or self.is_on_duty(now):
            return False
        self.state.off_duty_since = _iso(arrived_at)
        self._persist_state()
        return True

    def roles_nobody_else_covers(self) -> list[str]:
        """This desk's roles that no other desk on duty covers: with no hub, all of them."""
        roles = [r for r in self.roles if r != UNROUTED] or list(self.roles)
        if self.others_cover is None:
            return roles
        uncovered = []
        for role in roles:
            try:
                covered = bool(self.others_cover(role))
            except Exception:
                log.exception("Duty board failed to say who covers %s", role)
                covered = False
            if not covered:
                uncovered.append(role)
        return uncovered

    @property
    def alone(self) -> bool:
        """A desk with no town around it: off duty, nobody at all is alerted."""
        return self.others_cover is None

    # -- time ------------------------------------------------------------------------------

    def _local(self, now: datetime) -> datetime:
        aware = now.astimezone(self.tz) if self.tz else now.astimezone()
        return aware.replace(tzinfo=None)

    def _utc(self, local: datetime) -> datetime:
        aware = local.replace(tzinfo=self.tz) if self.tz else local.astimezone()
        return aware.astimezone(UTC)
