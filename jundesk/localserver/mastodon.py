"""A local Mastodon server: the part of Mastodon's REST API the town's channel uses, with
Mastodon's shapes (checked in tests against Mastodon.py's own models) and fault injection.

Used by the tests and by `jundesk demo`; it listens on 127.0.0.1 only. It speaks:

- ``GET /api/v1/accounts/verify_credentials``: the town account.
- ``GET /api/v1/notifications``: the town's mention notifications, newest first, with
  ``types[]``/``exclude_types[]``, ``since_id``, ``max_id``, ``min_id``, ``limit`` (40, at
  most 80) and a ``Link`` header, as Mastodon pages them.
- ``GET /api/v2/notifications/policy``: what the town's notification filters keep out of
  the list (``notification_policy``; filtered mentions only with ``include_filtered``).
- ``GET /api/v1/statuses/:id`` and ``/context``: a status and its thread (404 once deleted);
  ``GET /api/v1/statuses?id[]=...``: up to 20 at once (Mastodon 4.3), the deleted left out.
- ``POST /api/v1/statuses``: a status, with ``in_reply_to_id``, ``visibility``,
  ``media_ids[]`` and an ``Idempotency-Key`` (the same key gives back the same status).
  A text over 500 characters, counted as Mastodon counts (core/channel_text.py), is
  refused with Mastodon's 422.
- ``POST /api/v2/media`` (and v1): a photo; the file is served back at its ``url``.

Every API answer carries ``X-RateLimit-Limit``/``-Remaining``/``-Reset`` (an ISO 8601 time)
for the access token's window (300 requests in 5 minutes, as Mastodon's default); past it,
429. Tokens can be expired or revoked (401 with Mastodon's messages).
"""

from __future__ import annotations

import email.parser
import email.policy
import html
import itertools
import json
import logging
import queue
import re
import secrets
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from jundesk.core.channel_text import MASTODON, reply_length, reply_limit
from jundesk.xserver.serving import ServedLocally, TrackedHandler, TrackedHTTPServer

log = logging.getLogger(__name__)

DEFAULT_LIMIT = 40
MAX_LIMIT = 80
MAX_CHARS = reply_limit(MASTODON)
MAX_MEDIA = 4
MAX_STATUSES = 20  # asked at once through GET /api/v1/statuses
MAX_PHOTO_BYTES = 16 * 1024 * 1024  # Mastodon's default image limit
RATE_LIMIT = 300
RATE_WINDOW = 300.0
VISIBILITIES = ("public", "unlisted", "private", "direct")
TOKEN_MESSAGES = {
    "expired": "The access token expired",
    "revoked": "The access token was revoked",
    "invalid": "The access token is invalid",
}
FAULT_KINDS = frozenset(
    {
        "server_error",  # `status` with Mastodon's error body
        "rate_limit",  # the window is spent until `seconds` from now: 429 until then
        "slow",  # waits `seconds`, then answers normally
        "timeout",  # reads the request, says nothing for `seconds`, closes the connection
        "disconnect",  # closes the connection at once
        "lost",  # does what was asked, then says nothing for `seconds` and closes
        "not_json",  # 200 with a proxy's HTML page instead of JSON
        "truncated",  # Content-Length of the whole body, half of it sent, connection closed
        "wrong_shape",  # valid JSON of the wrong kind (an object where a list belongs)
        "bad_items",  # a list whose items include garbage beside the real ones
    }
)
_URL = re.compile(r"https?://[^\s<>\"]+[^\s<>\".,;:!?)\]]")
_MENTION = re.compile(r"(?<![\w@/])@([A-Za-z0-9_]+)(?:@([A-Za-z0-9.-]+\.[A-Za-z]+))?")
_PHOTO_MAGIC = (
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"GIF8", "image/gif", "gif"),
)


@dataclass
class Fault:
    kind: str
    path: str = ""  # a path prefix; "" matches every API request
    method: str = ""
    times: int = 1
    status: int = 503
    seconds: float = 1.0

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault {self.kind!r}; one of {sorted(FAULT_KINDS)}")

    def matches(self, method: str, path: str) -> bool:
        return (not self.method or self.method == method) and path.startswith(self.path)


@dataclass
class _Account:
    id: str
    username: str
    domain: str  # "" for an account of this server
    display_name: str
    created_at: datetime

    @property
    def acct(self) -> str:
        return f"{self.username}@{self.domain}" if self.domain else self.username


@dataclass
class _Status:
    id: str
    account: _Account
    text: str
    content: str
    visibility: str
    created_at: datetime
    in_reply_to_id: str = ""
    in_reply_to_account_id: str = ""
    mentions: list[_Account] = field(default_factory=list)
    media: list[str] = field(default_factory=list)
    language: str = "es"
    spoiler_text: str = ""
    deleted: bool = False


@dataclass
class _Media:
    id: str
    data: bytes
    mime: str
    ext: str
    description: str = ""
    attached: bool = False


@dataclass
class _Answer:
    status: int
    body: bytes
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    hang: float | None = None  # say nothing for this long, then close
    drop: bool = False
    send_bytes: int | None = None  # send only this much of the body, then close


class MastodonServer(ServedLocally):
    """A town's Mastodon server on 127.0.0.1 (port 0: a free one)."""

    def __init__(
        self,
        *,
        town_handle: str = "AytoJun",
        domain: str = "jun.social",
        port: int = 0,
        rate_limit: int = RATE_LIMIT,
        rate_window: float = RATE_WINDOW,
        clock: Callable[[], float] = time.time,
        multiple_statuses: bool = True,
        streaming: bool = True,
        heartbeat: float = 10.0,
    ) -> None:
        self.town_handle = town_handle
        # GET /api/v1/streaming/user (server-sent events); False plays a server or a proxy
        # without it (404). `heartbeat`: seconds between the stream's comment lines.
        self.streaming = streaming
        self.heartbeat = heartbeat
        self._streams: list[queue.Queue[bytes | None]] = []
        # Mastodon 4.3's GET /api/v1/statuses?id[]=...; False plays an older server.
        self.multiple_statuses = multiple_statuses
        self.domain = domain
        self._port = port
        self._clock = clock
        self._lock = threading.RLock()
        self._token = "mastodon-town-" + secrets.token_urlsafe(16)
        self._token_state = "ok"
        self._account_ids = itertools.count(109_000_000_000_000_001)
        self._notification_ids = itertools.count(1001)
        self._media_ids = itertools.count(110_000_000_000_000_001)
        self._last_status_id = 0
        self._accounts: dict[str, _Account] = {}  # acct (lowercase) -> account
        self._statuses: dict[str, _Status] = {}
        self._notifications: list[tuple[int, _Status, datetime]] = []  # (id, status, at)
        self._media: dict[str, _Media] = {}
        self._idempotent: dict[str, str] = {}  # Idempotency-Key -> status id
        self._replies: list[dict[str, Any]] = []
        self._faults: list[Fault] = []
        self._rate_limit = rate_limit
        self._rate_window = rate_window
        self._rate_remaining = rate_limit
        self._rate_reset = 0.0
        self.requests: Counter[str] = Counter()  # "GET /api/v1/notifications" -> count
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self.town = self._account(town_handle, "Ayuntamiento de Jun")
        # What the town's notification settings do with mentions ("accept", "filter" or
        # "drop", as Mastodon 4.3's policy says): accepted, as the README asks of a town.
        self.notification_policy: dict[str, str] = dict.fromkeys(
            (
                "for_not_following",
                "for_not_followers",
                "for_new_accounts",
                "for_private_mentions",
                "for_limited_accounts",
            ),
            "accept",
        )

    # -- lifecycle ------------------------------------------------------------------------

    _thread_name = "mastodon-server"

    def _make_httpd(self) -> _HTTPServer:
        httpd = _HTTPServer(("127.0.0.1", self._port), _Handler)
        httpd.mastodon = self
        return httpd

    def _wake_waiters(self) -> None:
        self.drop_streams()

    def settings(self) -> dict[str, str]:
        """The channel's plain settings that reach this server."""
        return {"api_base_url": self.base_url}

    def secrets(self) -> dict[str, str]:
        """The channel's secrets for this server: its own made-up access token."""
        return {"access_token": self._token}

    # -- the town's life ------------------------------------------------------------------

    def add_citizen_post(
        self,
        handle: str,
        name: str,
        text: str,
        *,
        photo: bytes | None = None,
        location: tuple[float, float] | None = None,
        private: bool = False,
        in_reply_to: str = "",
        visibility: str = "",
        content_html: str | None = None,
        language: str = "es",
        spoiler_text: str = "",
    ) -> str:
        """A citizen's status mentioning the town (the mention is added when the text has
        none); `private` makes it a direct mention. `handle` may be "ana" (this server) or
        "ana@other.example". A location is shared as Mastodon users do, as a map link.
        `content_html` replaces the HTML Mastodon would render (a hostile or odd server).
        Returns the status id."""
        with self._lock:
            account = self._account(handle, name)
            if not re.search(rf"@{re.escape(self.town_handle)}\b", text, re.IGNORECASE):
                text = f"@{self.town_handle} {text}"
            if location is not None:
                lat, lon = location
                text += f" https://www.openstreetmap.org/?mlat={lat:.5f}&mlon={lon:.5f}#map=18"
            media = [self._store_media(photo, "")] if photo else []
            status = self._new_status(
                account,
                text,
                visibility or ("direct" if private else "public"),
                in_reply_to=in_reply_to,
                media=media,
                language=language,
                spoiler_text=spoiler_text,
            )
            if content_html is not None:
                status.content = content_html
            return status.id

    def add_town_post(self, text: str, *, in_reply_to: str = "", visibility: str = "public") -> str:
        """A status of the town account written elsewhere (the phone app): no notification."""
        with self._lock:
            return self._new_status(self.town, text, visibility, in_reply_to=in_reply_to).id

    def delete_post(self, source_id: str) -> None:
        """The author deletes the status: it answers 404 from now on."""
        with self._lock:
            self._statuses[source_id].deleted = True

    def replies_created(self) -> list[dict[str, Any]]:
        """What the town published through the API, in order: id, text, in_reply_to_id,
        visibility, media_ids."""
        with self._lock:
            return [dict(r) for r in self._replies]

    def status_json(self, status_id: str) -> dict[str, Any]:
        """A status as the API shows it (deleted ones too), for tests."""
        with self._lock:
            return self._status_json(self._statuses[status_id])

    def media_bytes(self, media_id: str) -> bytes | None:
        with self._lock:
            media = self._media.get(media_id)
            return media.data if media else None

    def mention_count(self) -> int:
        with self._lock:
            return len(self._notifications)

    # -- faults ---------------------------------------------------------------------------

    def inject(self, fault: Fault) -> None:
        with self._lock:
            self._faults.append(fault)

    def fail_next(self, n: int = 1, status: int = 503, *, path: str = "") -> None:
        """The next `n` API requests (under `path`) answer `status`."""
        self.inject(Fault("server_error", path=path, times=n, status=status))

    def rate_limit(self, reset_in: float = 60.0, *, path: str = "") -> None:
        """The token's window is spent until `reset_in` s from now (from the next request
        under `path`)."""
        self.inject(Fault("rate_limit", path=path, seconds=reset_in))

    def set_rate_limit(self, limit: int, window: float | None = None) -> None:
        with self._lock:
            self._rate_limit = self._rate_remaining = limit
            self._rate_window = window or self._rate_window
            self._rate_reset = 0.0

    def slow_next(self, seconds: float, n: int = 1, *, path: str = "") -> None:
        self.inject(Fault("slow", path=path, times=n, seconds=seconds))

    def timeout_next(self, seconds: float, n: int = 1, *, path: str = "") -> None:
        self.inject(Fault("timeout", path=path, times=n, seconds=seconds))

    def lose_next_answer(self, seconds: float, n: int = 1, *, path: str = "") -> None:
        """The next `n` requests are carried out, but their answer never comes."""
        self.inject(Fault("lost", path=path, times=n, seconds=seconds))

    def malformed_next(self, kind: str = "not_json", n: int = 1, *, path: str = "") -> None:
        """`kind`: not_json, truncated, wrong_shape, bad_items or disconnect."""
        self.inject(Fault(kind, path=path, times=n))

    def drop_streams(self) -> None:
        """Cut every open stream (a proxy's idle timeout, a restart of the streaming
        server): the connection ends without the stream's closing chunk."""
        with self._lock:
            for stream in self._streams:
                stream.put(None)

    def stream_count(self) -> int:
        """Streams open now."""
        with self._lock:
            return len(self._streams)

    def expire_token(self) -> None:
        self._token_state = "expired"

    def revoke_token(self) -> None:
        self._token_state = "revoked"

    def restore_token(self) -> None:
        self._token_state = "ok"

    # -- the model ------------------------------------------------------------------------

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self._clock(), UTC)

    def _account(self, handle: str, name: str = "") -> _Account:
        handle = handle.lstrip("@")
        username, _, domain = handle.partition("@")
        if domain.lower() == self.domain.lower():
            domain = ""
        key = (f"{username}@{domain}" if domain else username).lower()
        account = self._accounts.get(key)
        if account is None:
            account = _Account(
                str(next(self._account_ids)), username, domain, name or username, self._now()
            )
            self._accounts[key] = account
        return account

    def _status_id(self) -> str:
        # Mastodon's ids: milliseconds since the epoch, shifted, and a sequence below.
        candidate = int(self._clock() * 1000) << 16
        self._last_status_id = max(candidate, self._last_status_id + 1)
        return str(self._last_status_id)

    def _new_status(
        self,
        account: _Account,
        text: str,
        visibility: str,
        *,
        in_reply_to: str = "",
        media: list[str] | None = None,
        language: str = "es",
        spoiler_text: str = "",
    ) -> _Status:
        parent = self._statuses.get(in_reply_to) if in_reply_to else None
        mentions: list[_Account] = []
        for match in _MENTION.finditer(text):
            known = self._accounts.get(
                (f"{match.group(1)}@{match.group(2)}" if match.group(2) else match.group(1)).lower()
            )
            if known is None and match.group(2) and match.group(2).lower() == self.domain:
                known = self._accounts.get(match.group(1).lower())
            if known is not None and known not in mentions and known is not account:
                mentions.append(known)
        now = self._now()
        status = _Status(
            id=self._status_id(),
            account=account,
            text=text,
            content=self._render(text),
            visibility=visibility,
            created_at=now,
            in_reply_to_id=parent.id if parent else "",
            in_reply_to_account_id=parent.account.id if parent else "",
            mentions=mentions,
            media=list(media or ()),
            language=language,
            spoiler_text=spoiler_text,
        )
        for media_id in status.media:
            self._media[media_id].attached = True
        self._statuses[status.id] = status
        if account is not self.town and self.town in mentions:
            nid = next(self._notification_ids)
            self._notifications.append((nid, status, now))
            if self._streams:
                data = json.dumps(self._notification_json(nid, status, now), ensure_ascii=False)
                event = f"event: notification\ndata: {data}\n\n".encode()
                for stream in self._streams:
                    stream.put(event)
        return status

    def _serve_stream(self, handler: _Handler, path: str, headers: dict[str, str]) -> None:
        """GET /api/v1/streaming/user: server-sent events, chunked, as Mastodon sends them
        (a notification event per mention of the town, a heartbeat comment otherwise)."""
        with self._lock:
            self.requests[f"GET {path}"] += 1
        fault = self._take_stream_fault()
        own = headers.get("authorization", "") == f"Bearer {self._token}"
        if not own or self._token_state != "ok":
            handler.answer(_error(401, TOKEN_MESSAGES[self._token_state if own else "invalid"]))
            return
        if not self.streaming or path not in ("/api/v1/streaming/user", "/api/v1/streaming/user/"):
            handler.answer(_error(404, "Not found"))
            return
        if fault is not None:
            handler.answer(_error(fault.status, "Something went wrong on our end"))
            return
        events: queue.Queue[bytes | None] = queue.Queue()
        with self._lock:
            self._streams.append(events)
        try:
            handler.send_response(200)
            handler.send_header("Content-Type", "text/event-stream")
            handler.send_header("Cache-Control", "no-store")
            handler.send_header("Transfer-Encoding", "chunked")
            handler.end_headers()
            handler.chunk(b":)\n")
            while not self._stopping.is_set():
                try:
                    event = events.get(timeout=self.heartbeat)
                except queue.Empty:
                    event = b":thump\n"
                if event is None:
                    break  # dropped: no closing chunk
                handler.chunk(event)
        except OSError:
            pass  # the client went away
        finally:
            with self._lock:
                self._streams.remove(events)
            handler.close_connection = True

    def _take_stream_fault(self) -> Fault | None:
        """Only faults aimed at the streaming path reach the stream (`fail_next(path=
        "/api/v1/streaming")`): the others are for the REST API's requests."""
        with self._lock:
            for fault in self._faults:
                if fault.path.startswith("/api/v1/streaming") and fault.kind == "server_error":
                    fault.times -= 1
                    if fault.times <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def _render(self, text: str) -> str:
        """Text as Mastodon renders it: paragraphs, <br />, links with invisible parts,
        mentions as h-cards; everything else escaped."""

        def inline(line: str) -> str:
            out: list[str] = []
            pos = 0
            tokens = sorted(
                [(m.start(), m.end(), "url", m) for m in _URL.finditer(line)]
                + [(m.start(), m.end(), "mention", m) for m in _MENTION.finditer(line)]
            )
            for start, end, kind, match in tokens:
                if start < pos:
                    continue
                out.append(html.escape(line[pos:start]))
                if kind == "url":
                    url = match.group(0)
                    scheme, _, rest = url.partition("://")
                    shown, hidden = rest[:30], rest[30:]
                    out.append(
                        f'<a href="{html.escape(url)}" target="_blank" rel="nofollow noopener" '
                        f'translate="no"><span class="invisible">{html.escape(scheme)}://</span>'
                        f'<span class="{"ellipsis" if hidden else ""}">{html.escape(shown)}</span>'
                        f'<span class="invisible">{html.escape(hidden)}</span></a>'
                    )
                else:
                    user, domain = match.group(1), match.group(2) or ""
                    host = domain or self.domain
                    out.append(
                        f'<span class="h-card" translate="no"><a href="https://{html.escape(host)}'
                        f'/@{html.escape(user)}" class="u-url mention">@<span>'
                        f"{html.escape(user)}</span></a></span>"
                    )
                pos = end
            out.append(html.escape(line[pos:]))
            return "".join(out)

        paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
        return "".join(
            "<p>" + "<br />".join(inline(line) for line in p.split("\n")) + "</p>"
            for p in paragraphs
        )

    def _store_media(self, data: bytes, description: str) -> str:
        kind = next(
            ((mime, ext) for magic, mime, ext in _PHOTO_MAGIC if data.startswith(magic)), None
        )
        mime, ext = kind or ("application/octet-stream", "bin")
        media = _Media(str(next(self._media_ids)), data, mime, ext, description)
        self._media[media.id] = media
        return media.id

    def _filtered(self, status: _Status) -> bool:
        """Whether the town's notification policy keeps this mention out of the list: the
        town follows nobody here, so "not following" takes every citizen; "new accounts"
        every account created in the last 30 days."""
        policy = self.notification_policy
        if status.visibility == "direct" and policy["for_private_mentions"] != "accept":
            return True
        if policy["for_not_following"] != "accept" or policy["for_not_followers"] != "accept":
            return True
        new = (self._now() - status.account.created_at).days < 30
        return new and policy["for_new_accounts"] != "accept"

    def _policy_json(self) -> dict[str, Any]:
        filtered = sum(1 for _, s, _ in self._notifications if self._filtered(s))
        return {
            **self.notification_policy,
            "summary": {
                "pending_requests_count": filtered,
                "pending_notifications_count": filtered,
            },
        }

    def _visible(self, status: _Status) -> bool:
        if status.deleted:
            return False
        if status.visibility in ("public", "unlisted") or status.account is self.town:
            return True
        return self.town in status.mentions  # private and direct: only the mentioned see it

    # -- JSON as Mastodon writes it -------------------------------------------------------

    def _account_json(self, account: _Account) -> dict[str, Any]:
        host = account.domain or self.domain
        url = f"https://{host}/@{account.username}"
        avatar = f"https://{self.domain}/avatars/original/missing.png"
        return {
            "id": account.id,
            "username": account.username,
            "acct": account.acct,
            "display_name": account.display_name,
            "locked": False,
            "bot": False,
            "discoverable": True,
            "indexable": False,
            "group": False,
            "created_at": _midnight(account.created_at),
            "note": "",
            "url": url,
            "uri": f"https://{host}/users/{account.username}",
            "avatar": avatar,
            "avatar_static": avatar,
            "avatar_description": "",
            "header": f"https://{self.domain}/headers/original/missing.png",
            "header_static": f"https://{self.domain}/headers/original/missing.png",
            "header_description": "",
            "followers_count": 0,
            "following_count": 0,
            "statuses_count": 0,
            "last_status_at": None,
            "hide_collections": False,
            "noindex": False,
            "emojis": [],
            "roles": [],
            "fields": [],
            "show_media": True,
            "show_media_replies": True,
            "show_featured": True,
            "feature_approval": {"automatic": [], "manual": [], "current_user": "missing"},
        }

    def _media_json(self, media: _Media) -> dict[str, Any]:
        url = f"{self.base_url}/system/media_attachments/files/{media.id}/original.{media.ext}"
        return {
            "id": media.id,
            "type": "image" if media.mime.startswith("image/") else "unknown",
            "url": url,
            "preview_url": url,
            "remote_url": None,
            "preview_remote_url": None,
            "text_url": None,
            "meta": {"original": {"size": f"{len(media.data)}B"}},
            "description": media.description or None,
            "blurhash": "UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH",
        }

    def _status_json(self, status: _Status) -> dict[str, Any]:
        host = status.account.domain or self.domain
        return {
            "id": status.id,
            "created_at": _iso(status.created_at),
            "in_reply_to_id": status.in_reply_to_id or None,
            "in_reply_to_account_id": status.in_reply_to_account_id or None,
            "sensitive": bool(status.spoiler_text),
            "spoiler_text": status.spoiler_text,
            "visibility": status.visibility,
            "language": status.language or None,
            "uri": f"https://{host}/users/{status.account.username}/statuses/{status.id}",
            "url": f"https://{host}/@{status.account.username}/{status.id}",
            "replies_count": 0,
            "reblogs_count": 0,
            "favourites_count": 0,
            "quotes_count": 0,
            "edited_at": None,
            "content": status.content,
            "reblog": None,
            "application": None,
            "account": self._account_json(status.account),
            "media_attachments": [self._media_json(self._media[m]) for m in status.media],
            "mentions": [
                {
                    "id": a.id,
                    "username": a.username,
                    "url": f"https://{a.domain or self.domain}/@{a.username}",
                    "acct": a.acct,
                }
                for a in status.mentions
            ],
            "tags": [],
            "tagged_collections": [],
            "emojis": [],
            "card": None,
            "poll": None,
            "quote": None,
        }

    def _notification_json(self, nid: int, status: _Status, at: datetime) -> dict[str, Any]:
        return {
            "id": str(nid),
            "type": "mention",
            "group_key": f"ungrouped-{nid}",
            "created_at": _iso(at),
            "account": self._account_json(status.account),
            "status": self._status_json(status),
        }

    # -- requests -------------------------------------------------------------------------

    def _dispatch(self, method: str, target: str, headers: dict[str, str], body: bytes) -> _Answer:
        parts = urlsplit(target)
        path = parts.path
        query = parse_qs(parts.query, keep_blank_values=True)
        with self._lock:
            self.requests[f"{method} {path}"] += 1
        if method == "GET" and path.startswith("/system/media_attachments/files/"):
            return self._media_file(path)
        if not path.startswith("/api/"):
            return _error(404, "Not found")
        auth = headers.get("authorization", "")
        if auth != f"Bearer {self._token}" or self._token_state != "ok":
            state = self._token_state if auth == f"Bearer {self._token}" else "invalid"
            answer = _error(401, TOKEN_MESSAGES[state])
            answer.headers["WWW-Authenticate"] = (
                f'Bearer realm="Doorkeeper", error="invalid_token", '
                f'error_description="{TOKEN_MESSAGES[state]}"'
            )
            return answer
        fault = self._take_fault(method, path)
        if fault is not None and fault.kind == "rate_limit":
            with self._lock:
                self._rate_remaining = 0
                self._rate_reset = self._clock() + fault.seconds
            fault = None
        allowed, rate_headers = self._count_rate()
        if not allowed:
            answer = _error(429, "Too many requests")
            answer.headers.update(rate_headers)
            return answer
        if fault is not None:
            if fault.kind == "server_error":
                answer = _error(fault.status, "Something went wrong on our end")
                answer.headers.update(rate_headers)
                return answer
            if fault.kind == "timeout":
                return _Answer(0, b"", hang=fault.seconds)
            if fault.kind == "disconnect":
                return _Answer(0, b"", drop=True)
            if fault.kind == "not_json":
                page = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
                return _Answer(200, page, "text/html", dict(rate_headers))
            if fault.kind == "slow":
                self._stopping.wait(fault.seconds)
        try:
            status, payload, extra = self._handle(method, path, query, headers, body)
        except _APIError as exc:
            answer = _error(exc.status, exc.message)
            answer.headers.update(rate_headers)
            return answer
        if fault is not None and status == 200:
            payload = _spoil(payload, fault.kind)
        data = json.dumps(payload, ensure_ascii=False).encode()
        answer = _Answer(status, data, headers={**rate_headers, **extra})
        if fault is not None and fault.kind == "lost":
            return _Answer(0, b"", hang=fault.seconds)
        if fault is not None and fault.kind == "truncated":
            answer.send_bytes = max(1, len(data) // 2)
        return answer

    def _take_fault(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    fault.times -= 1
                    if fault.times <= 0:
                        self._faults.remove(fault)
                    return fault
        return None

    def _count_rate(self) -> tuple[bool, dict[str, str]]:
        with self._lock:
            now = self._clock()
            if now >= self._rate_reset:
                self._rate_remaining = self._rate_limit
                self._rate_reset = now + self._rate_window
            allowed = self._rate_remaining > 0
            if allowed:
                self._rate_remaining -= 1
            reset = datetime.fromtimestamp(self._rate_reset, UTC)
            return allowed, {
                "X-RateLimit-Limit": str(self._rate_limit),
                "X-RateLimit-Remaining": str(self._rate_remaining),
                "X-RateLimit-Reset": reset.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            }

    def _handle(
        self,
        method: str,
        path: str,
        query: dict[str, list[str]],
        headers: dict[str, str],
        body: bytes,
    ) -> tuple[int, Any, dict[str, str]]:
        with self._lock:
            if method == "GET" and path == "/api/v1/accounts/verify_credentials":
                account = self._account_json(self.town)
                account["source"] = {"privacy": "public", "sensitive": False, "note": ""}
                return 200, account, {}
            if method == "GET" and path == "/api/v2/notifications/policy":
                return 200, self._policy_json(), {}
            if method == "GET" and path == "/api/v1/notifications":
                return self._notifications_page(path, query)
            if method == "GET" and path == "/api/v1/statuses" and self.multiple_statuses:
                # Mastodon 4.3+: several statuses at once; the ones not there are left out.
                ids = (query.get("id[]") or query.get("id") or [])[:MAX_STATUSES]
                shown = [self._statuses.get(i) for i in dict.fromkeys(ids)]
                return 200, [self._status_json(t) for t in shown if t and self._visible(t)], {}
            match = re.fullmatch(r"/api/v1/statuses/(\d+)(/context)?", path)
            if method == "GET" and match:
                status = self._statuses.get(match.group(1))
                if status is None or not self._visible(status):
                    raise _APIError(404, "Record not found")
                if match.group(2):
                    return 200, self._context(status), {}
                return 200, self._status_json(status), {}
            if method == "POST" and path == "/api/v1/statuses":
                return self._post_status(_fields(headers, body), headers)
            if method == "POST" and path in ("/api/v1/media", "/api/v2/media"):
                return self._upload(headers, body)
        raise _APIError(404, "Not found")

    def _notifications_page(
        self, path: str, query: dict[str, list[str]]
    ) -> tuple[int, Any, dict[str, str]]:
        def number(name: str) -> int | None:
            value = (query.get(name) or [""])[0]
            if not value:
                return None
            if not value.isdigit():
                raise _APIError(422, f"Invalid {name}")
            return int(value)

        include_filtered = (query.get("include_filtered") or ["false"])[0] in ("true", "1")
        types = set(query.get("types[]", []) or query.get("types", []))
        excluded = set(query.get("exclude_types[]", []) or query.get("exclude_types", []))
        limit = number("limit") or DEFAULT_LIMIT
        limit = max(1, min(MAX_LIMIT, limit))
        since, until, above = number("since_id"), number("max_id"), number("min_id")
        chosen = [
            n
            for n in self._notifications
            if (not types or "mention" in types)
            and "mention" not in excluded
            and not n[1].deleted
            and (include_filtered or not self._filtered(n[1]))
            and (since is None or n[0] > since)
            and (until is None or n[0] < until)
            and (above is None or n[0] > above)
        ]
        # min_id pages upwards from it; otherwise the newest first.
        chosen = chosen[:limit] if above is not None else chosen[-limit:]
        chosen.reverse()
        page = [self._notification_json(*n) for n in chosen]
        extra: dict[str, str] = {}
        if chosen:
            kept = {k: v for k, v in query.items() if k in ("types[]", "exclude_types[]", "limit")}
            base = f"{self.base_url}{path}?"
            older = urlencode({**kept, "max_id": str(chosen[-1][0])}, doseq=True)
            newer = urlencode({**kept, "min_id": str(chosen[0][0])}, doseq=True)
            extra["Link"] = f'<{base}{older}>; rel="next", <{base}{newer}>; rel="prev"'
        return 200, page, extra

    def _context(self, status: _Status) -> dict[str, Any]:
        ancestors: list[_Status] = []
        parent = self._statuses.get(status.in_reply_to_id)
        while parent is not None and parent not in ancestors:
            if self._visible(parent):
                ancestors.append(parent)
            parent = self._statuses.get(parent.in_reply_to_id)
        ancestors.reverse()
        descendants: list[_Status] = []
        frontier = [status.id]
        while frontier:
            children = [
                s
                for s in self._statuses.values()
                if s.in_reply_to_id in frontier and self._visible(s)
            ]
            descendants += children
            frontier = [s.id for s in children]
        return {
            "ancestors": [self._status_json(s) for s in ancestors],
            "descendants": [self._status_json(s) for s in descendants],
        }

    def _post_status(
        self, fields: dict[str, list[str]], headers: dict[str, str]
    ) -> tuple[int, Any, dict[str, str]]:
        key = headers.get("idempotency-key", "")
        if key and key in self._idempotent:
            return 200, self._status_json(self._statuses[self._idempotent[key]]), {}
        text = (fields.get("status") or [""])[0]
        media_ids = fields.get("media_ids[]", []) or fields.get("media_ids", [])
        visibility = (fields.get("visibility") or ["public"])[0]
        in_reply_to = (fields.get("in_reply_to_id") or [""])[0]
        if visibility not in VISIBILITIES:
            raise _APIError(422, "Validation failed: Visibility is not included in the list")
        if not text.strip() and not media_ids:
            raise _APIError(422, "Validation failed: Text can't be blank")
        if reply_length(MASTODON, text) > MAX_CHARS:
            raise _APIError(422, f"Validation failed: Text character limit of {MAX_CHARS} exceeded")
        if len(media_ids) > MAX_MEDIA:
            raise _APIError(422, "Validation failed: Cannot attach more than 4 files")
        for media_id in media_ids:
            media = self._media.get(media_id)
            if media is None or media.attached:
                raise _APIError(422, "Validation failed: Media attachments is invalid")
        if in_reply_to:
            parent = self._statuses.get(in_reply_to)
            if parent is None or not self._visible(parent):
                raise _APIError(
                    404, "The post you are trying to reply to does not appear to exist."
                )
        status = self._new_status(
            self.town,
            text,
            visibility,
            in_reply_to=in_reply_to,
            media=media_ids,
            spoiler_text=(fields.get("spoiler_text") or [""])[0],
            language=(fields.get("language") or ["es"])[0],
        )
        if key:
            self._idempotent[key] = status.id
        self._replies.append(
            {
                "id": status.id,
                "text": text,
                "in_reply_to_id": status.in_reply_to_id,
                "visibility": visibility,
                "media_ids": list(media_ids),
            }
        )
        return 200, self._status_json(status), {}

    def _upload(self, headers: dict[str, str], body: bytes) -> tuple[int, Any, dict[str, str]]:
        parts = _multipart(headers.get("content-type", ""), body)
        if "file" not in parts:
            raise _APIError(422, "Validation failed: File can't be blank")
        data = parts["file"]
        if len(data) > MAX_PHOTO_BYTES:
            raise _APIError(422, "Validation failed: File file size must be less than 16 MB")
        if not any(data.startswith(magic) for magic, _, _ in _PHOTO_MAGIC):
            raise _APIError(
                422,
                "Validation failed: File has contents that are not what they are reported to be",
            )
        description = parts.get("description", b"").decode("utf-8", "replace")
        media_id = self._store_media(data, description)
        return 200, self._media_json(self._media[media_id]), {}

    def _media_file(self, path: str) -> _Answer:
        match = re.fullmatch(r"/system/media_attachments/files/(\d+)/original\.\w+", path)
        with self._lock:
            media = self._media.get(match.group(1)) if match else None
            if media is None:
                return _error(404, "Not found")
            return _Answer(200, media.data, media.mime)


class _APIError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _error(status: int, message: str) -> _Answer:
    return _Answer(status, json.dumps({"error": message}).encode())


def _iso(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"


def _midnight(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT00:00:00.000Z")


def _spoil(payload: Any, kind: str) -> Any:
    """The data faults: the right status, the wrong body."""
    if kind == "wrong_shape":
        return {"data": payload} if isinstance(payload, list) else [payload]
    if kind == "bad_items" and isinstance(payload, list):
        garbage: list[Any] = [
            "not a notification",
            {"id": "x", "type": "mention"},
            {"id": "9", "type": "mention", "status": {"id": None, "content": 7}},
        ]
        return garbage + payload
    return payload


def _fields(headers: dict[str, str], body: bytes) -> dict[str, list[str]]:
    """A POST's fields, from a form or a JSON body (lists under `name[]` as Rails reads them)."""
    content_type = headers.get("content-type", "")
    if content_type.startswith("application/json"):
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            raise _APIError(400, "Error occurred while parsing request parameters") from None
        if not isinstance(data, dict):
            raise _APIError(400, "Error occurred while parsing request parameters")
        return {
            (k + "[]" if isinstance(v, list) else k): [str(x) for x in v]
            if isinstance(v, list)
            else [str(v)]
            for k, v in data.items()
            if v is not None
        }
    if content_type.startswith("multipart/form-data"):
        return {
            k: [v.decode("utf-8", "replace")] for k, v in _multipart(content_type, body).items()
        }
    return parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)


def _multipart(content_type: str, body: bytes) -> dict[str, bytes]:
    if not content_type.startswith("multipart/form-data"):
        raise _APIError(422, "Validation failed: File can't be blank")
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode("latin-1") + body
    )
    fields: dict[str, bytes] = {}
    if not message.is_multipart():
        raise _APIError(400, "Error occurred while parsing request parameters")
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if isinstance(name, str):
            payload = part.get_payload(decode=True)
            fields[name] = payload if isinstance(payload, bytes) else b""
    return fields


# -- HTTP plumbing ---------------------------------------------------------------------------


class _HTTPServer(TrackedHTTPServer):
    mastodon: MastodonServer


class _Handler(TrackedHandler):
    server_version = "Mastodon"
    server: _HTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.address_string(), *args)

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    def _serve(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        server = self.server.mastodon
        headers = {k.lower(): v for k, v in self.headers.items()}
        path = urlsplit(self.path).path
        if method == "GET" and path.startswith("/api/v1/streaming"):
            server._serve_stream(self, path, headers)
            return
        self.answer(server._dispatch(method, self.path, headers, body))

    def answer(self, answer: _Answer) -> None:
        if answer.drop or answer.hang is not None:
            if answer.hang:
                self.server.mastodon._stopping.wait(answer.hang)
            self.close_connection = True
            return
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(answer.body)))
        for name, value in answer.headers.items():
            self.send_header(name, value)
        if answer.send_bytes is not None:
            self.send_header("Connection", "close")
        self.end_headers()
        if answer.send_bytes is not None:
            self.wfile.write(answer.body[: answer.send_bytes])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(answer.body)
