"""The case a stored post belongs to, read from its links in `case_posts`.

A post is linked to the case it came in with, and also to every case that absorbed that
one (a merge copies the posts' links into the case kept). Its own case is the one of its
cases that no other of them was merged into.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import Connection

from jundesk.store.column_types import id_from_stored

# Every case of each post: a post is in one case, or a few after merges.
_LINKS = (
    "SELECT cp.post_pk, c.pk, c.id, c.merged_into FROM case_posts cp "
    "JOIN cases c ON c.pk = cp.case_pk "
    "WHERE cp.post_pk IN (SELECT value FROM json_each(?))"
)


def home_cases(connection: Connection, post_pks: Iterable[int]) -> dict[int, str]:
    """Post rowid -> the id of its own case, for those of `post_pks` in a case."""
    wanted = list(dict.fromkeys(post_pks))
    if not wanted:
        return {}
    # One JSON array bound as a single parameter: no IN list to chunk or expand.
    rows = connection.exec_driver_sql(_LINKS, (json.dumps(wanted),))
    links: dict[int, list[tuple[int, str, str]]] = {}
    for post_pk, case_pk, case_id, merged_into in rows:
        # The id as stored (16 bytes); merged_into is kept as text.
        links.setdefault(post_pk, []).append((case_pk, id_from_stored(case_id), merged_into))
    return {post_pk: _own(cases) for post_pk, cases in links.items()}


def _own(cases: list[tuple[int, str, str]]) -> str:
    if len(cases) == 1:
        return cases[0][1]
    absorbers = {merged_into for _, _, merged_into in cases}
    # Several are left only while a merge is half known (the case kept has absorbed the
    # post, the merged case's own event has not arrived), none only for a merge cycle
    # (corrupt data): the oldest case row stands in.
    candidates = [c for c in cases if c[1] not in absorbers] or cases
    return min(candidates)[1]
