"""A source's ids that are numbers (X's and Mastodon's, 17 to 19 digits) are kept as the
big-endian bytes of the number, one to eight (store/column_types.SourceIdBytes), in
posts.source_id, conversation_id and in_reply_to_id: 10 or 11 bytes less a post in the
row and as many in the (source, source_id) index, and more for a reply. Any other id
stays the text it was (Bluesky's at:// URIs, "", "007"); so does a conversation stored
as "" or behind "=" (row_mapping.conversation_to_stored), never a number's text.

The columns keep their declared type: TEXT affinity converts numbers to text but leaves
blobs as they are, so no table is copied. Each direction is one UPDATE a column, of the
rows it changes, which SQL picks out; only the bytes are made in Python.

Revision ID: 0042
Revises: 0041
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from alembic import op

revision: str = "0042"
down_revision: str | None = "0041"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COLUMNS = ("source_id", "conversation_id", "in_reply_to_id")
_MOST = str(2**64 - 1)  # 20 digits; every number of fewer is below it


def _canonical(column: str) -> str:
    """SQL: the column holds the text of a number below 2**64, in ASCII digits with no
    leading zero (but "0" itself), as column_types.source_id_to_stored takes it. GLOB
    and length() read a text up to its first NUL: its bytes must be as many as that."""
    return (
        f"typeof({column}) = 'text' AND {column} GLOB '[0-9]*' "
        f"AND {column} NOT GLOB '*[^0-9]*' AND ({column} = '0' OR {column} NOT GLOB '0*') "
        f"AND length(CAST({column} AS BLOB)) = length({column}) "
        f"AND (length({column}) < {len(_MOST)} "
        f"OR (length({column}) = {len(_MOST)} AND {column} <= '{_MOST}'))"
    )


def _as_bytes(text: str) -> bytes:
    number = int(text)
    return number.to_bytes((number.bit_length() + 7) // 8 or 1, "big")


def _as_text(blob: bytes) -> str:
    return str(int.from_bytes(blob, "big"))


def _convert(name: str, function: Callable[[Any], Any], where: Callable[[str], str]) -> None:
    connection = op.get_bind().connection.driver_connection
    connection.create_function(name, 1, function, deterministic=True)
    for column in _COLUMNS:
        op.execute(f"UPDATE posts SET {column} = {name}({column}) WHERE {where(column)}")


def upgrade() -> None:
    _convert("jundesk_source_id_0042", _as_bytes, _canonical)


def downgrade() -> None:
    _convert("jundesk_source_id_0041", _as_text, lambda column: f"typeof({column}) = 'blob'")
