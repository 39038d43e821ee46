"""Untrusted text made safe to show: invisible controls become visible markers.

A post may carry bidirectional overrides (to make "gpj.exe" read "exe.jpg"), control
characters or a byte-order mark. Shown as they are, they reorder or hide what a citizen
wrote; shown as "[U+202E]", they can do nothing and the desk sees they were there.
"""

from __future__ import annotations

import re
import unicodedata

# Bidi embeddings, overrides and isolates, and the marks that steer them.
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_KEEP = frozenset("\n\t")
_LINE_BREAKS = {"\u2028": "\n", "\u2029": "\n", "\r\n": "\n", "\r": "\n", "\x85": "\n"}


def _marker(char: str) -> str:
    return f"[U+{ord(char):04X}]"


def _shown(char: str) -> str:
    if char in _KEEP:
        return char
    if char in _BIDI or char == "\ufeff":
        return _marker(char)
    category = unicodedata.category(char)
    if category in ("Cc", "Cs", "Co", "Cn") and char not in _KEEP:
        return _marker(char)
    return char


def visible(text: str) -> str:
    """`text` with line breaks unified and every control character shown as a marker."""
    if text.isprintable():
        return text  # no control, format or separator character: the common case, fast
    for raw, unified in _LINE_BREAKS.items():
        text = text.replace(raw, unified)
    return "".join(_shown(ch) for ch in text)


def one_line(text: str, width: int = 0) -> str:
    """The text on one line (whitespace collapsed), made visible, cut at `width` with …"""
    line = visible(" ".join(text.split()))
    if width and len(line) > width:
        return line[: width - 1] + "…"
    return line


# An X handle (@AytoJun), a Bluesky one (@aytojun.bsky.social) or a Mastodon account on its
# server (@ayto@jun.social): a name, then any dotted or @ parts.
_LEADING_MENTIONS = re.compile(r"^(?:[@＠][\w-]{1,64}(?:[.@][\w-]+)*[\s,:]*)+")


def without_leading_mentions(text: str) -> str:
    """The text without the @handles a reply starts with ("@AytoJun @ana la farola...",
    "@aytojun.bsky.social la farola", "@ayto@jun.social la farola"): a list line has room
    for what was said, not for whom. Kept when nothing else is left."""
    stripped = _LEADING_MENTIONS.sub("", text.lstrip(), count=1)
    return stripped or text
