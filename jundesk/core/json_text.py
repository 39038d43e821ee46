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

# The C encoder behind it, made once too: JSONEncoder.encode makes one per call, half the
# time of a small payload (intake encodes thousands a second). Payloads are trees, so no
# circular check; where the interpreter has no C encoder, _COMPACT does the same.
_C_ENCODER = json.encoder.c_make_encoder  # type: ignore[attr-defined]
_ONE_SHOT = (
    None
    if _C_ENCODER is None
    else _C_ENCODER(
        None, _default, json.encoder.encode_basestring, None, ":", ",", False, False, True
    )
)


def _encode(value: object) -> str:
    if _ONE_SHOT is None:
        return _COMPACT.encode(value)
    return "".join(_ONE_SHOT(value, 0))


def dump_json(value: object) -> str:
    """Compact JSON; non-ASCII kept as is, unless it holds lone surrogates (UTF-8 can't
    carry them), which are then escaped so they still come back exactly. NUL is always
    escaped (\\u0000), so the text fits a PostgreSQL text column too."""
    if not value and isinstance(value, list | dict):
        return "[]" if isinstance(value, list) else "{}"
    text = _encode(value)
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, separators=(",", ":"), default=_default)
    return text
