"""The town's intake leases: who reads each channel (X, Mastodon...) for the whole town.

The hub keeps one lease row per channel, taken and renewed only through its own functions,
which refuse every desk but a front desk. The holder renews it every second on a connection of
its own. A lease not renewed for the hub's `intake_lease_seconds` (a frozen holder), or
whose session is gone (a killed one), is taken over by a standby, and the hub ends the old
holder's session as it does.

The collector writes what it reads through this very session (see hub_intake.py), and each
of its transactions first renews the lease, which locks the lease row until it commits: a
collector that lost the lease can't add a single post or move the town's cursor after
another one took over, and nobody takes over in the middle of its page.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import psycopg

from jundesk.sync.hub_connection import HubConnector, Purpose, is_connection_error

log = logging.getLogger(__name__)


class NotAllowedToCollect(PermissionError):
    """This desk's role may not collect for the town."""


class LeaseLost(RuntimeError):
    """Another desk took the town's intake over: this one must stop writing."""


NOT_ALLOWED = (
    "Only a front desk may collect for the town (it must read every post to thread "
    "follow-ups and skip duplicates). Add one with "
    "'jundesk hub add-desk NAME --roles ... --front-desk'."
)


class CollectorLock:
    """One attempt at holding the town's intake lease of one channel (each channel has its
    own: hub migration h0004). Not reusable after release()."""

    def __init__(self, connector: HubConnector, channel: str = "x") -> None:
        self.connector = connector
        self.channel = channel
        # Held by whoever uses the session: a hub intake transaction or the heartbeat.
        self.mutex = threading.Lock()
        self._conn: psycopg.Connection[Any] | None = None
        self.held = False
        self.epoch: int | None = None

    @property
    def connection(self) -> psycopg.Connection[Any]:
        if self._conn is None or not self.held:
            raise RuntimeError("the town's intake lease is not held")
        return self._conn

    def try_acquire(self) -> bool:
        """Take the lease if nobody holds it (or its holder went quiet); never waits long.
        Raises HubUnavailable, or NotAllowedToCollect when this desk is not a front desk
        (the hub decides)."""
        if self.held:
            return True
        if self._conn is None:
            self._conn = self.connector.connect(Purpose.COLLECTOR, autocommit=True)
        try:
            with self.mutex:
                row = self._conn.execute(
                    "SELECT hub_intake_acquire(%s)", (self.channel,)
                ).fetchone()
        except psycopg.errors.InsufficientPrivilege as exc:
            self.release()
            raise NotAllowedToCollect(NOT_ALLOWED) from exc
        self.epoch = None if row is None or row[0] is None else int(row[0])
        self.held = self.epoch is not None
        return self.held

    def fence(self) -> None:
        """Inside a transaction on `connection`: renew the lease and lock it until commit.
        Raises LeaseLost when another desk took it over."""
        row = self.connection.execute(
            "SELECT hub_intake_renew(%s, %s)", (self.channel, self.epoch)
        ).fetchone()
        if not (row and row[0]):
            self.held = False
            raise LeaseLost("Another desk took the town's intake over: this desk stands by.")

    def alive(self) -> bool:
        """Renew the lease; False once it is lost (session gone, or taken over). Call it
        every second: that is the heartbeat the hub's lease time counts from."""
        if not self.held or self._conn is None:
            return False
        if not self.mutex.acquire(timeout=0.2):
            # An intake transaction is using the session and renews the lease itself; the
            # next heartbeat looks again.
            return not self._conn.broken
        try:
            row = self._conn.execute(
                "SELECT hub_intake_renew(%s, %s)", (self.channel, self.epoch)
            ).fetchone()
            self.held = bool(row and row[0])
            return self.held
        except Exception as error:
            if not is_connection_error(error):
                log.exception("Heartbeat of the intake lease failed")
            self.held = False
            return False
        finally:
            self.mutex.release()

    def release(self) -> None:
        """Give the lease up: said to the hub when possible, and the session closed (a
        closed session's lease is free for the next one at once)."""
        held, self.held = self.held, False
        conn, self._conn = self._conn, None
        if conn is None:
            return
        # (A page still being written elsewhere keeps the mutex: then closing is enough.)
        if held and not conn.broken and self.mutex.acquire(timeout=1.0):
            try:
                conn.execute("SELECT hub_intake_release(%s, %s)", (self.channel, self.epoch))
            except Exception as error:
                if not is_connection_error(error):
                    log.warning("Giving the intake lease back failed: %s", error)
            finally:
                self.mutex.release()
        conn.close()
