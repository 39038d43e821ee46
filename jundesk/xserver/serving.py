"""What every local API server in the package shares (X's here, the channels' in
jundesk/localserver): a threaded HTTP server on 127.0.0.1 that keeps track of its
keep-alive connections so a stop cuts them, a handler that registers its connection and
answers in one segment, and the start/stop/context-manager lifecycle around them."""

from __future__ import annotations

import contextlib
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Self


class TrackedHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()

    def track(self, connection: socket.socket, open_: bool) -> None:
        with self._connections_lock:
            if open_:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def close_connections(self) -> None:
        # Keep-alive sockets would otherwise keep being served by their handler threads.
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


class TrackedHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the clients' connection pools expect
    # Headers and body leave in one segment: two small writes meet the client's delayed
    # ACK and cost 40 ms a request.
    wbufsize = 64 * 1024
    disable_nagle_algorithm = True
    timeout = 30  # seconds an idle keep-alive connection is kept
    server: TrackedHTTPServer

    def setup(self) -> None:
        super().setup()
        self.server.track(self.connection, True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.track(self.connection, False)

    def version_string(self) -> str:
        return self.server_version


class ServedLocally:
    """start() serves on 127.0.0.1 (port 0: a free one, kept across a restart), stop()
    wakes what waits (`_stopping`, `_wake_waiters`) and cuts open connections.

    A server sets `_port`, `_httpd = None`, `_thread = None` and `_stopping` in its
    __init__, and says how to serve with `_make_httpd` and `_thread_name`."""

    _port: int
    _httpd: TrackedHTTPServer | None
    _thread: threading.Thread | None
    _stopping: threading.Event
    _thread_name = "localserver"

    def _make_httpd(self) -> TrackedHTTPServer:
        """The HTTP server on 127.0.0.1:`_port`, pointing back at this object."""
        raise NotImplementedError

    def _wake_waiters(self) -> None:
        """Called on stop, after `_stopping` is set: end long waits of one's own."""

    def start(self) -> Self:
        if self._httpd is not None:
            return self
        self._stopping.clear()
        httpd = self._make_httpd()
        self._port = httpd.server_address[1]  # a restart comes back on the same port
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever,
            kwargs={"poll_interval": 0.02},
            daemon=True,
            name=f"{self._thread_name}:{self._port}",
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving: hanging faults wake, open keep-alive connections are cut."""
        httpd, self._httpd = self._httpd, None
        if httpd is None:
            return
        self._stopping.set()
        self._wake_waiters()
        httpd.shutdown()
        httpd.close_connections()
        httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        return self._port

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._port}"
