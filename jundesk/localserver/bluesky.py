"""A local Bluesky (atproto XRPC) server on 127.0.0.1 for JunDesk's tests and demo, with
fault injection. Nothing here talks to the real Bluesky.

It answers what the town's channel uses, with the shapes the `atproto` SDK's models read:
createSession / refreshSession (JWT-shaped tokens with `exp`, rotated refresh tokens),
listNotifications (newest first, opaque cursor, `reasons`), getPosts, createRecord (a post
of at most 300 graphemes, reply refs that point at real posts), uploadBlob, resolveHandle,
and the CDN's photo addresses. Every XRPC answer carries `ratelimit-*` headers; errors are
XRPC's `{"error", "message"}` bodies with the status the service uses.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import random
import secrets as token_source
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

from jundesk.core.channel_text import BLUESKY, reply_fits
from jundesk.xserver.faults import Fault, FaultQueue
from jundesk.xserver.media import image_type, placeholder_png
from jundesk.xserver.rate_limit import RateLimiter
from jundesk.xserver.serving import ServedLocally, TrackedHandler, TrackedHTTPServer

log = logging.getLogger(__name__)

XRPC = "/xrpc/"
CREATE_SESSION = "com.atproto.server.createSession"
REFRESH_SESSION = "com.atproto.server.refreshSession"
LIST_NOTIFICATIONS = "app.bsky.notification.listNotifications"
GET_POSTS = "app.bsky.feed.getPosts"
CREATE_RECORD = "com.atproto.repo.createRecord"
UPLOAD_BLOB = "com.atproto.repo.uploadBlob"
RESOLVE_HANDLE = "com.atproto.identity.resolveHandle"
IMAGES = "/img/feed_fullsize/plain/"
JSON = "application/json; charset=utf-8"
POST = "app.bsky.feed.post"
MAX_BLOB_BYTES = 1_000_000
ACCESS_TTL = 2 * 3600.0  # as Bluesky's PDS: two hours, then refreshSession
REFRESH_TTL = 90 * 86400.0
_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"


class XrpcError(Exception):
    """An XRPC error answer: status, error code, message."""

    def __init__(self, status: int, error: str, message: str) -> None:
        super().__init__(message)
        self.status, self.error, self.message = status, error, message


@dataclass
class _Account:
    did: str
    handle: str
    name: str


@dataclass
class _Post:
    uri: str
    cid: str
    author: _Account
    record: dict[str, Any]
    indexed_at: datetime


@dataclass
class _Notification:
    post: _Post
    reason: str
    reason_subject: str = ""


@dataclass
class _Reply:
    status: int
    body: bytes = b""
    content_type: str = JSON
    headers: dict[str, str] = field(default_factory=dict)
    hang: float | None = None
    drop: bool = False
    send_bytes: int | None = None


def _b32(data: bytes) -> str:
    return base64.b32encode(data).decode().lower().rstrip("=")


def make_cid(data: bytes) -> str:
    """A CIDv1-looking string (base32, "bafyrei..."): the hash of what it names."""
    return "bafyrei" + _b32(hashlib.sha256(data).digest())[:52]


def make_did(handle: str) -> str:
    return "did:plc:" + _b32(hashlib.sha256(handle.lower().encode()).digest())[:24]


def _iso(moment: datetime) -> str:
    return (
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )


def _jwt(claims: dict[str, Any]) -> str:
    def part(value: dict[str, Any]) -> str:
        raw = json.dumps(value, separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    signature = base64.urlsafe_b64encode(token_source.token_bytes(32)).rstrip(b"=").decode()
    return f"{part({'typ': 'at+jwt', 'alg': 'ES256K'})}.{part(claims)}.{signature}"


class BlueskyServer(ServedLocally):
    """The local Bluesky service: accounts, posts, notifications, sessions, faults.

    Thread-safe; `start()` serves on 127.0.0.1 (port 0: a free one). The town account logs
    in with its app password; citizens only post (`add_citizen_post`). Faults: `faults`
    (the local X server's queue: rate limits, 5xx, slow answers, timeouts, dropped or
    truncated or malformed bodies, unknown fields, notifications twice or shuffled, matched
    by path prefix such as
    "/xrpc/app.bsky.notification"), `fail_next`, `expire_sessions`, `revoke_sessions`,
    `revoke_app_password`.
    """

    app_password = "jund-esk1-loca-lpas"

    def __init__(
        self,
        *,
        port: int = 0,
        seed: int = 0,
        town_handle: str = "aytojun.bsky.social",
        town_name: str = "Ayuntamiento de Jun",
        rate_limit: int = 3000,
        rate_window: float = 300.0,
        login_limit: int = 30,
        access_ttl: float = ACCESS_TTL,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._port = port
        self._clock = clock
        self._lock = threading.RLock()
        self.town_handle = town_handle
        self.town = _Account(make_did(town_handle), town_handle, town_name)
        self.town_did = self.town.did
        self._accounts: dict[str, _Account] = {self.town.did: self.town}
        self._posts: dict[str, _Post] = {}
        self._notifications: list[_Notification] = []  # oldest first
        self._blobs: dict[str, tuple[bytes, str]] = {}
        self._created: list[dict[str, Any]] = []
        self._access: dict[str, float] = {}  # access token -> expiry (epoch s)
        self._refresh: dict[str, float] = {}
        self._password_revoked = False
        self._last_indexed = datetime(2000, 1, 1, tzinfo=UTC)
        self._tid_last = 0
        self.access_ttl = access_ttl
        self.faults = FaultQueue(seed)
        self._limiter = RateLimiter(rate_limit, rate_window, clock)
        self._limiter.set_limit(CREATE_SESSION, login_limit)
        self._rate_policy = f"{rate_limit};w={int(rate_window)}"
        self._requests: Counter[str] = Counter()
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------

    _thread_name = "blueskyserver"

    def _make_httpd(self) -> _HTTPServer:
        httpd = _HTTPServer(("127.0.0.1", self._port), _Handler)
        httpd.bsky = self
        return httpd

    def settings(self) -> dict[str, str]:
        """What open_channel takes to reach this server as the town account."""
        return {
            "handle": self.town_handle,
            "service": self.base_url,
            "media_base": self.base_url + IMAGES.rstrip("/"),
        }

    def secrets(self) -> dict[str, str]:
        return {"app_password": self.app_password}

    # -- what tests and the demo do ----------------------------------------------------

    def account(self, handle: str, name: str = "") -> _Account:
        handle = handle.lstrip("@").lower()
        if "." not in handle:
            handle += ".bsky.social"
        did = make_did(handle)
        with self._lock:
            account = self._accounts.get(did)
            if account is None:
                account = _Account(did, handle, name or handle.split(".")[0])
                self._accounts[did] = account
            return account

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
    ) -> str:
        """A citizen's post addressed to the town (a mention; a reply when it answers the
        town's post); its at-uri. Bluesky posts carry no location and are all public:
        `location` and `private` are taken and ignored."""
        author = self.account(handle, name)
        mention = f"@{self.town_handle}"
        facets: list[dict[str, Any]] = []
        parent = self._posts.get(in_reply_to) if in_reply_to else None
        if mention not in text and (parent is None or parent.author is not self.town):
            text = f"{mention} {text}"
        at = text.find(mention)
        if at >= 0:
            start = len(text[:at].encode())
            facets.append(
                {
                    "index": {"byteStart": start, "byteEnd": start + len(mention.encode())},
                    "features": [
                        {"$type": "app.bsky.richtext.facet#mention", "did": self.town.did}
                    ],
                }
            )
        record: dict[str, Any] = {"$type": POST, "text": text, "langs": ["es"]}
        if facets:
            record["facets"] = facets
        if photo is not None:
            blob = self._store_blob(photo, image_type(photo) or "image/jpeg")
            record["embed"] = {
                "$type": "app.bsky.embed.images",
                "images": [{"alt": "", "image": blob}],
            }
        return self.add_record(author, record, in_reply_to=in_reply_to)

    def add_record(
        self,
        author: _Account | str,
        record: dict[str, Any],
        *,
        in_reply_to: str = "",
        reason: str = "",
    ) -> str:
        """Any post record as a citizen's app would write it (facets, embeds, quotes), and
        the notification the town gets for it: `reason` or, left blank, "reply" when it
        answers the town, "quote" when it quotes the town, "mention" when it mentions it,
        none otherwise."""
        if isinstance(author, str):
            author = self.account(author)
        record = dict(record)
        record.setdefault("$type", POST)
        with self._lock:
            if in_reply_to:
                parent = self._posts.get(in_reply_to)
                if parent is None:
                    raise KeyError(f"no post {in_reply_to}")
                parent_reply = parent.record.get("reply")
                root = (
                    parent_reply["root"] if parent_reply else {"uri": parent.uri, "cid": parent.cid}
                )
                record["reply"] = {
                    "root": dict(root),
                    "parent": {"uri": parent.uri, "cid": parent.cid},
                }
            now = self._indexed_now()
            record.setdefault("createdAt", _iso(now))
            post = self._store_post(author, record, now)
            if not reason:
                reason = self._reason(post)
            if reason:
                subject = ""
                if reason in ("reply", "quote"):
                    subject = self._subject(post, reason)
                self._notifications.append(_Notification(post, reason, subject))
            return post.uri

    def add_quote(self, handle: str, text: str, quoted_uri: str) -> str:
        """A citizen quoting a post (the town's: a "quote" notification)."""
        quoted = self._posts[quoted_uri]
        record = {
            "$type": POST,
            "text": text,
            "embed": {
                "$type": "app.bsky.embed.record",
                "record": {"uri": quoted.uri, "cid": quoted.cid},
            },
        }
        return self.add_record(handle, record)

    def add_town_post(self, text: str) -> str:
        with self._lock:
            now = self._indexed_now()
            record = {"$type": POST, "text": text, "createdAt": _iso(now)}
            return self._store_post(self.town, record, now).uri

    def delete_post(self, source_id: str) -> None:
        """The author deletes the post: gone from getPosts, its notification withdrawn."""
        with self._lock:
            self._posts.pop(source_id, None)
            self._notifications = [n for n in self._notifications if n.post.uri != source_id]

    def replies_created(self) -> list[dict[str, Any]]:
        """The town's posts made through createRecord: uri, cid and the record."""
        with self._lock:
            return [dict(c) for c in self._created]

    def blob(self, cid: str) -> bytes | None:
        with self._lock:
            found = self._blobs.get(cid)
        return found[0] if found else None

    @property
    def requests(self) -> Counter[str]:
        """Requests per XRPC method (and "image" for photos)."""
        with self._lock:
            return Counter(self._requests)

    def notification_count(self) -> int:
        with self._lock:
            return len(self._notifications)

    def mention_uris(self) -> set[str]:
        """The posts the town is notified of (what intake must store once each)."""
        with self._lock:
            return {n.post.uri for n in self._notifications}

    # -- faults ------------------------------------------------------------------------

    def fail_next(self, n: int = 1, status: int = 503, endpoint: str | None = None) -> None:
        """The next `n` XRPC requests (to `endpoint`, an XRPC method, if given) fail."""
        self.faults.push(Fault.server_error(status, endpoint=_prefix(endpoint), times=n))

    def rate_limit_next(self, reset_in: float = 60.0, endpoint: str | None = None) -> None:
        """The endpoint's window is spent for `reset_in` seconds from the next request."""
        self.faults.push(Fault.rate_limit(reset_in, endpoint=_prefix(endpoint)))

    def expire_sessions(self) -> None:
        """Every access token in use is expired (refreshing still works)."""
        with self._lock:
            self._access = dict.fromkeys(self._access, 0.0)

    def revoke_sessions(self) -> None:
        """Every session is revoked (the account logs in again with its app password)."""
        with self._lock:
            self._access.clear()
            self._refresh.clear()

    def revoke_app_password(self) -> None:
        """The town revoked the app password on Bluesky: its sessions die, logins fail."""
        with self._lock:
            self._password_revoked = True
        self.revoke_sessions()

    def restore_app_password(self) -> None:
        with self._lock:
            self._password_revoked = False

    # -- the store -----------------------------------------------------------------------

    def _indexed_now(self) -> datetime:
        # Strictly increasing, by whole milliseconds as the service writes them.
        now = datetime.fromtimestamp(self._clock(), UTC)
        now = now.replace(microsecond=now.microsecond // 1000 * 1000)
        if now <= self._last_indexed:
            now = self._last_indexed + timedelta(milliseconds=1)
        self._last_indexed = now
        return now

    def _tid(self) -> str:
        micros = max(int(self._clock() * 1_000_000), self._tid_last + 1)
        self._tid_last = micros
        value = (micros << 10) | 7
        return "".join(_TID_ALPHABET[(value >> (60 - 5 * i)) & 31] for i in range(13))

    def _store_post(self, author: _Account, record: dict[str, Any], now: datetime) -> _Post:
        uri = f"at://{author.did}/{POST}/{self._tid()}"
        cid = make_cid(json.dumps(record, sort_keys=True).encode() + uri.encode())
        post = _Post(uri, cid, author, record, now)
        self._posts[uri] = post
        return post

    def _store_blob(self, data: bytes, mime: str) -> dict[str, Any]:
        cid = make_cid(data)
        with self._lock:
            self._blobs[cid] = (data, mime)
        return {"$type": "blob", "ref": {"$link": cid}, "mimeType": mime, "size": len(data)}

    def _reason(self, post: _Post) -> str:
        if post.author is self.town:
            return ""
        reply = post.record.get("reply")
        if isinstance(reply, dict):
            for ref in (reply.get("parent"), reply.get("root")):
                target = self._posts.get(ref.get("uri", "")) if isinstance(ref, dict) else None
                if target is not None and target.author is self.town:
                    return "reply"
        embed = post.record.get("embed")
        quoted = embed.get("record") if isinstance(embed, dict) else None
        if isinstance(quoted, dict) and "record" in quoted and isinstance(quoted["record"], dict):
            quoted = quoted["record"]
        if isinstance(quoted, dict) and str(quoted.get("uri", "")).startswith(
            f"at://{self.town.did}/"
        ):
            return "quote"
        for facet in post.record.get("facets") or []:
            for feature in facet.get("features") or [] if isinstance(facet, dict) else []:
                if isinstance(feature, dict) and feature.get("did") == self.town.did:
                    return "mention"
        if f"@{self.town_handle}" in str(post.record.get("text", "")):
            return "mention"
        return ""

    def _subject(self, post: _Post, reason: str) -> str:
        if reason == "reply":
            return str(post.record["reply"]["parent"]["uri"])
        embed = post.record.get("embed") or {}
        quoted = embed.get("record") or {}
        return str(quoted.get("record", quoted).get("uri", ""))

    # -- serving -----------------------------------------------------------------------

    def _dispatch(self, method: str, target: str, headers: Any, body: bytes) -> _Reply:
        split = urlsplit(target)
        path = split.path
        if method == "GET" and path.startswith(IMAGES):
            with self._lock:
                self._requests["image"] += 1
            cid = path.rsplit("/", 1)[-1].split("@", 1)[0]
            found = self._blobs.get(cid)
            if found is not None:
                return _Reply(200, found[0], content_type=found[1])
            return _Reply(200, placeholder_png(cid), content_type="image/png")
        if not path.startswith(XRPC):
            return self._error(XrpcError(404, "NotFound", "Not Found"), {})
        nsid = path[len(XRPC) :]
        with self._lock:
            self._requests[nsid] += 1
        fault = self.faults.take(method, path)
        if fault is not None and fault.kind == "timeout":
            return _Reply(0, hang=fault.seconds)
        if fault is not None and fault.kind == "disconnect":
            return _Reply(0, drop=True)
        if fault is not None and fault.kind == "slow":
            self._stopping.wait(fault.seconds)
        rate_headers: dict[str, str] = {}
        try:
            if fault is not None and fault.kind == "rate_limit":
                self._limiter.exhaust(nsid, fault.reset_in)
            allowed, x_headers = self._limiter.hit(nsid)
            rate_headers = {
                "ratelimit-limit": x_headers["x-rate-limit-limit"],
                "ratelimit-remaining": x_headers["x-rate-limit-remaining"],
                "ratelimit-reset": x_headers["x-rate-limit-reset"],
                "ratelimit-policy": self._rate_policy,
            }
            if not allowed:
                raise XrpcError(429, "RateLimitExceeded", "Rate Limit Exceeded")
            if fault is not None and fault.kind == "server_error":
                raise XrpcError(fault.status, "InternalServerError", "Internal Server Error")
            query = parse_qs(split.query, keep_blank_values=True)
            payload = self._handle(method, nsid, query, headers, body)
        except XrpcError as error:
            return self._error(error, rate_headers)
        except Exception:
            log.exception("local Bluesky server failed on %s %s", method, target)
            return self._error(
                XrpcError(500, "InternalServerError", "Internal Server Error"), rate_headers
            )
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        reply = _Reply(200, data, headers=rate_headers)
        kind = fault.kind if fault is not None else None
        if kind == "malformed":
            reply.body = data.replace(b'":', b'"', 1) if b'":' in data else b"{" + data
        elif kind == "empty_body":
            reply.body = b""
        elif kind == "truncated":
            half = max(1, len(data) // 2)
            if fault is not None and fault.full_length:
                reply.send_bytes = half
            else:
                reply.body = data[:half]
        elif kind == "unknown_fields":
            reply.body = json.dumps(_with_unknown_fields(payload)).encode()
        elif kind in ("duplicate", "out_of_order") and isinstance(
            payload.get("notifications"), list
        ):
            items = list(payload["notifications"])
            if kind == "duplicate":
                items = [item for item in items for _ in (0, 1)]
            else:
                random.Random(len(items)).shuffle(items)
            reply.body = json.dumps({**payload, "notifications": items}).encode()
        return reply

    def _error(self, error: XrpcError, headers: dict[str, str]) -> _Reply:
        body = json.dumps({"error": error.error, "message": error.message}).encode()
        return _Reply(error.status, body, headers=headers)

    def _handle(
        self, method: str, nsid: str, query: dict[str, list[str]], headers: Any, body: bytes
    ) -> dict[str, Any]:
        authorization = str(headers.get("Authorization") or "")
        token = authorization[len("Bearer ") :] if authorization.startswith("Bearer ") else ""
        if nsid == CREATE_SESSION and method == "POST":
            return self._create_session(_json_body(body))
        if nsid == REFRESH_SESSION and method == "POST":
            return self._refresh_session(token)
        if nsid == RESOLVE_HANDLE and method == "GET":
            return self._resolve_handle(query)
        handlers: dict[tuple[str, str], Callable[[], dict[str, Any]]] = {
            ("GET", LIST_NOTIFICATIONS): lambda: self._list_notifications(query),
            ("GET", GET_POSTS): lambda: self._get_posts(query),
            ("POST", CREATE_RECORD): lambda: self._create_record(_json_body(body)),
            ("POST", UPLOAD_BLOB): lambda: self._upload_blob(
                body, str(headers.get("Content-Type") or "")
            ),
        }
        handler = handlers.get((method, nsid))
        if handler is None:
            raise XrpcError(501, "MethodNotImplemented", f"Method Not Implemented: {nsid}")
        self._check_access(token)
        return handler()

    # -- sessions ----------------------------------------------------------------------

    def _session_body(self) -> dict[str, Any]:
        now = self._clock()
        access = _jwt(
            {
                "scope": "com.atproto.appPass",
                "sub": self.town.did,
                "iat": int(now),
                "exp": int(now + self.access_ttl),
                "aud": "did:web:localhost",
            }
        )
        refresh = _jwt(
            {
                "scope": "com.atproto.refresh",
                "sub": self.town.did,
                "iat": int(now),
                "exp": int(now + REFRESH_TTL),
                "jti": token_source.token_urlsafe(16),
                "aud": "did:web:localhost",
            }
        )
        self._access[access] = now + self.access_ttl
        self._refresh[refresh] = now + REFRESH_TTL
        return {
            "did": self.town.did,
            "handle": self.town.handle,
            "accessJwt": access,
            "refreshJwt": refresh,
            "active": True,
            "email": "ayuntamiento@jun.example",
            "emailConfirmed": True,
        }

    def _create_session(self, data: dict[str, Any]) -> dict[str, Any]:
        identifier = str(data.get("identifier") or "").lstrip("@").lower()
        password = data.get("password")
        with self._lock:
            known = identifier in (self.town.handle.lower(), self.town.did)
            if not known or password != self.app_password or self._password_revoked:
                raise XrpcError(401, "AuthenticationRequired", "Invalid identifier or password")
            return self._session_body()

    def _refresh_session(self, token: str) -> dict[str, Any]:
        with self._lock:
            expiry = self._refresh.pop(token, None)  # rotated: a refresh token serves once
            if expiry is None:
                raise XrpcError(400, "ExpiredToken", "Token has been revoked")
            if expiry < self._clock():
                raise XrpcError(400, "ExpiredToken", "Token has expired")
            return self._session_body()

    def _check_access(self, token: str) -> None:
        if not token:
            raise XrpcError(401, "AuthenticationRequired", "Authentication Required")
        with self._lock:
            expiry = self._access.get(token)
        if expiry is None:
            raise XrpcError(401, "InvalidToken", "Token could not be verified")
        if expiry < self._clock():
            raise XrpcError(400, "ExpiredToken", "Token has expired")

    # -- reading -----------------------------------------------------------------------

    def _resolve_handle(self, query: dict[str, list[str]]) -> dict[str, Any]:
        handle = (query.get("handle") or [""])[0].lower()
        with self._lock:
            found = next((a for a in self._accounts.values() if a.handle == handle), None)
        if found is None:
            raise XrpcError(400, "InvalidRequest", "Unable to resolve handle")
        return {"did": found.did}

    def _list_notifications(self, query: dict[str, list[str]]) -> dict[str, Any]:
        limit = _int_param(query, "limit", 50, 1, 100)
        reasons = set(query.get("reasons") or [])
        cursor = (query.get("cursor") or [""])[0]
        after = _decode_cursor(cursor) if cursor else None
        if cursor and after is None:
            raise XrpcError(400, "InvalidRequest", "Malformed cursor")
        with self._lock:
            items = []
            for note in reversed(self._notifications):
                key = (note.post.indexed_at, note.post.uri)
                if after is not None and key >= after:
                    continue
                if reasons and note.reason not in reasons:
                    continue
                items.append(note)
                if len(items) > limit:
                    break
            more = len(items) > limit
            items = items[:limit]
            body: dict[str, Any] = {
                "notifications": [self._notification_view(n) for n in items],
                "priority": False,
            }
        if more:
            last = items[-1].post
            body["cursor"] = _encode_cursor(last.indexed_at, last.uri)
        return body

    def _notification_view(self, note: _Notification) -> dict[str, Any]:
        view: dict[str, Any] = {
            "uri": note.post.uri,
            "cid": note.post.cid,
            "author": _profile(note.post.author),
            "reason": note.reason,
            "record": note.post.record,
            "isRead": False,
            "indexedAt": _iso(note.post.indexed_at),
            "labels": [],
        }
        if note.reason_subject:
            view["reasonSubject"] = note.reason_subject
        return view

    def _get_posts(self, query: dict[str, list[str]]) -> dict[str, Any]:
        uris = query.get("uris") or []
        if len(uris) > 25:
            raise XrpcError(400, "InvalidRequest", "uris must not have more than 25 elements")
        with self._lock:
            found = [self._posts[u] for u in uris if u in self._posts]
            return {"posts": [self._post_view(p) for p in found]}

    def _post_view(self, post: _Post) -> dict[str, Any]:
        view: dict[str, Any] = {
            "uri": post.uri,
            "cid": post.cid,
            "author": _profile(post.author),
            "record": post.record,
            "indexedAt": _iso(post.indexed_at),
            "replyCount": 0,
            "repostCount": 0,
            "likeCount": 0,
            "quoteCount": 0,
            "labels": [],
        }
        embed = post.record.get("embed")
        if isinstance(embed, dict) and embed.get("$type") == "app.bsky.embed.images":
            view["embed"] = {
                "$type": "app.bsky.embed.images#view",
                "images": [
                    {
                        "thumb": f"{self.base_url}{IMAGES}{post.author.did}/{cid}@jpeg",
                        "fullsize": f"{self.base_url}{IMAGES}{post.author.did}/{cid}@jpeg",
                        "alt": str(image.get("alt", "")),
                    }
                    for image in embed.get("images", [])
                    for cid in [str(image.get("image", {}).get("ref", {}).get("$link", ""))]
                ],
            }
        return view

    # -- writing -----------------------------------------------------------------------

    def _create_record(self, data: dict[str, Any]) -> dict[str, Any]:
        repo = str(data.get("repo") or "")
        collection = data.get("collection")
        record = data.get("record")
        if repo not in (self.town.did, self.town.handle):
            raise XrpcError(400, "InvalidRequest", "Invalid repo: not the session's account")
        if collection != POST or not isinstance(record, dict):
            raise XrpcError(400, "InvalidRequest", "Invalid collection or record")
        text = record.get("text")
        if not isinstance(text, str) or not isinstance(record.get("createdAt"), str):
            raise XrpcError(400, "InvalidRecord", "Record/text and Record/createdAt are required")
        if not reply_fits(BLUESKY, text):
            raise XrpcError(
                400,
                "InvalidRecord",
                "Invalid app.bsky.feed.post record: Record/text must not be longer than "
                "300 graphemes",
            )
        with self._lock:
            reply = record.get("reply")
            if reply is not None:
                for name in ("root", "parent"):
                    ref = reply.get(name) if isinstance(reply, dict) else None
                    if not isinstance(ref, dict):
                        raise XrpcError(400, "InvalidRequest", f"The reply has no {name}")
                    target = self._posts.get(str(ref.get("uri", "")))
                    if target is None or ref.get("cid") != target.cid:
                        raise XrpcError(
                            400, "InvalidRequest", f"Could not locate the reply's {name} record"
                        )
                parent = self._posts[reply["parent"]["uri"]]
                expected_root = (parent.record.get("reply") or {}).get("root", {}).get("uri")
                if reply["root"]["uri"] != (expected_root or parent.uri):
                    raise XrpcError(400, "InvalidRequest", "The reply's root is not its thread's")
            embed = record.get("embed")
            if isinstance(embed, dict) and embed.get("$type") == "app.bsky.embed.images":
                for image in embed.get("images") or []:
                    cid = str(((image.get("image") or {}).get("ref") or {}).get("$link", ""))
                    if cid not in self._blobs:
                        raise XrpcError(400, "InvalidRequest", f"Could not find blob: {cid}")
            post = self._store_post(self.town, record, self._indexed_now())
            self._created.append({"uri": post.uri, "cid": post.cid, "record": record})
            return {
                "uri": post.uri,
                "cid": post.cid,
                "commit": {"cid": make_cid(post.cid.encode()), "rev": self._tid()},
                "validationStatus": "valid",
            }

    def _upload_blob(self, body: bytes, content_type: str) -> dict[str, Any]:
        if len(body) > MAX_BLOB_BYTES:
            raise XrpcError(400, "BlobTooLarge", "This file is too large")
        if not body:
            raise XrpcError(400, "InvalidRequest", "Empty blob")
        mime = image_type(body) or content_type.split(";")[0] or "application/octet-stream"
        return {"blob": self._store_blob(body, mime)}


def _prefix(endpoint: str | None) -> str | None:
    return None if endpoint is None else XRPC + endpoint


def _profile(account: _Account) -> dict[str, Any]:
    return {
        "did": account.did,
        "handle": account.handle,
        "displayName": account.name,
        "labels": [],
        "createdAt": "2024-01-01T00:00:00.000Z",
    }


def _encode_cursor(at: datetime, uri: str) -> str:
    raw = f"{int(at.timestamp() * 1000)}::{uri}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[datetime, str] | None:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        millis, _, uri = raw.partition("::")
        return datetime.fromtimestamp(int(millis) / 1000, UTC), uri
    except (ValueError, UnicodeDecodeError):
        return None


def _int_param(query: dict[str, list[str]], name: str, default: int, low: int, high: int) -> int:
    values = query.get(name)
    if not values:
        return default
    try:
        value = int(values[0])
    except ValueError:
        raise XrpcError(400, "InvalidRequest", f"{name} must be an integer") from None
    if not low <= value <= high:
        raise XrpcError(400, "InvalidRequest", f"{name} must be between {low} and {high}")
    return value


def _json_body(body: bytes) -> dict[str, Any]:
    try:
        value = json.loads(body or b"{}")
    except ValueError:
        raise XrpcError(400, "InvalidRequest", "Request body is not JSON") from None
    if not isinstance(value, dict):
        raise XrpcError(400, "InvalidRequest", "Request body must be an object")
    return value


def _with_unknown_fields(value: Any) -> Any:
    if isinstance(value, dict):
        return {**{k: _with_unknown_fields(v) for k, v in value.items()}, "jundeskExtra": 1}
    if isinstance(value, list):
        return [_with_unknown_fields(v) for v in value]
    return value


class _HTTPServer(TrackedHTTPServer):
    bsky: BlueskyServer


class _Handler(TrackedHandler):
    server_version = "jundesk-blueskyserver"
    server: _HTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.address_string(), *args)

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def _serve(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        bsky = self.server.bsky
        reply = bsky._dispatch(method, self.path, self.headers, body)
        if reply.drop or reply.hang is not None:
            if reply.hang:
                bsky._stopping.wait(reply.hang)
            self.close_connection = True
            return
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.send_bytes is not None:
            self.send_header("Connection", "close")
        self.end_headers()
        if reply.send_bytes is not None:
            self.wfile.write(reply.body[: reply.send_bytes])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(reply.body)


def load_backlog(server: BlueskyServer, count: int, *, seed: int = 0) -> list[str]:
    """`count` citizens' mentions of the town (the kill -9 test's backlog); their uris."""
    words = ("farola", "contenedor", "bache", "ruido", "papelera", "semáforo", "fuente")
    return [
        server.add_citizen_post(
            f"vecino{(i * 7 + seed) % 97}",
            f"Vecino {(i * 7 + seed) % 97}",
            f"aviso {i}: {words[(i + seed) % len(words)]} en la calle {i % 50}",
        )
        for i in range(count)
    ]
