"""A local X API v2 server (127.0.0.1) for JunDesk's tests and demo, with fault injection.

It answers the subset JunDesk uses - mentions, recent search, users/me, creating posts -
with X's shapes, auth rules, rate-limit headers and problem bodies.
"""

from __future__ import annotations

import json
import logging
import random
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from jundesk.core.x_text import MAX_WEIGHTED_LENGTH, weighted_length
from jundesk.xserver import problems
from jundesk.xserver.compliance import (
    DELETED,
    DOWNLOAD_PATH,
    REASONS,
    UPLOAD_PATH,
    ComplianceJobs,
)
from jundesk.xserver.faults import Fault, FaultQueue
from jundesk.xserver.media import MAX_IMAGE_BYTES, image_type, placeholder_png
from jundesk.xserver.posts import (
    DEFAULT_TWEET_FIELDS,
    FIRST_POST_ID,
    Fields,
    NewPost,
    Page,
    PostStore,
    StoredPost,
)
from jundesk.xserver.rate_limit import RateLimiter
from jundesk.xserver.search_query import QueryError, parse
from jundesk.xserver.serving import ServedLocally, TrackedHandler, TrackedHTTPServer
from jundesk.xserver.x_fields import (
    MEDIA_FIELDS,
    PLACE_FIELDS,
    POLL_FIELDS,
    TWEET_EXPANSIONS,
    TWEET_FIELDS,
    USER_EXPANSIONS,
    USER_FIELDS,
)

log = logging.getLogger(__name__)

MENTIONS = "GET /2/users/:id/mentions"
SEARCH_RECENT = "GET /2/tweets/search/recent"
USERS_ME = "GET /2/users/me"
CREATE_TWEET = "POST /2/tweets"
MEDIA_UPLOAD = "POST /2/media/upload"
MEDIA = "GET /media"
COMPLIANCE_CREATE = "POST /2/compliance/jobs"
COMPLIANCE_JOB = "GET /2/compliance/jobs/:id"
COMPLIANCE_UPLOAD = "PUT /compliance/upload"
COMPLIANCE_DOWNLOAD = "GET /compliance/download"
OTHER = "other"

API_VERSION = "2.159"
JSON = "application/json; charset=utf-8"
PROBLEM_JSON = "application/problem+json; charset=utf-8"

_FIELD_PARAMS = {
    "tweet.fields": TWEET_FIELDS,
    "user.fields": USER_FIELDS,
    "media.fields": MEDIA_FIELDS,
    "place.fields": PLACE_FIELDS,
    "poll.fields": POLL_FIELDS,
}
_TIMELINE_PARAMS = frozenset(
    {"since_id", "until_id", "max_results", "start_time", "end_time", "expansions"}
    | set(_FIELD_PARAMS)
)
_ALLOWED_PARAMS = {
    MENTIONS: _TIMELINE_PARAMS | {"pagination_token"},
    SEARCH_RECENT: _TIMELINE_PARAMS | {"query", "next_token", "pagination_token", "sort_order"},
    USERS_ME: frozenset({"user.fields", "expansions", "tweet.fields"}),
    CREATE_TWEET: frozenset(),
    MEDIA_UPLOAD: frozenset(),
    COMPLIANCE_CREATE: frozenset(),
    COMPLIANCE_JOB: frozenset(),
}
# X keeps an uploaded photo this long for a post to use it; then its id is refused.
MEDIA_EXPIRES_AFTER = 86400
_UPLOAD_CATEGORIES = frozenset({"tweet_image", "dm_image"})
_MENTIONS_PATH = re.compile(r"/2/users/([^/]+)/mentions")
_COMPLIANCE_JOB_PATH = re.compile(r"/2/compliance/jobs/([0-9]{1,19})")
_ID = re.compile(r"[0-9]{1,19}")
_OAUTH_PARAM = re.compile(r'([A-Za-z_]+)="([^"]*)"')
_TOKEN_SUFFIX = 2  # base36 digits of checksum at the end of a pagination token


@dataclass
class _Reply:
    status: int
    body: bytes = b""
    content_type: str = JSON
    headers: dict[str, str] = field(default_factory=dict)
    hang: float | None = None  # say nothing for this long, then close
    drop: bool = False  # close at once without an answer
    send_bytes: int | None = None  # send only this much of the body, then close


@dataclass
class _Call:
    """One API request as the endpoint handlers see it."""

    endpoint: str
    params: dict[str, str]
    auth: str | None  # "app", "user" or None
    body: bytes
    path_args: tuple[str, ...]
    fault: Fault | None
    content_type: str = ""


@dataclass(frozen=True, slots=True)
class _Upload:
    """A photo uploaded through POST /2/media/upload, waiting for (or used by) a post."""

    media_key: str
    data: bytes
    mime: str
    expires_at: float


def _b36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if number == 0:
            return out


def _encode_token(max_id: int) -> str:
    checksum = (max_id * 2654435761) % (36**_TOKEN_SUFFIX)
    return _b36(max_id) + _b36(checksum).rjust(_TOKEN_SUFFIX, "0")


def _decode_token(token: str) -> int | None:
    if len(token) <= _TOKEN_SUFFIX:
        return None
    try:
        max_id = int(token[:-_TOKEN_SUFFIX], 36)
    except ValueError:
        return None
    return max_id if _encode_token(max_id) == token.lower() else None


class XServer(ServedLocally):
    """The local X API v2 server: data, endpoints, auth, rate limits, faults.

    Thread-safe; `start()` serves in a background thread on 127.0.0.1 (port 0: a free one).
    Like X: reads take the bearer token or user context, users/me and posting only user
    context (OAuth 1.0a keys are checked, signatures are not); a reply is accepted only to
    a post that mentions or quotes the town, or to the town's own post, and never to a
    deleted one (403); the same text posted twice is refused (403, duplicate content).
    Every answer carries `x-rate-limit-*`; `rate_limit` requests per `rate_window` seconds
    per endpoint. Recent search has no 7-day cut-off, and folds each post once (about a
    second per 100,000 posts, the first time a search scans them).
    """

    bearer_token = "jundesk-local-bearer"
    consumer_key = "jundesk-local-consumer-key"
    consumer_secret = "jundesk-local-consumer-secret"
    access_token = "1500000000000000001-jundesklocalaccesstoken"
    access_token_secret = "jundesk-local-access-token-secret"
    # An OAuth 2.0 user-context token (PKCE), for clients that use one instead of OAuth 1.0a.
    oauth2_user_token = "jundesk-local-oauth2-user-token"

    def __init__(
        self,
        *,
        port: int = 0,
        seed: int = 0,
        town_handle: str = "AytoJun",
        town_name: str = "Ayuntamiento de Jun",
        town_user_id: str = "1500000000000000001",
        rate_limit: int = 450,
        rate_window: float = 900.0,
        mentions_reach: int = 800,
        reject_duplicate_text: bool = True,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._port = port
        self._clock = clock
        self._lock = threading.RLock()
        self._store = PostStore(
            town_user_id=town_user_id,
            town_handle=town_handle,
            town_name=town_name,
            now=self._now,
        )
        self.town_user_id = town_user_id
        self.town_handle = town_handle
        self.mentions_reach = mentions_reach
        self.reject_duplicate_text = reject_duplicate_text
        self.faults = FaultQueue(seed)
        self._rng = random.Random(seed)
        self._limiter = RateLimiter(rate_limit, rate_window, clock)
        self._requests: Counter[str] = Counter()
        self._replies: list[dict[str, Any]] = []
        self._uploads: dict[str, _Upload] = {}  # media id -> upload
        self._town_texts: set[str] = set()
        self._post_reads = 0
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        # X's compliance: posts and users marked as gone (post id / user id -> reason).
        self._post_marks: dict[str, str] = {}
        self._user_marks: dict[str, str] = {}
        self.compliance = ComplianceJobs(self._compliance_reason)

    # -- lifecycle ------------------------------------------------------------------------

    _thread_name = "xserver"

    def _make_httpd(self) -> _HTTPServer:
        httpd = _HTTPServer(("127.0.0.1", self._port), _Handler)
        httpd.xserver = self
        return httpd

    def credentials(self) -> dict[str, str]:
        return {
            "bearer_token": self.bearer_token,
            "consumer_key": self.consumer_key,
            "consumer_secret": self.consumer_secret,
            "access_token": self.access_token,
            "access_token_secret": self.access_token_secret,
        }

    # -- data -----------------------------------------------------------------------------

    def _now(self) -> datetime:
        return datetime.fromtimestamp(self._clock(), UTC)

    def add_user(self, username: str, name: str | None = None) -> str:
        with self._lock:
            return self._store.add_user(username, name)

    def user_id(self, username: str) -> str | None:
        with self._lock:
            user = self._store.user_by_name(username)
            return None if user is None else user.id

    def add_place(self, name: str) -> str:
        """A place (a city or spot) posts can be tagged with; returns its id."""
        with self._lock:
            return self._store.place_id(name)

    def add_post(
        self,
        author_username: str,
        text: str,
        *,
        lang: str = "es",
        reply_to: str | None = None,
        created_at: datetime | None = None,
        place: str | None = None,
        media: int = 0,
        author_name: str | None = None,
        quote_of: str | None = None,
    ) -> str:
        """Store a post as if a user had written it; returns its id."""
        with self._lock:
            parent = self._existing(reply_to)
            quoted = self._existing(quote_of)
            post = self._store.add(
                author_username,
                text,
                author_name=author_name,
                lang=lang,
                reply_to=parent,
                quote_of=quoted,
                created_at=created_at,
                place=place,
                media=media,
            )
            return str(post.id)

    def add_posts_bulk(self, posts: Iterable[NewPost]) -> list[str]:
        """Store many posts at once (one lock, no per-post overhead); returns their ids."""
        with self._lock:
            return self._store.add_bulk(posts)

    def _existing(self, post_id: str | None) -> StoredPost | None:
        if post_id is None:
            return None
        post = self._store.get(post_id)
        if post is None:
            raise ValueError(f"no post with id {post_id}")
        return post

    def delete_post(self, post_id: str) -> None:
        """The author deleted it: gone from timelines, an error where it is referenced."""
        with self._lock:
            post = self._existing(post_id)
            assert post is not None
            post.deleted = True

    def withhold_user(self, username: str, withheld: bool = True) -> None:
        """The account is withheld or deleted: its posts stay, expansions report an error."""
        with self._lock:
            user = self._store.user_by_name(username)
            if user is None:
                raise ValueError(f"no user {username!r}")
            user.withheld = withheld

    def mark_post(self, post_id: str, reason: str = DELETED) -> None:
        """X's compliance jobs report this post as gone (deleted, protected, suspended,
        deactivated), without touching what the other endpoints answer."""
        if reason not in REASONS:
            raise ValueError(f"reason must be one of {sorted(REASONS)}")
        with self._lock:
            self._post_marks[str(post_id)] = reason

    def mark_user(self, username: str, reason: str) -> None:
        """The account was made protected, suspended or deactivated: compliance jobs
        report every post of it."""
        if reason not in REASONS:
            raise ValueError(f"reason must be one of {sorted(REASONS)}")
        with self._lock:
            user = self._store.user_by_name(username)
            if user is None:
                raise ValueError(f"no user {username!r}")
            self._user_marks[user.id] = reason

    def _compliance_reason(self, post_id: str) -> str | None:
        with self._lock:
            marked = self._post_marks.get(post_id)
            if marked is not None:
                return marked
            post = self._store.get(post_id)
            if post is None:
                return None
            if post.deleted:
                return DELETED
            return self._user_marks.get(post.author_id)

    def posts(self) -> list[dict[str, Any]]:
        """Every stored post (deleted ones left out) with all fields, oldest first."""
        with self._lock:
            fields = self._store.full_fields().tweet
            return [
                self._store.render_tweet(post, fields, self.base_url)
                for post in self._store.posts
                if not post.deleted
            ]

    def users(self) -> list[dict[str, Any]]:
        with self._lock:
            return [
                self._store.render_user(user, frozenset(), self.base_url)
                for user in self._store.users.values()
            ]

    @property
    def post_count(self) -> int:
        with self._lock:
            return len(self._store.posts)

    @property
    def replies_created(self) -> list[dict[str, Any]]:
        """Posts created through POST /2/tweets, with all fields, in order."""
        with self._lock:
            return [dict(reply) for reply in self._replies]

    def uploaded_media(self, media_key: str) -> bytes | None:
        """The bytes of a photo uploaded through POST /2/media/upload, by its media key."""
        with self._lock:
            upload = next((u for u in self._uploads.values() if u.media_key == media_key), None)
            return None if upload is None else upload.data

    @property
    def requests(self) -> Counter[str]:
        """Requests received per endpoint (MENTIONS, SEARCH_RECENT, ...), a snapshot."""
        with self._lock:
            return Counter(self._requests)

    @property
    def post_reads(self) -> int:
        """Posts returned in `data` so far: what X would bill as reads."""
        with self._lock:
            return self._post_reads

    def set_rate_limit(self, endpoint: str, limit: int) -> None:
        """Change one endpoint's limit per window (e.g. USERS_ME: 75); starts a new window."""
        self._limiter.set_limit(endpoint, limit)

    # -- dispatch -------------------------------------------------------------------------

    def _route(self, method: str, path: str) -> tuple[str, tuple[str, ...]]:
        if method == "GET":
            if path == "/2/users/me":
                return USERS_ME, ()
            if path == "/2/tweets/search/recent":
                return SEARCH_RECENT, ()
            match = _MENTIONS_PATH.fullmatch(path)
            if match:
                return MENTIONS, (unquote(match.group(1)),)
            if path.startswith("/media/"):
                return MEDIA, (path[len("/media/") :],)
            match = _COMPLIANCE_JOB_PATH.fullmatch(path)
            if match:
                return COMPLIANCE_JOB, (match.group(1),)
            if path.startswith(DOWNLOAD_PATH):
                return COMPLIANCE_DOWNLOAD, (path[len(DOWNLOAD_PATH) :],)
        if method == "PUT" and path.startswith(UPLOAD_PATH):
            return COMPLIANCE_UPLOAD, (path[len(UPLOAD_PATH) :],)
        if method == "POST" and path == "/2/compliance/jobs":
            return COMPLIANCE_CREATE, ()
        if method == "POST" and path == "/2/tweets":
            return CREATE_TWEET, ()
        if method == "POST" and path == "/2/media/upload":
            return MEDIA_UPLOAD, ()
        return OTHER, ()

    def _authenticate(self, header: str | None) -> str | None:
        if not header:
            return None
        scheme, _, rest = header.strip().partition(" ")
        if scheme.lower() == "bearer":
            token = rest.strip()
            if token == self.bearer_token:
                return "app"
            if token == self.oauth2_user_token:
                return "user"
            return None
        if scheme == "OAuth":
            # The signature is not checked (tweepy signs the api.twitter.com URL); the keys are.
            params = {k: unquote(v) for k, v in _OAUTH_PARAM.findall(rest)}
            if (
                params.get("oauth_consumer_key") == self.consumer_key
                and params.get("oauth_token") == self.access_token
                and params.get("oauth_signature")
            ):
                return "user"
        return None

    def _dispatch(
        self,
        method: str,
        target: str,
        authorization: str | None,
        body: bytes,
        content_type: str | None = None,
    ) -> _Reply:
        split = urlsplit(target)
        path = split.path
        endpoint, path_args = self._route(method, path)
        with self._lock:
            self._requests[endpoint] += 1
        if endpoint == MEDIA:
            name = path_args[0].rsplit(".", 1)[0]
            with self._lock:
                upload = next((u for u in self._uploads.values() if u.media_key == name), None)
            if upload is not None:  # a photo the town posted: serve it as sent
                return _Reply(200, upload.data, content_type=upload.mime)
            return _Reply(200, placeholder_png(name), content_type="image/png")
        if endpoint in (COMPLIANCE_UPLOAD, COMPLIANCE_DOWNLOAD):
            # Pre-signed storage URLs on X: no API auth, no rate limit, plain text.
            return self._compliance_file(endpoint, path_args[0], body)

        fault = self.faults.take(method, path) if endpoint != OTHER else None
        if fault is not None and fault.kind == "timeout":
            return _Reply(0, hang=fault.seconds)
        if fault is not None and fault.kind == "disconnect":
            return _Reply(0, drop=True)
        if fault is not None and fault.kind == "slow":
            self._stopping.wait(fault.seconds)

        rate_headers: dict[str, str] = {}
        try:
            auth = self._authenticate(authorization)
            if endpoint == OTHER:
                _, rate_headers = self._limiter.hit(OTHER, consume=False)
                raise problems.route_not_found()
            if auth is None:
                _, rate_headers = self._limiter.hit(endpoint, consume=False)
                raise problems.unauthorized()
            if fault is not None and fault.kind == "rate_limit":
                self._limiter.exhaust(endpoint, fault.reset_in)
            allowed, rate_headers = self._limiter.hit(endpoint)
            if not allowed:
                raise problems.too_many_requests()
            if fault is not None and fault.kind == "usage_capped":
                raise problems.usage_capped()
            if fault is not None and fault.kind == "server_error":
                raise problems.server_error(fault.status)
            params = self._params(endpoint, split.query)
            call = _Call(endpoint, params, auth, body, path_args, fault, content_type or "")
            status, payload = self._handle(call)
        except problems.ApiError as error:
            status, payload = error.status, error.body
            content_type = PROBLEM_JSON
            if status == 200:  # a 200 that carries only `errors`
                content_type = JSON
        except Exception:
            # A bug here must look like X having a bad moment, not hang the client.
            log.exception("local X server failed on %s %s", method, target)
            failure = problems.server_error(500)
            status, payload, content_type = failure.status, failure.body, PROBLEM_JSON
        else:
            content_type = JSON
        return self._reply(status, payload, content_type, rate_headers, fault)

    def _reply(
        self,
        status: int,
        payload: dict[str, Any],
        content_type: str,
        rate_headers: dict[str, str],
        fault: Fault | None,
    ) -> _Reply:
        if fault is not None and fault.kind == "unknown_fields" and "data" in payload:
            payload = _with_unknown_fields(payload)
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
        headers = {"api-version": API_VERSION, **rate_headers}
        reply = _Reply(status, data, content_type=content_type, headers=headers)
        kind = fault.kind if fault is not None else None
        if kind == "malformed":
            # The colon after the first key goes: the start looks right, the parse fails.
            reply.body = data.replace(b'":', b'"', 1) if b'":' in data else b"{" + data
        elif kind == "empty_body":
            reply.body = b""
        elif kind == "truncated":
            half = max(1, len(data) // 2)
            if fault is not None and fault.full_length:
                reply.send_bytes = half
            else:
                reply.body = data[:half]
        return reply

    def _params(self, endpoint: str, query: str) -> dict[str, str]:
        raw = parse_qs(query, keep_blank_values=True)
        allowed = _ALLOWED_PARAMS.get(endpoint, frozenset())
        unknown = sorted(set(raw) - allowed)
        if unknown:
            raise problems.invalid_request(
                f"The query parameters [{','.join(unknown)}] is not one of "
                f"[{','.join(sorted(allowed))}]",
                unknown[0],
                raw[unknown[0]],
            )
        params = {}
        for name, values in raw.items():
            if len(values) > 1:
                raise problems.invalid_request(
                    f"Duplicate parameters are not allowed: the `{name}` query parameter",
                    name,
                    values,
                )
            params[name] = values[0]
        return params

    def _handle(self, call: _Call) -> tuple[int, dict[str, Any]]:
        if call.endpoint == MENTIONS:
            return 200, self._mentions(call)
        if call.endpoint == SEARCH_RECENT:
            return 200, self._search(call)
        if call.endpoint == USERS_ME:
            return 200, self._me(call)
        if call.endpoint == MEDIA_UPLOAD:
            return 200, self._upload(call)
        if call.endpoint == COMPLIANCE_CREATE:
            return 200, self._compliance_create(call)
        if call.endpoint == COMPLIANCE_JOB:
            return 200, self._compliance_job(call)
        return 201, self._create(call)

    # -- compliance ------------------------------------------------------------------------

    def _compliance_create(self, call: _Call) -> dict[str, Any]:
        if call.auth != "app":
            raise problems.forbidden("Compliance jobs need OAuth 2.0 Application-Only auth.")
        try:
            payload = json.loads(call.body or b"null")
        except (ValueError, UnicodeDecodeError):
            raise problems.invalid_request("Request body is not valid JSON") from None
        if not isinstance(payload, dict) or payload.get("type") not in ("tweets", "users"):
            raise problems.invalid_request(
                "$.type: must be one of [tweets, users]", "type", [str(payload)]
            )
        name = payload.get("name") or ""
        if not isinstance(name, str) or len(name) > 64:
            raise problems.invalid_request("$.name: at most 64 characters", "name", [str(name)])
        job = self.compliance.create(str(payload["type"]), name, self._now())
        return {"data": self.compliance.as_json(job, self.base_url)}

    def _compliance_job(self, call: _Call) -> dict[str, Any]:
        if call.auth != "app":
            raise problems.forbidden("Compliance jobs need OAuth 2.0 Application-Only auth.")
        job = self.compliance.get(call.path_args[0])
        if job is None:
            return {"errors": [problems.not_found_entry("job", "id", call.path_args[0])]}
        return {"data": self.compliance.as_json(job, self.base_url)}

    def _compliance_file(self, endpoint: str, job_id: str, body: bytes) -> _Reply:
        if endpoint == COMPLIANCE_UPLOAD:
            if self.compliance.upload(job_id, body, self._now()):
                return _Reply(200, b"", content_type="text/plain")
            return _Reply(403, b"upload URL expired or unknown", content_type="text/plain")
        result = self.compliance.download(job_id)
        if result is None:
            return _Reply(404, b"no such result", content_type="text/plain")
        return _Reply(200, result, content_type="application/json")

    # -- endpoints ------------------------------------------------------------------------

    def _mentions(self, call: _Call) -> dict[str, Any]:
        user_id = call.path_args[0]
        if not _ID.fullmatch(user_id):
            raise problems.invalid_request(
                f"The `id` query parameter value [{user_id}] does not match ^[0-9]{{1,19}}$",
                "id",
                [user_id],
            )
        params = call.params
        fields = _fields(params, TWEET_EXPANSIONS)
        max_results = _max_results(params, 5, 100)
        since_id, max_id = _id_bounds(params, params.get("pagination_token"), "pagination_token")
        start_time = _time_param(params, "start_time")
        end_time = _time_param(params, "end_time")
        with self._lock:
            user = self._store.users.get(user_id)
            if user is None:
                raise problems.ApiError(
                    200, {"errors": [problems.not_found_entry("user", "id", user_id)]}
                )
            page = self._store.page_from_ids(
                self._store.mention_ids(user, self.mentions_reach),
                max_results=max_results,
                since_id=since_id,
                max_id=max_id,
                start_time=start_time,
                end_time=end_time,
                end_inclusive=True,
            )
            return self._timeline_body(page, fields, call.fault)

    def _search(self, call: _Call) -> dict[str, Any]:
        params = call.params
        query = params.get("query")
        if query is None:
            raise problems.invalid_request("The `query` query parameter can not be empty", "query")
        try:
            test = parse(query)
        except QueryError as error:
            raise problems.invalid_request(str(error), "query", [query]) from None
        fields = _fields(params, TWEET_EXPANSIONS)
        max_results = _max_results(params, 10, 100)
        token = params.get("next_token") or params.get("pagination_token")
        since_id, max_id = _id_bounds(params, token, "next_token")
        sort_order = params.get("sort_order", "recency")
        if sort_order not in ("recency", "relevancy"):  # relevancy is served as recency
            raise problems.invalid_request(
                f"The `sort_order` query parameter value [{sort_order}] is not one of "
                "[recency,relevancy]",
                "sort_order",
                [sort_order],
            )
        start_time = _time_param(params, "start_time")
        end_time = _time_param(params, "end_time")
        with self._lock:
            page = self._store.search_page(
                test,
                max_results=max_results,
                since_id=since_id,
                max_id=max_id,
                start_time=start_time,
                end_time=end_time,
            )
            return self._timeline_body(page, fields, call.fault)

    def _me(self, call: _Call) -> dict[str, Any]:
        if call.auth != "user":
            raise problems.unsupported_authentication()
        fields = _fields(call.params, USER_EXPANSIONS)
        with self._lock:
            return {"data": self._store.render_user(self._store.town, fields.user, self.base_url)}

    def _create(self, call: _Call) -> dict[str, Any]:
        if call.auth != "user":
            raise problems.unsupported_authentication()
        try:
            payload = json.loads(call.body or b"null")
        except (ValueError, UnicodeDecodeError):
            raise problems.invalid_request("Request body is not valid JSON") from None
        if not isinstance(payload, dict):
            raise problems.invalid_request("Request body must be a JSON object")
        text = payload.get("text")
        if not isinstance(text, str) or not text.strip():
            raise problems.invalid_request("$.text: must be a non-empty string", "text")
        length = weighted_length(text)
        if length > MAX_WEIGHTED_LENGTH:
            raise problems.invalid_request(
                f"Your post text is too long: {length} characters weighted, at most "
                f"{MAX_WEIGHTED_LENGTH}.",
                "text",
                [text],
            )
        reply_to = _body_id(payload.get("reply"), "in_reply_to_tweet_id", "reply")
        media_ids = _media_ids(payload.get("media"))
        quote_id = payload.get("quote_tweet_id")
        if quote_id is not None and (not isinstance(quote_id, str) or not _ID.fullmatch(quote_id)):
            raise problems.invalid_request("$.quote_tweet_id: must be a post id", "quote_tweet_id")
        with self._lock:
            parent = None
            if reply_to is not None:
                parent = self._store.get(reply_to)
                if parent is None or parent.deleted:
                    raise problems.forbidden(
                        "You attempted to reply to a Tweet that is deleted or not visible to you."
                    )
                if not self._may_reply(parent):
                    raise problems.forbidden(
                        "Reply to this conversation is not allowed because you have not been "
                        "mentioned or otherwise engaged by the author of the post you are "
                        "replying to."
                    )
            quoted = None
            if quote_id is not None:
                quoted = self._store.get(quote_id)
                if quoted is None or quoted.deleted:
                    raise problems.forbidden(
                        "You attempted to quote a Tweet that is deleted or not visible to you."
                    )
            key = " ".join(text.split())
            if self.reject_duplicate_text and key in self._town_texts:
                raise problems.forbidden(
                    "You are not allowed to create a Tweet with duplicate content."
                )
            media_keys = self._attachable(media_ids)
            if media_keys and quoted is not None:
                raise problems.invalid_request(
                    "$.media: media and quote_tweet_id are mutually exclusive", "media"
                )
            self._town_texts.add(key)
            post = self._store.add(
                self._store.town.username,
                text,
                reply_to=parent,
                quote_of=quoted,
                media_keys=media_keys,
            )
            fields = self._store.full_fields().tweet
            self._replies.append(self._store.render_tweet(post, fields, self.base_url))
            return {
                "data": {
                    "id": str(post.id),
                    "text": post.text,
                    "edit_history_tweet_ids": [str(post.id)],
                }
            }

    def _attachable(self, media_ids: list[str]) -> tuple[str, ...]:
        """The media keys of uploaded photos a new post may carry; 400 for any other id."""
        now = self._clock()
        keys = []
        for media_id in media_ids:
            upload = self._uploads.get(media_id)
            if upload is None or upload.expires_at <= now:
                raise problems.invalid_request(
                    f"$.media.media_ids: media id {media_id} is unknown or has expired; "
                    "upload the media again",
                    "media_ids",
                    [media_id],
                )
            keys.append(upload.media_key)
        return tuple(keys)

    def _upload(self, call: _Call) -> dict[str, Any]:
        """POST /2/media/upload, one-shot: a photo in multipart/form-data, user context."""
        if call.auth != "user":
            raise problems.unsupported_authentication()
        form = _form_fields(call.content_type, call.body)
        data = form.get("media")
        if not data:
            raise problems.invalid_request("$.media: a file is required", "media")
        category = form.get("media_category", b"").decode("utf-8", "replace")
        if category not in _UPLOAD_CATEGORIES:
            raise problems.invalid_request(
                f"$.media_category: [{category}] is not one of "
                f"[{','.join(sorted(_UPLOAD_CATEGORIES))}]",
                "media_category",
                [category],
            )
        if len(data) > MAX_IMAGE_BYTES:
            raise problems.invalid_request(
                f"$.media: file size {len(data)} bytes exceeds the {MAX_IMAGE_BYTES} bytes "
                f"allowed for {category}",
                "media",
            )
        mime = image_type(data)
        if mime is None:
            raise problems.invalid_request(
                "$.media: unsupported media type; send a JPEG, PNG, GIF or WEBP image", "media"
            )
        with self._lock:
            media_id = str(self._store.new_media_id())
            upload = _Upload(f"3_{media_id}", data, mime, self._clock() + MEDIA_EXPIRES_AFTER)
            self._uploads[media_id] = upload
        return {
            "data": {
                "id": media_id,
                "media_key": upload.media_key,
                "size": len(data),
                "expires_after_secs": MEDIA_EXPIRES_AFTER,
            },
            # X's v2.159 description makes `meta` required here without defining it; an
            # empty one keeps the answer valid, and clients read only `data`.
            "meta": {},
        }

    def _may_reply(self, parent: StoredPost) -> bool:
        """X's 2026 rule: reply only to posts that mention (or quote) the town, or its own."""
        store = self._store
        if parent.author_id == store.town.id or store.mentions_town(parent):
            return True
        for kind, ref_id in parent.referenced:
            quoted = store.get(ref_id)
            if kind == "quoted" and quoted is not None and quoted.author_id == store.town.id:
                return True
        return False

    def _timeline_body(self, page: Page, fields: Fields, fault: Fault | None) -> dict[str, Any]:
        """Render one page under the lock, applying data faults."""
        posts = list(page.posts)
        next_max_id = page.next_max_id
        kind = fault.kind if fault is not None else None
        if kind == "duplicate" and posts:
            for post in self._rng.sample(posts, min(2, len(posts))):
                posts.insert(posts.index(post) + 1, post)
            if next_max_id is not None:
                next_max_id = page.posts[-1].id  # the next page starts with this one again
        data, includes, errors = self._store.render_page(posts, fields, self.base_url)
        if kind == "out_of_order" and len(data) > 1:
            original = list(data)
            while data == original:
                self._rng.shuffle(data)
        if kind == "no_includes":
            includes = {}
        if kind == "partial_errors" and posts:
            _withhold_in_page(posts, includes, errors, self._store.town.id)
        self._post_reads += len(data)
        meta: dict[str, Any] = {"result_count": len(data)}
        if data:
            ids = [int(item["id"]) for item in data]
            meta["newest_id"] = str(max(ids))
            meta["oldest_id"] = str(min(ids))
        if next_max_id is not None and data:
            meta["next_token"] = _encode_token(next_max_id)
        body: dict[str, Any] = {}
        if data:
            body["data"] = data
        if includes:
            body["includes"] = includes
        if errors:
            body["errors"] = errors
        body["meta"] = meta
        return body


# -- helpers for the endpoints ----------------------------------------------------------------


def _fields(params: Mapping[str, str], expansions_allowed: frozenset[str]) -> Fields:
    chosen: dict[str, frozenset[str]] = {}
    for name, allowed in [*_FIELD_PARAMS.items(), ("expansions", expansions_allowed)]:
        value = params.get(name)
        if value is None:
            continue
        items = value.split(",")
        bad = [item for item in items if item not in allowed]
        if bad:
            raise problems.invalid_request(
                f"The `{name}` query parameter value [{bad[0]}] is not one of "
                f"[{','.join(sorted(allowed))}]",
                name,
                [bad[0]],
            )
        chosen[name] = frozenset(items)
    return Fields(
        tweet=DEFAULT_TWEET_FIELDS | chosen.get("tweet.fields", frozenset()),
        user=chosen.get("user.fields", frozenset()),
        place=chosen.get("place.fields", frozenset()),
        media=chosen.get("media.fields", frozenset()),
        expansions=chosen.get("expansions", frozenset()),
    )


def _max_results(params: Mapping[str, str], low: int, high: int) -> int:
    value = params.get("max_results")
    if value is None:
        return 10
    if not value.isdigit() or not low <= int(value) <= high:
        raise problems.invalid_request(
            f"The `max_results` query parameter value [{value}] is not between {low} and {high}",
            "max_results",
            [value],
        )
    return int(value)


def _id_bounds(
    params: Mapping[str, str], token: str | None, token_name: str
) -> tuple[int | None, int | None]:
    """since_id (exclusive) and the highest id to return, from until_id and the page token."""
    bounds: dict[str, int] = {}
    for name in ("since_id", "until_id"):
        value = params.get(name)
        if value is not None:
            if not _ID.fullmatch(value):
                raise problems.invalid_request(
                    f"The `{name}` query parameter value [{value}] does not match ^[0-9]{{1,19}}$",
                    name,
                    [value],
                )
            bounds[name] = int(value)
    max_id = bounds["until_id"] - 1 if "until_id" in bounds else None
    if token is not None:
        token_max = _decode_token(token)
        if token_max is None or token_max < FIRST_POST_ID - 1:
            raise problems.invalid_request(
                f"The `{token_name}` query parameter value [{token}] is not valid",
                token_name,
                [token],
            )
        max_id = token_max if max_id is None else min(max_id, token_max)
    return bounds.get("since_id"), max_id


def _time_param(params: Mapping[str, str], name: str) -> datetime | None:
    value = params.get(name)
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise problems.invalid_request(
            f"The `{name}` query parameter value [{value}] is not a valid RFC 3339 timestamp",
            name,
            [value],
        )
    return moment.astimezone(UTC)


def _body_id(container: object, key: str, name: str) -> str | None:
    if container is None:
        return None
    value = container.get(key) if isinstance(container, dict) else None
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise problems.invalid_request(f"$.{name}.{key}: must be a post id", key)
    return value


def _media_ids(media: object) -> list[str]:
    """`media.media_ids` of a new post, shaped as X's TweetCreateRequest wants it."""
    if media is None:
        return []
    ids = media.get("media_ids") if isinstance(media, dict) else None
    if (
        not isinstance(ids, list)
        or not 1 <= len(ids) <= 4
        or not all(isinstance(i, str) and _ID.fullmatch(i) for i in ids)
    ):
        raise problems.invalid_request(
            "$.media.media_ids: must be a list of 1 to 4 media ids", "media_ids"
        )
    return ids


_BOUNDARY = re.compile(r'boundary=(?:"([^"]+)"|([^;\s]+))', re.IGNORECASE)
_PART_NAME = re.compile(rb'[;\s]name="([^"]*)"', re.IGNORECASE)


def _form_fields(content_type: str, body: bytes) -> dict[str, bytes]:
    """The fields of a multipart/form-data body, by name (a file field holds its bytes)."""
    match = _BOUNDARY.search(content_type)
    if not content_type.lower().startswith("multipart/form-data") or match is None:
        raise problems.invalid_request(
            "The request must be multipart/form-data with a `media` file and `media_category`"
        )
    delimiter = b"\r\n--" + (match.group(1) or match.group(2)).encode("latin-1")
    # Each part follows a "--boundary" line: headers, a blank line, then the bytes up to the
    # CRLF before the next boundary; "--boundary--" ends the body.
    chunks = (b"\r\n" + body).split(delimiter)
    if len(chunks) < 3 or not chunks[-1].startswith(b"--"):
        raise problems.invalid_request("Malformed multipart/form-data body")
    fields: dict[str, bytes] = {}
    for chunk in chunks[1:-1]:
        _, _, part = chunk.partition(b"\r\n")  # the rest of the boundary line
        head, blank, data = part.partition(b"\r\n\r\n")
        name = _PART_NAME.search(b"\r\n" + head)
        if not blank or name is None:
            raise problems.invalid_request("Malformed multipart/form-data body")
        fields[name.group(1).decode("utf-8", "replace")] = data
    return fields


def _withhold_in_page(
    posts: list[StoredPost],
    includes: dict[str, Any],
    errors: list[dict[str, Any]],
    town_id: str,
) -> None:
    """The partial_errors fault: one author of the page vanishes from includes."""
    victim = next((p.author_id for p in posts if p.author_id != town_id), posts[0].author_id)
    users = [u for u in includes.get("users", []) if u["id"] != victim]
    if users:
        includes["users"] = users
    else:
        includes.pop("users", None)
    errors.append(problems.not_found_entry("user", "author_id", victim))


def _with_unknown_fields(value: Any) -> Any:
    """The unknown_fields fault: X adds fields without notice; clients must ignore them."""
    if isinstance(value, dict):
        out = {key: _with_unknown_fields(item) for key, item in value.items()}
        out["x_unannounced_field"] = {"since": "2.160", "beta": True}
        return out
    if isinstance(value, list):
        return [_with_unknown_fields(item) for item in value]
    return value


# -- HTTP plumbing ---------------------------------------------------------------------------


class _HTTPServer(TrackedHTTPServer):
    xserver: XServer


class _Handler(TrackedHandler):
    server_version = "jundesk-xserver"
    server: _HTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.address_string(), *args)

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def _serve(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        xserver = self.server.xserver
        reply = xserver._dispatch(
            method,
            self.path,
            self.headers.get("Authorization"),
            body,
            self.headers.get("Content-Type"),
        )
        if reply.drop or reply.hang is not None:
            if reply.hang:
                xserver._stopping.wait(reply.hang)
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
        self.wfile.write(reply.body)  # handle_one_request flushes it
