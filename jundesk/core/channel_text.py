"""How long a reply may be on each channel, counted as that service counts it: the one place
these rules live (the desk's reply counter, the actions that publish, the local servers).

- X: twitter-text's weighted length, at most 280 (core/x_text.py).
- Mastodon: 500 characters, where a character is a grapheme cluster (what a reader sees as
  one), every link with its scheme (http://, https://) counts 23 whatever its length, and a
  mention of a remote account `@user@domain` counts as `@user`.
- Bluesky: 300 grapheme clusters, links as written (the record's text is what counts), and
  no more than 3000 bytes of UTF-8 (the post record's other cap, which only long emoji
  sequences reach).
- Telegram: 4096 UTF-16 code units (the unit of Telegram's own offsets: an emoji outside the
  Basic Multilingual Plane counts 2).
"""

from __future__ import annotations

import regex

from jundesk.core.x_text import MAX_WEIGHTED_LENGTH, find_links, weighted_length

X = "x"
MASTODON = "mastodon"
BLUESKY = "bluesky"
TELEGRAM = "telegram"

MASTODON_LIMIT = 500
MASTODON_URL_LENGTH = 23
BLUESKY_LIMIT = 300
BLUESKY_MAX_BYTES = 3000
TELEGRAM_LIMIT = 4096

_LIMITS = {
    X: MAX_WEIGHTED_LENGTH,
    MASTODON: MASTODON_LIMIT,
    BLUESKY: BLUESKY_LIMIT,
    TELEGRAM: TELEGRAM_LIMIT,
}
REPLY_CHANNELS: tuple[str, ...] = tuple(_LIMITS)

# Mastodon's mention of an account on another server: `@user@example.social`. The user part
# as Mastodon's usernames go (letters, digits, "_", with "." or "-" inside); not after a
# letter, "/" or "=" (an e-mail address or a link's path is no mention).
_REMOTE_MENTION = regex.compile(
    r"(?<![=/\w])@([a-z0-9_]+(?:[a-z0-9_.\-]*[a-z0-9_])?)@\w+(?:[.\-]+\w+)*",
    regex.IGNORECASE,
)
_GRAPHEME = regex.compile(r"\X")


class UnknownChannel(ValueError):
    """A channel JunDesk has no reply rule for (a manual entry is answered in person)."""

    def __init__(self, channel: str) -> None:
        super().__init__(f"no reply length rule for the channel {channel!r}")
        self.channel = channel


def graphemes(text: str) -> int:
    """How many grapheme clusters (user-perceived characters, Unicode's UAX #29) `text` has."""
    if text.isascii() and "\r\n" not in text:
        return len(text)
    return len(_GRAPHEME.findall(text))


def mastodon_length(text: str) -> int:
    """The length Mastodon counts against its 500 characters."""
    links = [link for link in find_links(text) if "://" in link.text]
    parts: list[str] = []
    at = 0
    for link in links:
        parts.append(_REMOTE_MENTION.sub(r"@\1", text[at : link.start]))
        parts.append("x" * MASTODON_URL_LENGTH)
        at = link.end
    parts.append(_REMOTE_MENTION.sub(r"@\1", text[at:]))
    return graphemes("".join(parts))


def bluesky_length(text: str) -> int:
    """The graphemes Bluesky counts against its 300 (of the text as sent: no normalising)."""
    return graphemes(text)


def telegram_length(text: str) -> int:
    """The UTF-16 code units Telegram counts against its 4096."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def reply_limit(channel: str) -> int:
    """The most a reply on `channel` may count (reply_length); UnknownChannel otherwise."""
    try:
        return _LIMITS[channel]
    except KeyError:
        raise UnknownChannel(channel) from None


def reply_length(channel: str, text: str) -> int:
    """`text`'s length as `channel` counts it against reply_limit(channel)."""
    if channel == X:
        return weighted_length(text)
    if channel == MASTODON:
        return mastodon_length(text)
    if channel == BLUESKY:
        return bluesky_length(text)
    if channel == TELEGRAM:
        return telegram_length(text)
    raise UnknownChannel(channel)


def as_sent(channel: str, text: str, handle: str) -> str:
    """A reply as its channel publishes it: on Mastodon it starts with the author's
    @address (a reply that names nobody notifies nobody), added when the desk didn't
    write it. Counted this way by the reply box, so what fits there fits at the service."""
    account = handle.lstrip("@")
    if channel != MASTODON or not account:
        return text
    mention = "@" + account
    if text.lstrip().lower().startswith(mention.lower()):
        return text
    return f"{mention} {text}"


def reply_remaining(channel: str, text: str) -> int:
    """How much more may be written; negative when the text is too long for the channel."""
    return reply_limit(channel) - reply_length(channel, text)


def reply_fits(channel: str, text: str) -> bool:
    """Whether the service takes `text` as a reply: within its length, and for Bluesky
    within the record's bytes too."""
    if reply_length(channel, text) > reply_limit(channel):
        return False
    if channel == BLUESKY:
        return len(text.encode("utf-8", "surrogatepass")) <= BLUESKY_MAX_BYTES
    return True
