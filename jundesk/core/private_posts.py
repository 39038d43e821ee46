"""Who may read a private post: a Telegram private chat or a Mastodon direct mention is
personal data, read only at the desks whose roles include its case's role (a front desk
reads the private posts of its own roles: what no rule routed, and whatever else it
answers for). Every view of a post asks here; elsewhere it shows "private message"."""

from __future__ import annotations

from collections.abc import Collection


def shows_private(desk_roles: Collection[str], case_role: str) -> bool:
    """Whether a desk of `desk_roles` (as configured, the front desk's "unrouted" among
    them) may read the private posts of a case of `case_role`."""
    return case_role in desk_roles
