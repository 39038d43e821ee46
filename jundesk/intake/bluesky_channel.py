"""The town's Bluesky account through the `atproto` SDK: mentions, replies and quotes from
its notifications, public replies in thread, and which stored posts are gone.

Logins (`createSession`) are rate-limited by the service, so the session is kept in the
keyring and reused; the client refreshes it with `refreshSession`, and the app password
logs in again only when the refresh token is dead.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from jundesk.core.ids import uuid7
from jundesk.core.model import Cursor, Post
from jundesk.intake.backoff import Backoff
from jundesk.intake.source import (
    FIRST_READ_DAYS,
    IntakeError,
    Page,
    RateLimited,
    RateState,
    Refused,
    TransientError,
)

if TYPE_CHECKING:
    from atproto_client import Client

log = logging.getLogger(__name__)

CHANNEL = "bluesky"
SECRET_FIELDS: tuple[str, ...] = ("app_password",)
# handle: the town account (e.g. aytojun.bsky.social); service: its PDS or the entryway
# (default https://bsky.social); media_base: where photos are fetched from (Bluesky's CDN).
SETTING_FIELDS: tuple[str, ...] = ("handle", "service", "media_base")
# The session is a secret too, but nobody types it: the channel keeps it here itself.
SESSION_KEY = "bluesky.session"
KEYRING_SERVICE = "jundesk"

DEFAULT_SERVICE = "https://bsky.social"
DEFAULT_MEDIA_BASE = "https://cdn.bsky.app/img/feed_fullsize/plain"
WEB_BASE = "https://bsky.app"
LIST_NOTIFICATIONS = "app.bsky.notification.listNotifications"
GET_POSTS = "app.bsky.feed.getPosts"
CREATE_RECORD = "com.atproto.repo.createRecord"
UPLOAD_BLOB = "com.atproto.repo.uploadBlob"
POST_REASONS = ("mention", "reply", "quote")
GET_POSTS_MAX = 25  # uris per getPosts request
MAX_PHOTO_BYTES = 1_000_000  # app.bsky.embed.images: an image blob is at most 1 MB
MAX_PHOTOS = 4
MAX_RATE_WAIT = 16 * 60.0
DEFAULT_TIMEOUT = 10.0
# What the service answers when a session's token is expired, revoked or not valid.
_TOKEN_ERRORS = frozenset({"ExpiredToken", "InvalidToken", "AuthenticationRequired", "AuthMissing"})
_PHOTO_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)

T = TypeVar("T")


def _app_password_message(handle: str) -> str:
    return (
        f"Bluesky refused the app password of {handle or 'the town account'} (wrong, revoked "
        "or expired). Create a new app password on Bluesky (Settings > Privacy and security > "
        "App passwords) and set it with 'jundesk accounts set --channel bluesky'."
    )


@dataclass
class BlueskyChannel:
    """One town account on Bluesky (Source and Publisher). Blocking: the app runs it in a
    worker thread."""

    handle: str
    app_password: str
    service: str = DEFAULT_SERVICE
    session: str = ""  # as kept: {"service": ..., "session": <the SDK's session string>}
    keep_session: Callable[[str], None] | None = None
    media_base: str = DEFAULT_MEDIA_BASE
    page_size: int = 50
    timeout: float = DEFAULT_TIMEOUT
    backoff: Backoff = field(default_factory=Backoff)
    max_rate_wait: float = MAX_RATE_WAIT
    clock: Callable[[], float] = time.time
    name: str = CHANNEL
    # What the loop paces its polls by: listNotifications only. Every endpoint's window
    # (logins, replies, the daily deletions check) is in `limits`, for waiting its reset.
    rate: dict[str, RateState] = field(default_factory=dict)
    limits: dict[str, RateState] = field(default_factory=dict)
    stop_event: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        if not self.handle:
            raise Refused(
                "No Bluesky account: set the town's handle with "
                "'jundesk accounts set --channel bluesky'."
            )
        if not self.app_password and not self.session:
            raise Refused(
                "No Bluesky app password: create one on Bluesky (Settings > Privacy and "
                "security > App passwords) and set it with "
                "'jundesk accounts set --channel bluesky'."
            )
        self.handle = self.handle.lstrip("@").strip()
        self.service = (self.service or DEFAULT_SERVICE).rstrip("/")
        self.media_base = (self.media_base or DEFAULT_MEDIA_BASE).rstrip("/")
        self._client = _make_client(self.service, self.timeout, self._note_rate)
        self._client.on_session_change(self._session_changed)
        self._logged_in = False
        self._stale = False  # the service called the session's token expired or revoked
        self._notice = ""
        self._last_endpoint = ""  # the XRPC method last answered
        self.did = ""

    # -- the session -----------------------------------------------------------------

    def _ensure_session(self) -> None:
        if self._stale:
            self._renew_session()
            self._stale = False
        if self._logged_in:
            return
        saved = _saved_session(self.session, self.service, self.handle)
        if saved:
            self._client.login(session_string=saved, fetch_bsky_profile=False)
            # The SDK points itself at the PDS the session names; the setting decides.
            self._client.update_base_url(self.service)
            self._take_session()
            return
        self._login()

    def _login(self) -> None:
        from atproto_client.exceptions import BadRequestError, UnauthorizedError

        if not self.app_password:
            raise Refused(_app_password_message(self.handle), 401)
        try:
            self._client.login(self.handle, self.app_password, fetch_bsky_profile=False)
        except UnauthorizedError as exc:
            raise Refused(_app_password_message(self.handle), 401) from exc
        except BadRequestError as exc:
            code, detail = _xrpc_error(exc)
            if code in _TOKEN_ERRORS or not code:
                raise Refused(_app_password_message(self.handle), 401) from exc
            raise Refused(
                f"Bluesky refused to log in the town account ({code}): {detail}. Check the "
                "account on Bluesky, then set it again with "
                "'jundesk accounts set --channel bluesky'.",
                400,
            ) from exc
        self._client.update_base_url(self.service)
        self._take_session()

    def _renew_session(self) -> None:
        """Refresh the session; log in with the app password only if the refresh is refused."""
        from atproto_client.exceptions import (
            BadRequestError,
            LoginRequiredError,
            UnauthorizedError,
        )

        if self._logged_in:
            try:
                # The SDK's own refresh (the one it runs before a token's expiry), asked for
                # early because the service called the access token dead.
                self._client._refresh_and_set_session()
                self._client.update_base_url(self.service)
                return
            except (BadRequestError, UnauthorizedError, LoginRequiredError):
                log.info("Bluesky refused the session's refresh; logging in again")
        self._logged_in = False
        self._login()

    def _take_session(self) -> None:
        exported = self._client._session
        if exported is None:
            raise TransientError("Bluesky answered the login without a session.")
        self.did = exported.did
        self._logged_in = True

    def _session_changed(self, event: Any, session: Any) -> None:
        if getattr(event, "value", "") == "import":
            return  # the session just read back: nothing new to keep
        self.session = json.dumps({"service": self.service, "session": session.export()})
        if self.keep_session is not None:
            try:
                self.keep_session(self.session)
                self._notice = ""
            except Exception:  # a lost session costs one login later, never the poll
                log.warning("The Bluesky session could not be kept; the next start logs in")
                self._notice = (
                    "The Bluesky session can't be kept in the keyring: each start logs in "
                    "again, and Bluesky allows 300 logins a day."
                )

    def account(self) -> tuple[str, str]:
        """(did, handle) of the town account, logging in if needed."""
        self._call("session", lambda: None)
        return self.did, self.handle

    # -- reading ---------------------------------------------------------------------

    def streams(self) -> list[str]:
        """One stream: the account's notifications (per account, so a new account starts
        its own cursor)."""
        did, _ = self.account()
        return [f"notifications:{did}"]

    def shown_rate(self) -> RateState | None:
        return self.rate.get(LIST_NOTIFICATIONS)

    def notice(self) -> str:
        """Said when the session can't be kept (no keyring): logins are rate-limited."""
        return self._notice

    def pages(self, cursor: Cursor) -> Iterator[Page]:
        """Every page of notifications newer than the cursor, newest first.

        The service pages down from the newest; `since_id` is the newest notification
        stored ("indexedAt|uri"). A poll that stopped half-way keeps the newest mark of that
        poll in `sweep_top` and the service's cursor for the next page in `sweep_bottom`,
        resumes there, and only then moves `since_id` up and reads what came since.
        """
        while True:
            resumed = bool(cursor.sweep_top)
            for page in self._sweep(cursor):
                yield page
                cursor = page.cursor
            if not resumed:
                return

    def _sweep(self, cursor: Cursor) -> Iterator[Page]:
        from atproto_client import models

        since = _mark(cursor.since_id)
        top = cursor.sweep_top
        api_cursor: str | None = cursor.sweep_bottom or None
        oldest = datetime.fromtimestamp(self.clock(), UTC) - timedelta(days=FIRST_READ_DAYS)
        while True:
            params = models.AppBskyNotificationListNotifications.Params(
                limit=max(1, min(100, self.page_size)),
                cursor=api_cursor,
                reasons=list(POST_REASONS),
            )
            body = self._call(LIST_NOTIFICATIONS, partial(self._query, LIST_NOTIFICATIONS, params))
            items = body.get("notifications") if isinstance(body, dict) else None
            if not isinstance(items, list):
                raise TransientError("Bluesky answered a notifications page without its list.")
            next_cursor = body.get("cursor")
            now = datetime.fromtimestamp(self.clock(), UTC)
            posts: list[Post] = []
            skipped = 0
            reached = False
            for item in items:
                mark = _item_mark(item)
                if mark is not None:
                    if since is not None and mark <= since:
                        reached = True
                        continue
                    if since is None and mark[0] < oldest:
                        reached = True  # a first poll: older posts are the account's history
                        continue
                    if not top or mark > (_mark(top) or mark):
                        top = _mark_text(item)
                post = self._post(item, now)
                if post is None:
                    if not _other_reason(item):
                        skipped += 1
                        log.warning("Skipped a Bluesky notification that is not a valid post")
                    continue
                posts.append(post)
            more = bool(next_cursor) and isinstance(next_cursor, str) and bool(items)
            more = more and not reached
            if more:
                after = Cursor(cursor.source, cursor.key, cursor.since_id, top, str(next_cursor))
            else:
                newest = cursor.since_id
                top_mark = _mark(top)
                if top_mark is not None and (since is None or top_mark > since):
                    newest = top
                after = Cursor(cursor.source, cursor.key, newest, "", "")
            yield Page(tuple(posts), after, reads=len(posts), skipped=skipped)
            if not more:
                return
            api_cursor = str(next_cursor)

    def _post(self, item: Any, now: datetime) -> Post | None:
        from atproto_client import models
        from atproto_client.exceptions import ModelError
        from atproto_client.models.utils import get_or_create

        if not isinstance(item, dict) or item.get("reason") not in POST_REASONS:
            return None
        try:
            # The library's own model checks the notification; a bad one is skipped alone.
            get_or_create(item, models.AppBskyNotificationListNotifications.Notification)
        except (ModelError, ValueError, TypeError):
            return None
        record = item.get("record")
        if not isinstance(record, dict) or record.get("$type") != "app.bsky.feed.post":
            return None
        text = record.get("text")
        if not isinstance(text, str):
            return None
        uri = str(item["uri"])
        given = item.get("author")
        author: dict[str, Any] = given if isinstance(given, dict) else {}
        author_did = str(author.get("did") or "")
        root_uri, parent_uri = _reply_refs(record)
        media, extra = _embed(record.get("embed"), author_did, self.media_base)
        shown = _plain_text(text, record.get("facets"))
        for line in extra:
            if line not in shown:
                shown = f"{shown}\n{line}" if shown else line
        indexed = _parse_time(item.get("indexedAt")) or now
        created = _parse_time(record.get("createdAt"))
        # createdAt is the author's app's word; a date after the service saw it is not.
        if created is None or created > indexed + timedelta(minutes=5):
            created = indexed
        langs = record.get("langs")
        lang = str(langs[0]) if isinstance(langs, list) and langs else ""
        return Post(
            id=uuid7(),
            source=CHANNEL,
            source_id=uri,
            author_id=author_did,
            author_handle=str(author.get("handle") or ""),
            author_name=str(author.get("displayName") or ""),
            text=shown,
            created_at=created,
            received_at=now,
            lang=lang[:2].lower() if lang else "",
            conversation_id=root_uri or uri,
            in_reply_to_id=parent_uri,
            media=tuple(media),
            place="",
            is_own=bool(self.did) and author_did == self.did,
            raw=json.dumps(item, ensure_ascii=False, separators=(",", ":")),
        )

    # -- deletions -------------------------------------------------------------------

    def gone(self, source_ids: Sequence[str]) -> set[str]:
        """The posts Bluesky no longer has: getPosts leaves a deleted post out."""
        uris = [u for u in dict.fromkeys(source_ids) if u.startswith("at://")]
        missing: set[str] = set()
        for start in range(0, len(uris), GET_POSTS_MAX):
            batch = uris[start : start + GET_POSTS_MAX]
            found = {str(view.get("uri")) for view in self._get_posts(batch)}
            missing.update(u for u in batch if u not in found)
        return missing

    def _get_posts(self, uris: list[str]) -> list[dict[str, Any]]:
        from atproto_client import models

        params = models.AppBskyFeedGetPosts.Params(uris=uris)
        body = self._call(GET_POSTS, partial(self._query, GET_POSTS, params))
        views = body.get("posts") if isinstance(body, dict) else None
        if not isinstance(views, list):
            raise TransientError("Bluesky answered getPosts without its list of posts.")
        return [v for v in views if isinstance(v, dict) and isinstance(v.get("uri"), str)]

    # -- replying --------------------------------------------------------------------

    def reply(self, in_reply_to: str, text: str, media_ids: Sequence[str] = ()) -> Post:
        """A public reply in the post's thread: its parent is the post, its root the
        thread's root (both strong refs, uri and cid, as Bluesky needs them)."""
        self._check_length(text)
        views = self._get_posts([in_reply_to])
        if not views:
            raise Refused(
                "The Bluesky post being answered no longer exists (deleted by its author).", 404
            )
        parent = views[0]
        record = parent.get("record") if isinstance(parent.get("record"), dict) else {}
        parent_ref = {"uri": str(parent["uri"]), "cid": str(parent.get("cid") or "")}
        root_ref = parent_ref
        reply = record.get("reply") if isinstance(record, dict) else None
        root = reply.get("root") if isinstance(reply, dict) else None
        if isinstance(root, dict) and root.get("uri") and root.get("cid"):
            root_ref = {"uri": str(root["uri"]), "cid": str(root["cid"])}
        return self._create(text, {"root": root_ref, "parent": parent_ref}, media_ids)

    def post(self, text: str) -> Post:
        """A post of the town account answering nobody (the weekly summary)."""
        self._check_length(text)
        return self._create(text, None, ())

    def _check_length(self, text: str) -> None:
        from jundesk.core.channel_text import reply_fits, reply_length, reply_limit

        if not text.strip():
            raise Refused("A Bluesky post needs some text.", 400)
        if not reply_fits(CHANNEL, text):
            raise Refused(
                f"A Bluesky post has at most {reply_limit(CHANNEL)} characters; this one has "
                f"{reply_length(CHANNEL, text)} (or too many bytes of emoji). Shorten it.",
                400,
            )

    def _create(self, text: str, reply: dict[str, Any] | None, media_ids: Sequence[str]) -> Post:
        from atproto_client import models
        from atproto_client.models.blob_ref import BlobRef
        from atproto_client.models.utils import get_model_as_dict
        from atproto_client.utils import facet_detection

        self._call("session", lambda: None)
        facets = facet_detection.detect_facets(text) + self._mention_facets(text)
        embed = None
        if media_ids:
            try:
                blobs = [BlobRef.model_validate(json.loads(m)) for m in media_ids]
            except ValueError as exc:
                raise Refused("A photo of this reply was not uploaded to Bluesky.", 400) from exc
            embed = models.AppBskyEmbedImages.Main(
                images=[
                    models.AppBskyEmbedImages.Image(alt="", image=b) for b in blobs[:MAX_PHOTOS]
                ]
            )
        reply_ref = None
        if reply is not None:
            reply_ref = models.AppBskyFeedPost.ReplyRef(
                root=models.ComAtprotoRepoStrongRef.Main(**reply["root"]),
                parent=models.ComAtprotoRepoStrongRef.Main(**reply["parent"]),
            )
        record = models.AppBskyFeedPost.Record(
            text=text,
            created_at=self._client.get_current_time_iso(),
            facets=sorted(facets, key=lambda f: f.index.byte_start) or None,
            reply=reply_ref,
            embed=embed,
            langs=["es"],
        )
        # A post is not retried after a timeout: Bluesky may have published it already.
        created = self._call(
            CREATE_RECORD,
            lambda: self._client.app.bsky.feed.post.create(self.did, record),
            retry_timeouts=False,
        )
        uri = str(created.uri)
        now = datetime.fromtimestamp(self.clock(), UTC)
        parent = reply["parent"]["uri"] if reply else ""
        root = reply["root"]["uri"] if reply else uri
        raw = {"uri": uri, "cid": str(created.cid), "record": get_model_as_dict(record)}
        return Post(
            id=uuid7(),
            source=CHANNEL,
            source_id=uri,
            author_id=self.did,
            author_handle=self.handle,
            author_name="",
            text=text,
            created_at=now,
            received_at=now,
            lang="es",
            conversation_id=root,
            in_reply_to_id=parent,
            is_own=True,
            raw=json.dumps(raw, ensure_ascii=False, default=str),
        )

    def _mention_facets(self, text: str) -> list[Any]:
        """@handles in the town's text, linked to their accounts (handles that don't
        resolve stay plain text)."""
        from atproto_client import models
        from atproto_client.utils import facet_detection

        facets: list[Any] = []
        for mention in facet_detection.detect_mentions(text):
            handle = mention.handle.lower()
            try:
                did: str = self._call(
                    "com.atproto.identity.resolveHandle",
                    partial(self._resolve, handle),
                    retry_timeouts=False,
                )
            except Refused:
                continue
            facets.append(
                models.AppBskyRichtextFacet.Main(
                    features=[models.AppBskyRichtextFacet.Mention(did=did)],
                    index=models.AppBskyRichtextFacet.ByteSlice(
                        byte_start=mention.byte_start, byte_end=mention.byte_end
                    ),
                )
            )
        return facets

    def _query(self, nsid: str, params: Any) -> Any:
        """An XRPC query's JSON body as it came (each item is checked on its own)."""
        return self._client.invoke_query(nsid, params=params).content

    def _resolve(self, handle: str) -> str:
        return str(self._client.resolve_handle(handle).did)

    def upload_photo(self, path: Path) -> str:
        """Upload a photo (JPEG, PNG, GIF or WEBP, at most 1 MB, Bluesky's limit); its blob
        reference (JSON) for `reply`."""
        try:
            size = path.stat().st_size
            if size > MAX_PHOTO_BYTES:
                raise Refused(
                    f"The photo {path.name} is {size / 1_000_000:.1f} MB; Bluesky takes at "
                    "most 1 MB."
                )
            photo = path.read_bytes()
        except FileNotFoundError:
            raise Refused(f"The photo {path} does not exist.") from None
        except OSError as exc:
            raise Refused(f"The photo {path} can't be read: {exc.strerror or exc}") from exc
        mime = _photo_type(photo)
        if mime is None:
            raise Refused(f"{path.name} is not a JPEG, PNG, GIF or WEBP picture.")
        if len(photo) > MAX_PHOTO_BYTES:
            raise Refused(f"The photo {path.name} is larger than Bluesky's 1 MB.")
        body = self._call(
            UPLOAD_BLOB,
            lambda: (
                self._client.invoke_procedure(
                    UPLOAD_BLOB, content=photo, input_encoding=mime
                ).content
            ),
            retry_timeouts=False,
        )
        blob = body.get("blob") if isinstance(body, dict) else None
        if not isinstance(blob, dict) or not isinstance(blob.get("ref"), dict):
            raise TransientError("Bluesky accepted the photo but answered without its blob.")
        return json.dumps(blob, separators=(",", ":"))

    # -- one request, with waiting and retrying --------------------------------------

    def _call(self, endpoint: str, request: Callable[[], T], *, retry_timeouts: bool = True) -> T:
        import httpx
        from atproto_client.exceptions import (
            BadRequestError,
            ModelError,
            NetworkError,
            RateLimitExceededError,
            RequestException,
            UnauthorizedError,
        )

        attempt = 0
        renewals = 0
        while True:
            attempt += 1
            self._wait_for_window(endpoint)
            try:
                self._ensure_session()
                return request()
            except RateLimitExceededError as exc:
                reset = _reset_at(exc, self.clock())
                # The refused request may be the login or refresh made on the way.
                endpoint = self._last_endpoint or endpoint
                state = self._limit(endpoint)
                state.remaining, state.reset_at = 0, reset
                wait = reset - self.clock() + 1
                if wait > self.max_rate_wait or attempt >= self.backoff.max_attempts:
                    raise RateLimited(
                        f"Bluesky's rate limit for {endpoint} is used up until "
                        f"{datetime.fromtimestamp(reset, UTC):%H:%M:%S} UTC.",
                        reset,
                    ) from exc
                log.warning("Bluesky rate limit on %s; waiting %.0f s", endpoint, wait)
                self._sleep(wait)
            except (BadRequestError, UnauthorizedError) as exc:
                code, detail = _xrpc_error(exc)
                status = exc.response.status_code if exc.response is not None else 400
                if (code in _TOKEN_ERRORS or status == 401) and renewals < 2:
                    renewals += 1
                    attempt -= 1
                    self._stale = True
                    continue
                if code in _TOKEN_ERRORS or status == 401:
                    raise Refused(_app_password_message(self.handle), 401) from exc
                raise Refused(
                    f"Bluesky rejected the request ({status} {code}): {detail}", status
                ) from exc
            except (
                NetworkError,
                RequestException,
                ModelError,
                httpx.HTTPError,
                ValueError,
                TransientError,
            ) as exc:
                status = _status(exc)
                if status is not None and status < 500 and status != 409:
                    code, detail = _xrpc_error(exc)
                    raise Refused(
                        f"Bluesky answered {status} {code}: {detail}".rstrip(": "), status
                    ) from exc
                timed_out = isinstance(exc, httpx.TimeoutException) or _caused_by_timeout(exc)
                if (timed_out and not retry_timeouts) or attempt >= self.backoff.max_attempts:
                    raise TransientError(_transient_message(endpoint, exc, attempt)) from exc
                delay = self.backoff.delay(attempt)
                log.warning(
                    "%s; retrying in %.1f s", _transient_message(endpoint, exc, attempt), delay
                )
                self._sleep(delay)

    def _wait_for_window(self, endpoint: str) -> None:
        """Never hammer: with the window used up, wait for its reset before asking again."""
        state = self.limits.get(endpoint)
        if not state or state.remaining is None or state.remaining > 0 or not state.reset_at:
            return
        wait = state.reset_at - self.clock() + 1
        if wait <= 0:
            return
        if wait > self.max_rate_wait:
            raise RateLimited(f"Bluesky's rate limit for {endpoint} is used up.", state.reset_at)
        self._sleep(wait)

    def _note_rate(self, url: str, headers: Mapping[str, str]) -> None:
        endpoint = url.rsplit("/", 1)[-1].split("?", 1)[0]
        self._last_endpoint = endpoint
        values = {k: headers.get(f"ratelimit-{k}") for k in ("limit", "remaining", "reset")}
        if not any(values.values()):
            return
        state = self._limit(endpoint)
        for name, value in values.items():
            if value is not None and value.strip().isdigit():
                setattr(state, "reset_at" if name == "reset" else name, int(value))

    def _limit(self, endpoint: str) -> RateState:
        state = self.limits.setdefault(endpoint, RateState())
        if endpoint == LIST_NOTIFICATIONS:
            self.rate[endpoint] = state
        return state

    def _sleep(self, seconds: float) -> None:
        if self.stop_event.wait(max(0.0, seconds)):
            raise IntakeError("Intake was stopped.")


# -- the SDK's client, watched -------------------------------------------------------------


def _make_client(service: str, timeout: float, on_headers: Callable[[str, Any], None]) -> Client:
    """The SDK's Client on `service`, whose requests report their rate-limit headers (the
    SDK's answers keep no headers) and give up after `timeout` seconds."""
    from atproto_client import Client
    from atproto_client.exceptions import RequestErrorBase
    from atproto_client.request import Request

    class WatchedRequest(Request):  # type: ignore[misc]
        def _new_instance(self) -> WatchedRequest:
            return type(self)(**self._client_kwargs)

        def _send_request(self, method: str, url: str, **kwargs: Any) -> Any:
            try:
                response = super()._send_request(method, url, **kwargs)
            except RequestErrorBase as exc:
                if exc.response is not None:
                    on_headers(url, exc.response.headers)
                raise
            on_headers(url, response.headers)
            return response

    return Client(base_url=service, request=WatchedRequest(timeout=timeout))


# -- reading the service's answers ---------------------------------------------------------


def _saved_session(kept: str, service: str, handle: str) -> str:
    """The SDK's session string, if the kept one was made for this service and account."""
    if not kept:
        return ""
    try:
        value = json.loads(kept)
    except ValueError:
        return ""
    if not isinstance(value, dict) or value.get("service") != service:
        return ""
    session = value.get("session")
    if not isinstance(session, str) or session.count(":::") < 3:
        return ""
    if session.split(":::", 1)[0].lower() != handle.lower():
        return ""
    try:
        from atproto_client.client.session import Session

        # The SDK reads the tokens' expiry before every request: a garbled kept session
        # would fail each one, so it is dropped here and the account logs in instead.
        decoded = Session.decode(session)
        if decoded.access_jwt_payload.exp is None or decoded.refresh_jwt_payload.exp is None:
            return ""
    except Exception:
        log.warning("The kept Bluesky session is unreadable; logging in again")
        return ""
    return session


def _mark(text: str) -> tuple[datetime, str] | None:
    """An "indexedAt|uri" mark as something that sorts by time, then uri."""
    at, sep, uri = (text or "").partition("|")
    when = _parse_time(at) if sep else None
    return (when, uri) if when is not None else None


def _mark_text(item: Any) -> str:
    return f"{item.get('indexedAt')}|{item.get('uri')}"


def _item_mark(item: Any) -> tuple[datetime, str] | None:
    if not isinstance(item, dict) or not isinstance(item.get("uri"), str):
        return None
    if not isinstance(item.get("indexedAt"), str):
        return None
    return _mark(_mark_text(item))


def _other_reason(item: Any) -> bool:
    """A notification that is not a post to us (a like, a follow): not ours to read."""
    return (
        isinstance(item, dict)
        and isinstance(item.get("reason"), str)
        and (item["reason"] not in POST_REASONS)
    )


def _reply_refs(record: dict[str, Any]) -> tuple[str, str]:
    """(root uri, parent uri) of a reply record; blanks for a post that starts a thread."""
    reply = record.get("reply")
    if not isinstance(reply, dict):
        return "", ""
    root = reply.get("root") if isinstance(reply.get("root"), dict) else {}
    parent = reply.get("parent") if isinstance(reply.get("parent"), dict) else {}
    root_uri = str(root.get("uri") or "") if isinstance(root, dict) else ""
    parent_uri = str(parent.get("uri") or "") if isinstance(parent, dict) else ""
    return root_uri or parent_uri, parent_uri


def _plain_text(text: str, facets: Any) -> str:
    """The post's text, with each link facet's full URL where the text shows a shortened
    one (Bluesky apps write "example.com/lo..." and keep the address in the facet).
    Mentions and tags stay as written. Facets with nonsense offsets are ignored."""
    if not isinstance(facets, list) or not facets:
        return text
    data = text.encode("utf-8")
    links: list[tuple[int, int, str]] = []
    for facet in facets:
        if not isinstance(facet, dict):
            continue
        index = facet.get("index")
        features = facet.get("features")
        if not isinstance(index, dict) or not isinstance(features, list):
            continue
        start, end = index.get("byteStart"), index.get("byteEnd")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end:
            continue
        if end > len(data):
            continue
        for feature in features:
            if (
                isinstance(feature, dict)
                and feature.get("$type") == "app.bsky.richtext.facet#link"
                and isinstance(feature.get("uri"), str)
                and feature["uri"].lower().startswith(("http://", "https://"))
            ):
                links.append((start, end, feature["uri"]))
                break
    out = data
    last = len(data) + 1
    for start, end, uri in sorted(links, reverse=True):
        if end > last:
            continue  # overlaps the one after it
        try:
            data[:start].decode("utf-8")
            data[start:end].decode("utf-8")
        except UnicodeDecodeError:
            continue  # an offset inside a character
        out = out[:start] + uri.encode("utf-8") + out[end:]
        last = start
    return out.decode("utf-8", errors="replace")


def _embed(embed: Any, author_did: str, media_base: str) -> tuple[list[str], list[str]]:
    """(photo URLs, lines to show under the text) of a post's embed: images become photos;
    a link card its address; a quoted post its address on the web."""
    photos: list[str] = []
    lines: list[str] = []
    if not isinstance(embed, dict):
        return photos, lines
    kind = embed.get("$type")
    if kind == "app.bsky.embed.images":
        for image in embed.get("images") or []:
            cid = _blob_cid(image.get("image") if isinstance(image, dict) else None)
            if cid and author_did:
                photos.append(f"{media_base}/{author_did}/{cid}@jpeg")
    elif kind == "app.bsky.embed.external":
        external = embed.get("external")
        uri = external.get("uri") if isinstance(external, dict) else None
        if isinstance(uri, str) and uri.lower().startswith(("http://", "https://")):
            lines.append(uri)
    elif kind == "app.bsky.embed.record":
        web = _web_url(embed.get("record"))
        if web:
            lines.append(web)
    elif kind == "app.bsky.embed.recordWithMedia":
        record = embed.get("record")
        web = _web_url(record.get("record") if isinstance(record, dict) else None)
        more_photos, more_lines = _embed(embed.get("media"), author_did, media_base)
        photos += more_photos
        lines += more_lines + ([web] if web else [])
    return photos, lines


def _blob_cid(blob: Any) -> str:
    if not isinstance(blob, dict):
        return ""
    ref = blob.get("ref")
    if isinstance(ref, dict) and isinstance(ref.get("$link"), str):
        return str(ref["$link"])
    cid = blob.get("cid")  # the legacy blob shape
    return cid if isinstance(cid, str) else ""


def _web_url(ref: Any) -> str:
    """bsky.app's address of a post's at-uri (at://did/app.bsky.feed.post/rkey)."""
    uri = ref.get("uri") if isinstance(ref, dict) else None
    if not isinstance(uri, str) or not uri.startswith("at://"):
        return ""
    parts = uri[len("at://") :].split("/")
    if len(parts) != 3 or parts[1] != "app.bsky.feed.post" or not parts[0] or not parts[2]:
        return ""
    return f"{WEB_BASE}/profile/{parts[0]}/post/{parts[2]}"


def _photo_type(data: bytes) -> str | None:
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return next((mime for magic, mime in _PHOTO_MAGIC if data.startswith(magic)), None)


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _xrpc_error(exc: BaseException) -> tuple[str, str]:
    """(error code, message) of an XRPC error answer, blanks when there is none."""
    response = getattr(exc, "response", None)
    content = getattr(response, "content", None)
    code = getattr(content, "error", None)
    message = getattr(content, "message", None)
    if isinstance(content, dict):
        code, message = content.get("error"), content.get("message")
    return str(code or ""), str(message or "")[:300]


def _status(exc: BaseException) -> int | None:
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None)
    return status if isinstance(status, int) else None


def _reset_at(exc: Any, now: float) -> float:
    reset = exc.reset_at
    if reset is not None:
        return float(reset.timestamp())
    after = exc.retry_after
    return now + (after if after is not None else 60.0)


def _caused_by_timeout(exc: BaseException) -> bool:
    import httpx
    from atproto_client.exceptions import InvokeTimeoutError

    return isinstance(exc, InvokeTimeoutError) or isinstance(exc.__cause__, httpx.TimeoutException)


def _transient_message(endpoint: str, exc: BaseException, attempt: int) -> str:
    import httpx
    from atproto_client.exceptions import ModelError, NetworkError

    status = _status(exc)
    if _caused_by_timeout(exc) or isinstance(exc, httpx.TimeoutException):
        what = "did not answer in time"
    elif status is not None:
        what = f"had a server error ({status})"
    elif isinstance(exc, httpx.ConnectError) or isinstance(exc.__cause__, httpx.ConnectError):
        what = "could not be reached (network down?)"
    elif isinstance(exc, NetworkError | httpx.HTTPError):
        what = "broke off its answer"
    elif isinstance(exc, ModelError | ValueError):
        what = "answered with a malformed or truncated body"
    else:
        what = str(exc) or type(exc).__name__
    return f"Bluesky {what} on {endpoint} (attempt {attempt})"


# -- opening the channel -------------------------------------------------------------------


def keep_in_keyring(value: str) -> None:
    """Keep the session in the keyring, for the next start."""
    import keyring

    keyring.set_password(KEYRING_SERVICE, SESSION_KEY, value)


def kept_session() -> str:
    """The session kept in the keyring, or "" (none, or no keyring)."""
    try:
        import keyring

        return keyring.get_password(KEYRING_SERVICE, SESSION_KEY) or ""
    except Exception:  # no keyring: log in with the app password
        return ""


def open_channel(settings: Mapping[str, str], secrets: Mapping[str, str]) -> BlueskyChannel:
    """The town's Bluesky account from its settings and its keyring values.

    The session is read from (and kept in) the keyring under "bluesky.session" unless
    `secrets` carries one ("session", blank for none yet): then the keyring is neither
    read nor written (the demo's local server must never see nor replace the town's)."""
    handle = (settings.get("handle") or "").strip()
    password = (secrets.get("app_password") or "").strip()
    if not handle:
        raise Refused(
            "No Bluesky account: set the town's handle with "
            "'jundesk accounts set --channel bluesky'."
        )
    if not password:
        raise Refused(
            "No Bluesky app password: create one on Bluesky (Settings > Privacy and security "
            "> App passwords) and set it with 'jundesk accounts set --channel bluesky'."
        )
    own = "session" in secrets
    session = secrets.get("session", "") if own else kept_session()
    return BlueskyChannel(
        handle=handle,
        app_password=password,
        service=(settings.get("service") or DEFAULT_SERVICE).strip(),
        media_base=(settings.get("media_base") or DEFAULT_MEDIA_BASE).strip(),
        session=session,
        keep_session=None if own else keep_in_keyring,
    )
