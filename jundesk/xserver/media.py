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
