"""The console's own state in the store: drafts that survive restarts, and seen marks
that make the unread counts."""

from __future__ import annotations

from collections.abc import Callable

from jundesk.core.case_filter import CaseFilter
from jundesk.core.events import make_event
from jundesk.core.model import Actor, EventKind
from jundesk.store import Store


def test_drafts_are_kept_replaced_and_removed(store: Store) -> None:
    assert store.get_draft("c1", "reply") is None
    store.save_draft("c1", "reply", "Vamos para allá")
    store.save_draft("c1", "reply", "Vamos para allá ya", "X's rate limit is used up")
    store.save_draft("c1", "note", "llamar a Paco")
    draft = store.get_draft("c1", "reply")
    assert draft is not None
    assert (draft.text, draft.error) == ("Vamos para allá ya", "X's rate limit is used up")
    assert {d.kind for d in store.drafts()} == {"reply", "note"}
    store.save_draft("c1", "note", "   ")  # emptied while typing: the draft goes
    assert store.get_draft("c1", "note") is None
    store.delete_draft("c1", "reply")
    assert store.drafts() == []


def test_seen_marks_and_unread_counts(
    store: Store, ingest: Callable[..., tuple[str, object]]
) -> None:
    first, _ = ingest()
    second, _ = ingest()
    assert store.count_unread() == 2
    case = store.get_case(first)
    assert case is not None
    store.mark_seen(first, case.last_event_id)
    assert store.count_unread() == 1
    assert store.seen_marks([first, second]) == {first: case.last_event_id}
    # News on a seen case makes it unread again; an older mark never wins.
    store.append_events([make_event(first, EventKind.NOTED, Actor("police", "Ana"), text="x")])
    assert store.count_unread() == 2
    store.mark_seen(first, "0")
    assert store.seen_marks([first]) == {first: case.last_event_id}
    assert store.count_unread(CaseFilter(roles=("nobody",))) == 0
