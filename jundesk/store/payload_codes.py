"""The payloads intake writes for every post, stored with their keys as small numbers.

Each post opens its case with three events (ingested, routed, prioritised), and as JSON
objects their key names were a third of their bytes. Nearly always they are stored as
blobs (the column's type leaves a blob as it is):
- ingested (a canonical post id and a UTC time, nothing else): a form byte, the id's 16
  bytes and the time: in whole seconds (form 3, 21 bytes) as the networks give a post's
  time, else in microseconds (form 1, 25 bytes);
- routed and prioritised: a form byte (2), then each key as its number below and its value
  by the key's kind (texts, lists of texts, a confidence in thousandths; a suggestion that
  is the role the case was routed to, and each of the four priorities, as a number alone).

A payload a blob can't carry exactly is a JSON array of key and value in turn, a known key
as its number and any other key as its name (JSON objects have only text keys, so the two
never mix up); there a post's id, when a canonical UUID, is the base64 of its 16 bytes,
and its time, written as `isoformat()` of a UTC time, integer seconds when a whole second,
else microseconds. Every other kind's payload stays a JSON object, as do the rows written
before these forms. Every form reads back as the same dict, key order and types included.

SQL reads no payload of these kinds (the measures read target_missed's with
json_extract, which an array would break: keep such kinds out of CODED_KINDS).
"""

from __future__ import annotations

import json
import struct
from base64 import urlsafe_b64decode, urlsafe_b64encode
from collections.abc import Mapping
from datetime import datetime
from math import copysign
from typing import Any

from sqlalchemy import Dialect, Text
from sqlalchemy.types import TypeDecorator

from jundesk.core.json_text import dump_json
from jundesk.core.model import EventKind
from jundesk.store.column_types import from_micros, id_from_stored, id_to_stored, to_micros

CODED_KINDS = frozenset({EventKind.INGESTED, EventKind.ROUTED, EventKind.PRIORITISED})

# Stored in rows: a number, once given, keeps its key for ever.
_POST_ID = 1
_POSTED_AT = 2
_ROLE = 3
_SUGGESTED = 7
_POST_UUID = 9
_POSTED_SECONDS = 10
_SUGGESTED_ROLE = 11
_NAMES: dict[int, str] = {
    _POST_ID: "post_id",  # as its text, when it is no canonical UUID
    _POST_UUID: "post_id",  # a canonical UUID as the base64 of its 16 bytes (22 letters)
    _POSTED_AT: "posted_at",  # integer microseconds (see _exact_micros)
    _POSTED_SECONDS: "posted_at",  # integer seconds, when a whole second
    _ROLE: "role",
    4: "confidence",
    5: "words",
    6: "model_words",
    _SUGGESTED: "suggested",
    _SUGGESTED_ROLE: "suggested",  # the same text as "role" before it; its value is 0
    8: "priority",
    # A priority of the four, as its number alone (in blobs only; its value is implicit).
    12: "priority",
    13: "priority",
    14: "priority",
    15: "priority",
}
_PRIORITY_MARKS = {12: "urgent", 13: "high", 14: "normal", 15: "low"}
_MARKED_PRIORITY = {name: code for code, name in _PRIORITY_MARKS.items()}
_CODES = {
    name: code
    for code, name in _NAMES.items()
    if code not in (_POST_UUID, _POSTED_SECONDS, _SUGGESTED_ROLE, *_PRIORITY_MARKS)
}
_MICROS = 1_000_000


class PayloadError(ValueError):
    """A stored payload this version can't read (a key number it doesn't know)."""


def _exact_micros(value: object) -> int | None:
    """The microseconds of a UTC time's isoformat() text, when they give that text back."""
    if type(value) is not str or not value.endswith("+00:00") or not value.isascii():
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    # isoformat() of a whole second is "YYYY-MM-DDTHH:MM:SS+00:00": a text of that shape
    # that parsed is that text (isoformat() costs more than the rest, once a post).
    whole = len(value) == 25 and value[10] == "T" and value[13] == value[16] == ":"
    if not (whole and when.microsecond == 0) and when.isoformat() != value:
        return None
    return to_micros(when)


def _uuid_text(item: object) -> str:
    if type(item) is not str or len(item) != 22:
        raise PayloadError("an event's coded post id is not 22 letters")
    try:
        raw = urlsafe_b64decode(item + "==")
    except ValueError:
        raise PayloadError("an event's coded post id is not base64") from None
    if len(raw) != 16:
        raise PayloadError("an event's coded post id is not base64 of 16 bytes")
    return id_from_stored(raw)


_INGESTED_KEYS = ("post_id", "posted_at")
# An ingested event's payload as a blob: its form (1), the post's id as 16 bytes, the
# post's time in microseconds (any datetime's fit a signed 64-bit integer); or, when the
# time is a whole second from 1970 to 2106, in seconds (form 3, four bytes fewer).
_INGESTED_BLOB = struct.Struct(">B16sq")
_INGESTED_FORM = 1
_INGESTED_SECONDS_BLOB = struct.Struct(">B16sI")
_INGESTED_SECONDS_FORM = 3
_LAST_SECOND = 2**32 - 1


# Routed and prioritised payloads as a blob (form 2): each key as its number, then its
# value, by the key's kind: a text as its length and UTF-8 bytes, a list of texts as its
# length and its texts, a confidence as its thousandths in two bytes, a suggestion that
# is the role as the number alone. A payload with anything else stays a JSON array.
_KEYED_FORM = 2
_TEXTS = frozenset({_ROLE, 8})  # role, priority
_TEXT_LISTS = frozenset({5, 6})  # words, model_words
_CONFIDENCE = 4
_THOUSANDTHS = struct.Struct(">H")


_BYTE = tuple(bytes((n,)) for n in range(256))


def _keyed_blob(payload: Mapping[str, Any]) -> bytes | None:
    """The blob of a routed or prioritised payload, or None when it holds anything the
    blob can't carry exactly (intake writes thousands a second: one pass, no calls)."""
    out = [_BYTE[_KEYED_FORM]]
    role: object = None
    try:
        for key, value in payload.items():
            code = _CODES.get(key)
            if code == 8 and type(value) is str and value in _MARKED_PRIORITY:
                out.append(_BYTE[_MARKED_PRIORITY[value]])
            elif code in _TEXTS and type(value) is str:
                data = value.encode()
                if len(data) > 255:
                    return None
                out += (_BYTE[code], _BYTE[len(data)], data)
                if code == _ROLE:
                    role = value
            elif code in _TEXT_LISTS and type(value) is list and len(value) < 256:
                out += (_BYTE[code], _BYTE[len(value)])
                for item in value:
                    if type(item) is not str:
                        return None
                    data = item.encode()
                    if len(data) > 255:
                        return None
                    out += (_BYTE[len(data)], data)
            elif code == _CONFIDENCE and type(value) is float and 0 <= value <= 65.535:
                # (No NaN or infinity gets here; -0.0 would come back as 0.0.)
                thousandths = round(value * 1000)
                if thousandths / 1000 != value or copysign(1.0, value) < 0:
                    return None
                out += (_BYTE[code], _THOUSANDTHS.pack(thousandths))
            elif code == _SUGGESTED and type(value) is str and value == role:
                out.append(_BYTE[_SUGGESTED_ROLE])
            else:
                return None
    except UnicodeEncodeError:  # a lone surrogate: the JSON form escapes it
        return None
    return b"".join(out)


def _from_keyed_blob(blob: bytes) -> dict[str, Any]:
    payload: dict[str, Any] = {}
    at = 1
    try:
        while at < len(blob):
            code = blob[at]
            at += 1
            name = _NAMES.get(code)
            value: Any
            if code in _TEXTS:
                value, at = _read_text(blob, at)
            elif code in _TEXT_LISTS:
                count = blob[at]
                at += 1
                items = []
                for _ in range(count):
                    item, at = _read_text(blob, at)
                    items.append(item)
                value = items
            elif code == _CONFIDENCE:
                value = _THOUSANDTHS.unpack_from(blob, at)[0] / 1000
                at += _THOUSANDTHS.size
            elif code == _SUGGESTED_ROLE and "role" in payload:
                value = payload["role"]
            elif code in _PRIORITY_MARKS:
                value = _PRIORITY_MARKS[code]
            else:
                raise PayloadError(f"an event's payload blob has a key number {code} unknown here")
            payload[str(name)] = value
    except (IndexError, struct.error, UnicodeDecodeError):
        raise PayloadError("an event's payload blob ends short or is not UTF-8") from None
    return payload


def _read_text(blob: bytes, at: int) -> tuple[str, int]:
    end = at + 1 + blob[at]
    if end > len(blob):
        raise IndexError(end)
    return blob[at + 1 : end].decode(), end


def payload_to_stored(kind: EventKind, payload: Mapping[str, Any]) -> str | bytes:
    """The payload as stored: for CODED_KINDS an ingested event's blob or keys as numbers,
    else a JSON object."""
    if kind not in CODED_KINDS or not payload:
        return dump_json(payload if type(payload) is dict else dict(payload))
    # Every post's first event: made without the loop below.
    if tuple(payload) == _INGESTED_KEYS:
        raw = id_to_stored(payload["post_id"]) if type(payload["post_id"]) is str else None
        micros = _exact_micros(payload["posted_at"])
        if type(raw) is bytes and micros is not None:
            seconds, fraction = divmod(micros, _MICROS)
            if not fraction and 0 <= seconds <= _LAST_SECOND:
                return _INGESTED_SECONDS_BLOB.pack(_INGESTED_SECONDS_FORM, raw, seconds)
            return _INGESTED_BLOB.pack(_INGESTED_FORM, raw, micros)
    elif kind is not EventKind.INGESTED:
        blob = _keyed_blob(payload)
        if blob is not None:
            return blob
    pairs: list[Any] = []
    for key, value in payload.items():
        code = _CODES.get(key)
        if code == _POST_ID and type(value) is str:
            raw = id_to_stored(value)
            if type(raw) is bytes:
                code, value = _POST_UUID, urlsafe_b64encode(raw)[:22].decode("ascii")
        elif code == _POSTED_AT:
            micros = _exact_micros(value)
            if micros is None:
                code = None
            elif micros % _MICROS:
                value = micros
            else:
                code, value = _POSTED_SECONDS, micros // _MICROS
        elif (
            code == _SUGGESTED
            and type(value) is str
            and _ROLE in pairs[::2]
            and value == payload["role"]
        ):
            code, value = _SUGGESTED_ROLE, 0
        pairs.append(key if code is None else code)
        pairs.append(value)
    return dump_json(pairs)


def payload_from_stored(text: str | bytes) -> dict[str, Any]:
    """The payload a stored value holds, in any of its forms."""
    if type(text) is bytes:
        if text[:1] == _BYTE[_KEYED_FORM]:
            return _from_keyed_blob(text)
        return _ingested_from_blob(text)
    value = json.loads(text)
    if type(value) is not list:
        if type(value) is not dict:
            raise PayloadError(f"an event's payload is a JSON {type(value).__name__}")
        return value
    if len(value) % 2:
        raise PayloadError("an event's coded payload has a key without its value")
    payload: dict[str, Any] = {}
    for key, item in zip(value[::2], value[1::2], strict=True):
        if type(key) is int:
            name = _NAMES.get(key)
            if name is None or key in _PRIORITY_MARKS:
                raise PayloadError(f"an event's payload has a key number {key} unknown here")
            if key in (_POSTED_AT, _POSTED_SECONDS):
                if type(item) is not int:
                    raise PayloadError("an event's coded post time is not a number")
                item = from_micros(item * _MICROS if key == _POSTED_SECONDS else item).isoformat()
            elif key == _SUGGESTED_ROLE:
                if "role" not in payload or item != 0:
                    raise PayloadError("an event's coded suggestion names no role before it")
                item = payload["role"]
            elif key == _POST_UUID:
                item = _uuid_text(item)
            payload[name] = item
        elif type(key) is str:
            payload[key] = item
        else:
            raise PayloadError(f"an event's coded payload has a {type(key).__name__} key")
    return payload


def _ingested_from_blob(blob: bytes) -> dict[str, Any]:
    if len(blob) == _INGESTED_SECONDS_BLOB.size and blob[0] == _INGESTED_SECONDS_FORM:
        _, raw, seconds = _INGESTED_SECONDS_BLOB.unpack(blob)
        micros = seconds * _MICROS
    elif len(blob) == _INGESTED_BLOB.size and blob[0] == _INGESTED_FORM:
        _, raw, micros = _INGESTED_BLOB.unpack(blob)
    else:
        raise PayloadError(f"an event's payload is a blob of {len(blob)} bytes unknown here")
    return {"post_id": id_from_stored(raw), "posted_at": from_micros(micros).isoformat()}


class PayloadText(TypeDecorator[dict[str, Any]]):
    """An event's payload column: written as a JSON object when bound (intake's rows are
    written by row_mapping.event_values, which knows their kind), read in either form."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Mapping[str, Any] | None, dialect: Dialect) -> str | None:
        return None if value is None else dump_json(dict(value))

    def process_result_value(
        self, value: str | bytes | None, dialect: Dialect
    ) -> dict[str, Any] | None:
        return None if value is None else payload_from_stored(value)
