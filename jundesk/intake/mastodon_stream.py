"""Mastodon's user stream as a wake-up for the channel's poll, never as a source of posts.

While intake runs, one server-sent events connection (`GET /api/v1/streaming/user`) stays
open; a mention notification on it makes the intake loop poll at once instead of waiting
for its interval. Nothing is read from the event itself: the poll reads the notifications
after the committed cursor as always, so a stream that drops, lags or never opens loses
nothing, it only leaves the channel waiting for its next poll.

The stream has its own Mastodon.py client and HTTP session: Mastodon.py opens a stream with
the timeout pair (client timeout, stream timeout), which breaks when the client's timeout
is itself a (connect, read) pair as the channel's is. It runs Mastodon.py's blocking stream
on a thread of its own (its asynchronous handle retries a refused stream every 5 s forever,
and tells nobody): a refusal (404 on a server or proxy without streaming, 401, 403) ends the
stream for good, a drop reconnects after a back-off.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from collections.abc import Callable
from typing import Any

import requests
from mastodon import Mastodon
from mastodon.errors import MastodonError
from mastodon.streaming import StreamListener

log = logging.getLogger(__name__)

STREAM_PATH = "/api/v1/streaming"
CONNECT_TIMEOUT = 5.0
# Mastodon sends a heartbeat comment every few seconds: a minute of silence is a dead
# connection, reopened.
READ_TIMEOUT = 60.0
RECONNECT_FIRST = 2.0
RECONNECT_CAP = 300.0

Wake = Callable[[], None]


class _Stopped(Exception):
    """Raised inside the listener to leave Mastodon.py's reading loop."""


class _Listener(StreamListener):
    def __init__(self, stream: MastodonWakeStream, halt: threading.Event) -> None:
        super().__init__()
        self._stream = stream
        self._halt = halt

    def _check(self) -> None:
        if self._halt.is_set() or self._stream.stop_event.is_set():
            raise _Stopped

    def handle_heartbeat(self) -> None:
        self._check()

    def on_notification(self, notification: Any) -> None:
        self._check()
        kind = notification.get("type") if isinstance(notification, dict) else None
        if kind == "mention":
            self._stream.woke += 1
            wake = self._stream.wake
            if wake is not None:
                wake()

    def on_unknown_event(self, name: str, unknown_event: Any = None) -> None:
        """Events newer than Mastodon.py (its default raises): not for a wake-up."""


class MastodonWakeStream:
    """The town account's user stream, calling `wake` (from its own thread) on a mention."""

    def __init__(
        self,
        api_base_url: str,
        access_token: str,
        stop_event: threading.Event,
        *,
        api_version: str,
        user_agent: str = "JunDesk",
    ) -> None:
        self.api_base_url = api_base_url
        self._token = access_token
        self.stop_event = stop_event
        self._api_version = api_version
        self._user_agent = user_agent
        self.wake: Wake | None = None
        self.woke = 0  # mentions the stream announced (for the status and the tests)
        self.refused = ""  # why the server refused the stream: it is not asked again
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._halt = threading.Event()
        self._response: requests.Response | None = None
        self.reconnect_first = RECONNECT_FIRST  # seconds before reopening a dropped stream

    @property
    def running(self) -> bool:
        thread = self._thread
        return thread is not None and thread.is_alive()

    @property
    def thread(self) -> threading.Thread | None:
        return self._thread

    def start(self, wake: Wake) -> None:
        """Keep the stream open, calling `wake` on each mention, until stop() or the
        channel's stop event."""
        with self._lock:
            self.wake = wake
            if self.refused or (self.running and not self._halt.is_set()):
                return
            self._halt = threading.Event()
            thread = threading.Thread(
                target=self._run, args=(self._halt,), name="jundesk-mastodon-stream", daemon=True
            )
            self._thread = thread
            thread.start()

    def stop(self) -> None:
        """End the stream (its thread leaves at once: the connection is cut)."""
        with self._lock:
            self.wake = None
            self._halt.set()
            self._cut()

    # -- the stream's thread ----------------------------------------------------------

    def _run(self, halt: threading.Event) -> None:
        delay = self.reconnect_first
        session = requests.Session()
        session.hooks["response"].append(self._on_response)
        # A number, not the channel's pair: Mastodon.py makes (it, READ_TIMEOUT) of it.
        api = Mastodon(
            access_token=self._token,
            api_base_url=self.api_base_url,
            request_timeout=CONNECT_TIMEOUT,
            mastodon_version=self._api_version,
            version_check_mode="none",
            session=session,
            user_agent=self._user_agent,
        )
        while not (halt.is_set() or self.stop_event.is_set()):
            self._response = None
            try:
                api.stream_user(_Listener(self, halt), timeout=READ_TIMEOUT)
                delay = self.reconnect_first  # it was open: closed by the server, not refused
            except _Stopped:
                break
            except (MastodonError, requests.RequestException, OSError, AttributeError) as exc:
                # AttributeError: Mastodon.py reading a connection cut under it.
                response = self._response
                status = response.status_code if response is not None else 0
                if status in (401, 403, 404, 405, 410, 501):
                    self.refused = f"{status}"
                    log.info(
                        "Mastodon's streaming is not available (%s): the channel polls at "
                        "its interval.",
                        status,
                    )
                    break
                if status == 200:
                    delay = self.reconnect_first  # it was open: a drop, not a refusal
                log.info("Mastodon's stream ended (%s); reopening in %.0f s", exc, delay)
            if halt.wait(delay) or self.stop_event.is_set():
                break
            delay = min(RECONNECT_CAP, delay * 2)
        self._response = None
        session.close()

    def _on_response(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        if response.request.path_url.startswith(STREAM_PATH):
            self._response = response

    def _cut(self) -> None:
        """Shut the stream's socket: a read blocked on it returns at once."""
        response = self._response
        if response is None:
            return
        raw: Any = response.raw
        connection = getattr(raw, "_connection", None) or getattr(raw, "connection", None)
        sock = getattr(connection, "sock", None)
        if isinstance(sock, socket.socket):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(Exception):
            response.close()
