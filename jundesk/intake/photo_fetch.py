"""Reading a post's photo (its media URL from X) for the desk to show: http(s) only, a
size limit, a timeout; the bytes as they came (the GUI decodes them as an image).

A channel whose photos can only be read with its credentials registers a reader for the
references it stores instead of URLs (Telegram: a file's address holds the bot's token, so
a post keeps `telegram-file:<file_id>` and the open channel reads it)."""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Callable
from urllib.parse import urlsplit

MAX_PHOTO_BYTES = 8 * 1024 * 1024  # X's photos are at most 5 MB
TIMEOUT_S = 10.0


class PhotoUnavailable(Exception):
    """The photo could not be read (not http(s), too big, the network); the reason is
    for the log, the desk keeps showing the link."""


PhotoReader = Callable[[str, int], bytes]  # (reference, byte limit) -> the photo's bytes
_readers: dict[str, PhotoReader] = {}
_readers_lock = threading.Lock()


def register_reader(prefix: str, reader: PhotoReader) -> None:
    """Photos whose reference starts with `prefix` are read by `reader` (the last one
    registered for a prefix wins)."""
    with _readers_lock:
        _readers[prefix] = reader


def unregister_reader(prefix: str, reader: PhotoReader) -> None:
    """Forget `reader` (if it is still the one for `prefix`)."""
    with _readers_lock:
        if _readers.get(prefix) == reader:
            del _readers[prefix]


def fetch_photo(url: str, *, limit: int = MAX_PHOTO_BYTES, timeout: float = TIMEOUT_S) -> bytes:
    with _readers_lock:
        reader = next((r for p, r in _readers.items() if url.startswith(p)), None)
    if reader is not None:
        try:
            data = reader(url, limit)
        except Exception as error:  # the channel's own errors: the desk shows the link
            raise PhotoUnavailable(f"{url[:80]}: {error}") from error
        if len(data) > limit:
            raise PhotoUnavailable(f"{url[:80]}: larger than {limit} bytes")
        return data
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise PhotoUnavailable(f"not a web address: {url[:80]!r}")
    request = urllib.request.Request(url, headers={"User-Agent": "JunDesk"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(limit + 1)
    except (OSError, ValueError) as error:
        raise PhotoUnavailable(f"{url[:80]}: {error}") from error
    if len(body) > limit:
        raise PhotoUnavailable(f"{url[:80]}: larger than {limit} bytes")
    return bytes(body)
