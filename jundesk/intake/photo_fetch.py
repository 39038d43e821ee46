"""Reading a post's photo (its media URL from X) for the desk to show: http(s) only, a
size limit, a timeout; the bytes as they came (the GUI decodes them as an image)."""

from __future__ import annotations

import urllib.request
from urllib.parse import urlsplit

MAX_PHOTO_BYTES = 8 * 1024 * 1024  # X's photos are at most 5 MB
TIMEOUT_S = 10.0


class PhotoUnavailable(Exception):
    """The photo could not be read (not http(s), too big, the network); the reason is
    for the log, the desk keeps showing the link."""


def fetch_photo(url: str, *, limit: int = MAX_PHOTO_BYTES, timeout: float = TIMEOUT_S) -> bytes:
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
