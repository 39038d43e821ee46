"""Intake from X through tweepy's v2 Client: mentions of the town account, optional recent
searches for the town's hashtags, and public replies.

Each request's answer is checked by hand (tweepy hands back the raw response), so a
malformed, truncated or odd answer is an error we can retry, never a half-read page.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests
import tweepy

from jundesk.core.ids import uuid7
from jundesk.core.model import Cursor, Post
from jundesk.intake.backoff import Backoff
from jundesk.intake.source import (
    IntakeError,
    Page,
    RateLimited,
    RateState,
    Refused,
    TransientError,
    UsageCapped,
)
from jundesk.intake.x_credentials import XCredentials
from jundesk.intake.x_transport import DEFAULT_TIMEOUT, X_API_BASE, mount

log = logging.getLogger(__name__)

SOURCE = "x"
TWEET_FIELDS = [
    "created_at",
    "author_id",
    "conversation_id",
    "in_reply_to_user_id",
    "referenced_tweets",
    "lang",
    "geo",
    "attachments",
    "entities",
]
EXPANSIONS = ["author_id", "geo.place_id", "attachments.media_keys"]
USER_FIELDS = ["username", "name"]
PLACE_FIELDS = ["full_name", "name", "country_code"]
MEDIA_FIELDS = ["url", "preview_image_url", "type"]
# Waiting longer than this for a rate-limit reset is the caller's decision, not ours.
MAX_RATE_WAIT = 16 * 60.0
MEDIA_UPLOAD_URL = X_API_BASE + "/2/media/upload"  # the transport adapter reroutes it
MAX_PHOTO_BYTES = 5 * 1024 * 1024  # X's limit for a tweet_image
PROBLEM_TYPES = "https://api.twitter.com/2/problems/"
USAGE_CAPPED = "usage-capped"  # a 429 for the month, not for the rate-limit window
# The picture formats X takes as a post photo, told by their first bytes: the file's name
# says nothing reliable, and X would refuse anything else after a costly upload.
_PHOTO_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


@dataclass
class XSource:
    """One town account on X. Blocking: the app runs it in a worker thread."""

    credentials: XCredentials
    api_base: str | None = None
    searches: tuple[str, ...] = ()
    page_size: int = 100
    timeout: tuple[float, float] = DEFAULT_TIMEOUT
    backoff: Backoff = field(default_factory=Backoff)
    max_rate_wait: float = MAX_RATE_WAIT
    clock: Callable[[], float] = time.time
    name: str = SOURCE
    rate: dict[str, RateState] = field(default_factory=dict)
    stop_event: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        if not self.credentials.can_read:
            raise Refused(
                "No X credentials: set the town account with 'jundesk accounts set' "
                "or the JUNDESK_X_* environment variables."
            )
        self.client = tweepy.Client(
            bearer_token=self.credentials.bearer_token or None,
            consumer_key=self.credentials.consumer_key or None,
            consumer_secret=self.credentials.consumer_secret or None,
            access_token=self.credentials.access_token or None,
            access_token_secret=self.credentials.access_token_secret or None,
            return_type=requests.Response,
        )
        mount(self.client.session, self.api_base, self.timeout)
        self._user_id = self.credentials.user_id
        self._user_auth_reads = not self.credentials.bearer_token

    # -- the account ---------------------------------------------------------------

    def account(self) -> tuple[str, str, str]:
        """(id, username, name) of the town account; needs user-context credentials."""
        if not self.credentials.can_post:
            raise Refused(
                "Looking up the town account needs the account's user tokens; "
                "or set JUNDESK_X_USER_ID."
            )
        body = self._call("users/me", lambda: self.client.get_me(user_auth=True))
        data = body.get("data") if isinstance(body, dict) else None
        if not isinstance(data, dict) or not str(data.get("id", "")).isdigit():
            raise TransientError("X answered the account lookup without an account id.")
        self._user_id = str(data["id"])
        return self._user_id, str(data.get("username", "")), str(data.get("name", ""))

    @property
    def user_id(self) -> str:
        if not self._user_id:
            self.account()
        return self._user_id

    # -- reading -------------------------------------------------------------------

    def streams(self) -> list[str]:
        """The cursor keys this source reads: the mentions, then each search query."""
        return [f"mentions:{self.user_id}"] + [f"search:{q}" for q in self.searches]

    def pages(self, cursor: Cursor) -> Iterator[Page]:
        """Every page newer than `cursor.since_id`, newest first, following `next_token`.

        A poll that stopped half-way (sweep_top set) first resumes below `sweep_bottom`,
        so the older pages of an interrupted poll are never skipped; then it reads what
        came since.
        """
        while True:
            resumed = bool(cursor.sweep_top)
            for page in self._sweep(cursor):
                yield page
                cursor = page.cursor
            if not resumed:
                return

    def _sweep(self, cursor: Cursor) -> Iterator[Page]:
        fetch = self._fetcher(cursor.key)
        top = cursor.sweep_top
        bottom = cursor.sweep_bottom
        token: str | None = None
        while True:
            until = bottom if (top and token is None and bottom) else None
            body = fetch(cursor.since_id or None, until, token)
            posts, skipped = self._parse(body)
            meta = body.get("meta") if isinstance(body.get("meta"), dict) else {}
            ids = [int(p.source_id) for p in posts]
            next_token = meta.get("next_token") if isinstance(meta, dict) else None
            if not top and ids:
                top = str(max(ids))
            more = bool(next_token) and bool(ids)
            if more:
                low = min(ids)
                bottom = str(min(low, int(bottom)) if bottom else low)
                after = replace(cursor, sweep_top=top, sweep_bottom=bottom)
            else:
                newest = max(int(top or 0), int(cursor.since_id or 0))
                after = Cursor(cursor.source, cursor.key, str(newest) if newest else "", "", "")
            yield Page(tuple(posts), after, reads=len(posts), skipped=skipped)
            if not more:
                return
            token = str(next_token)

    def _fetcher(self, key: str) -> Callable[[str | None, str | None, str | None], dict[str, Any]]:
        common: dict[str, Any] = {
            "tweet_fields": TWEET_FIELDS,
            "expansions": EXPANSIONS,
            "user_fields": USER_FIELDS,
            "place_fields": PLACE_FIELDS,
            "media_fields": MEDIA_FIELDS,
            "user_auth": self._user_auth_reads,
        }
        kind, _, arg = key.partition(":")
        if kind == "mentions":

            def mentions(since: str | None, until: str | None, token: str | None) -> dict[str, Any]:
                return self._call(
                    "mentions",
                    lambda: self.client.get_users_mentions(
                        arg,
                        since_id=since,
                        until_id=until,
                        pagination_token=token,
                        max_results=max(5, min(100, self.page_size)),
                        **common,
                    ),
                )

            return mentions
        if kind == "search":

            def search(since: str | None, until: str | None, token: str | None) -> dict[str, Any]:
                return self._call(
                    "search",
                    lambda: self.client.search_recent_tweets(
                        arg,
                        since_id=since,
                        until_id=until,
                        next_token=token,
                        max_results=max(10, min(100, self.page_size)),
                        **common,
                    ),
                )

            return search
        raise ValueError(f"unknown X stream {key!r}")

    # -- what the desk is shown, and deletions ------------------------------------

    def shown_rate(self) -> RateState | None:
        """The mentions' rate limit: the one reading the town's posts meets first."""
        return self.rate.get("mentions")

    def notice(self) -> str:
        return ""

    def gone(self, source_ids: Sequence[str]) -> set[str]:
        """The posts X's batch compliance says must go (deleted, or their author protected,
        suspended or removed); set() without the app's bearer token, which the jobs need."""
        if not source_ids or not self.credentials.bearer_token:
            return set()
        from jundesk.intake.x_compliance import XCompliance

        check = XCompliance(self.credentials, api_base=self.api_base).check
        return set(check([i for i in source_ids if i.isdigit()]))

    # -- replying ------------------------------------------------------------------

    def reply(self, in_reply_to: str, text: str, media_ids: Sequence[str] = ()) -> Post:
        """Publish a public reply, with photos already uploaded by `upload_photo`."""
        return self._create(text, in_reply_to, media_ids)

    def post(self, text: str) -> Post:
        """Publish a post of the town account that answers nobody (the weekly summary)."""
        return self._create(text, "", ())

    def _create(self, text: str, in_reply_to: str, media_ids: Sequence[str]) -> Post:
        self._need_user_tokens("Replying" if in_reply_to else "Posting")
        # A reply is not retried after a timeout: X may have published it already.
        body = self._call(
            "tweets",
            lambda: self.client.create_tweet(
                text=text,
                in_reply_to_tweet_id=in_reply_to or None,
                media_ids=list(media_ids) or None,
                user_auth=True,
            ),
            retry_timeouts=False,
        )
        data = body.get("data") if isinstance(body, dict) else None
        if not isinstance(data, dict) or not str(data.get("id", "")).isdigit():
            raise TransientError("X accepted the reply but answered without its id.")
        now = datetime.fromtimestamp(self.clock(), UTC)
        return Post(
            id=uuid7(),
            source=SOURCE,
            source_id=str(data["id"]),
            author_id=self._user_id,
            author_handle="",
            author_name="",
            text=str(data.get("text", text)),
            created_at=now,
            received_at=now,
            in_reply_to_id=in_reply_to,
            is_own=True,
            raw=json.dumps(data, ensure_ascii=False),
        )

    def upload_photo(self, path: Path) -> str:
        """Upload a photo (JPEG, PNG, GIF or WEBP, at most 5 MB) for a post; its media id."""
        self._need_user_tokens("Posting a photo")
        try:
            size = path.stat().st_size
            # Checked before reading, so a huge file picked by mistake is never loaded.
            if size > MAX_PHOTO_BYTES:
                raise Refused(
                    f"The photo {path.name} is {size / 1024 / 1024:.1f} MB; X takes at most "
                    f"{MAX_PHOTO_BYTES // 1024 // 1024} MB."
                )
            photo = path.read_bytes()
        except FileNotFoundError:
            raise Refused(f"The photo {path} does not exist.") from None
        except OSError as exc:
            raise Refused(f"The photo {path} can't be read: {exc.strerror or exc}") from exc
        mime = photo_type(photo)
        if mime is None:
            raise Refused(f"{path.name} is not a JPEG, PNG, GIF or WEBP picture.")
        if len(photo) > MAX_PHOTO_BYTES:  # it grew between the check and the read
            raise Refused(f"The photo {path.name} is larger than X's 5 MB.")
        # tweepy's Client has no v2 upload; the request goes through its session (the
        # transport adapter, timeouts) signed as tweepy signs user-context requests.
        auth = tweepy.OAuth1UserHandler(
            self.credentials.consumer_key,
            self.credentials.consumer_secret,
            self.credentials.access_token,
            self.credentials.access_token_secret,
        ).apply_auth()

        def upload() -> requests.Response:
            response: requests.Response = self.client.session.post(
                MEDIA_UPLOAD_URL,
                files={"media": (path.name, photo, mime)},
                data={"media_category": "tweet_image"},
                headers={"User-Agent": self.client.user_agent},
                auth=auth,
            )
            _raise_for_status(response)
            return response

        # A timed-out upload is not retried: the desk decides, and a stray upload only
        # expires on X's side.
        body = self._call("media/upload", upload, retry_timeouts=False)
        data = body.get("data") if isinstance(body, dict) else None
        if not isinstance(data, dict) or not str(data.get("id", "")).isdigit():
            raise TransientError("X accepted the photo but answered without its media id.")
        return str(data["id"])

    def _need_user_tokens(self, what: str) -> None:
        if not self.credentials.can_post:
            raise Refused(
                f"{what} needs the town account's user tokens (consumer key and secret, "
                "access token and secret): add them with 'jundesk accounts set'.",
                403,
            )

    # -- one request, with waiting and retrying ------------------------------------

    def _call(
        self, endpoint: str, request: Callable[[], Any], *, retry_timeouts: bool = True
    ) -> dict[str, Any]:
        attempt = 0
        while True:
            attempt += 1
            self._wait_for_window(endpoint)
            try:
                response = request()
                self._note_rate(endpoint, response)
                return _decode(response)
            except tweepy.TooManyRequests as exc:
                if _problem_type(exc.response) == USAGE_CAPPED:
                    # Not a 15-minute window: waiting it out would only bill more tries.
                    raise UsageCapped(
                        f"X says the X app's monthly cap is reached ({endpoint}): nothing "
                        "can be read until the cap resets next month. Intake stops until "
                        "then, or until its settings or credentials change."
                    ) from exc
                self._note_rate(endpoint, exc.response)
                reset = float(exc.reset_time or self.clock() + 60)
                state = self.rate.setdefault(endpoint, RateState())
                state.remaining, state.reset_at = 0, reset
                wait = reset - self.clock() + 1
                if wait > self.max_rate_wait or attempt >= self.backoff.max_attempts:
                    raise RateLimited(
                        f"X's rate limit for {endpoint} is used up until "
                        f"{datetime.fromtimestamp(reset, UTC):%H:%M:%S} UTC.",
                        reset,
                    ) from exc
                log.warning("X rate limit on %s; waiting %.0f s for the reset", endpoint, wait)
                self._sleep(wait)
            except tweepy.Unauthorized as exc:
                raise Refused(
                    "X refused the town account's credentials (401). Check them with "
                    "'jundesk accounts set'.",
                    401,
                ) from exc
            except tweepy.Forbidden as exc:
                raise Refused(f"X refused the request (403): {_detail(exc)}", 403) from exc
            except (tweepy.BadRequest, tweepy.NotFound) as exc:
                status = exc.response.status_code
                raise Refused(f"X rejected the request ({status}): {_detail(exc)}", status) from exc
            except (
                tweepy.TwitterServerError,
                requests.RequestException,
                TransientError,
                tweepy.HTTPException,
            ) as exc:
                if isinstance(exc, tweepy.HTTPException) and not isinstance(
                    exc, tweepy.TwitterServerError
                ):
                    raise Refused(
                        f"X answered {exc.response.status_code}: {_detail(exc)}",
                        exc.response.status_code,
                    ) from exc
                timed_out = isinstance(exc, requests.Timeout)
                if (timed_out and not retry_timeouts) or attempt >= self.backoff.max_attempts:
                    raise TransientError(_transient_message(endpoint, exc, attempt)) from exc
                delay = self.backoff.delay(attempt)
                log.warning(
                    "%s; retrying in %.1f s", _transient_message(endpoint, exc, attempt), delay
                )
                self._sleep(delay)

    def _wait_for_window(self, endpoint: str) -> None:
        """Never hammer: with the window used up, wait for its reset before asking again."""
        state = self.rate.get(endpoint)
        if not state or state.remaining is None or state.remaining > 0 or not state.reset_at:
            return
        wait = state.reset_at - self.clock() + 1
        if wait <= 0:
            return
        if wait > self.max_rate_wait:
            raise RateLimited(f"X's rate limit for {endpoint} is used up.", state.reset_at)
        self._sleep(wait)

    def _note_rate(self, endpoint: str, response: requests.Response | None) -> None:
        if response is None:
            return
        headers = response.headers
        state = self.rate.setdefault(endpoint, RateState())
        for attr, name in (
            ("limit", "x-rate-limit-limit"),
            ("remaining", "x-rate-limit-remaining"),
            ("reset_at", "x-rate-limit-reset"),
        ):
            value = headers.get(name)
            if value is not None and value.strip().lstrip("-").isdigit():
                setattr(state, attr, float(value) if attr == "reset_at" else int(value))

    def _sleep(self, seconds: float) -> None:
        if self.stop_event.wait(max(0.0, seconds)):
            raise IntakeError("Intake was stopped.")

    # -- turning X's answer into posts ---------------------------------------------

    def _parse(self, body: dict[str, Any]) -> tuple[list[Post], int]:
        data = body.get("data", [])
        if data is None:
            data = []
        if not isinstance(data, list):
            raise TransientError("X answered a page whose 'data' is not a list.")
        includes = body.get("includes") if isinstance(body.get("includes"), dict) else {}
        users = _index(includes, "users", "id")
        places = _index(includes, "places", "id")
        media = _index(includes, "media", "media_key")
        if body.get("errors"):
            log.info("X answered with %d partial errors beside the data", len(body["errors"]))
        now = datetime.fromtimestamp(self.clock(), UTC)
        posts: list[Post] = []
        skipped = 0
        for item in data:
            post = self._post(item, users, places, media, now)
            if post is None:
                skipped += 1
                log.warning("Skipped an item of X's answer that is not a valid post")
            else:
                posts.append(post)
        return posts, skipped

    def _post(
        self,
        item: Any,
        users: dict[str, dict[str, Any]],
        places: dict[str, dict[str, Any]],
        media: dict[str, dict[str, Any]],
        now: datetime,
    ) -> Post | None:
        if not isinstance(item, dict):
            return None
        source_id = item.get("id")
        text = item.get("text")
        if not isinstance(source_id, str) or not source_id.isdigit() or not isinstance(text, str):
            return None
        author_id = str(item.get("author_id") or "")
        author = users.get(author_id, {})
        in_reply_to = ""
        refs = item.get("referenced_tweets")
        if isinstance(refs, list):
            for ref in refs:
                if isinstance(ref, dict) and ref.get("type") == "replied_to":
                    in_reply_to = str(ref.get("id") or "")
        geo = item.get("geo") if isinstance(item.get("geo"), dict) else {}
        place_id = str(geo.get("place_id") or "") if isinstance(geo, dict) else ""
        place = places.get(place_id, {})
        attachments = item.get("attachments") if isinstance(item.get("attachments"), dict) else {}
        keys = attachments.get("media_keys", []) if isinstance(attachments, dict) else []
        media_refs = (
            tuple(str(media.get(k, {}).get("url") or k) for k in keys if isinstance(k, str))
            if isinstance(keys, list)
            else ()
        )
        return Post(
            id=uuid7(),
            source=SOURCE,
            source_id=source_id,
            author_id=author_id,
            author_handle=str(author.get("username") or ""),
            author_name=str(author.get("name") or ""),
            text=text,
            created_at=_parse_time(item.get("created_at")) or now,
            received_at=now,
            lang=str(item.get("lang") or ""),
            conversation_id=str(item.get("conversation_id") or ""),
            in_reply_to_id=in_reply_to,
            media=media_refs,
            place=str(place.get("full_name") or place_id),
            is_own=bool(self._user_id) and author_id == self._user_id,
            raw=json.dumps(item, ensure_ascii=False, separators=(",", ":")),
        )


def photo_type(data: bytes) -> str | None:
    """The MIME type of a picture X takes as a post photo, from its magic bytes."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return next((mime for magic, mime in _PHOTO_MAGIC if data.startswith(magic)), None)


def _raise_for_status(response: requests.Response) -> None:
    """tweepy's error for an answer, as Client.request raises it, so `_call` maps it alike."""
    status = response.status_code
    if status == 429:
        reset = response.headers.get("x-rate-limit-reset", "")
        raise tweepy.TooManyRequests(response, reset_time=int(reset) if reset.isdigit() else None)
    errors: dict[int, type[tweepy.HTTPException]] = {
        400: tweepy.BadRequest,
        401: tweepy.Unauthorized,
        403: tweepy.Forbidden,
        404: tweepy.NotFound,
    }
    if status in errors:
        raise errors[status](response)
    if status >= 500:
        raise tweepy.TwitterServerError(response)
    if not 200 <= status < 300:
        raise tweepy.HTTPException(response)


def _decode(response: Any) -> dict[str, Any]:
    if not isinstance(response, requests.Response):
        raise TransientError("X's client answered something that is not an HTTP response.")
    if not response.content:
        raise TransientError("X answered with an empty body.")
    try:
        body = response.json()
    except ValueError as exc:
        raise TransientError("X answered with a malformed or truncated body.") from exc
    if not isinstance(body, dict):
        raise TransientError("X answered with a body that is not a JSON object.")
    if "data" not in body and "meta" not in body and body.get("errors"):
        raise TransientError(f"X answered only errors: {_first_error(body)}")
    return body


def _index(includes: Any, name: str, key: str) -> dict[str, dict[str, Any]]:
    items = includes.get(name) if isinstance(includes, dict) else None
    if not isinstance(items, list):
        return {}
    return {str(i[key]): i for i in items if isinstance(i, dict) and key in i}


def _parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _problem_type(response: requests.Response | None) -> str:
    """The last part of an X problem's `type` ("usage-capped"), or "" for anything else."""
    if response is None:
        return ""
    try:
        body = response.json()
    except ValueError:
        return ""
    kind = body.get("type") if isinstance(body, dict) else None
    if not isinstance(kind, str) or not kind.startswith(PROBLEM_TYPES):
        return ""
    return kind[len(PROBLEM_TYPES) :]


def _first_error(body: dict[str, Any]) -> str:
    errors = body.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        first = errors[0]
        return str(first.get("detail") or first.get("title") or first.get("message") or "")
    return ""


def _detail(exc: tweepy.HTTPException) -> str:
    messages = [m for m in getattr(exc, "api_messages", []) if m]
    if messages:
        return "; ".join(str(m) for m in messages)[:300]
    try:
        body = exc.response.json()
    except ValueError:
        return exc.response.reason or ""
    if isinstance(body, dict):
        return str(body.get("detail") or body.get("title") or "")[:300]
    return ""


def _transient_message(endpoint: str, exc: BaseException, attempt: int) -> str:
    if isinstance(exc, requests.Timeout):
        what = "did not answer in time"
    elif isinstance(exc, requests.ConnectionError):
        what = "could not be reached (network down?)"
    elif isinstance(exc, requests.RequestException):
        what = "broke off its answer"
    elif isinstance(exc, tweepy.TwitterServerError):
        what = f"had a server error ({exc.response.status_code})"
    else:
        what = str(exc) or type(exc).__name__
    return f"X {what} on {endpoint} (attempt {attempt})"
