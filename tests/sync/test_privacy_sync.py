"""Erasure reaches every desk through the hub: the event syncs, each desk blocks its copy,
the hub's copy is blanked, and only a front desk may block posts."""

from __future__ import annotations

import json

from jundesk.app.privacy import Privacy
from jundesk.core.case_filter import CaseFilter
from jundesk.core.model import UNROUTED, EventKind
from tests.sync.town import TestDesk, TestHub


def test_an_erasure_at_the_front_desk_reaches_every_desk_and_the_hub(
    desks: dict[str, TestDesk], fresh_hub: TestHub
) -> None:
    front, police, late = desks["front"], desks["police"], desks["front2"]
    case_id = front.open_case("police", "Me robaron en la calle Zurbarán, soy Marta")
    other_id = front.open_case("police", "Coche mal aparcado en Zurbarán")
    front.sync()
    police.sync()
    assert len(police.store.list_cases(CaseFilter(search="Zurbarán"))) == 2
    [post_id] = front.case(case_id).post_ids  # type: ignore[union-attr]

    events = Privacy(front.store, front.actor, desk_roles=(UNROUTED,)).block(
        {case_id: [post_id]}, "erasure", "the citizen asked at the counter"
    )
    assert len(events) == 1
    assert front.sync().refused == 0
    police.sync()
    late.sync()  # a desk that never held the post gets the blank copy

    for desk in (front, police, late):
        post = desk.store.get_post(post_id)
        assert post is not None and post.text == "" and post.author_handle == ""
        assert [s.excerpt for s in desk.store.list_cases(CaseFilter(search="Zurbarán"))] == [
            "Coche mal aparcado en Zurbarán"
        ]
        history = desk.store.case_events(case_id)
        assert history[-1].kind is EventKind.REDACTED
        assert history[-1].payload["reason"] == "the citizen asked at the counter"
        assert desk.case(other_id) is not None
    with fresh_hub.admin_conn() as conn:
        row = conn.execute("SELECT body, author_id FROM posts WHERE id = %s", (post_id,)).fetchone()
    assert row is not None
    body = json.loads(row[0])
    assert body["text"] == "" and body["author_handle"] == "" and row[1] == ""
    assert body["source_id"]  # the skeleton stays


def test_a_desk_of_another_role_may_not_block_posts(
    desks: dict[str, TestDesk], fresh_hub: TestHub
) -> None:
    front, police = desks["front"], desks["police"]
    case_id = front.open_case("police", "Ruido en la plaza")
    front.sync()
    police.sync()
    [post_id] = police.case(case_id).post_ids  # type: ignore[union-attr]
    police.act(case_id, EventKind.REDACTED, post_ids=[post_id], basis="erasure", reason="x")
    assert police.sync().refused == 1
    with fresh_hub.admin_conn() as conn:
        row = conn.execute("SELECT body FROM posts WHERE id = %s", (post_id,)).fetchone()
    assert row is not None and json.loads(row[0])["text"] == "Ruido en la plaza"
    front.sync()
    assert front.store.get_post(post_id).text == "Ruido en la plaza"  # type: ignore[union-attr]
