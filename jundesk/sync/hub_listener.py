"""Waiting for the hub's notifications (LISTEN) on a connection and a thread of their own.

The hub notifies `jundesk_hub` when posts or events come in and `jundesk_duty` when a desk
goes on or off duty; the listener only wakes the sync runner, which then pulls. A lost
notification costs nothing but time: the runner also polls, more slowly.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from typing import Any

import psycopg
from psycopg import sql

from jundesk.sync.hub_connection import HubConnector, Purpose

log = logging.getLogger(__name__)

CHANGES = "jundesk_hub"
DUTY = "jundesk_duty"
CHANNELS = (CHANGES, DUTY)
TICK = 0.5  # seconds between looks at the stop flag


class HubListener:
    """Calls `on_notify(channel)` for each notification, from its own thread; calls
    `on_lost(error)` once if the connection breaks (then the thread ends)."""

    def __init__(
        self,
        connector: HubConnector,
        on_notify: Callable[[str], None],
        on_lost: Callable[[BaseException], None],
        channels: Sequence[str] = CHANNELS,
    ) -> None:
        self.connector = connector
        self.on_notify = on_notify
        self.on_lost = on_lost
        self.channels = tuple(channels)
        self._conn: psycopg.Connection[Any] | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Connect and LISTEN (raises HubUnavailable), then wait in a new thread."""
        conn = self.connector.connect(Purpose.LISTEN, autocommit=True)
        try:
            for channel in self.channels:
                conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
        except BaseException:
            conn.close()
            raise
        self._conn = conn
        self._thread = threading.Thread(target=self._run, name="jundesk-hub-listen", daemon=True)
        self._thread.start()

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        conn = self._conn
        assert conn is not None
        try:
            while not self._stop.is_set():
                for note in conn.notifies(timeout=TICK):
                    self.on_notify(note.channel)
                    if self._stop.is_set():
                        break
        except Exception as error:
            if not self._stop.is_set():
                log.info("Hub notifications stopped: %s", error)
                self.on_lost(error)
        finally:
            conn.close()

    def request_stop(self) -> None:
        """Ask the thread to end within a tick, without waiting for it."""
        self._stop.set()

    def stop(self) -> None:
        """End the thread (waiting up to a couple of ticks) and close the connection."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=TICK * 4)
        if self._conn is not None and not self.alive:
            self._conn.close()
