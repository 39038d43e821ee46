"""The town's intake lock: who polls X for the whole town.

It is a session-level PostgreSQL advisory lock held on a connection of its own: it lasts
exactly as long as that session. A holder killed outright closes its socket and the
server frees the lock at once; a holder cut off from the network is dropped by the
server's TCP keepalives within seconds (set on this connection's session), while the
holder itself notices sooner through its heartbeat and stops polling first.

The collector also writes what it reads through this very session (see hub_intake.py):
were the session gone, so would its writes be, so a collector that lost the lock can't
add a single post after another one took over.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import psycopg

from jundesk.sync.hub_admin import my_desk
from jundesk.sync.hub_connection import HubConnector, Purpose, is_connection_error

log = logging.getLogger(__name__)

LOCK_KEY = (4871502, 2)  # ("JUN", 2); 1 is the hub sequence's lock


class NotAllowedToCollect(PermissionError):
    """This desk's role may not collect for the town."""


class CollectorLock:
    """One attempt at holding the town's intake lock. Not reusable after release()."""

    def __init__(self, connector: HubConnector) -> None:
        self.connector = connector
        # Held by whoever uses the session: a hub intake transaction or the heartbeat.
        self.mutex = threading.Lock()
        self._conn: psycopg.Connection[Any] | None = None
        self.held = False

    @property
    def connection(self) -> psycopg.Connection[Any]:
        if self._conn is None or not self.held:
            raise RuntimeError("the town's intake lock is not held")
        return self._conn

    def try_acquire(self) -> bool:
        """Take the lock if nobody holds it; never waits. Raises HubUnavailable, or
        NotAllowedToCollect when this desk is not a front desk."""
        if self.held:
            return True
        if self._conn is None:
            conn = self.connector.connect(Purpose.COLLECTOR, autocommit=True)
            desk = my_desk(conn)
            if desk is None or not desk.front_desk:
                conn.close()
                raise NotAllowedToCollect(
                    "Only a front desk may collect for the town (it must read every post to "
                    "thread follow-ups and skip duplicates). Add one with "
                    "'jundesk hub add-desk NAME --roles ... --front-desk'."
                )
            self._conn = conn
        with self.mutex:
            row = self._conn.execute("SELECT pg_try_advisory_lock(%s, %s)", LOCK_KEY).fetchone()
        self.held = bool(row and row[0])
        return self.held

    def alive(self) -> bool:
        """Whether the session (hence the lock) still stands. Cheap; call it every second."""
        if not self.held or self._conn is None:
            return False
        if not self.mutex.acquire(timeout=0.2):
            # An intake transaction is using the session: it fails by itself if the session
            # died, and the next heartbeat looks again.
            return not self._conn.broken
        try:
            self._conn.execute("SELECT 1")
            return True
        except Exception as error:
            if not is_connection_error(error):
                log.exception("Heartbeat of the intake lock failed")
            self.held = False
            return False
        finally:
            self.mutex.release()

    def release(self) -> None:
        """Give the lock up (closing the session frees it, whatever state it is in)."""
        self.held = False
        if self._conn is not None:
            self._conn.close()
            self._conn = None
