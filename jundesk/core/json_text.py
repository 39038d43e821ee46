"""Compact JSON text for payloads, the same on the desk's SQLite and on the town's hub."""

from __future__ import annotations

import json
from datetime import datetime


def _default(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple | set | frozenset):
        return list(value)
    raise TypeError(f"{type(value).__name__} can't be written as JSON")


# One encoder, made once: json.dumps builds a new one for every call with options.
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_default)


def dump_json(value: object) -> str:
    """Compact JSON; non-ASCII kept as is, unless it holds lone surrogates (UTF-8 can't
    carry them), which are then escaped so they still come back exactly. NUL is always
    escaped (\\u0000), so the text fits a PostgreSQL text column too."""
    if not value and isinstance(value, list | dict):
        return "[]" if isinstance(value, list) else "{}"
    text = _COMPACT.encode(value)
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, separators=(",", ":"), default=_default)
    return text
