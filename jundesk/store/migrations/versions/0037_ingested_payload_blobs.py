"""The first event of nearly every post (ingested: a canonical post id and a UTC time) keeps
its payload as a blob of 25 bytes, not a JSON array of 42 (store/payload_codes.py): a
form byte, the id's 16 bytes and the time's microseconds. About 17 bytes a post.

Upgrading changes no row: the rows written before keep their arrays, which this version
reads as they were. Downgrading writes every blob as the array an older version reads
(the id in base64, the time in microseconds: key numbers 9 and 2), row by row.

Revision ID: 0037
Revises: 0036
Create Date: 2026-12-07
"""

from __future__ import annotations

import struct
from base64 import urlsafe_b64encode
from collections.abc import Sequence

from alembic import op

revision: str = "0037"
down_revision: str | None = "0036"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BLOB = struct.Struct(">B16sq")


def _as_array(blob: bytes) -> str:
    _, raw, micros = _BLOB.unpack(blob)
    return f'[9,"{urlsafe_b64encode(raw)[:22].decode()}",2,{micros}]'


def upgrade() -> None:
    pass


def downgrade() -> None:
    connection = op.get_bind().connection.driver_connection
    connection.create_function("jundesk_payload_0036", 1, _as_array, deterministic=True)
    op.execute(
        "UPDATE events SET payload = jundesk_payload_0036(payload) "
        "WHERE typeof(payload) = 'blob'"
    )
