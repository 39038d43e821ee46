"""Post length as X weighs it (twitter-text v3 rules): links count 23, wide characters 2."""

from __future__ import annotations

import re

MAX_WEIGHTED_LENGTH = 280
URL_WEIGHT = 23

_URL = re.compile(r"https?://\S+")
# Code points that weigh 1; everything else (CJK, emoji...) weighs 2.
_LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))


def _weight(ch: str) -> int:
    code = ord(ch)
    return 1 if any(low <= code <= high for low, high in _LIGHT_RANGES) else 2


def weighted_length(text: str) -> int:
    total = 0
    last = 0
    for match in _URL.finditer(text):
        total += sum(_weight(ch) for ch in text[last : match.start()]) + URL_WEIGHT
        last = match.end()
    return total + sum(_weight(ch) for ch in text[last:])
