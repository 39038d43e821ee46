"""The town's Telegram bot as a channel: citizens' messages to the bot read by long polling
(`getUpdates`), the town's answers sent back to their chat.

Built on python-telegram-bot 22 rather than aiogram: PTB's `Bot` can be used alone, without
its `Application`/`Updater` machinery (whose offset lives in memory and would confirm
updates before JunDesk has stored them), its request layer is a public, replaceable class
(`HTTPXRequest`) with separate timeouts for the long poll, and its models
(`Update.de_json`, `Message`) check every answer we take. aiogram's bot is built around its
dispatcher and polling loop, which we would have to work against.

PTB is asyncio-only, while JunDesk's intake calls `pages()` (and a desk's reply action calls
`reply()`) on worker threads and waits for the answer. The channel owns one event loop in
its own daemon thread; each blocking method submits a coroutine to it
(`run_coroutine_threadsafe`) and waits for the result, watching `stop_event` so a held long
poll ends at once when intake stops. One loop for the channel's whole life, because PTB's
httpx client belongs to the loop it was first used on.

The offset is the cursor: `getUpdates(offset=N)` confirms, for good, every update below N,
so a page's cursor (its last update id + 1) is asked with only after the Ingestor has
committed the page's posts with it. A `kill -9` at any moment then gets every message
exactly once: uncommitted updates are still on Telegram's side and come again. Telegram
keeps undelivered updates for 24 h only; the cursor also carries when it was last
committed (`sweep_top`, an ISO time: Telegram needs no newest-first sweep), so `notice()`
can tell the desk it was away longer and what was lost.

`getUpdates` is asked raw (through PTB's request layer) and each update is checked alone with
`Update.de_json`: one malformed update is skipped (counted, logged without its text) and
confirmed with the others, instead of failing the whole batch forever.

The bot's token is in every URL of the Bot API. It is kept out of messages, of the
database (a photo is stored as `telegram-file:<file_id>`, not as the getFile URL, which
holds the token and lasts an hour; the open channel registers itself with
jundesk.intake.photo_fetch to read such references with getFile when the desk shows one) and
of the messages it raises (the app's log filter masks it in the logs, as every keyring
value).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import logging
import re
import threading
import time
from collections.abc import Callable, Coroutine, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import telegram
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.request import HTTPXRequest

from jundesk.core.channel_text import TELEGRAM, reply_length
from jundesk.core.ids import uuid7
from jundesk.core.model import Cursor, Post
from jundesk.intake.backoff import Backoff
from jundesk.intake.photo_fetch import register_reader, unregister_reader
from jundesk.intake.source import (
    IntakeError,
    Page,
    RateLimited,
    RateState,
    Refused,
    TransientError,
)

log = logging.getLogger(__name__)

CHANNEL = "telegram"
SECRET_FIELDS: tuple[str, ...] = ("bot_token",)
# api_base: the Bot API server (Telegram's, or a self-hosted telegram-bot-api);
# announce_chat: where `post()` goes, the town's Telegram channel ("@AytoJunAvisos") with the
# bot as an administrator; long_poll: seconds a getUpdates waits for a message to arrive;
# poll_interval: seconds between polls (the engine reads it for every channel). With the
# long poll a short interval costs nothing: an idle bot asks once per long_poll seconds.
SETTING_FIELDS: tuple[str, ...] = ("api_base", "announce_chat", "long_poll", "poll_interval")
POLL_INTERVAL = 1.0  # between polls unless the town sets poll_interval (engine.py)
API_BASE = "https://api.telegram.org"
UPDATES = "getUpdates"
SEND = "sendMessage"
KEEPS_UPDATES = 24 * 3600.0  # Telegram drops an update nobody fetched for this long
DEFAULT_LONG_POLL = 25.0
MAX_LONG_POLL = 50.0
PAGE_SIZE = 100  # getUpdates' largest limit
MAX_RATE_WAIT = 60.0
MAX_PHOTO_BYTES = 10 * 1024 * 1024  # a photo a bot sends
MAX_CAPTION = 1024  # a photo's caption, counted as a message's text (UTF-16 units)
UPLOAD_PREFIX = "telegram-upload:"
UPLOAD_KEPT = 3600.0  # seconds a photo read for a reply waits to be sent
MAX_FETCH_BYTES = 20 * 1024 * 1024  # a file a bot can download
FILE_PREFIX = "telegram-file:"
ALLOWED_UPDATES = ["message"]
_TOKEN = re.compile(r"\d{3,}:[A-Za-z0-9_-]{20,}")

T = TypeVar("T")


class _Bot(telegram.Bot):
    """PTB's Bot with getUpdates answered raw, so each update can be checked alone."""

    async def raw_updates(self, data: dict[str, Any], read_timeout: float) -> Any:
        # Bot.get_updates would parse the whole batch at once; a subclass may use _post,
        # as PTB's own ExtBot does.
        return await self._post(UPDATES, data, read_timeout=read_timeout)


class _LoopThread:
    """One asyncio event loop in a daemon thread, for a blocking caller on any thread."""

    def __init__(self, name: str) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name=name, daemon=True)
        self._thread.start()

    def run(self, coro: Coroutine[Any, Any, T], stop: threading.Event | None) -> T:
        if self.loop.is_closed() or not self._thread.is_alive():
            coro.close()
            raise IntakeError("The Telegram channel is closed.")
        future = asyncio.run_coroutine_threadsafe(coro, self.loop)
        while True:
            try:
                return future.result(timeout=0.1)
            except concurrent.futures.TimeoutError:
                if stop is not None and stop.is_set():
                    future.cancel()
                    raise IntakeError("Intake was stopped.") from None

    def close(self, last: Coroutine[Any, Any, None] | None = None) -> None:
        if self.loop.is_closed():
            return
        if last is not None and self._thread.is_alive():
            try:
                asyncio.run_coroutine_threadsafe(last, self.loop).result(timeout=5)
            except Exception:  # closing must not fail: the connections die with the loop
                log.debug("Closing the Telegram client failed", exc_info=True)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=5)
        if not self._thread.is_alive():
            self.loop.close()


@dataclass
class TelegramChannel:
    """The town's bot: Source (its updates) and Publisher (messages to citizens' chats).

    Blocking; safe to call from several threads (the calls meet on the channel's loop).
    """

    token: str
    api_base: str = API_BASE
    announce_chat: str = ""
    long_poll: float = DEFAULT_LONG_POLL
    page_size: int = PAGE_SIZE
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    backoff: Backoff = field(default_factory=Backoff)
    max_rate_wait: float = MAX_RATE_WAIT
    clock: Callable[[], float] = time.time
    name: str = CHANNEL
    rate: dict[str, RateState] = field(default_factory=dict)
    stop_event: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        if not self.token.strip():
            raise Refused(
                "No Telegram bot token: create the town's bot with @BotFather and set its "
                "token with 'jundesk accounts set --channel telegram'."
            )
        self.token = self.token.strip()
        base = self.api_base.rstrip("/") or API_BASE
        # Two clients, as PTB advises: the long poll must not hold a connection a reply needs.
        self._updates_request = HTTPXRequest(
            connection_pool_size=2,
            connect_timeout=self.connect_timeout,
            read_timeout=self.read_timeout,
            write_timeout=self.read_timeout,
        )
        self._request = HTTPXRequest(
            connection_pool_size=4,
            connect_timeout=self.connect_timeout,
            read_timeout=self.read_timeout,
            write_timeout=self.read_timeout,
            media_write_timeout=max(self.read_timeout, 60.0),
        )
        self.bot = _Bot(
            self.token,
            base_url=f"{base}/bot",
            base_file_url=f"{base}/file/bot",
            request=self._request,
            get_updates_request=self._updates_request,
        )
        self._loop = _LoopThread(f"jundesk-{CHANNEL}")
        # The desk's photo viewer reads `telegram-file:` references through this channel.
        self._photo_reader = self.fetch_photo
        register_reader(FILE_PREFIX, self._photo_reader)
        self._notice = ""
        self._notice_until = 0.0
        self._sending_never_stops = threading.Event()  # never set: see _call
        self._uploads: dict[str, tuple[str, bytes, float]] = {}  # media id -> name, bytes, when
        self._uploads_lock = threading.Lock()
        self._me: telegram.User | None = None

    # -- the bot ---------------------------------------------------------------------

    @property
    def bot_id(self) -> str:
        """The bot's id: the token's first part (public; the part after ':' is the secret)."""
        return self.token.partition(":")[0]

    def account(self) -> tuple[str, str, str]:
        """(id, username, name) of the town's bot (getMe): what `accounts set` checks."""
        me = self._call("getMe", lambda: self.bot.get_me(**self._timeouts()))
        if not isinstance(me, telegram.User) or not me.is_bot:
            raise TransientError("Telegram answered getMe without the bot's account.")
        self._me = me
        return str(me.id), me.username or "", me.full_name

    def close(self) -> None:
        """Close the connections and the channel's event loop (idempotent)."""
        unregister_reader(FILE_PREFIX, self._photo_reader)

        async def shut() -> None:
            await self._updates_request.shutdown()
            await self._request.shutdown()

        self._loop.close(shut())

    # -- reading -------------------------------------------------------------------------

    def streams(self) -> list[str]:
        """One stream: the bot's updates. Keyed by the bot, as a new bot's update ids start
        afresh (another bot's offset would skip its messages)."""
        return [f"updates:{self.bot_id}"]

    def pages(self, cursor: Cursor) -> Iterator[Page]:
        """The updates after the cursor's offset, a page per getUpdates, each with the
        offset that confirms it. The first request waits up to `long_poll` seconds for a
        message; the next ones only drain what is waiting. Always at least one page, so the
        commit time moves on even when nobody wrote."""
        self._check_away(cursor)
        offset = _int(cursor.since_id)
        limit = max(1, min(PAGE_SIZE, self.page_size))
        wait = max(0.0, min(MAX_LONG_POLL, self.long_poll))
        while True:
            items = self._get_updates(offset, limit, wait)
            posts: list[Post] = []
            skipped = 0
            now = self.clock()
            for item in items:
                update_id = item.get("update_id") if isinstance(item, dict) else None
                if isinstance(update_id, int) and not isinstance(update_id, bool):
                    offset = max(offset or 0, update_id + 1)
                post = self._post(item, now)
                if post is None:
                    skipped += 1
                else:
                    posts.append(post)
            if skipped:
                log.warning("Skipped %d Telegram updates that are not citizens' messages", skipped)
            after = Cursor(
                CHANNEL,
                cursor.key,
                str(offset) if offset else "",
                datetime.fromtimestamp(now, UTC).isoformat(),
                "",
            )
            yield Page(tuple(posts), after, reads=0, skipped=skipped)
            if len(items) < limit:
                return
            wait = 0.0

    def _get_updates(self, offset: int | None, limit: int, wait: float) -> list[Any]:
        kwargs: dict[str, Any] = {
            "limit": limit,
            "timeout": int(wait),
            "allowed_updates": ALLOWED_UPDATES,
        }
        if offset:
            kwargs["offset"] = offset
        result = self._call(
            UPDATES,
            lambda: self.bot.raw_updates(kwargs, self.read_timeout + wait),
        )
        if not isinstance(result, list):
            raise TransientError("Telegram answered getUpdates with something that is not a list.")
        return result

    def _check_away(self, cursor: Cursor) -> None:
        last = _parse_time(cursor.sweep_top)
        now = self.clock()
        if last is None or now - last.timestamp() <= KEEPS_UPDATES:
            return
        hours = (now - last.timestamp()) / 3600
        self._notice = (
            f"Telegram: the desk read nothing from the bot for {hours:.0f} h (since "
            f"{last:%Y-%m-%d %H:%M} UTC); Telegram keeps messages only 24 h, so those sent "
            "before the last 24 h are lost."
        )
        self._notice_until = now + KEEPS_UPDATES
        log.warning("%s", self._notice)

    # -- turning an update into a post ---------------------------------------------------

    def _post(self, item: Any, now: float) -> Post | None:
        if not isinstance(item, dict) or not isinstance(item.get("update_id"), int):
            return None
        try:
            update = telegram.Update.de_json(item, self.bot)
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        message = update.message
        if message is None or not isinstance(message.chat, telegram.Chat):
            return None  # an edit, a callback, a member change: not a citizen's message
        author = message.from_user
        if author is None or author.is_bot:
            return None  # a channel's post or another bot
        if not isinstance(message.message_id, int) or not isinstance(message.chat.id, int):
            return None
        text = message.text if isinstance(message.text, str) else ""
        if not text and isinstance(message.caption, str):
            text = message.caption
        place = ""
        location = message.location or (message.venue.location if message.venue else None)
        if location is not None:
            place = f"{round(location.latitude, 6)},{round(location.longitude, 6)}"
            if message.venue and not text:
                text = ", ".join(p for p in (message.venue.title, message.venue.address) if p)
        media: tuple[str, ...] = ()
        if message.photo:
            largest = max(message.photo, key=lambda s: (s.width * s.height, s.file_size or 0))
            media = (FILE_PREFIX + largest.file_id,)
        if not text and not media and not place:
            return None  # a sticker, a voice note, a service message: nothing to read
        chat_id = message.chat.id
        reply = message.reply_to_message
        private = message.chat.type == telegram.Chat.PRIVATE
        source_id = f"{chat_id}:{message.message_id}"
        parent = f"{chat_id}:{reply.message_id}" if reply is not None else ""
        created = message.date if isinstance(message.date, datetime) else None
        received = datetime.fromtimestamp(now, UTC)
        return Post(
            id=uuid7(),
            source=CHANNEL,
            source_id=source_id,
            author_id=str(author.id),
            author_handle=author.username or "",
            author_name=author.full_name,
            text=text,
            created_at=created.astimezone(UTC) if created else received,
            received_at=received,
            # A private chat is one conversation between a citizen and the town. In a group
            # many people write about many things: there only Telegram's replies thread.
            conversation_id=str(chat_id) if private else (parent or source_id),
            in_reply_to_id=parent,
            media=media,
            place=place,
            is_own=False,  # a bot never gets its own messages as updates
            raw=json.dumps(item, ensure_ascii=False, separators=(",", ":")),
            private=private,
        )

    # -- what the status bar and the daily check ask ------------------------------------

    def shown_rate(self) -> RateState | None:
        """Telegram sends no rate-limit headers: only a flood-control wait it asked for."""
        for endpoint in (UPDATES, SEND):
            state = self.rate.get(endpoint)
            if state is not None and state.reset_at and state.reset_at > self.clock():
                return state
        return None

    def gone(self, source_ids: Sequence[str]) -> set[str]:
        """Always empty: the Bot API never tells a bot that a message was deleted (in a
        private chat or a group), and has no call to ask whether one still exists."""
        return set()

    def notice(self) -> str:
        """The warning that the desk was away longer than Telegram keeps messages, for a
        day after it came back; otherwise ""."""
        if self._notice and self.clock() > self._notice_until:
            self._notice = ""
        return self._notice

    # -- publishing ----------------------------------------------------------------------

    def reply(self, in_reply_to: str, text: str, media_ids: Sequence[str] = ()) -> Post:
        """Answer a citizen's message in its chat, quoting it (`reply_parameters`; sent
        without the quote when the citizen deleted it). With one photo and an answer short
        enough for a caption, one message; else the answer, then the photos, each quoting
        the citizen's message."""
        chat_id, message_id = _split(in_reply_to)
        parameters = telegram.ReplyParameters(message_id, allow_sending_without_reply=True)
        photos = list(media_ids)
        for media_id in photos:
            self._photo_to_send(media_id)  # all at hand before anything is sent
        if len(photos) == 1 and reply_length(TELEGRAM, text) <= MAX_CAPTION:
            # One message, the photo with the answer as its caption.
            return self._own_post(
                self._send_photo(chat_id, photos[0], parameters, text), in_reply_to
            )
        sent = self._send(
            lambda: self.bot.send_message(
                chat_id, text, reply_parameters=parameters, **self._timeouts()
            ),
        )
        for media_id in photos:
            self._send_photo(chat_id, media_id, parameters)
        return self._own_post(sent, in_reply_to)

    def post(self, text: str) -> Post:
        """A message of the town in its Telegram channel (the `announce_chat` setting)."""
        if not self.announce_chat:
            raise Refused(
                "The town has no Telegram channel to post in: set 'announce_chat' (the "
                "channel's @name, with the bot as an administrator) in the channel's settings."
            )
        chat = self.announce_chat
        sent = self._send(lambda: self.bot.send_message(chat, text, **self._timeouts()))
        return self._own_post(sent, "")

    def upload_photo(self, path: Path) -> str:
        """Read a photo for a reply and keep it until the reply sends it: a bot has no
        upload ahead of a message. Its media id names the kept photo, not the desk's file
        (the id goes into the case's history, which other desks read)."""
        try:
            size = path.stat().st_size
            if size > MAX_PHOTO_BYTES:
                raise Refused(
                    f"The photo {path.name} is {size / 1024 / 1024:.1f} MB; a Telegram bot "
                    f"sends at most {MAX_PHOTO_BYTES // 1024 // 1024} MB."
                )
            photo = path.read_bytes()
        except FileNotFoundError:
            raise Refused(f"The photo {path} does not exist.") from None
        except OSError as exc:
            raise Refused(f"The photo {path} can't be read: {exc.strerror or exc}") from exc
        if not _is_photo(photo[:16]) or len(photo) > MAX_PHOTO_BYTES:
            raise Refused(f"{path.name} is not a JPEG, PNG or WEBP picture of at most 10 MB.")
        media_id = UPLOAD_PREFIX + uuid7()
        now = self.clock()
        with self._uploads_lock:
            # A photo picked and never sent is dropped after a while, not kept for good.
            for stale in [k for k, (_, _, at) in self._uploads.items() if now - at > UPLOAD_KEPT]:
                del self._uploads[stale]
            self._uploads[media_id] = (path.name, photo, now)
        return media_id

    def _photo_to_send(self, media_id: str) -> tuple[str, bytes]:
        with self._uploads_lock:
            kept = self._uploads.get(media_id)
        if kept is None:
            raise Refused("The photo to send is no longer at hand: pick it again.")
        return kept[0], kept[1]

    def _send_photo(
        self,
        chat_id: int,
        media_id: str,
        parameters: telegram.ReplyParameters,
        caption: str | None = None,
    ) -> telegram.Message:
        name, photo = self._photo_to_send(media_id)
        sent = self._send(
            lambda: self.bot.send_photo(
                chat_id,
                telegram.InputFile(photo, filename=name),
                caption=caption,
                reply_parameters=parameters,
                read_timeout=self.read_timeout,  # the upload keeps the media write timeout
                connect_timeout=self.connect_timeout,
            ),
        )
        with self._uploads_lock:
            self._uploads.pop(media_id, None)
        return sent

    def _send(self, request: Callable[[], Coroutine[Any, Any, Any]]) -> telegram.Message:
        sent = self._call(SEND, request, sending=True)
        if not isinstance(sent, telegram.Message):
            raise TransientError("Telegram accepted the message but answered without it.")
        return sent

    def _own_post(self, sent: telegram.Message, in_reply_to: str) -> Post:
        now = datetime.fromtimestamp(self.clock(), UTC)
        chat_id = sent.chat.id
        me = sent.from_user
        private = sent.chat.type == telegram.Chat.PRIVATE
        source_id = f"{chat_id}:{sent.message_id}"
        return Post(
            id=uuid7(),
            source=CHANNEL,
            source_id=source_id,
            author_id=str(me.id) if me else self.bot_id,
            author_handle=(me.username or "") if me else "",
            author_name=me.full_name if me else "",
            text=sent.text or sent.caption or "",
            created_at=sent.date.astimezone(UTC) if isinstance(sent.date, datetime) else now,
            received_at=now,
            conversation_id=str(chat_id) if private else (in_reply_to or source_id),
            in_reply_to_id=in_reply_to,
            is_own=True,
            raw=json.dumps(sent.to_dict(), ensure_ascii=False, separators=(",", ":")),
            private=private,
        )

    # -- photos for the desk -------------------------------------------------------------

    def fetch_photo(self, media: str, limit: int = MAX_FETCH_BYTES) -> bytes:
        """The bytes of a post's photo (`telegram-file:<file_id>`): getFile, then the
        download, whose URL holds the token and so is never stored."""
        if not media.startswith(FILE_PREFIX):
            raise Refused(f"Not a Telegram photo: {media[:80]!r}")
        file_id = media[len(FILE_PREFIX) :]
        found = self._call(
            "getFile", lambda: self.bot.get_file(file_id, **self._timeouts()), sending=True
        )
        if not isinstance(found, telegram.File):
            raise TransientError("Telegram answered getFile without the file.")
        if found.file_size and found.file_size > limit:
            raise Refused(f"The photo is larger than {limit} bytes.")
        data = self._call(
            "file", lambda: found.download_as_bytearray(**self._timeouts()), sending=True
        )
        if len(data) > limit:
            raise Refused(f"The photo is larger than {limit} bytes.")
        return bytes(data)

    # -- one request, with waiting and retrying ------------------------------------------

    def _call(
        self,
        endpoint: str,
        request: Callable[[], Coroutine[Any, Any, T]],
        *,
        sending: bool = False,
    ) -> T:
        """One request with waits and retries. Reading stops when intake stops; sending is
        the desk's and goes on, but is not retried when it may have reached Telegram (a
        timeout, a connection broken off): a retry could send the reply twice."""
        stop = self._sending_never_stops if sending else self.stop_event
        attempt = 0
        while True:
            attempt += 1
            self._wait_for_window(endpoint, stop)
            try:
                return self._loop.run(request(), stop)
            except RetryAfter as exc:
                wait = _retry_seconds(exc)
                reset = self.clock() + wait
                state = self.rate.setdefault(endpoint, RateState())
                state.remaining, state.reset_at = 0, reset
                if wait > self.max_rate_wait or attempt >= self.backoff.max_attempts:
                    raise RateLimited(
                        f"Telegram asks the bot to wait {wait:.0f} s before {endpoint} again "
                        "(flood control).",
                        reset,
                    ) from exc
                log.warning("Telegram flood control on %s; waiting %.0f s", endpoint, wait)
                self._sleep(wait, stop)
            except (InvalidToken, EndPointNotFound) as exc:
                raise Refused(
                    "Telegram refused the bot's token (401): it was revoked or mistyped. Get "
                    "the bot's current token from @BotFather (/token) and set it with "
                    "'jundesk accounts set --channel telegram'.",
                    401,
                ) from exc
            except Conflict as exc:
                raise Refused(
                    "Telegram says another program is reading this bot's updates (409: "
                    f"{self._clean(exc)}). Only one may: stop the other program or desk that "
                    "collects with this bot, or delete the bot's webhook (deleteWebhook); "
                    "intake tries again by itself.",
                    409,
                ) from exc
            except Forbidden as exc:
                raise Refused(f"Telegram refused it (403): {self._clean(exc)}", 403) from exc
            except ChatMigrated as exc:
                raise Refused(
                    "The town's group became a supergroup with a new id "
                    f"({exc.new_chat_id}); answer its new messages.",
                    400,
                ) from exc
            except BadRequest as exc:
                raise Refused(f"Telegram rejected it (400): {self._clean(exc)}", 400) from exc
            except (NetworkError, TelegramError, KeyError, TypeError, ValueError) as exc:
                # TimedOut and 5xx are NetworkErrors; a garbled body is a bare TelegramError
                # ("Invalid server response") or, without `result`, a KeyError.
                message = self._transient(endpoint, exc, attempt)
                if sending and _maybe_delivered(exc):
                    raise TransientError(
                        f"{message}; it may have been sent: look in the chat before sending "
                        "it again."
                    ) from exc
                if attempt >= self.backoff.max_attempts:
                    raise TransientError(message) from exc
                delay = self.backoff.delay(attempt)
                log.warning("%s; retrying in %.1f s", message, delay)
                self._sleep(delay, stop)

    def _wait_for_window(self, endpoint: str, stop: threading.Event) -> None:
        """Never hammer: after a flood-control answer, wait it out before asking again."""
        state = self.rate.get(endpoint)
        if state is None or not state.reset_at:
            return
        wait = state.reset_at - self.clock()
        if wait <= 0:
            state.remaining, state.reset_at = None, None
            return
        if wait > self.max_rate_wait:
            raise RateLimited(f"Telegram asked the bot to wait before {endpoint}.", state.reset_at)
        self._sleep(wait, stop)
        state.remaining, state.reset_at = None, None

    def _timeouts(self) -> dict[str, Any]:
        return {
            "read_timeout": self.read_timeout,
            "write_timeout": self.read_timeout,
            "connect_timeout": self.connect_timeout,
        }

    @staticmethod
    def _sleep(seconds: float, stop: threading.Event) -> None:
        if stop.wait(max(0.0, seconds)):
            raise IntakeError("Intake was stopped.")

    def _clean(self, exc: BaseException) -> str:
        return _TOKEN.sub("<bot-token>", str(exc).replace(self.token, "<bot-token>"))[:300]

    def _transient(self, endpoint: str, exc: BaseException, attempt: int) -> str:
        if isinstance(exc, TimedOut):
            what = "did not answer in time"
        elif isinstance(exc, NetworkError):
            what = f"could not be reached or failed ({self._clean(exc)})"
        elif isinstance(exc, TelegramError | KeyError | TypeError | ValueError):
            what = "answered with a malformed body"
        else:
            what = self._clean(exc) or type(exc).__name__
        return f"Telegram {what} on {endpoint} (attempt {attempt})"


def open_channel(settings: Mapping[str, str], secrets: Mapping[str, str]) -> TelegramChannel:
    """The town's bot from its settings and keyring values (`bot_token`)."""
    token = (secrets.get("bot_token") or "").strip()
    if not token:
        raise Refused(
            "No Telegram bot token: create the town's bot with @BotFather and set its token "
            "with 'jundesk accounts set --channel telegram'."
        )
    if not _TOKEN.fullmatch(token):
        raise Refused(
            "The Telegram bot token does not look like one (digits, ':', then the secret, as "
            "@BotFather gives it); set it again with 'jundesk accounts set --channel telegram'."
        )
    long_poll = (settings.get("long_poll") or "").strip()
    try:
        wait = float(long_poll) if long_poll else DEFAULT_LONG_POLL
    except ValueError:
        raise Refused(
            f"The Telegram setting long_poll must be seconds, not {long_poll!r}."
        ) from None
    return TelegramChannel(
        token,
        api_base=(settings.get("api_base") or "").strip() or API_BASE,
        announce_chat=(settings.get("announce_chat") or "").strip(),
        long_poll=max(0.0, min(MAX_LONG_POLL, wait)),
    )


def _split(source_id: str) -> tuple[int, int]:
    chat, sep, message = source_id.partition(":")
    try:
        if sep:
            return int(chat), int(message)
    except ValueError:
        pass
    raise Refused(f"{source_id!r} is not a Telegram message id (chat:message).")


def _int(value: str) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _maybe_delivered(exc: BaseException) -> bool:
    """Whether a failed request may still have reached Telegram: it timed out, or the
    connection broke after it was sent. PTB wraps httpx's own errors as NetworkError
    "httpx.<Error>: ..."; an error Telegram answered with, and a connection that was never
    made, mean it was not acted on."""
    if isinstance(exc, TimedOut):
        return True
    text = str(exc)
    return (
        isinstance(exc, NetworkError)
        and text.startswith("httpx.")
        and not text.startswith("httpx.ConnectError")
    )


def _retry_seconds(exc: RetryAfter) -> float:
    """Seconds Telegram asked to wait. Read through pickling's view of the error, which
    gives plain seconds: the `retry_after` attribute warns while PTB moves it from int to
    timedelta."""
    value = exc.__reduce__()[1][0]
    return float(value.total_seconds() if hasattr(value, "total_seconds") else value)


def _parse_time(value: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _is_photo(head: bytes) -> bool:
    """JPEG, PNG or WEBP by their first bytes: what sendPhoto takes as a photo (a GIF
    would go as an animation)."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return True
    return head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n"))
