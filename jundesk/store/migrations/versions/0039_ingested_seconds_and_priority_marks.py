"""Two shorter forms in intake's payload blobs (store/payload_codes.py): an ingested
event's post time in whole seconds (form 3: 21 bytes, not 25), as the networks give a
post's time, and a prioritised event's priority, when one of the four, as its key number
alone (12 urgent, 13 high, 14 normal, 15 low: one byte, not two and the name). About 10
bytes a post.

Upgrading changes no row: the rows written before keep their forms. Downgrading writes
each blob of the new forms as the one an older version reads (form 1 with microseconds;
form 2 with key 8 and the priority's name), row by row.

Revision ID: 0039
Revises: 0038
Create Date: 2026-12-07
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

from alembic import op

revision: str = "0039"
down_revision: str | None = "0038"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_SECONDS = struct.Struct(">B16sI")
_MICROS = struct.Struct(">B16sq")
_TEXTS = (3, 8)  # role, priority
_TEXT_LISTS = (5, 6)  # words, model_words
_CONFIDENCE = 4
_MARKS = {12: b"urgent", 13: b"high", 14: b"normal", 15: b"low"}


def _older(blob: bytes) -> bytes:
    if blob[0] == 3:
        _, raw, seconds = _SECONDS.unpack(blob)
        return _MICROS.pack(1, raw, seconds * 1_000_000)
    if blob[0] != 2:
        return blob
    out = [blob[:1]]
    at = 1
    while at < len(blob):
        code = blob[at]
        start = at
        at += 1
        if code in _TEXTS:
            at += 1 + blob[at]
        elif code in _TEXT_LISTS:
            count = blob[at]
            at += 1
            for _ in range(count):
                at += 1 + blob[at]
        elif code == _CONFIDENCE:
            at += 2
        elif code in _MARKS:
            name = _MARKS[code]
            out.append(bytes((8, len(name))) + name)
            continue
        out.append(blob[start:at])
    return b"".join(out)


def upgrade() -> None:
    pass


def downgrade() -> None:
    connection = op.get_bind().connection.driver_connection
    connection.create_function("jundesk_payload_0038", 1, _older, deterministic=True)
    op.execute(
        "UPDATE events SET payload = jundesk_payload_0038(payload) "
        "WHERE typeof(payload) = 'blob' AND payload != jundesk_payload_0038(payload)"
    )
