"""A citizen writes again on a case the town resolved: "broken again" reopens it, with the
post as the reason; "thanks, fixed" joins it, marked as thanks, and reopens nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from jundesk.app.ingest import Ingestor
from jundesk.core.case_filter import CaseFilter
from jundesk.core.events import make_event
from jundesk.core.ids import uuid7
from jundesk.core.model import POLICE, Actor, Cursor, EventKind, Post, Priority, Status
from jundesk.intake.source import Page
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


# -- a finished case's conversation going on --------------------------------------------

CHAT = "5550001"  # a citizen's private chat with the town's bot: one conversation for months


def chat_message(number: int, text: str, day: int) -> Post:
    """A message in the private chat, as the Telegram channel gives it (no reply to any)."""
    at = datetime(2026, 3, 1, 9, 0, tzinfo=UTC) + timedelta(days=day, minutes=number)
    return Post(
        id=uuid7(),
        source="telegram",
        source_id=f"{CHAT}:{number}",
        author_id=CHAT,
        author_handle="lucia",
        author_name="Lucía",
        text=text,
        created_at=at,
        received_at=at,
        conversation_id=CHAT,
        private=True,
    )


def ingest_chat(store: Store, triage: Triage, *posts: Post) -> None:
    cursor = Cursor("telegram", "updates", since_id=posts[-1].source_id)
    Ingestor(store, triage).ingest("telegram", Page(tuple(posts), cursor, reads=len(posts)))


def test_a_new_report_in_a_finished_cases_chat_is_a_new_case_in_an_inbox(
    store: Store, triage: Triage
) -> None:
    ingest_chat(store, triage, chat_message(1, "La farola de la calle Real no enciende", 0))
    (old,) = [s.case for s in store.list_cases()]
    store.append_events([make_event(old.id, EventKind.RESOLVED, DESK)])

    # Weeks later, in the same chat: another matter, then more words on it.
    ingest_chat(
        store, triage, chat_message(2, "Hay una fiesta con música muy alta en la plaza", 20)
    )
    ingest_chat(store, triage, chat_message(3, "Son las 3 de la mañana y no paran", 20))
    open_cases = [s.case for s in store.list_cases(CaseFilter(statuses=Status.open()))]
    assert len(open_cases) == 1 and open_cases[0].id != old.id
    assert len(open_cases[0].post_ids) == 2  # the second message joined the new case
    assert open_cases[0].role == POLICE
    resolved = store.get_case(old.id)
    assert resolved is not None and resolved.status is Status.RESOLVED
    assert len(resolved.post_ids) == 1


def test_broken_again_and_thanks_in_the_chat_stay_with_the_old_case(
    store: Store, triage: Triage
) -> None:
    ingest_chat(store, triage, chat_message(1, "La farola de la calle Real no enciende", 0))
    (old,) = [s.case for s in store.list_cases()]
    store.append_events([make_event(old.id, EventKind.RESOLVED, DESK)])
    ingest_chat(store, triage, chat_message(2, "Gracias, ya funciona", 1))
    case = store.get_case(old.id)
    assert case is not None and case.status is Status.RESOLVED and len(case.post_ids) == 2
    ingest_chat(store, triage, chat_message(3, "La farola vuelve a estar apagada", 9))
    case = store.get_case(old.id)
    assert case is not None and case.status is Status.ACKNOWLEDGED and len(case.post_ids) == 3
    assert store.count_cases(CaseFilter()) == 1


def test_an_urgent_reply_to_a_finished_case_reaches_an_inbox(
    xserver, source, store, triage
) -> None:
    case_id, root = resolved_case(xserver, source, store, triage)
    xserver.add_post(
        "luisa_jun",
        f"@{xserver.town_handle} ahora hay un incendio en el portal, humo por todas partes",
        reply_to=root,
    )
    report = poll(source, store, triage)
    assert report.followups == [] and len(report.new_cases) == 1
    new_id, verdict, _ = report.new_cases[0]
    assert verdict.priority is Priority.URGENT
    new = store.get_case(new_id)
    assert new is not None and new.status in Status.open()
    old = store.get_case(case_id)
    assert old is not None and old.status is Status.RESOLVED and len(old.post_ids) == 1


def test_a_plain_reply_to_a_finished_case_still_joins_it(xserver, source, store, triage) -> None:
    case_id, root = resolved_case(xserver, source, store, triage)
    xserver.add_post("luisa_jun", f"@{xserver.town_handle} vale, ok", reply_to=root)
    report = poll(source, store, triage)
    assert report.followups == [case_id] and report.new_cases == []
