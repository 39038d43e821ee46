"""The intake service: poll every stream of the source, page by page, and keep it healthy.

Network reads run in one worker thread and database writes in the store's writer thread,
so neither blocks the event loop the console runs on. The poll interval adapts to X's
rate limit, to failures (backing off) and to the town's monthly read budget.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from jundesk.app.ingest import Ingestor, IngestReport, IntakeStore
from jundesk.app.intake_lock import AnotherCollector, IntakeLock
from jundesk.app.usage_cap import UsageCap, next_month
from jundesk.intake.source import (
    BudgetExhausted,
    IntakeError,
    RateLimited,
    Refused,
    Source,
    UsageCapped,
    Wakeable,
)

log = logging.getLogger(__name__)

MAX_INTERVAL = 15 * 60.0
SILENT_AFTER = 3  # polls without success before the desk is warned


@dataclass(frozen=True)
class IntakeHealth:
    """What the status bar shows about intake."""

    last_good_poll: datetime | None = None
    next_poll: datetime | None = None
    last_error: str = ""
    failures: int = 0  # consecutive failed polls
    rate_remaining: int | None = None
    rate_limit: int | None = None
    rate_reset: datetime | None = None
    reads_this_month: int = 0
    read_budget: int = 0
    # X's monthly cap for the town's app is reached: no polling until then (usage_cap.py).
    capped_until: datetime | None = None
    # Another process collects into this database (its pid, or "?"): this one stands by.
    other_collector: str = ""
    # The channel this is the health of ("x", "mastodon", ...), and the channel's notice:
    # "" or one sentence about its state that is not an error (Source.notice()).
    channel: str = "x"
    notice: str = ""

    @property
    def failing(self) -> bool:
        return (
            self.capped_until is not None
            or self.failures >= SILENT_AFTER
            or bool(self.last_error and not self.last_good_poll)
        )


class IntakeLoop:
    def __init__(
        self,
        source: Source,
        ingestor: Ingestor,
        store: IntakeStore,
        writer: ThreadPoolExecutor,
        *,
        interval: float = 60.0,
        read_budget: int = 10_000,
        on_report: Callable[[IngestReport], None] | None = None,
        on_health: Callable[[IntakeHealth], None] | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        usage_cap: UsageCap | None = None,
        lock: IntakeLock | None = None,
    ) -> None:
        self.source = source
        self.ingestor = ingestor
        self.store = store
        self.writer = writer
        self.interval = interval
        self.read_budget = read_budget
        self.on_report = on_report
        self.on_health = on_health
        self.clock = clock
        self.usage_cap = usage_cap
        self.lock = lock
        self.health = IntakeHealth(read_budget=read_budget, channel=source.name)
        self._network = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix=f"jundesk-{source.name}"
        )
        self._wake = asyncio.Event()
        self._stopped = False

    # -- one poll --------------------------------------------------------------------

    async def poll_once(self) -> IngestReport:
        """Read every stream to its newest post, committing page by page.

        Raises UsageCapped at once, without asking X, while a cap X reported holds.
        """
        loop = asyncio.get_running_loop()
        if self.lock is not None and not self.lock.held:
            # Held from the first poll until stop(): one collector per database file.
            try:
                self.lock.acquire()
            except AnotherCollector as exc:
                self._set_health(last_error=str(exc), other_collector=exc.pid or "?")
                raise
            self._set_health(other_collector="")
        if self.usage_cap is not None:
            until = await loop.run_in_executor(
                self.writer, self.usage_cap.capped_until, self.clock()
            )
            if until is not None:
                message = (
                    "X said this month that the X app's monthly cap is reached: intake asks "
                    f"X nothing until {until:%Y-%m-%d %H:%M} UTC, or until its settings or "
                    "credentials change."
                )
                self._set_health(capped_until=until, last_error=message)
                raise UsageCapped(message)
        try:
            return await self._poll(loop)
        except UsageCapped as exc:
            now = self.clock()
            if self.usage_cap is not None:
                until = await loop.run_in_executor(self.writer, self.usage_cap.remember, now)
            else:
                until = next_month(now)
            self._set_health(capped_until=until, last_error=str(exc))
            raise

    async def _poll(self, loop: asyncio.AbstractEventLoop) -> IngestReport:
        used = await loop.run_in_executor(
            self.writer, self.store.reads_this_month, self.source.name, self.clock()
        )
        if self.read_budget and used >= self.read_budget:
            raise BudgetExhausted(
                f"The town's read budget for this month ({self.read_budget:,} posts) is "
                "spent; intake resumes next month, or raise the budget in the settings."
            )
        total = IngestReport()
        streams = await loop.run_in_executor(self._network, self.source.streams)
        for key in streams:
            cursor = await loop.run_in_executor(
                self.writer, self.store.get_cursor, self.source.name, key
            )
            pages = self.source.pages(cursor)
            while True:
                page = await loop.run_in_executor(self._network, next, pages, None)
                if page is None:
                    break
                report = await loop.run_in_executor(
                    self.writer, self.ingestor.ingest, self.source.name, page
                )
                total.add(report)
                if self.on_report and (report.stored or report.events):
                    self.on_report(report)
        reads = await loop.run_in_executor(
            self.writer, self.store.reads_this_month, self.source.name, self.clock()
        )
        self._set_health(
            last_good_poll=self.clock(),
            last_error="",
            failures=0,
            reads_this_month=reads,
            capped_until=None,
        )
        return total

    # -- the loop --------------------------------------------------------------------

    async def run(self) -> None:
        """Poll until stop(); never raises for intake failures, it reports them.

        A channel that can tell when posts wait (Wakeable) wakes the loop between polls."""
        loop = asyncio.get_running_loop()
        wakeable = self.source if isinstance(self.source, Wakeable) else None
        if wakeable is not None and not self._stopped:
            wakeable.set_wake(functools.partial(self._wake_from_thread, loop))
        try:
            await self._run()
        finally:
            if wakeable is not None:
                wakeable.set_wake(None)

    async def _run(self) -> None:
        while not self._stopped:
            delay = self.interval
            # Cleared before the poll, not after: a wake-up during the poll (a post the
            # poll may have missed) makes the next one start at once.
            self._wake.clear()
            try:
                await self.poll_once()
                delay = self._next_interval()
            except RateLimited as exc:
                delay = max(self.interval, exc.reset_at - self.clock().timestamp() + 1)
                self._failed(str(exc))
            except AnotherCollector as exc:
                # Stand by: the other one may stop (a desk window closed), then this takes over.
                delay = self.interval
                self._failed(str(exc))
                self._set_health(failures=max(self.health.failures, SILENT_AFTER))
            except UsageCapped as exc:
                # Asking again before the month turns would only be refused (and the mark
                # makes a poll_now() answer at once without asking X).
                until = self.health.capped_until or next_month(self.clock())
                delay = max(self.interval, (until - self.clock()).total_seconds() + 1)
                self._failed(str(exc))
            except BudgetExhausted as exc:
                delay = MAX_INTERVAL
                self._failed(str(exc))
            except Refused as exc:
                # Refused credentials or permissions don't mend by waiting: the health line
                # turns red at once (not after three 15-minute tries) and says what to do.
                delay = MAX_INTERVAL
                self._failed(str(exc))
                self._set_health(failures=max(self.health.failures, SILENT_AFTER))
            except IntakeError as exc:
                delay = min(MAX_INTERVAL, self.interval * 2 ** min(self.health.failures, 6))
                self._failed(str(exc))
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # a bug must not stop intake for the whole town
                log.exception("Intake poll failed unexpectedly")
                delay = min(MAX_INTERVAL, self.interval * 2 ** min(self.health.failures, 6))
                self._failed(f"Intake failed: {exc}")
            self._set_health(next_poll=self.clock() + timedelta(seconds=delay))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=delay)

    def poll_now(self) -> None:
        self._wake.set()

    def _wake_from_thread(self, loop: asyncio.AbstractEventLoop) -> None:
        """poll_now() from a channel's own thread (its stream)."""
        with contextlib.suppress(RuntimeError):  # the event loop is already closed
            loop.call_soon_threadsafe(self.poll_now)

    def stop(self) -> None:
        self._stopped = True
        if self.lock is not None:
            self.lock.release()
        self.source.stop_event.set()
        if isinstance(self.source, Wakeable):
            self.source.set_wake(None)
        self._wake.set()
        self._network.shutdown(wait=False, cancel_futures=True)

    # -- adapting ------------------------------------------------------------------

    def _next_interval(self) -> float:
        """Stretch the interval so the rate-limit window and the month's budget last."""
        delay = self.interval
        now = self.clock()
        for state in self.source.rate.values():
            if state.remaining is not None and state.reset_at:
                left = state.reset_at - now.timestamp()
                if left > 0:
                    delay = max(delay, left / max(state.remaining, 1))
        if self.read_budget:
            start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
            elapsed = max((now - start).total_seconds(), 3600.0)
            month = 31 * 86400.0
            projected = self.health.reads_this_month * month / elapsed
            if projected > self.read_budget:
                delay *= min(8.0, projected / self.read_budget)
        return min(delay, MAX_INTERVAL)

    def _failed(self, message: str) -> None:
        log.warning("Intake: %s", message)
        self._set_health(last_error=message, failures=self.health.failures + 1)

    def _set_health(self, **changes: object) -> None:
        rate = self.source.shown_rate()
        if rate is not None:
            changes.setdefault("rate_remaining", rate.remaining)
            changes.setdefault("rate_limit", rate.limit)
            changes.setdefault(
                "rate_reset",
                datetime.fromtimestamp(rate.reset_at, UTC) if rate.reset_at else None,
            )
        try:
            changes.setdefault("notice", self.source.notice())
        except Exception:  # a notice is a courtesy: it must never break the health line
            log.exception("The %s channel's notice failed", self.source.name)
        self.health = replace(self.health, **changes)  # type: ignore[arg-type]
        if self.on_health:
            self.on_health(self.health)
