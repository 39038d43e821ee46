"""The demo town's day on every channel: citizens write to the town on X, Mastodon, Bluesky
and Telegram, each through that channel's local server.

`TownChannels` stands where the town's day (jundesk.xserver.town.TownSimulator) puts its
posts: each citizen keeps to one channel (chosen by their name, so a thread stays on it),
some write privately (a direct mention on Mastodon, a private chat with the town's bot on
Telegram), and the same matter reported by two neighbours may come by two channels. A
post's @mention of the town's X account becomes the channel's own (a Telegram message to
the bot needs none), and its photos are the local X server's placeholders.
"""

from __future__ import annotations

import re
import threading
import zlib
from collections import Counter
from collections.abc import Iterable
from datetime import datetime

from jundesk.localserver.bluesky import BlueskyServer
from jundesk.localserver.mastodon import MastodonServer
from jundesk.localserver.telegram import TelegramServer
from jundesk.xserver.media import placeholder_png
from jundesk.xserver.posts import NewPost
from jundesk.xserver.server import XServer

X, MASTODON, BLUESKY, TELEGRAM = "x", "mastodon", "bluesky", "telegram"
CHANNELS = (X, MASTODON, BLUESKY, TELEGRAM)
# Out of 100 citizens, how many write on each channel (the rest: X).
SHARES = ((MASTODON, 22), (BLUESKY, 15), (TELEGRAM, 25))
# Of those on Mastodon, how many mention the town directly (a private message), out of
# 100; of those on Telegram, how many write to the bot in a private chat (the others in
# the town's group, where the bot reads).
PRIVATE_SHARE = {MASTODON: 25, TELEGRAM: 70}
# Where Jun is, for a Telegram citizen who shares where they are.
JUN = (37.2236, -3.5915)
_T_CO = re.compile(r"\s*https://t\.co/\w+")


def _roll(handle: str, salt: str) -> int:
    """0-99, the same for a name every time (the demo's day is seeded)."""
    return zlib.crc32(f"{salt}:{handle.lower()}".encode()) % 100


def channel_of(handle: str) -> str:
    """The channel this citizen writes on."""
    roll = _roll(handle, "channel")
    for channel, share in SHARES:
        if roll < share:
            return channel
        roll -= share
    return X


def writes_privately(handle: str, channel: str) -> bool:
    """Whether this citizen writes to the town privately on their channel."""
    return _roll(handle, "private") < PRIVATE_SHARE.get(channel, 0)


class TownChannels:
    """The town's four local servers as one place posts go to (what TownSimulator needs of
    a server: add_post, add_posts_bulk); ids are each channel's own source ids."""

    def __init__(
        self,
        x: XServer,
        mastodon: MastodonServer,
        bluesky: BlueskyServer,
        telegram: TelegramServer,
    ) -> None:
        self.x = x
        self.mastodon = mastodon
        self.bluesky = bluesky
        self.telegram = telegram
        self.counts: Counter[str] = Counter()  # posts per channel
        self.private = 0  # posts written privately
        self.where: dict[str, str] = {}  # source id -> the channel it was posted on
        self._lock = threading.Lock()

    @property
    def town_handle(self) -> str:
        return self.x.town_handle

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
    ) -> str:
        """A citizen's post, on the channel they write on; returns its source id there."""
        channel = channel_of(author_username)
        source_id = self._add(
            channel,
            author_username,
            text,
            lang,
            reply_to,
            created_at,
            place,
            media,
            author_name,
        )
        with self._lock:
            self.counts[channel] += 1
            self.where[source_id] = channel
        return source_id

    def _add(
        self,
        channel: str,
        author_username: str,
        text: str,
        lang: str,
        reply_to: str | None,
        created_at: datetime | None,
        place: str | None,
        media: int,
        author_name: str | None,
    ) -> str:
        if channel == X:
            return self.x.add_post(
                author_username,
                text,
                lang=lang,
                reply_to=reply_to,
                created_at=created_at,
                place=place,
                media=media,
                author_name=author_name,
            )
        private = writes_privately(author_username, channel)
        if private:
            with self._lock:
                self.private += 1
        name = author_name or author_username
        words = self._words(text, channel)
        photo = placeholder_png(f"{channel}-{author_username}-{len(text)}") if media else None
        if channel == MASTODON:
            return self.mastodon.add_citizen_post(
                author_username,
                name,
                words,
                photo=photo,
                private=private,
                in_reply_to=reply_to or "",
                language=lang,
            )
        if channel == BLUESKY:
            return self.bluesky.add_citizen_post(
                author_username, name, words, photo=photo, in_reply_to=reply_to or ""
            )
        return self.telegram.add_citizen_post(
            author_username,
            name,
            words,
            photo=photo,
            location=JUN if place and not reply_to else None,
            private=private,
            in_reply_to=reply_to or "",
            at=created_at.timestamp() if created_at is not None else None,
        )

    def add_posts_bulk(self, posts: Iterable[NewPost]) -> list[str]:
        """Many posts in order; a reply to one of the same batch refers to it by position."""
        ids: list[str] = []
        for post in posts:
            parent = post.reply_to
            if post.reply_to_index is not None:
                parent = ids[post.reply_to_index]
            ids.append(
                self.add_post(
                    post.author_username,
                    post.text,
                    lang=post.lang,
                    reply_to=parent,
                    created_at=post.created_at,
                    place=post.place,
                    media=post.media,
                    author_name=post.author_name,
                )
            )
        return ids

    def _words(self, text: str, channel: str) -> str:
        """The post as written on `channel`: the town's mention there, no X photo link."""
        mention = f"@{self.x.town_handle}"
        text = _T_CO.sub("", text)
        if channel == TELEGRAM:  # a message to the bot names nobody
            text = re.sub(rf"\s*{re.escape(mention)}\b,?", "", text, flags=re.IGNORECASE)
            return text.strip() or "?"
        own = {MASTODON: self.mastodon.town_handle, BLUESKY: self.bluesky.town_handle}[channel]
        return re.sub(rf"{re.escape(mention)}\b", f"@{own}", text, flags=re.IGNORECASE).strip()
