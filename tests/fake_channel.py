"""A channel module that follows the contract of jundesk.intake.channels, over an in-memory
service: the engine's and the command line's wiring is tested with it beside X, without a
client library. Tests register it with `use_fake_channel(monkeypatch)`."""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pytest

from jundesk.core.ids import uuid7
from jundesk.core.model import Cursor, Post
from jundesk.intake import channels
from jundesk.intake.source import Page, RateState, Refused

CHANNEL = "fake"
SECRET_FIELDS: tuple[str, ...] = ("token",)
SETTING_FIELDS: tuple[str, ...] = ("server", "account")
PAGE_SIZE = 3
POLL_INTERVAL = 5.0  # the channel's own pace, unless the town sets poll_interval


@dataclass
class FakeService:
    """What the service holds: its posts in order, the token it takes, what was deleted."""

    token: str = "fake-token"
    posts: list[Post] = field(default_factory=list)
    deleted: set[str] = field(default_factory=set)
    replies: list[tuple[str, str]] = field(default_factory=list)  # (in reply to, text)
    notice: str = ""
    _ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def add(self, text: str, handle: str = "vecina", *, private: bool = False) -> str:
        n = next(self._ids)
        now = datetime.now(UTC)
        self.posts.append(
            Post(
                id=uuid7(),
                source=CHANNEL,
                source_id=str(n),
                author_id=f"a-{handle}",
                author_handle=handle,
                author_name=handle.title(),
                text=text,
                created_at=now,
                received_at=now,
                conversation_id=str(n),
                private=private,
                raw=json.dumps({"id": n, "text": text}),
            )
        )
        return str(n)


SERVICES: dict[str, FakeService] = {}


class FakeChannel:
    """Source and Publisher over a FakeService, as a real channel implements them."""

    def __init__(self, service: FakeService, account: str) -> None:
        self.service = service
        self.account = account
        self.name = CHANNEL
        self.rate: dict[str, RateState] = {"notifications": RateState(300, 299, None)}
        self.stop_event = threading.Event()
        self.closed = False

    def close(self) -> None:
        self.closed = True

    def streams(self) -> list[str]:
        return ["notifications"]

    def pages(self, cursor: Cursor) -> Iterator[Page]:
        since = int(cursor.since_id or 0)
        new = [p for p in self.service.posts if int(p.source_id) > since]
        for start in range(0, len(new), PAGE_SIZE):
            chunk = new[start : start + PAGE_SIZE]
            after = Cursor(CHANNEL, cursor.key, since_id=chunk[-1].source_id)
            yield Page(tuple(chunk), after, reads=len(chunk))

    def shown_rate(self) -> RateState | None:
        return self.rate["notifications"]

    def gone(self, source_ids: Sequence[str]) -> set[str]:
        return {i for i in source_ids if i in self.service.deleted}

    def notice(self) -> str:
        return self.service.notice

    def reply(self, in_reply_to: str, text: str, media_ids: Sequence[str] = ()) -> Post:
        self.service.replies.append((in_reply_to, text))
        now = datetime.now(UTC)
        return Post(
            id=uuid7(),
            source=CHANNEL,
            source_id=f"r{len(self.service.replies)}",
            author_id=self.account,
            author_handle=self.account,
            author_name="",
            text=text,
            created_at=now,
            received_at=now,
            in_reply_to_id=in_reply_to,
            is_own=True,
        )

    def post(self, text: str) -> Post:
        return self.reply("", text)

    def upload_photo(self, path: Path) -> str:
        return path.name


def open_channel(settings: Mapping[str, str], secrets: Mapping[str, str]) -> FakeChannel:
    if not settings.get("server"):
        raise Refused("The fake channel needs its server: set it in the settings.")
    if not secrets.get("token"):
        raise Refused("The fake channel needs its token: 'jundesk accounts set --channel fake'.")
    service = SERVICES.setdefault(settings["server"], FakeService())
    if secrets["token"] != service.token:
        raise Refused("The fake service refused the token (401).", 401)
    return FakeChannel(service, settings.get("account", "town"))


def use_fake_channel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make "fake" a channel a desk can enable, for this test."""
    monkeypatch.setitem(channels.CHANNEL_MODULES, CHANNEL, __name__)
    monkeypatch.setattr(channels, "CHANNELS", (*channels.CHANNELS, CHANNEL))
    SERVICES.clear()
