"""Blocking posts (REDACTED events): the text, media and author leave every view and the
search index; the case and its history stay; the original waits for the auditor, then
is destroyed."""

from __future__ import annotations

from datetime import timedelta

from jundesk.core.case_filter import CaseFilter
from jundesk.core.events import make_event
from jundesk.core.model import Actor, EventKind, Status
from jundesk.store import Store

FRONT = Actor("town_hall", "Ana")


def _redact(store: Store, case_id: str, post_ids: list[str], at, keep_days: int = 30):
    event = make_event(
        case_id,
        EventKind.REDACTED,
        FRONT,
        at,
        post_ids=post_ids,
        basis="erasure",
        reason="the citizen asked",
        destroy_after=(at + timedelta(days=keep_days)).isoformat(),
    )
    store.append_events([event])
    return event


def test_a_redacted_post_leaves_list_search_and_export(store: Store, ingest) -> None:
    case_id, post = ingest("Farola rota en calle Zurbarán", handle="marta_jun", media=("m1",))
    other_id, _ = ingest("Farola rota en calle Zurbarán también", handle="otro")
    assert len(store.list_cases(CaseFilter(search="Zurbarán"))) == 2  # found before
    event = _redact(store, case_id, [post.id], post.received_at + timedelta(hours=1))

    stored = store.get_post(post.id)
    assert stored is not None
    assert (stored.text, stored.author_handle, stored.author_name, stored.media) == ("", "", "", ())
    assert stored.source_id == post.source_id  # the skeleton stays
    assert [s.author_handle for s in store.list_cases(CaseFilter(search="Zurbarán"))] == ["otro"]
    assert store.list_cases(CaseFilter(search="marta_jun")) == []
    summaries = {s.case.id: s for s in store.list_cases()}
    assert summaries[case_id].author_handle == "" and summaries[case_id].excerpt == ""
    assert summaries[other_id].author_handle == "otro"
    exported = {case.id: posts for case, posts in store.iter_cases_for_export()}
    assert [p.text for p in exported[case_id]] == [""]
    assert "Zurbarán" not in repr(exported[case_id])
    # The case and its history stay, with the blocking in it.
    case = store.get_case(case_id)
    assert case is not None and case.post_ids == (post.id,) and case.role == "lighting"
    history = store.case_events(case_id)
    assert history[-1].id == event.id and history[-1].kind is EventKind.REDACTED
    assert history[-1].actor == FRONT and history[-1].payload["reason"] == "the citizen asked"


def test_the_original_is_kept_for_the_auditor_until_the_purge_destroys_it(
    store: Store, ingest
) -> None:
    case_id, post = ingest("Mi teléfono es 600 000 000", handle="marta_jun")
    at = post.received_at + timedelta(hours=1)
    _redact(store, case_id, [post.id], at, keep_days=30)
    [kept] = store.blocked_posts("@marta_jun".lstrip("@"))
    assert kept.original is not None and kept.original["text"] == "Mi teléfono es 600 000 000"
    assert store.destroy_blocked(at + timedelta(days=29)) == 0
    assert store.blocked_posts("marta_jun")[0].original is not None
    assert store.destroy_blocked(at + timedelta(days=30, seconds=1)) == 1
    assert store.blocked_posts("marta_jun") == []  # nothing left to link to the person
    [tombstone] = store.blocked_posts()
    assert tombstone.original is None and tombstone.post_id == post.id
    assert store.path is not None
    files = [f for f in store.path.parent.iterdir() if f.name.startswith(store.path.name)]
    assert all(b"600 000 000" not in f.read_bytes() for f in files)


def test_blocking_twice_keeps_the_first_original(store: Store, ingest) -> None:
    case_id, post = ingest("Texto original", handle="marta_jun")
    at = post.received_at + timedelta(hours=1)
    _redact(store, case_id, [post.id], at)
    _redact(store, case_id, [post.id], at + timedelta(minutes=1))
    [kept] = store.blocked_posts("marta_jun")
    assert kept.original is not None and kept.original["text"] == "Texto original"


def test_retention_picks_only_finished_cases_older_than_their_role_s_age(
    store: Store, ingest
) -> None:
    old_done, _ = ingest("Resuelto hace mucho", role="lighting")
    old_open, _ = ingest("Abierto hace mucho", role="lighting")
    new_done, _ = ingest("Resuelto ayer", role="lighting")
    police_done, _ = ingest("Resuelto hace mucho, policía", role="police")
    start = store.get_case(old_done).created_at  # type: ignore[union-attr]
    for case_id, days in ((old_done, 1), (new_done, 99), (police_done, 1)):
        store.append_events(
            [make_event(case_id, EventKind.RESOLVED, FRONT, start + timedelta(days=days))]
        )
    assert store.get_case(old_done).status is Status.RESOLVED  # type: ignore[union-attr]
    cutoff = start + timedelta(days=50)
    found = store.finished_cases_before({"lighting": cutoff, "police": start})
    assert set(found) == {old_done}
    found = store.finished_cases_before({"*": cutoff})
    assert set(found) == {old_done, police_done}
    assert old_open not in found
