"""Opening connections to the hub with the timeouts a desk on a town network needs.

Every connection has TCP keepalives on both ends and short timeouts, so a hub (or a desk)
that vanished from the network is noticed in seconds rather than at the kernel's two hours;
the collector's lock connection notices fastest, since a dead holder's lock must go away.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

import psycopg

from jundesk.sync.hub_address import HubAddress

log = logging.getLogger(__name__)


class HubUnavailable(Exception):
    """The hub can't be reached, or the connection to it broke; the message says what to do."""


class HubBusy(HubUnavailable):
    """A request waited too long for a lock on the hub (another session held it)."""


BUSY_MESSAGE = (
    "The hub is busy: another session kept what this desk needed for too long. This "
    "desk's changes are kept on this desk and sent on the next try; a desk that holds "
    "the hub up that long has its session ended by the hub."
)


def is_timeout(error: BaseException) -> bool:
    """Whether the server cancelled a statement that waited too long (a lock, a timeout)."""
    return isinstance(error, psycopg.errors.QueryCanceled | psycopg.errors.LockNotAvailable)


@contextmanager
def busy_hub(conn: psycopg.Connection[Any]) -> Iterator[None]:
    """Turn a statement the hub cancelled after waiting into HubBusy, after asking the hub
    to end whichever desk session stalled it (the hub decides; see hub_end_stalled)."""
    try:
        yield
    except Exception as error:
        if not is_timeout(error):
            raise
        log.warning("The hub cancelled a request that waited too long: %s", error)
        with suppress(Exception):
            if not conn.closed and not conn.broken and conn.autocommit:
                conn.execute("SELECT hub_end_stalled()")
        raise HubBusy(BUSY_MESSAGE) from error


class Purpose(enum.Enum):
    """What a connection is for; it decides its timeouts."""

    SYNC = "sync"  # pushes and pulls: statements may take a few seconds on a big catch-up
    LISTEN = "listen"  # waits for notifications, idle most of the time
    COLLECTOR = "collector"  # holds the town's intake lock: must fail fast both ways
    ADMIN = "admin"  # hub init and add-desk


# (keepalive idle, interval, count) in seconds; the server side gets the same through
# `options`, so the server drops a vanished collector's session (and its lock) as fast.
_KEEPALIVE = {
    Purpose.SYNC: (5, 2, 3),
    Purpose.LISTEN: (5, 2, 3),
    Purpose.COLLECTOR: (2, 1, 3),
    Purpose.ADMIN: (10, 5, 3),
}
_STATEMENT_TIMEOUT_MS = {
    Purpose.SYNC: 30_000,
    Purpose.LISTEN: 10_000,
    Purpose.COLLECTOR: 10_000,
    Purpose.ADMIN: 120_000,
}
CONNECT_TIMEOUT = 4


def is_connection_error(error: BaseException) -> bool:
    """Whether an error means the connection (or the hub) failed, not the request."""
    return isinstance(error, psycopg.OperationalError | psycopg.InterfaceError | HubUnavailable)


class HubConnector:
    """Opens connections to one hub as one database role.

    `password` is asked for at each connection (a desk may join, or get a new password,
    while running); it is handed to the driver and kept nowhere else.
    """

    def __init__(
        self,
        address: HubAddress | str,
        password: Callable[[], str] | str | None = None,
        *,
        connect_timeout: int = CONNECT_TIMEOUT,
    ) -> None:
        self.address = address if isinstance(address, HubAddress) else HubAddress.parse(address)
        if password is None and self.address.password:
            password = self.address.password
        self._password = password
        self.connect_timeout = connect_timeout

    @property
    def public_url(self) -> str:
        return self.address.public_url

    def _secret(self) -> str:
        if callable(self._password):
            return self._password()
        return self._password or ""

    def params(self, purpose: Purpose) -> dict[str, Any]:
        """The libpq parameters of a connection for `purpose`, without the password."""
        idle, interval, count = _KEEPALIVE[purpose]
        server = (
            f"-c statement_timeout={_STATEMENT_TIMEOUT_MS[purpose]} "
            "-c idle_in_transaction_session_timeout=60000 "
            f"-c tcp_keepalives_idle={idle} -c tcp_keepalives_interval={interval} "
            f"-c tcp_keepalives_count={count} -c TimeZone=UTC"
        )
        params: dict[str, Any] = {
            **self.address.conninfo_params(),
            "connect_timeout": self.connect_timeout,
            "keepalives": 1,
            "keepalives_idle": idle,
            "keepalives_interval": interval,
            "keepalives_count": count,
            # Data sent and not acknowledged for this long means the peer is gone.
            "tcp_user_timeout": (idle + interval * count) * 1000,
            "application_name": f"jundesk {purpose.value}",
            "options": server,
        }
        return params

    def connect(
        self, purpose: Purpose = Purpose.SYNC, *, autocommit: bool = False
    ) -> psycopg.Connection[tuple[Any, ...]]:
        """A new connection; raises HubUnavailable when the hub can't be reached."""
        params = self.params(purpose)
        password = self._secret()
        if password:
            params["password"] = password
        try:
            return psycopg.connect(autocommit=autocommit, **params)
        except psycopg.OperationalError as exc:
            raise HubUnavailable(self.explain(exc)) from exc

    def explain(self, error: BaseException) -> str:
        """What failed, in words for the desk (libpq's message carries no password)."""
        detail = " ".join(str(error).split()) or type(error).__name__
        if is_timeout(error):
            return BUSY_MESSAGE
        if "certificate verify failed" in detail or "server certificate for" in detail:
            return (
                f"The hub at {self.public_url} showed a certificate that the town's CA did not "
                "sign, or one for another name: this desk did not connect. Check the CA file "
                "(sslrootcert in the hub's URL) with the town's administrator."
            )
        if "password authentication failed" in detail or "no password supplied" in detail:
            return (
                f"The hub at {self.public_url} refused this desk's password. Ask the town's "
                "administrator for a new one ('jundesk hub add-desk'), then run "
                "'jundesk hub join' again."
            )
        return (
            f"The hub at {self.public_url} can't be reached ({detail}). The desk keeps "
            "working on its own copy and catches up when the hub is back."
        )
