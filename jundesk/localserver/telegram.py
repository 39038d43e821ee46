"""A local Telegram Bot API server (127.0.0.1) for JunDesk's tests and demo: the town's bot,
the citizens who write to it, and the faults a desk must survive.

It answers what JunDesk's Telegram channel uses - getMe, getUpdates (long polling, the
offset confirming earlier updates, undelivered updates dropped after 24 h), sendMessage,
sendPhoto, getFile and the file downloads, set/deleteWebhook - at `/bot<token>/<method>`
with the Bot API's shapes (`{"ok": true, "result": ...}`, errors as `{"ok": false,
"error_code", "description", "parameters"}`) and its parameters as query string, form,
multipart or JSON, as the Bot API takes them. Method names are case-insensitive there too.
"""

from __future__ import annotations

import email.parser
import email.policy
import itertools
import json
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from jundesk.core.channel_text import TELEGRAM, reply_length, reply_limit
from jundesk.xserver.serving import ServedLocally, TrackedHandler, TrackedHTTPServer

log = logging.getLogger(__name__)

JSON = "application/json"
UPDATE_TTL = 24 * 3600.0  # Telegram keeps an undelivered update this long
MAX_CAPTION = 1024  # a photo's caption, counted as a message's text (UTF-16 units)
MAX_LONG_POLL = 50.0  # Telegram caps getUpdates' timeout
MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # a photo sent by a bot
_INT_PARAMS = frozenset({"offset", "limit", "timeout", "message_id", "reply_to_message_id"})
_JSON_PARAMS = frozenset(
    {"allowed_updates", "reply_parameters", "entities", "caption_entities", "reply_markup"}
)
_STATUS_TEXT = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}
FAULT_KINDS = frozenset({"error", "rate_limit", "slow", "timeout", "malformed", "no_result"})


@dataclass
class _Fault:
    kind: str
    method: str | None  # a Bot API method (any case) or None for every one
    times: int
    status: int = 503
    seconds: float = 1.0
    retry_after: int = 5

    def matches(self, method: str) -> bool:
        return self.method is None or self.method.lower() == method


@dataclass
class _Reply:
    status: int
    body: bytes = b""
    content_type: str = JSON
    hang: float | None = None  # say nothing for this long, then close


@dataclass
class _Update:
    update_id: int
    queued_at: float
    body: dict[str, Any]


@dataclass
class _Citizen:
    user_id: int
    handle: str
    first_name: str
    last_name: str
    blocked_bot: bool = False

    def user(self) -> dict[str, Any]:
        user: dict[str, Any] = {
            "id": self.user_id,
            "is_bot": False,
            "first_name": self.first_name,
        }
        if self.last_name:
            user["last_name"] = self.last_name
        if self.handle:
            user["username"] = self.handle
        user["language_code"] = "es"
        return user

    def private_chat(self) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": self.user_id, "first_name": self.first_name}
        if self.last_name:
            chat["last_name"] = self.last_name
        if self.handle:
            chat["username"] = self.handle
        chat["type"] = "private"
        return chat


@dataclass
class _File:
    file_id: str
    file_unique_id: str
    path: str
    data: bytes


@dataclass
class _Sent:
    """A message the bot sent (sendMessage / sendPhoto)."""

    chat_id: int
    message_id: int
    text: str
    reply_to: str
    photo: bool
    body: dict[str, Any] = field(default_factory=dict)


class TelegramServer(ServedLocally):
    """The local Bot API server: the town's bot, its chats, updates, files and faults.

    Thread-safe; `start()` serves in a background thread on 127.0.0.1 (port 0: a free one).
    Like Telegram: a request with another token gets 401; getUpdates with a webhook set,
    or while another getUpdates is waiting, gets 409 (the waiting one is terminated); an
    offset confirms every update below it for good; an update nobody fetched for 24 h is
    dropped; a text longer than 4096 UTF-16 units, a reply to an unknown message (unless
    `allow_sending_without_reply`) or a message to an unknown chat get 400; a citizen who
    blocked the bot gives 403. A citizen deleting a message changes nothing a bot sees.
    """

    bot_id = 7000000001

    def __init__(
        self,
        *,
        port: int = 0,
        bot_username: str = "AytoJunBot",
        bot_name: str = "Ayuntamiento de Jun",
        group_title: str = "Vecinos de Jun",
        announce_username: str = "AytoJunAvisos",
        clock: Callable[[], float] = time.time,
        update_ttl: float = UPDATE_TTL,
        first_update_id: int = 400000001,
    ) -> None:
        self._port = port
        self._clock = clock
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self.town_handle = bot_username
        self.bot_name = bot_name
        self.update_ttl = update_ttl
        self._token = f"{self.bot_id}:AAjundesk-local-telegram-bot-token-0"
        self._token_serial = itertools.count(1)
        self.group: dict[str, Any] = {
            "id": -1001000000001,
            "title": group_title,
            "type": "supergroup",
        }
        self.announce: dict[str, Any] = {
            "id": -1001000000002,
            "title": f"{bot_name}: avisos",
            "username": announce_username,
            "type": "channel",
        }
        self._citizens: dict[str, _Citizen] = {}
        self._user_ids = itertools.count(100000001)
        self._update_ids = itertools.count(first_update_id)
        self._updates: list[_Update] = []
        self._confirmed = 0  # every update below this id is confirmed (gone)
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._deleted: set[tuple[int, int]] = set()
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._files: dict[str, _File] = {}
        self._file_serial = itertools.count(1)
        self._sent: list[_Sent] = []
        self._faults: list[_Fault] = []
        self._webhook = ""
        self._poll_generation = 0
        self._requests: Counter[str] = Counter()
        self._delivered = 0
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ------------------------------------------------------------------------

    _thread_name = "tgserver"

    def _make_httpd(self) -> _HTTPServer:
        httpd = _HTTPServer(("127.0.0.1", self._port), _Handler)
        httpd.tgserver = self
        return httpd

    def _wake_waiters(self) -> None:
        with self._changed:
            self._changed.notify_all()

    def settings(self) -> dict[str, str]:
        """What the channel needs besides the token to talk to this server."""
        return {"api_base": self.base_url, "announce_chat": f"@{self.announce['username']}"}

    def secrets(self) -> dict[str, str]:
        """The bot's token as BotFather would give it (made up, good only here)."""
        with self._lock:
            return {"bot_token": self._token}

    @property
    def token(self) -> str:
        with self._lock:
            return self._token

    # -- what citizens do -----------------------------------------------------------------

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
        entities: Sequence[Mapping[str, Any]] = (),
        at: float | None = None,
    ) -> str:
        """A citizen's message to the bot: in a private chat with it (`private`), or in the
        town's group where the bot reads. With a photo the text is its caption (and
        `entities` its caption entities); with a location and no text it is a location
        message. `in_reply_to` is the source id ("<chat>:<message>") it answers. Returns
        its source id."""
        with self._changed:
            citizen = self._citizen(handle, name)
            chat = citizen.private_chat() if private else dict(self.group)
            chat_id = int(chat["id"])
            message: dict[str, Any] = {
                "message_id": self._next_message_id(chat_id),
                "from": citizen.user(),
                "chat": chat,
                "date": int(at if at is not None else self._clock()),
            }
            if in_reply_to:
                parent = self._message(in_reply_to)
                if parent is None:
                    raise ValueError(f"no message {in_reply_to!r}")
                message["reply_to_message"] = parent
            if photo is not None:
                message["photo"] = self._photo_sizes(photo)
                if text:
                    message["caption"] = text
                    if entities:
                        message["caption_entities"] = [dict(e) for e in entities]
            elif location is not None and not text:
                message["location"] = {"latitude": location[0], "longitude": location[1]}
            else:
                message["text"] = text
                if entities:
                    message["entities"] = [dict(e) for e in entities]
            if location is not None and "location" not in message:
                # A text or photo can't carry a location in Telegram: it comes as a second
                # message right after.
                self._store(message)
                follow = {
                    "message_id": self._next_message_id(chat_id),
                    "from": citizen.user(),
                    "chat": chat,
                    "date": message["date"],
                    "location": {"latitude": location[0], "longitude": location[1]},
                }
                self._store(follow)
                self._queue({"message": message}, at)
                self._queue({"message": follow}, at)
                return f"{chat_id}:{message['message_id']}"
            self._store(message)
            self._queue({"message": message}, at)
            return f"{chat_id}:{message['message_id']}"

    def add_raw_update(self, body: Mapping[str, Any], *, with_id: bool = True) -> int:
        """Queue an update as given (an odd or malformed one, for tests); returns its id.
        With `with_id` the server sets its `update_id`."""
        with self._changed:
            update_id = next(self._update_ids)
            item = dict(body)
            if with_id:
                item = {"update_id": update_id, **item}
            self._updates.append(_Update(update_id, self._clock(), item))
            self._changed.notify_all()
            return update_id

    def delete_post(self, source_id: str) -> None:
        """The citizen deleted the message: a bot is not told (nothing changes in what it
        fetched or will fetch); only replying to it quoting it fails from now on."""
        with self._lock:
            key = _key(source_id)
            if key not in self._messages:
                raise ValueError(f"no message {source_id!r}")
            self._deleted.add(key)

    def block_bot(self, handle: str) -> None:
        """The citizen blocked the bot: sending to their private chat gets 403."""
        with self._lock:
            self._citizens[handle.lower()].blocked_bot = True

    def set_webhook(self, url: str) -> None:
        """Someone set a webhook for the bot (getUpdates then gets 409)."""
        with self._changed:
            self._webhook = url
            self._changed.notify_all()

    def revoke_token(self) -> str:
        """BotFather's /revoke: the old token gets 401 from now on; returns the new one."""
        with self._changed:
            self._token = (
                f"{self.bot_id}:AAjundesk-local-telegram-bot-token-{next(self._token_serial)}"
            )
            self._poll_generation += 1
            self._changed.notify_all()
            return self._token

    # -- what tests look at ---------------------------------------------------------------

    def replies_created(self) -> list[dict[str, Any]]:
        """Messages the bot sent, oldest first: source_id, chat_id, message_id, text,
        reply_to (the source id answered, "" if none), photo, and the message as sent."""
        with self._lock:
            return [
                {
                    "source_id": f"{s.chat_id}:{s.message_id}",
                    "chat_id": s.chat_id,
                    "message_id": s.message_id,
                    "text": s.text,
                    "reply_to": s.reply_to,
                    "photo": s.photo,
                    "message": json.loads(json.dumps(s.body)),
                }
                for s in self._sent
            ]

    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates not confirmed yet (and not expired), as getUpdates would give them."""
        with self._lock:
            self._expire()
            return [json.loads(json.dumps(u.body)) for u in self._updates]

    def file_bytes(self, file_id: str) -> bytes | None:
        with self._lock:
            stored = self._files.get(file_id)
            return None if stored is None else stored.data

    @property
    def requests(self) -> Counter[str]:
        """Requests received per Bot API method (lower case), a snapshot."""
        with self._lock:
            return Counter(self._requests)

    @property
    def delivered(self) -> int:
        """Updates returned by getUpdates so far (a re-delivered one counts again)."""
        with self._lock:
            return self._delivered

    # -- faults ---------------------------------------------------------------------------

    def fail_next(self, n: int = 1, status: int = 503, *, method: str | None = None) -> None:
        """The next `n` requests (of `method`, or any) get `status` with an error body."""
        self._fault(_Fault("error", method, n, status=status))

    def rate_limit(self, retry_after: int = 5, *, method: str | None = None, n: int = 1) -> None:
        """The next `n` requests get 429 "Too Many Requests: retry after N"."""
        self._fault(_Fault("rate_limit", method, n, retry_after=retry_after))

    def slow(self, seconds: float, *, method: str | None = None, n: int = 1) -> None:
        """The next `n` requests wait `seconds`, then are answered normally."""
        self._fault(_Fault("slow", method, n, seconds=seconds))

    def hang(self, seconds: float, *, method: str | None = None, n: int = 1) -> None:
        """The next `n` requests get no answer for `seconds`, then the connection closes."""
        self._fault(_Fault("timeout", method, n, seconds=seconds))

    def malformed(self, *, method: str | None = None, n: int = 1) -> None:
        """The next `n` answers are 200 with a broken JSON body (a quote cut out)."""
        self._fault(_Fault("malformed", method, n))

    def no_result(self, *, method: str | None = None, n: int = 1) -> None:
        """The next `n` answers are `{"ok": true}` with no `result`."""
        self._fault(_Fault("no_result", method, n))

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def _fault(self, fault: _Fault) -> None:
        if fault.times < 1:
            raise ValueError("a fault happens at least once")
        with self._lock:
            self._faults.append(fault)

    def _take_fault(self, method: str) -> _Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.matches(method):
                    fault.times -= 1
                    if fault.times == 0:
                        self._faults.remove(fault)
                    return fault
        return None

    # -- the data -------------------------------------------------------------------------

    def _citizen(self, handle: str, name: str) -> _Citizen:
        known = self._citizens.get(handle.lower())
        if known is not None:
            return known
        first, _, last = name.strip().partition(" ")
        citizen = _Citizen(next(self._user_ids), handle, first or handle, last)
        self._citizens[handle.lower()] = citizen
        return citizen

    def _next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def _store(self, message: dict[str, Any]) -> None:
        key = (int(message["chat"]["id"]), int(message["message_id"]))
        stored = {k: v for k, v in message.items() if k != "reply_to_message"}
        self._messages[key] = stored

    def _message(self, source_id: str) -> dict[str, Any] | None:
        try:
            key = _key(source_id)
        except ValueError:
            return None
        found = self._messages.get(key)
        return None if found is None else json.loads(json.dumps(found))

    def _queue(self, body: dict[str, Any], at: float | None) -> None:
        update_id = next(self._update_ids)
        queued = at if at is not None else self._clock()
        self._updates.append(_Update(update_id, queued, {"update_id": update_id, **body}))
        self._changed.notify_all()

    def _photo_sizes(self, photo: bytes) -> list[dict[str, Any]]:
        """Telegram's thumbnails and the full photo: the same bytes here, told apart by
        their ids and sizes (the largest last, as Telegram sends them)."""
        sizes = []
        for width, height in ((90, 68), (320, 240), (1280, 960)):
            serial = next(self._file_serial)
            stored = _File(
                f"AgACAgQAAxkBAAI{serial:06d}jundesk",
                f"AQAD{serial:06d}",
                f"photos/file_{serial}.jpg",
                photo,
            )
            self._files[stored.file_id] = stored
            sizes.append(
                {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "file_size": len(photo) * width // 1280 or 1,
                    "width": width,
                    "height": height,
                }
            )
        return sizes

    def _expire(self) -> None:
        cut = self._clock() - self.update_ttl
        self._updates = [u for u in self._updates if u.queued_at >= cut]

    # -- dispatch -------------------------------------------------------------------------

    def _dispatch(
        self, http_method: str, target: str, headers: Mapping[str, str], body: bytes
    ) -> _Reply:
        path = unquote(urlsplit(target).path)
        if path.startswith("/file/bot"):
            return self._download(path[len("/file/bot") :])
        if not path.startswith("/bot") or path.count("/") != 2:
            return _error(404, "Not Found")
        token, _, method = path[len("/bot") :].partition("/")
        method = method.lower()
        with self._lock:
            self._requests[method] += 1
            good_token = token == self._token
        if not good_token:
            return _error(401, "Unauthorized")
        fault = self._take_fault(method)
        if fault is not None:
            if fault.kind == "timeout":
                return _Reply(0, hang=fault.seconds)
            if fault.kind == "slow":
                self._stopping.wait(fault.seconds)
            elif fault.kind == "error":
                return _error(fault.status, _STATUS_TEXT.get(fault.status, "Error"))
            elif fault.kind == "rate_limit":
                return _error(
                    429,
                    f"Too Many Requests: retry after {fault.retry_after}",
                    {"retry_after": fault.retry_after},
                )
        try:
            params = _params(target, headers.get("content-type", ""), body)
        except ValueError as exc:
            return _error(400, f"Bad Request: {exc}")
        handler = _METHODS.get(method)
        if handler is None:
            return _error(404, "Not Found")
        reply = handler(self, params)
        if fault is not None and reply.status == 200:
            if fault.kind == "malformed":
                cut = reply.body.find(b'"', 10)
                reply.body = reply.body[:cut] + reply.body[cut + 1 :] if cut > 0 else b"{"
            elif fault.kind == "no_result":
                reply.body = b'{"ok":true}'
        return reply

    def _download(self, rest: str) -> _Reply:
        token, _, file_path = rest.partition("/")
        with self._lock:
            if token != self._token:
                return _error(401, "Unauthorized")
            stored = next((f for f in self._files.values() if f.path == file_path), None)
        if stored is None:
            return _error(404, "Not Found: file not found")
        return _Reply(200, stored.data, content_type="image/jpeg")

    # -- methods --------------------------------------------------------------------------

    def _get_me(self, params: dict[str, Any]) -> _Reply:
        return _ok(self._bot_user(full=True))

    def _bot_user(self, *, full: bool = False) -> dict[str, Any]:
        user: dict[str, Any] = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_name,
            "username": self.town_handle,
        }
        if full:
            user.update(
                can_join_groups=True,
                can_read_all_group_messages=False,
                supports_inline_queries=False,
            )
        return user

    def _get_updates(self, params: dict[str, Any]) -> _Reply:
        try:
            offset = int(params.get("offset", 0) or 0)
            limit = int(params.get("limit", 100) or 100)
            timeout = float(params.get("timeout", 0) or 0)
        except (TypeError, ValueError):
            return _error(400, "Bad Request: wrong parameter type")
        limit = max(1, min(100, limit))
        timeout = max(0.0, min(MAX_LONG_POLL, timeout))
        deadline = time.monotonic() + timeout
        with self._changed:
            if self._webhook:
                return _error(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; "
                    "use deleteWebhook to delete the webhook first",
                )
            self._poll_generation += 1
            generation = self._poll_generation
            token = self._token
            if offset > 0:
                self._confirmed = max(self._confirmed, offset)
            elif offset < 0:  # the last -offset updates only, the rest confirmed
                pending = [u.update_id for u in self._updates]
                if len(pending) > -offset:
                    self._confirmed = max(self._confirmed, pending[offset])
            self._updates = [u for u in self._updates if u.update_id >= self._confirmed]
            while True:
                self._expire()
                if token != self._token:  # revoked while the poll waited
                    return _error(401, "Unauthorized")
                if generation != self._poll_generation:
                    return _error(
                        409,
                        "Conflict: terminated by other getUpdates request; make sure that "
                        "only one bot instance is running",
                    )
                if self._webhook:
                    return _error(
                        409, "Conflict: can't use getUpdates method while webhook is active"
                    )
                batch = self._updates[:limit]
                left = deadline - time.monotonic()
                if batch or left <= 0 or self._stopping.is_set():
                    self._delivered += len(batch)
                    return _ok([json.loads(json.dumps(u.body)) for u in batch])
                self._changed.wait(min(left, 0.5))

    def _send_message(self, params: dict[str, Any]) -> _Reply:
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            return _error(400, "Bad Request: message text is empty")
        if reply_length(TELEGRAM, text) > reply_limit(TELEGRAM):
            return _error(400, "Bad Request: message is too long")
        return self._send(params, {"text": text}, text, photo=False)

    def _send_photo(self, params: dict[str, Any]) -> _Reply:
        photo = params.get("photo")
        caption = params.get("caption") or ""
        if not isinstance(caption, str) or reply_length(TELEGRAM, caption) > MAX_CAPTION:
            return _error(400, "Bad Request: message caption is too long")
        with self._lock:
            if isinstance(photo, bytes):
                if not photo or len(photo) > MAX_UPLOAD_BYTES:
                    return _error(400, "Bad Request: PHOTO_INVALID_DIMENSIONS")
                sizes = self._photo_sizes(photo)
            elif isinstance(photo, str) and photo in self._files:
                sizes = self._photo_sizes(self._files[photo].data)
            else:
                return _error(400, "Bad Request: there is no photo in the request")
        content: dict[str, Any] = {"photo": sizes}
        if caption:
            content["caption"] = caption
        return self._send(params, content, caption, photo=True)

    def _send(
        self, params: dict[str, Any], content: dict[str, Any], text: str, *, photo: bool
    ) -> _Reply:
        with self._changed:
            chat = self._chat(params.get("chat_id"))
            if chat is None:
                return _error(400, "Bad Request: chat not found")
            chat_id = int(chat["id"])
            if chat["type"] == "private":
                citizen = next(c for c in self._citizens.values() if c.user_id == chat_id)
                if citizen.blocked_bot:
                    return _error(403, "Forbidden: bot was blocked by the user")
            reply_to, allow_without = _reply_target(params)
            parent: dict[str, Any] | None = None
            if reply_to:
                key = (chat_id, reply_to)
                if key in self._messages and key not in self._deleted:
                    parent = json.loads(json.dumps(self._messages[key]))
                elif not allow_without:
                    return _error(400, "Bad Request: message to be replied not found")
            message: dict[str, Any] = {"message_id": self._next_message_id(chat_id)}
            if chat["type"] == "channel":
                message["sender_chat"] = chat
            else:
                message["from"] = self._bot_user()
            message.update(chat=chat, date=int(self._clock()))
            if parent is not None:
                message["reply_to_message"] = parent
            message.update(content)
            self._store(message)
            self._sent.append(
                _Sent(
                    chat_id,
                    int(message["message_id"]),
                    text,
                    f"{chat_id}:{reply_to}" if parent is not None else "",
                    photo,
                    message,
                )
            )
            return _ok(message)

    def _chat(self, chat_id: Any) -> dict[str, Any] | None:
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            if chat_id[1:].lower() == str(self.announce["username"]).lower():
                return dict(self.announce)
            return None
        try:
            number = int(chat_id)
        except (TypeError, ValueError):
            return None
        if number == self.group["id"]:
            return dict(self.group)
        if number == self.announce["id"]:
            return dict(self.announce)
        citizen = next((c for c in self._citizens.values() if c.user_id == number), None)
        return None if citizen is None else citizen.private_chat()

    def _get_file(self, params: dict[str, Any]) -> _Reply:
        with self._lock:
            stored = self._files.get(str(params.get("file_id", "")))
        if stored is None:
            return _error(400, "Bad Request: invalid file_id")
        return _ok(
            {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_size": len(stored.data),
                "file_path": stored.path,
            }
        )

    def _set_webhook(self, params: dict[str, Any]) -> _Reply:
        self.set_webhook(str(params.get("url", "")))
        return _ok(True)

    def _delete_webhook(self, params: dict[str, Any]) -> _Reply:
        self.set_webhook("")
        return _ok(True)

    def _get_webhook_info(self, params: dict[str, Any]) -> _Reply:
        with self._lock:
            self._expire()
            return _ok(
                {
                    "url": self._webhook,
                    "has_custom_certificate": False,
                    "pending_update_count": len(self._updates),
                }
            )


_METHODS: dict[str, Callable[[TelegramServer, dict[str, Any]], _Reply]] = {
    "getme": TelegramServer._get_me,
    "getupdates": TelegramServer._get_updates,
    "sendmessage": TelegramServer._send_message,
    "sendphoto": TelegramServer._send_photo,
    "getfile": TelegramServer._get_file,
    "setwebhook": TelegramServer._set_webhook,
    "deletewebhook": TelegramServer._delete_webhook,
    "getwebhookinfo": TelegramServer._get_webhook_info,
}


def _key(source_id: str) -> tuple[int, int]:
    chat, sep, message = source_id.partition(":")
    if not sep:
        raise ValueError(f"not a Telegram source id: {source_id!r}")
    return int(chat), int(message)


def _reply_target(params: dict[str, Any]) -> tuple[int, bool]:
    """The message id a send replies to, and whether it may go without it."""
    parameters = params.get("reply_parameters")
    if isinstance(parameters, dict):
        try:
            return int(parameters.get("message_id", 0)), bool(
                parameters.get("allow_sending_without_reply", False)
            )
        except (TypeError, ValueError):
            return 0, False
    old = params.get("reply_to_message_id")
    allow = str(params.get("allow_sending_without_reply", "")).lower() == "true"
    return (int(old) if isinstance(old, int) else 0), allow


def _ok(result: Any) -> _Reply:
    return _Reply(200, json.dumps({"ok": True, "result": result}, ensure_ascii=False).encode())


def _error(status: int, description: str, parameters: Mapping[str, Any] | None = None) -> _Reply:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = dict(parameters)
    return _Reply(status, json.dumps(body).encode())


def _params(target: str, content_type: str, body: bytes) -> dict[str, Any]:
    """A request's parameters wherever they came (query, form, multipart, JSON), with
    numbers and JSON-serialised objects (PTB sends them so) turned back into values."""
    raw: dict[str, Any] = {k: v[-1] for k, v in parse_qs(urlsplit(target).query).items()}
    kind = content_type.split(";")[0].strip().lower()
    if body and kind == "application/json":
        try:
            decoded = json.loads(body)
        except ValueError as exc:
            raise ValueError("can't parse JSON object") from exc
        if not isinstance(decoded, dict):
            raise ValueError("can't parse JSON object")
        raw.update(decoded)
    elif body and kind == "application/x-www-form-urlencoded":
        raw.update({k: v[-1] for k, v in parse_qs(body.decode("utf-8")).items()})
    elif body and kind == "multipart/form-data":
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
        )
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if not isinstance(name, str):
                continue
            payload = part.get_payload(decode=True)
            if part.get_filename() is not None:
                raw[name] = bytes(payload) if isinstance(payload, bytes) else b""
            elif isinstance(payload, bytes):
                raw[name] = payload.decode("utf-8")
    params: dict[str, Any] = {}
    for name, value in raw.items():
        if isinstance(value, str) and name in _INT_PARAMS:
            try:
                value = int(value)
            except ValueError as exc:
                raise ValueError(f"wrong {name}") from exc
        elif isinstance(value, str) and name in _JSON_PARAMS:
            try:
                value = json.loads(value)
            except ValueError as exc:
                raise ValueError(f"can't parse {name} JSON object") from exc
        params[name] = value
    return params


class _HTTPServer(TrackedHTTPServer):
    tgserver: TelegramServer


class _Handler(TrackedHandler):
    server_version = "jundesk-tgserver"
    timeout = 60  # an idle keep-alive connection; a long poll waits up to 50 s
    server: _HTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        pass  # request lines carry the bot's token

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def _serve(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        server = self.server.tgserver
        headers = {k.lower(): v for k, v in self.headers.items()}
        try:
            reply = server._dispatch(method, self.path, headers, body)
        except Exception:  # a bug here must show as a 500, not a hung client
            log.exception("The local Telegram server failed on a request")
            reply = _error(500, "Internal Server Error")
        if reply.hang is not None:
            server._stopping.wait(reply.hang)
            self.close_connection = True
            return
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)
