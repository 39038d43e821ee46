"""Placeholder photos the local X server serves for media URLs, so the demo works offline."""

from __future__ import annotations

import hashlib
import struct
import zlib

_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(tag: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))


def placeholder_png(name: str, width: int = 96, height: int = 72) -> bytes:
    """A small two-tone PNG whose colours are derived from `name` (stable per media key)."""
    digest = hashlib.sha1(name.encode()).digest()
    top, bottom = digest[0:3], digest[3:6]
    rows = []
    for y in range(height):
        colour = top if y < height * 2 // 3 else bottom
        rows.append(b"\x00" + colour * width)  # filter type 0 per scanline
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (
        _SIGNATURE
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"".join(rows)))
        + _chunk(b"IEND", b"")
    )


# The kinds of picture X takes as a post photo, told by their first bytes, never by the
# name or the declared type (a client can claim anything).
IMAGE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (_SIGNATURE, "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)
MAX_IMAGE_BYTES = 5 * 1024 * 1024  # X's limit for a tweet_image


def image_type(data: bytes) -> str | None:
    """The MIME type of an image X accepts, from its magic bytes; None for anything else."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return next((mime for magic, mime in IMAGE_MAGIC if data.startswith(magic)), None)
