"""The payloads of intake's three events a post keep their keys as numbers
(store/payload_codes.py): about 90 bytes less a post.

Upgrading changes no row: the rows written before keep their JSON objects, which this
version reads as they are, and new rows take the coded form. Downgrading writes every
coded payload back as the JSON object it stands for (an older version reads only those);
SQLite has no function for it, so the store's own reader does it, row by row.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from jundesk.core.json_text import dump_json
from jundesk.store.payload_codes import payload_from_stored

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _as_object(text: str) -> str:
    return dump_json(payload_from_stored(text))


def upgrade() -> None:
    pass


def downgrade() -> None:
    connection = op.get_bind().connection.driver_connection
    connection.create_function("jundesk_payload_object", 1, _as_object, deterministic=True)
    op.execute(
        "UPDATE events SET payload = jundesk_payload_object(payload) "
        "WHERE substr(payload, 1, 1) = '['"
    )
