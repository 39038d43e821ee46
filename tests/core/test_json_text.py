"""Payload JSON: compact, non-ASCII kept, the same text json.dumps writes with the same
options (the store's fast path must not change a byte of what desks and the hub compare)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from jundesk.core.json_text import _default, dump_json

PAYLOADS: list[object] = [
    {},
    [],
    {"post_id": "0195a1b2-0000-7000-8000-000000000001", "posted_at": "2026-03-02T09:00:00+00:00"},
    {"role": "street_cleaning", "confidence": 0.8, "words": ["farola", "rota"], "n": 3},
    {"text": "Árbol caído en la calle Mayor 😀", "quote": 'dijo "ya"', "tab": "a\tb"},
    {"nested": {"list": [1, 2.5, None, True, False, {"x": []}]}, "big": 10**20},
    {"when": datetime(2026, 3, 2, 9, 0, tzinfo=UTC), "tags": ("a", "b")},
    {"float": 1e-7, "negative": -0.0, "nan": float("nan")},
    {1: "int key", "": "empty key"},
    "just a string",
    12.5,
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_text_is_what_json_dumps_writes(payload: object) -> None:
    expected = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=_default)
    assert dump_json(payload) == expected


def test_lone_surrogates_are_escaped_and_come_back() -> None:
    payload = {"text": "bad \ud800 half"}
    text = dump_json(payload)
    text.encode("utf-8")  # storable
    assert json.loads(text) == payload


def test_nul_is_escaped() -> None:
    assert dump_json({"t": "a\x00b"}) == '{"t":"a\\u0000b"}'


def test_what_json_cannot_write_is_refused() -> None:
    with pytest.raises(TypeError, match="object can't be written as JSON"):
        dump_json({"x": object()})
