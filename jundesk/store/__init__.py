"""Storage: SQLite through SQLAlchemy 2, FTS5 search, Alembic migrations.

Hands back `jundesk.core` dataclasses only; nothing here imports Qt.
"""

from __future__ import annotations

from jundesk.store.errors import SearchTooShort, StoreError, StoreErrorKind
from jundesk.store.fts import to_match_query
from jundesk.store.repository import Store
from jundesk.store.unit_of_work import UnitOfWork

__all__ = [
    "SearchTooShort",
    "Store",
    "StoreError",
    "StoreErrorKind",
    "UnitOfWork",
    "to_match_query",
]
