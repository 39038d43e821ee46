"""Fixtures of the app tests: the record's hand-made week."""

from __future__ import annotations

from tests.app.records_week import utc_local_time, week

__all__ = ["utc_local_time", "week"]
