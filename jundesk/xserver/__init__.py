"""A local X API v2 server with fault injection, and a simulated day in the town of Jun.

Used by the tests and by `jundesk demo`; nothing here talks to the real X.
"""

from __future__ import annotations

from jundesk.xserver.faults import DEMO_FAULT_RATES, Fault, FaultQueue
from jundesk.xserver.posts import NewPost
from jundesk.xserver.server import (
    CREATE_TWEET,
    MEDIA_UPLOAD,
    MENTIONS,
    SEARCH_RECENT,
    USERS_ME,
    XServer,
)

__all__ = [
    "CREATE_TWEET",
    "DEMO_FAULT_RATES",
    "MEDIA_UPLOAD",
    "MENTIONS",
    "SEARCH_RECENT",
    "USERS_ME",
    "Fault",
    "FaultQueue",
    "NewPost",
    "XServer",
]
