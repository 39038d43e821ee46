"""A citizen writes again on a case the town resolved: "broken again" reopens it, with the
post as the reason; "thanks, fixed" joins it, marked as thanks, and reopens nothing."""

from __future__ import annotations

from jundesk.core.events import make_event
from jundesk.core.model import Actor, EventKind, Status
from jundesk.store.repository import Store
from jundesk.triage import FollowUp, Triage
from jundesk.xserver import XServer

from .conftest import poll

DESK = Actor("street_crew", "Ana")


def resolved_case(xserver: XServer, source, store: Store, triage: Triage) -> tuple[str, str]:
    root = xserver.add_post(
        "luisa_jun", f"@{xserver.town_handle} la farola de la calle Real no enciende"
    )
    poll(source, store, triage)
    case = store.list_cases()[0].case
    store.append_events([make_event(case.id, EventKind.RESOLVED, DESK)])
    resolved = store.get_case(case.id)
    assert resolved is not None and resolved.status is Status.RESOLVED
    return case.id, root


def test_broken_again_reopens_the_case_with_the_post_as_reason(
    xserver, source, store, triage
) -> None:
    case_id, root = resolved_case(xserver, source, store, triage)
    xserver.add_post("luisa_jun", f"@{xserver.town_handle} sigue sin luz, otra vez", reply_to=root)
    report = poll(source, store, triage)
    assert report.followups == [case_id] and report.new_cases == []

    case = store.get_case(case_id)
    assert case is not None and case.status is Status.ACKNOWLEDGED
    events = store.case_events(case_id)
    reopened = [e for e in events if e.kind is EventKind.REOPENED]
    assert len(reopened) == 1
    added = [e for e in events if e.kind is EventKind.POST_ADDED]
    assert reopened[0].payload["reason"] == "follow_up"
    assert reopened[0].payload["post_id"] == added[0].payload["post_id"]
    assert added[0].payload["follow_up"] == "reopen"


def test_thanks_does_not_reopen_and_is_marked(xserver, source, store, triage) -> None:
    case_id, root = resolved_case(xserver, source, store, triage)
    xserver.add_post(
        "luisa_jun", f"@{xserver.town_handle} ya funciona, muchas gracias!", reply_to=root
    )
    poll(source, store, triage)
    case = store.get_case(case_id)
    assert case is not None and case.status is Status.RESOLVED
    assert len(case.post_ids) == 2
    events = store.case_events(case_id)
    assert not [e for e in events if e.kind is EventKind.REOPENED]
    added = [e for e in events if e.kind is EventKind.POST_ADDED]
    assert added[0].payload["follow_up"] == "thanks"


def test_a_follow_up_on_an_open_case_changes_nothing_else(xserver, source, store, triage) -> None:
    root = xserver.add_post("mario_jun", f"@{xserver.town_handle} basura en la plaza")
    poll(source, store, triage)
    case = store.list_cases()[0].case
    xserver.add_post("mario_jun", f"@{xserver.town_handle} sigue ahí, otra vez", reply_to=root)
    poll(source, store, triage)
    events = store.case_events(case.id)
    assert [e.kind for e in events].count(EventKind.REOPENED) == 0
    assert "follow_up" not in next(e for e in events if e.kind is EventKind.POST_ADDED).payload


def test_follow_up_meanings_in_four_languages(triage: Triage) -> None:
    reopen = [
        "broken again",
        "sigue sin luz",
        "la farola vuelve a estar apagada",
        "Thanks, but it went out again last night",
        "toujours en panne",
        "altra vegada no funciona",
    ]
    thanks = ["thanks, fixed", "Gracias, ya funciona", "Ya está arreglado, gracias", "merci !"]
    assert [triage.follow_up(t) for t in reopen] == [FollowUp.REOPEN] * len(reopen)
    assert [triage.follow_up(t) for t in thanks] == [FollowUp.THANKS] * len(thanks)
    assert triage.follow_up("ok") is FollowUp.OTHER
