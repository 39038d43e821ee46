"""The town's Mastodon account as a channel, through Mastodon.py: the statuses that mention
it (mention notifications, every page since the cursor), their threads, replies in thread
with the visibility of the status answered, and which stored statuses were deleted.

Mastodon.py is told to throw on a rate limit (`ratelimit_method="throw"`): its "wait" and
"pace" modes sleep in `time.sleep`, which nothing can interrupt when the desk closes. The
channel reads the `X-RateLimit-*` headers itself and waits on its stop event instead.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests
from mastodon import Mastodon
from mastodon.errors import (
    MastodonAPIError,
    MastodonError,
    MastodonNetworkError,
    MastodonNotFoundError,
    MastodonRatelimitError,
    MastodonServerError,
    MastodonUnauthorizedError,
)

from jundesk.core.channel_text import as_sent, reply_length, reply_limit
from jundesk.core.ids import uuid7
from jundesk.core.model import Cursor, Post
from jundesk.intake.backoff import Backoff
from jundesk.intake.mastodon_html import plain_text
from jundesk.intake.mastodon_stream import MastodonWakeStream
from jundesk.intake.source import (
    FIRST_READ_DAYS,
    IntakeError,
    Page,
    RateLimited,
    RateState,
    Refused,
    TransientError,
)

log = logging.getLogger(__name__)

CHANNEL = "mastodon"
SECRET_FIELDS: tuple[str, ...] = ("access_token",)
SETTING_FIELDS: tuple[str, ...] = ("api_base_url",)

DEFAULT_TIMEOUT = (5.0, 30.0)  # connect, read
PAGE_SIZE = 80  # the most Mastodon gives in a page of notifications (40 unless asked)
MAX_PAGE_SIZE = 80
# Mastodon's window is 5 minutes; a wait longer than that is the intake loop's decision.
MAX_RATE_WAIT = 6 * 60.0
# Below this share of the window left, requests are spread over what remains of it.
PACE_BELOW = 0.2
# gone() leaves this many requests of the window for reading and replying.
GONE_RESERVE = 30
GONE_BATCH = 20  # statuses asked at once (Mastodon 4.3+)
MAX_PHOTO_BYTES = 16 * 1024 * 1024  # Mastodon's default image limit
VISIBILITIES = ("public", "unlisted", "private", "direct")
# The version whose endpoints are used (media through /api/v2/media since 3.1.4, several
# statuses at once since 4.3.0: gone() falls back to one at a time on an older server).
API_VERSION = "4.3.0"
RATE_KEY = "api"
POLICY_CHECK_EVERY = 3600.0  # seconds between looks at the account's notification filters
# Mastodon 4.3's notification policy: what each filter keeps out, as the desk is told.
POLICY_FIELDS = (
    ("for_private_mentions", "private mentions from people the account doesn't follow"),
    ("for_not_following", "people the account doesn't follow"),
    ("for_not_followers", "people who don't follow the account"),
    ("for_new_accounts", "accounts created in the last 30 days"),
    ("for_limited_accounts", "accounts limited by the server's moderators"),
)  # Mastodon counts one window per access token, whatever the endpoint
_PHOTO_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
_GEO_URI = re.compile(r"\bgeo:(-?\d{1,2}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)")
_MAP_LINK = re.compile(r"https?://(?:www\.)?openstreetmap\.org/\S*")


def open_channel(settings: Mapping[str, str], secrets: Mapping[str, str]) -> MastodonChannel:
    """The channel for the town's account, from its settings and keyring values."""
    base = (settings.get("api_base_url") or "").strip().rstrip("/")
    token = (secrets.get("access_token") or "").strip()
    if not base:
        raise Refused(
            "No Mastodon server is set: give the town's server address (https://...) with "
            "'jundesk accounts set --channel mastodon'."
        )
    if not token:
        raise Refused(
            "No Mastodon access token: create an application in the town account's "
            "preferences (Development) and store its access token with "
            "'jundesk accounts set --channel mastodon'."
        )
    return MastodonChannel(base, token)


@dataclass
class MastodonChannel:
    """One town account on one Mastodon server. Blocking: the app runs it in a worker thread."""

    api_base_url: str
    access_token: str = field(repr=False)
    page_size: int = PAGE_SIZE
    timeout: tuple[float, float] = DEFAULT_TIMEOUT
    backoff: Backoff = field(default_factory=Backoff)
    max_rate_wait: float = MAX_RATE_WAIT
    clock: Callable[[], float] = time.time
    name: str = CHANNEL
    rate: dict[str, RateState] = field(default_factory=dict)
    stop_event: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        base = self.api_base_url if "://" in self.api_base_url else "https://" + self.api_base_url
        parts = urlsplit(base)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise Refused(f"{self.api_base_url!r} is not a Mastodon server address.")
        if parts.scheme == "http" and parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            # The access token would cross the network in the clear.
            raise Refused(
                f"The Mastodon server address {self.api_base_url} must start with https://."
            )
        self.api_base_url = base.rstrip("/")
        self.session = requests.Session()
        self.session.hooks["response"].append(self._on_response)
        self.api = Mastodon(
            access_token=self.access_token,
            api_base_url=self.api_base_url,
            ratelimit_method="throw",
            request_timeout=self.timeout,  # type: ignore[arg-type]  # requests takes a pair
            mastodon_version=API_VERSION,
            version_check_mode="created",
            session=self.session,
            user_agent="JunDesk",
        )
        self.page_size = max(1, min(MAX_PAGE_SIZE, self.page_size))
        self._town_id = ""
        self._town_acct = ""
        self._roots: dict[str, str] = {}  # status id -> its thread's root status id
        self._answered_list = False  # the last page of notifications was a JSON list
        # What Mastodon said in its last error answer (Mastodon.py casts an error body to
        # the type the endpoint returns, and loses its words).
        self._said = ""
        self._raw: dict[str, Any] = {}  # status id -> as the last page brought it
        self._notice = ""
        self._policy_checked = float("-inf")
        self._batch = True  # the server answers several statuses at once (Mastodon 4.3+)
        self._gone_from = 0  # where the next deletions check starts among the older statuses
        self._gone_recent = 0
        self.stream = MastodonWakeStream(
            self.api_base_url, self.access_token, self.stop_event, api_version=API_VERSION
        )

    # -- the account ---------------------------------------------------------------

    def account(self) -> tuple[str, str, str]:
        """(id, acct, display name) of the town account the token belongs to."""
        body = self._call("accounts/verify_credentials", self.api.account_verify_credentials)
        if not isinstance(body, dict) or not str(body.get("id") or ""):
            raise TransientError("Mastodon answered the account lookup without an account id.")
        self._town_id = str(body["id"])
        self._town_acct = str(body.get("acct") or "")
        return self._town_id, self._town_acct, str(body.get("display_name") or "")

    @property
    def town_id(self) -> str:
        if not self._town_id:
            self.account()
        return self._town_id

    # -- what the intake loop and the desk ask -------------------------------------

    def streams(self) -> list[str]:
        """One stream: the town account's mentions."""
        streams = [f"mentions:{self.town_id}"]
        if self.clock() >= self._policy_checked + POLICY_CHECK_EVERY:
            self._check_policy()
        return streams

    def _check_policy(self) -> None:
        """Mastodon (4.3+) may keep mentions out of the notifications JunDesk reads (the
        account's notification filters: private mentions from people it doesn't follow,
        new accounts...): the desk is told, as the channel's notice, until they are accepted."""
        self._policy_checked = self.clock()
        try:
            policy = self._call("notifications/policy", self.api.notifications_policy, attempts=1)
        except (Refused, TransientError) as exc:
            status = exc.status if isinstance(exc, Refused) else 0
            if status == 401:
                raise
            if status != 404:  # 404: a server before 4.3 filters nothing
                log.info("Mastodon's notification policy could not be read: %s", exc)
            return
        if not isinstance(policy, dict):
            return
        kept_out = [
            what
            for field_name, what in POLICY_FIELDS
            if str(policy.get(field_name) or "accept") != "accept"
        ]
        self._notice = (
            "Mastodon's notification filters keep some mentions from JunDesk ("
            + ", ".join(kept_out)
            + "): set them to accept in the town account's notification settings."
            if kept_out
            else ""
        )
        if kept_out:
            log.warning("%s", self._notice)

    def shown_rate(self) -> RateState | None:
        return self.rate.get(RATE_KEY)

    def set_wake(self, wake: Callable[[], None] | None) -> None:
        """While intake runs, a mention announced on Mastodon's user stream calls `wake`
        (from the stream's thread) so the loop polls at once; None ends the stream. A
        server without streaming leaves the channel polling at its interval."""
        if wake is None:
            self.stream.stop()
        else:
            self.stream.start(wake)

    def close(self) -> None:
        """End the stream's connection and thread (the desk is closing)."""
        self.stream.stop()

    def notice(self) -> str:
        return self._notice

    def gone(self, source_ids: Sequence[str]) -> set[str]:
        """The statuses among these that Mastodon no longer has (deleted, or their author's
        account gone): asked 20 at a time (Mastodon 4.3's multiple statuses; a status missing
        from the answer is confirmed by its own 404), one by one from older servers.

        The rate window is shared with reading and replying: the check stops before it runs
        low, telling only what it learnt. The newest statuses (a week) are asked first, then
        the others from where the last check stopped, so every status is asked in turn.
        """
        order = self._gone_order(source_ids)
        gone: set[str] = set()
        checked = 0
        try:
            while checked < len(order):
                if self._window_low():
                    log.info("Mastodon deletions check paused: the rate window is running low")
                    break
                chunk = (
                    order[checked : checked + GONE_BATCH]
                    if self._batch
                    else order[checked : checked + 1]
                )
                gone |= self._missing(chunk)
                checked += len(chunk)
        except TransientError as exc:
            log.warning("Mastodon deletions check stopped: %s", exc)
        finally:
            self._gone_from += max(0, checked - self._gone_recent)
        return gone

    def _gone_order(self, source_ids: Sequence[str]) -> list[str]:
        ids = list(dict.fromkeys(str(i) for i in source_ids))
        week_ago = (self.clock() - 7 * 86400) * 1000
        recent = [i for i in ids if i.isdigit() and (int(i) >> 16) >= week_ago]
        recent.sort(key=_order, reverse=True)
        rest = [i for i in ids if not (i.isdigit() and (int(i) >> 16) >= week_ago)]
        start = self._gone_from % len(rest) if rest else 0
        self._gone_from = start
        self._gone_recent = len(recent)
        return recent + rest[start:] + rest[:start]

    def _window_low(self) -> bool:
        state = self.rate.get(RATE_KEY)
        if not state or state.remaining is None:
            return False
        if state.reset_at is not None and state.reset_at <= self.clock():
            return False  # that window is over: the next answer tells the new one
        reserve = max(GONE_RESERVE, int((state.limit or 0) * PACE_BELOW))
        return state.remaining < reserve

    def _missing(self, chunk: list[str]) -> set[str]:
        """Which of these statuses Mastodon answers 404 for."""
        if len(chunk) > 1:
            try:
                found = self._call(
                    "statuses", functools.partial(self.api.statuses, chunk), attempts=2
                )
            except Refused as exc:
                if exc.status != 404:
                    raise
                self._batch = False  # a server before 4.3: one status at a time from now on
            else:
                if not isinstance(found, list):
                    raise TransientError(
                        "Mastodon answered the statuses asked with something else."
                    )
                there = {str(s["id"]) for s in found if isinstance(s, dict) and _is_id(s.get("id"))}
                chunk = [i for i in chunk if i not in there]
        missing: set[str] = set()
        for source_id in chunk:
            try:
                self._call("statuses", functools.partial(self.api.status, source_id), attempts=2)
            except Refused as exc:
                if exc.status == 404:
                    missing.add(source_id)
                elif exc.status == 401:
                    raise
                else:
                    log.warning("Mastodon deletions check: %s", exc)
        return missing

    # -- reading -------------------------------------------------------------------

    def pages(self, cursor: Cursor) -> Iterator[Page]:
        """Every page of mentions newer than `cursor.since_id` (a notification id), newest
        first, walking down with `max_id` until Mastodon answers an empty page.

        A poll that stopped half-way (sweep_top set) first resumes below `sweep_bottom`,
        so its older pages are never skipped; then it reads what came since.
        """
        while True:
            resumed = bool(cursor.sweep_top)
            for page in self._sweep(cursor):
                yield page
                cursor = page.cursor
            if not resumed:
                return

    def _sweep(self, cursor: Cursor) -> Iterator[Page]:
        top, bottom = cursor.sweep_top, cursor.sweep_bottom
        below = bottom if top else ""
        since = cursor.since_id
        oldest = datetime.fromtimestamp(self.clock(), UTC) - timedelta(days=FIRST_READ_DAYS)
        while True:
            items = self._call(
                "notifications", functools.partial(self._notifications, since, below)
            )
            mentions, skipped = self._parse(items)
            # A first poll stops at FIRST_READ_DAYS: older mentions are the account's history.
            history = not since and any(post.created_at < oldest for _, post in mentions)
            if history:
                mentions = [(nid, post) for nid, post in mentions if post.created_at >= oldest]
            # Only the ids of valid mentions move the cursor: a broken item's id proves nothing.
            ids = [nid for nid, _ in mentions]
            posts = tuple(post for _, post in mentions)
            if not ids:
                newest = max(top, since, key=_order) if top or since else ""
                after = Cursor(cursor.source, cursor.key, newest, "", "")
                yield Page(posts, after, reads=0, skipped=skipped)
                return
            if not top:
                top = max(ids, key=_order)
            low = min(ids, key=_order)
            bottom = min(low, bottom, key=_order) if bottom else low
            if since and _order(bottom) <= _order(since):
                raise TransientError("Mastodon answered notifications older than asked for.")
            if history:
                yield Page(posts, Cursor(cursor.source, cursor.key, top, "", ""), 0, skipped)
                return
            after = Cursor(cursor.source, cursor.key, since, top, bottom)
            yield Page(posts, after, reads=0, skipped=skipped)
            below = bottom

    def _notifications(self, since: str, below: str) -> list[Any]:
        self._answered_list = False
        self._raw = {}
        items = self.api.notifications(
            types=["mention"], since_id=since or None, max_id=below or None, limit=self.page_size
        )
        # Mastodon.py makes a list of whatever JSON came (an object's keys, even): only the
        # body itself tells a page from something else.
        if not self._answered_list or not isinstance(items, list):
            raise MastodonAPIError("Mastodon answered a page of notifications that is not a list.")
        return items

    def _parse(self, items: list[Any]) -> tuple[list[tuple[str, Post]], int]:
        now = datetime.fromtimestamp(self.clock(), UTC)
        mentions: list[tuple[str, Post]] = []
        skipped = 0
        for item in items:
            post = self._mention(item, now)
            if post is None:
                skipped += 1
                log.warning("Skipped an item of Mastodon's answer that is not a valid mention")
            else:
                mentions.append((str(item["id"]), post))
        return mentions, skipped

    def _mention(self, item: Any, now: datetime) -> Post | None:
        if not isinstance(item, dict) or item.get("type") != "mention":
            return None
        if not str(item.get("id") or "").isdigit():
            return None
        return self._status_post(item.get("status"), now)

    def _status_post(self, status: Any, now: datetime) -> Post | None:
        if not isinstance(status, dict) or not _is_id(status.get("id")):
            return None
        account = status.get("account")
        content = status.get("content")
        if not isinstance(account, dict) or not _is_id(account.get("id")):
            return None
        if not isinstance(content, str):
            return None
        source_id = str(status["id"])
        text = plain_text(content)
        spoiler = status.get("spoiler_text")
        if isinstance(spoiler, str) and spoiler.strip():
            text = f"{spoiler.strip()}\n\n{text}"
        visibility = str(status.get("visibility") or "public")
        parent = str(status.get("in_reply_to_id") or "")
        author_id = str(account["id"])
        return Post(
            id=uuid7(),
            source=CHANNEL,
            source_id=source_id,
            author_id=author_id,
            author_handle=str(account.get("acct") or account.get("username") or ""),
            author_name=str(account.get("display_name") or account.get("username") or ""),
            text=text,
            created_at=_time(status.get("created_at")) or now,
            received_at=now,
            lang=str(status.get("language") or ""),
            conversation_id=self._root(source_id, parent),
            in_reply_to_id=parent,
            media=_media(status.get("media_attachments")),
            place=_place(text),
            is_own=bool(self._town_id) and author_id == self._town_id,
            raw=json.dumps(
                self._raw.get(source_id, status),
                ensure_ascii=False,
                separators=(",", ":"),
                default=_jsonable,
            ),
            private=visibility == "direct",
        )

    def _root(self, source_id: str, parent: str) -> str:
        """The id of the status that started the thread (the status's own when it answers
        nobody), from the status's context; remembered, so a thread costs one lookup."""
        if not parent:
            return source_id
        root = self._roots.get(parent)
        if root is None:
            try:
                context = self._call("statuses/context", lambda: self.api.status_context(source_id))
            except Refused as exc:
                if exc.status != 404:
                    raise
                context = None  # deleted meanwhile: its parent stands for the thread
            ancestors = context.get("ancestors") if isinstance(context, dict) else None
            first = ancestors[0] if isinstance(ancestors, list) and ancestors else None
            root = (
                str(first["id"]) if isinstance(first, dict) and _is_id(first.get("id")) else parent
            )
            self._roots[parent] = root
        if len(self._roots) > 50_000:
            self._roots.clear()
        self._roots[source_id] = root
        return root

    # -- replying ------------------------------------------------------------------

    def reply(self, in_reply_to: str, text: str, media_ids: Sequence[str] = ()) -> Post:
        """Answer a status in its thread, addressed to its author and with its visibility:
        a direct mention is answered directly, never in public."""
        parent = self._call(
            "statuses",
            lambda: self.api.status(in_reply_to),
            not_found=(
                "The Mastodon post being answered no longer exists (its author deleted it)."
            ),
        )
        if not isinstance(parent, dict) or not isinstance(parent.get("account"), dict):
            raise TransientError("Mastodon answered the post being answered without its author.")
        acct = str(parent["account"].get("acct") or "")
        mention = f"@{acct}"
        text = as_sent(CHANNEL, text, acct)
        visibility = str(parent.get("visibility") or "public")
        if visibility not in VISIBILITIES:
            visibility = "direct"  # unknown: the most private there is
        spoiler = parent.get("spoiler_text") if isinstance(parent.get("spoiler_text"), str) else ""
        length, limit = reply_length(CHANNEL, text), reply_limit(CHANNEL)
        if length > limit:
            # Asked before publishing: Mastodon would refuse it anyway (422).
            raise Refused(
                f"The reply counts {length} characters on Mastodon with the author's address "
                f"({mention}); Mastodon takes at most {limit}.",
                422,
            )
        key = uuid7()  # the same key on a retry: Mastodon publishes it once
        status = self._call(
            "statuses",
            lambda: self.api.status_post(
                text,
                in_reply_to_id=in_reply_to,
                media_ids=list(media_ids) or None,
                visibility=visibility,
                spoiler_text=spoiler or None,
                idempotency_key=key,
            ),
        )
        return self._own(status, text, in_reply_to)

    def post(self, text: str) -> Post:
        """A public status of the town account answering nobody (the weekly summary)."""
        key = uuid7()
        status = self._call(
            "statuses",
            lambda: self.api.status_post(text, visibility="public", idempotency_key=key),
        )
        return self._own(status, text, "")

    def _own(self, status: Any, text: str, in_reply_to: str) -> Post:
        if not isinstance(status, dict) or not _is_id(status.get("id")):
            raise TransientError("Mastodon accepted the post but answered without its id.")
        now = datetime.fromtimestamp(self.clock(), UTC)
        source_id = str(status["id"])
        return Post(
            id=uuid7(),
            source=CHANNEL,
            source_id=source_id,
            author_id=self.town_id,  # looked up here when intake has not done it yet
            author_handle=self._town_acct,
            author_name="",
            text=text,
            created_at=now,
            received_at=now,
            conversation_id=self._roots.get(in_reply_to, in_reply_to) or source_id,
            in_reply_to_id=in_reply_to,
            is_own=True,
            raw=json.dumps(status, ensure_ascii=False, separators=(",", ":"), default=_jsonable),
            private=status.get("visibility") == "direct",
        )

    def upload_photo(self, path: Path) -> str:
        """Upload a photo (JPEG, PNG or GIF, at most 16 MB) for a reply; its media id."""
        try:
            size = path.stat().st_size
            if size > MAX_PHOTO_BYTES:
                raise Refused(
                    f"The photo {path.name} is {size / 1024 / 1024:.1f} MB; Mastodon takes at "
                    f"most {MAX_PHOTO_BYTES // 1024 // 1024} MB."
                )
            photo = path.read_bytes()
        except FileNotFoundError:
            raise Refused(f"The photo {path} does not exist.") from None
        except OSError as exc:
            raise Refused(f"The photo {path} can't be read: {exc.strerror or exc}") from exc
        mime = next((m for magic, m in _PHOTO_MAGIC if photo.startswith(magic)), None)
        if mime is None:
            raise Refused(f"{path.name} is not a JPEG, PNG or GIF picture.")
        # Not retried after a timeout: the desk decides; a stray upload is only cleaned up.
        media = self._call(
            "media",
            lambda: self.api.media_post(photo, mime_type=mime, file_name=path.name),
            retry_timeouts=False,
        )
        if not isinstance(media, dict) or not _is_id(media.get("id")):
            raise TransientError("Mastodon accepted the photo but answered without its id.")
        return str(media["id"])

    # -- one request, with pacing and retrying -------------------------------------

    def _call(
        self,
        endpoint: str,
        request: Callable[[], Any],
        *,
        retry_timeouts: bool = True,
        attempts: int = 0,
        not_found: str = "",
    ) -> Any:
        most = attempts or self.backoff.max_attempts
        attempt = 0
        while True:
            attempt += 1
            self._pace()
            try:
                return request()
            except MastodonRatelimitError as exc:
                state = self.rate.setdefault(RATE_KEY, RateState())
                reset = state.reset_at if state.reset_at and state.reset_at > self.clock() else None
                reset = reset or self.clock() + 60
                state.remaining, state.reset_at = 0, reset
                wait = reset - self.clock() + 1
                if wait > self.max_rate_wait or attempt >= most:
                    raise RateLimited(
                        f"Mastodon's rate limit for the town account is used up until "
                        f"{datetime.fromtimestamp(reset, UTC):%H:%M:%S} UTC.",
                        reset,
                    ) from exc
                log.warning("Mastodon rate limit on %s; waiting %.0f s", endpoint, wait)
                self._sleep(wait)
            except MastodonUnauthorizedError as exc:
                raise Refused(_unauthorized(self._said), 401) from exc
            except MastodonNotFoundError as exc:
                raise Refused(
                    not_found or f"Mastodon has no such thing ({endpoint}, 404).", 404
                ) from exc
            except (MastodonServerError, MastodonNetworkError, MastodonAPIError) as exc:
                status = _status(exc)
                if status and not isinstance(exc, MastodonServerError):
                    raise Refused(_refusal(endpoint, status, self._said), status) from exc
                timed_out = isinstance(exc.__context__, requests.Timeout)
                if (timed_out and not retry_timeouts) or attempt >= most:
                    raise TransientError(_transient(endpoint, exc, attempt)) from exc
                delay = self.backoff.delay(attempt)
                log.warning("%s; retrying in %.1f s", _transient(endpoint, exc, attempt), delay)
                self._sleep(delay)
            except MastodonError as exc:
                raise Refused(f"Mastodon.py refused the request ({endpoint}): {exc}") from exc

    def _pace(self) -> None:
        """Never hammer: with the window spent, wait for its reset; with little of it left,
        spread what is left over the time to the reset."""
        state = self.rate.get(RATE_KEY)
        if not state or state.remaining is None or not state.reset_at:
            return
        left = state.reset_at - self.clock()
        if left <= 0:
            return
        if state.remaining <= 0:
            if left + 1 > self.max_rate_wait:
                raise RateLimited(
                    "Mastodon's rate limit for the town account is used up.", state.reset_at
                )
            self._sleep(left + 1)
        elif state.limit and state.remaining < state.limit * PACE_BELOW:
            self._sleep(min(left / state.remaining, self.max_rate_wait))

    def _on_response(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        """Every answer passes here before Mastodon.py reads it: its rate-limit headers, its
        error's words, and a page of notifications's statuses as they came (for Post.raw:
        Mastodon.py's models add every field they know, as null)."""
        if response.ok and response.request.path_url.startswith("/api/v1/notifications"):
            self._answered_list = response.content.lstrip()[:1] == b"["
            self._raw = _statuses_as_received(response) if self._answered_list else {}
        if not response.ok:
            self._said = _error_text(response)
        headers = response.headers
        state = self.rate.setdefault(RATE_KEY, RateState())
        limit = headers.get("X-RateLimit-Limit", "")
        remaining = headers.get("X-RateLimit-Remaining", "")
        if limit.isdigit():
            state.limit = int(limit)
        if remaining.isdigit():
            state.remaining = int(remaining)
        reset = _time(headers.get("X-RateLimit-Reset"))
        if reset is not None:
            state.reset_at = reset.timestamp()

    def _sleep(self, seconds: float) -> None:
        if self.stop_event.wait(max(0.0, seconds)):
            raise IntakeError("Intake was stopped.")


def _is_id(value: Any) -> bool:
    return isinstance(value, (str, int)) and not isinstance(value, bool) and str(value) != ""


def _order(value: str) -> tuple[int, str]:
    """Mastodon's ids are numbers written as text: the longer one is the newer."""
    return len(value), value


def _time(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str) and value:
        try:
            parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _media(attachments: Any) -> tuple[str, ...]:
    if not isinstance(attachments, list):
        return ()
    urls: list[str] = []
    for item in attachments:
        if not isinstance(item, dict):
            continue
        url = item.get("url") if item.get("type") == "image" else item.get("preview_url")
        if isinstance(url, str) and url.startswith(("https://", "http://")):
            urls.append(url)
    return tuple(urls)


def _place(text: str) -> str:
    """ "lat,long" of a location shared as a map link (OpenStreetMap, geo: URI), else ""."""
    match = _GEO_URI.search(text)
    if match:
        return f"{match.group(1)},{match.group(2)}"
    for link in _MAP_LINK.findall(text):
        query = parse_qs(urlsplit(link).query)
        lat, lon = query.get("mlat", [""])[0], query.get("mlon", [""])[0]
        try:
            if -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180:
                return f"{lat},{lon}"
        except ValueError:
            continue
    return ""


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def _status(exc: BaseException) -> int:
    """The HTTP status Mastodon.py put in an API error (its second argument), else 0."""
    args: tuple[Any, ...] = getattr(exc, "args", ())
    return args[1] if len(args) > 1 and isinstance(args[1], int) else 0


def _statuses_as_received(response: requests.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    statuses = (
        (n.get("status") for n in body if isinstance(n, dict)) if isinstance(body, list) else ()
    )
    return {str(s["id"]): s for s in statuses if isinstance(s, dict) and _is_id(s.get("id"))}


def _error_text(response: requests.Response) -> str:
    """Mastodon's words in an error answer: its JSON `error`, or the token's trouble."""
    said = ""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        said = body["error"]
    if response.status_code == 401 and not said:
        said = response.headers.get("WWW-Authenticate", "")
    return " ".join(said.split())[:300]


def _unauthorized(said: str) -> str:
    lowered = said.lower()
    if "revoked" in lowered:
        why = "the town account's access token was revoked"
    elif "expired" in lowered:
        why = "the town account's access token expired"
    else:
        why = "the town account's access token is not accepted"
    return (
        f"Mastodon refused the credentials (401): {why}. Create a new access token in the "
        "account's preferences (Development) and store it with "
        "'jundesk accounts set --channel mastodon'."
    )


def _refusal(endpoint: str, status: int, said: str) -> str:
    if status == 403:
        return (
            f"Mastodon refused the request ({endpoint}, 403): the access token lacks a "
            "permission (read:accounts, read:notifications, read:statuses, write:statuses, "
            f"write:media) or the account is restricted. {said}".strip()
        )
    return f"Mastodon rejected the request ({endpoint}, {status}): {said}".rstrip(": ")


def _transient(endpoint: str, exc: BaseException, attempt: int) -> str:
    context = exc.__context__
    if isinstance(context, requests.Timeout):
        what = "did not answer in time"
    elif isinstance(context, requests.ConnectionError):
        what = "could not be reached (network down?)"
    elif isinstance(exc, MastodonNetworkError):
        what = "broke off its answer"
    elif isinstance(exc, MastodonServerError):
        what = f"had a server error ({_status(exc)})"
    else:
        what = "answered something malformed"
    return f"Mastodon {what} on {endpoint} (attempt {attempt})"
