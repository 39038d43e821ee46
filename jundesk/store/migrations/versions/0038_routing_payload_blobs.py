"""The routed and prioritised events of each post keep their payloads as blobs, not JSON
arrays (store/payload_codes.py, form 2): each key as its number, then its value by the
key's kind (a text as its length and UTF-8 bytes, a list of texts as its length and its
texts, a confidence as its thousandths in two bytes, a suggestion that is the role as
the number alone). About 18 bytes a post.

Upgrading changes no row: the rows written before keep their arrays. Downgrading writes
every such blob as the array an older version reads (the same key numbers), row by row.

Revision ID: 0038
Revises: 0037
Create Date: 2026-12-07
"""

from __future__ import annotations

import json
import struct
from collections.abc import Sequence

from alembic import op

revision: str = "0038"
down_revision: str | None = "0037"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FORM = 2
_TEXTS = (3, 8)  # role, priority
_TEXT_LISTS = (5, 6)  # words, model_words
_CONFIDENCE = 4
_SUGGESTED_ROLE = 11


def _text(blob: bytes, at: int) -> tuple[str, int]:
    end = at + 1 + blob[at]
    return blob[at + 1 : end].decode(), end


def _as_array(blob: bytes) -> bytes | str:
    if blob[:1] != bytes((_FORM,)):
        return blob  # an ingested event's (0037 writes those back)
    pairs: list[object] = []
    at = 1
    while at < len(blob):
        code = blob[at]
        at += 1
        value: object
        if code in _TEXTS:
            value, at = _text(blob, at)
        elif code in _TEXT_LISTS:
            count = blob[at]
            at += 1
            items = []
            for _ in range(count):
                item, at = _text(blob, at)
                items.append(item)
            value = items
        elif code == _CONFIDENCE:
            value = struct.unpack_from(">H", blob, at)[0] / 1000
            at += 2
        elif code == _SUGGESTED_ROLE:
            value = 0
        else:
            raise ValueError(f"a payload blob with key number {code}")
        pairs += (code, value)
    return json.dumps(pairs, ensure_ascii=False, separators=(",", ":"))


def upgrade() -> None:
    pass


def downgrade() -> None:
    connection = op.get_bind().connection.driver_connection
    connection.create_function("jundesk_payload_0037", 1, _as_array, deterministic=True)
    op.execute(
        "UPDATE events SET payload = jundesk_payload_0037(payload) "
        "WHERE typeof(payload) = 'blob' AND substr(payload, 1, 1) = x'02'"
    )
