"""Two more numbers in intake's coded payloads (store/payload_codes.py): a post's time
in whole seconds (10), and a routing's suggestion that is the role it routed to (11, a
mark with the value 0). About 13 bytes less a post.

Upgrading changes no row: the rows written before keep their numbers, which this version
reads as they were. Downgrading writes the two new numbers back as the ones they stand
for (2: microseconds; 7: the role's text), which an older version reads; SQLite has no
function for it, so it is done here, row by row, on the coded rows that hold one.

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-07
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from alembic import op

revision: str = "0032"
down_revision: str | None = "0031"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_POSTED_AT, _ROLE, _SUGGESTED, _POSTED_SECONDS, _SUGGESTED_ROLE = 2, 3, 7, 10, 11


def _older(text: str) -> str:
    pairs = json.loads(text)
    if type(pairs) is not list:
        return text
    older: list[object] = []
    role: object = None
    for key, value in zip(pairs[::2], pairs[1::2], strict=True):
        if key == _ROLE and type(key) is int:
            role = value
        elif key == _POSTED_SECONDS and type(key) is int:
            key, value = _POSTED_AT, value * 1_000_000
        elif key == _SUGGESTED_ROLE and type(key) is int:
            key, value = _SUGGESTED, role
        older += (key, value)
    written = json.dumps(older, ensure_ascii=False, separators=(",", ":"))
    try:
        written.encode()
    except UnicodeEncodeError:  # a lone surrogate, which UTF-8 can't carry: escaped
        return json.dumps(older, separators=(",", ":"))
    return written


def upgrade() -> None:
    pass


def downgrade() -> None:
    connection = op.get_bind().connection.driver_connection
    connection.create_function("jundesk_payload_0031", 1, _older, deterministic=True)
    op.execute(
        "UPDATE events SET payload = jundesk_payload_0031(payload) "
        "WHERE substr(payload, 1, 1) = '[' "
        "AND (payload GLOB '*,10,*' OR payload GLOB '*,11,0*')"
    )
