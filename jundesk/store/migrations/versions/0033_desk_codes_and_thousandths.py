"""Two columns take fewer bytes, changed in place (no table is copied):

- events.actor_desk keeps JunDesk's own actors (intake, triage, ...) as one control
  character each (store/desk_codes.py): about 15 bytes less a post, at three intake
  events. Any other name that begins with a character from \\x01 to \\x1f is stored
  behind the escape \\x1b, so it reads back as it was; every other name stays as it is.
- cases.confidence keeps a whole number of thousandths as that number (0.8 as 800), an
  integer of a byte or two where a REAL took eight; any other value as the 8 bytes of its
  double, big-endian, as a blob (column_types.Thousandths).

Downgrading writes names and confidences back as they were. SQLite has no function for
a double's bytes, so the few confidences that are no whole thousandths are converted by
Python functions bound for the migration. The codes are copied here: a migration never
changes with the live code.

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-09
"""

from __future__ import annotations

import struct
from collections.abc import Sequence

from alembic import op

revision: str = "0033"
down_revision: str | None = "0032"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# store/desk_codes.py at this revision: each name and the character code of its code.
_CODES = (("intake", 1), ("triage", 2), ("x-account", 3), ("duty-policy", 4), ("targets", 5))
_ESCAPE = 27
# A stored desk that begins with a character from \x01 to \x1f (a code, or escaped).
_RESERVED = "(actor_desk >= char(1) AND actor_desk < char(32))"
_NAMES = ", ".join(f"'{name}'" for name, _ in _CODES)

# A whole number of thousandths (up to 2**53: every such number is an exact double).
_WHOLE = (
    "abs(confidence * 1000) <= 9007199254740992.0 "
    "AND round(confidence * 1000) / 1000 = confidence"
)
_DOUBLE = struct.Struct(">d")


def _double_bytes(value: float) -> bytes:
    return _DOUBLE.pack(value)


def _double(value: bytes) -> float:
    return float(_DOUBLE.unpack(value)[0])


def _bind_functions() -> None:
    connection = op.get_bind().connection.driver_connection
    connection.create_function("jundesk_0033_double_bytes", 1, _double_bytes, deterministic=True)
    connection.create_function("jundesk_0033_double", 1, _double, deterministic=True)


def upgrade() -> None:
    # One pass: a known name takes its code, any other beginning with a code character
    # the escape in front.
    codes = " ".join(f"WHEN '{name}' THEN char({code})" for name, code in _CODES)
    op.execute(
        f"UPDATE events SET actor_desk = CASE actor_desk {codes} "
        f"ELSE char({_ESCAPE}) || actor_desk END "
        f"WHERE actor_desk IN ({_NAMES}) OR {_RESERVED}"
    )
    _bind_functions()
    op.execute(
        "UPDATE cases SET confidence = CASE WHEN "
        f"{_WHOLE} THEN round(confidence * 1000) "
        "ELSE jundesk_0033_double_bytes(confidence) END "
        "WHERE typeof(confidence) = 'real'"
    )


def downgrade() -> None:
    names = " ".join(f"WHEN actor_desk = char({code}) THEN '{name}'" for name, code in _CODES)
    op.execute(
        f"UPDATE events SET actor_desk = CASE {names} "
        f"WHEN substr(actor_desk, 1, 1) = char({_ESCAPE}) THEN substr(actor_desk, 2) "
        f"ELSE actor_desk END WHERE {_RESERVED}"
    )
    _bind_functions()
    op.execute(
        "UPDATE cases SET confidence = CASE typeof(confidence) "
        "WHEN 'blob' THEN jundesk_0033_double(confidence) ELSE confidence / 1000 END"
    )
