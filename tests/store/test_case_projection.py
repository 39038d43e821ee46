"""The cases table is the fold of the stored events, whatever order they arrive in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jundesk.core.case_filter import CaseFilter
from jundesk.core.events import make_event
from jundesk.core.fold import fold
from jundesk.core.ids import uuid7
from jundesk.core.model import Actor, Event, EventKind, Post, Priority, Status
from jundesk.store import Store
from jundesk.store.unit_of_work import PostsWithoutCase

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

DESK = Actor("front_desk", "Lola")
PostMaker = Callable[..., Post]
CaseOpener = Callable[..., tuple[str, list[Event]]]


def test_the_same_event_twice_is_stored_once(
    store: Store, ingest: Callable[..., tuple[str, Post]]
) -> None:
    case_id, _ = ingest()
    ack = make_event(case_id, EventKind.ACKNOWLEDGED, DESK)
    assert store.append_events([ack, ack]) == [ack]
    assert store.append_events([ack]) == []
    assert [e.id for e in store.case_events(case_id)].count(ack.id) == 1
    case = store.get_case(case_id)
    assert case is not None
    assert case.status is Status.ACKNOWLEDGED


def test_a_pulled_event_stored_already_under_another_case_counts_once(
    store: Store, ingest: Callable[..., tuple[str, Post]]
) -> None:
    case_id, _ = ingest()
    ack = make_event(case_id, EventKind.ACKNOWLEDGED, DESK)
    store.append_events([ack])
    # The hub sends it back naming a case this desk has never seen (a broken desk's copy):
    # the pull goes through, the event stays in its case, and no case is made for it.
    elsewhere = replace(ack, case_id=uuid7())
    note = make_event(case_id, EventKind.NOTED, DESK, text="Sigue igual")
    assert store.apply_pulled([(elsewhere, 900), (note, 901)]) == [note]
    assert store.get_case(elsewhere.case_id) is None
    assert [e.id for e in store.case_events(case_id)].count(ack.id) == 1


def test_new_cases_get_their_list_columns(
    store: Store, make_post: PostMaker, open_case: CaseOpener
) -> None:
    post = make_post("  Hay un   bache\nenorme en la acera  " + "x" * 300, handle="juan")
    case_id, events = open_case(post, role="street_cleaning", priority=Priority.HIGH)
    with store.unit() as uow:
        uow.add_posts([post], [case_id])
        uow.append_events(events)  # no first_posts: looked up from the stored post
    [summary] = store.list_cases()
    assert summary.author_handle == "juan"
    assert summary.excerpt.startswith("Hay un bache enorme en la acera xxx")
    assert len(summary.excerpt) == 200
    assert summary.case == store.get_case(case_id)
    assert summary.case.role == "street_cleaning"
    assert summary.case.priority is Priority.HIGH


def test_a_follow_up_post_joins_the_end_of_its_case(
    store: Store, ingest: Callable[..., tuple[str, Post]], make_post: PostMaker
) -> None:
    case_id, first = ingest(conversation_id="conv-1")
    reply = make_post("Sigue rota", conversation_id="conv-1")
    with store.unit() as uow:
        assert uow.cases_for_conversations("x", ["conv-1", "conv-2", ""]) == {"conv-1": case_id}
        uow.add_posts([reply], [case_id])
        uow.append_events(
            [make_event(case_id, EventKind.POST_ADDED, DESK, reply.received_at, post_id=reply.id)]
        )
    case = store.get_case(case_id)
    assert case is not None
    assert case.post_ids == (first.id, reply.id)
    assert [p.id for p in store.case_posts(case_id)] == [first.id, reply.id]
    assert case == fold(store.case_events(case_id))


def test_lookups_follow_merges_to_the_final_case(
    store: Store, ingest: Callable[..., tuple[str, Post]]
) -> None:
    a, post_a = ingest("farola 1", conversation_id="c-a")
    b, post_b = ingest("farola 2", conversation_id="c-b")
    c, post_c = ingest("farola 3", conversation_id="c-c")
    later = T0 + timedelta(days=1)
    store.append_events(
        [
            make_event(a, EventKind.MERGED, DESK, later, into=b),
            make_event(b, EventKind.ABSORBED, DESK, later, post_ids=[post_a.id]),
            make_event(b, EventKind.MERGED, DESK, later + timedelta(hours=1), into=c),
            make_event(
                c,
                EventKind.ABSORBED,
                DESK,
                later + timedelta(hours=1),
                post_ids=[post_a.id, post_b.id],
            ),
        ]
    )
    with store.unit() as uow:
        ids = [post_a.source_id, post_b.source_id, post_c.source_id, "nope"]
        assert uow.existing_source_ids("x", ids) == set(ids[:3])
        assert uow.existing_source_ids("manual", ids) == set()
        assert uow.cases_for_source_ids("x", ids) == {ids[0]: c, ids[1]: c, ids[2]: c}
        assert uow.cases_for_conversations("x", ["c-a", "c-b"]) == {"c-a": c, "c-b": c}
    final = store.get_case(c)
    assert final is not None
    assert final.post_ids == (post_c.id, post_a.id, post_b.id)
    merged = store.get_case(a)
    assert merged is not None
    assert merged.status is Status.MERGED
    assert merged.merged_into == b


def test_the_latest_post_of_a_conversation_decides(
    store: Store, make_post: PostMaker, open_case: CaseOpener
) -> None:
    """A conversation that went on as a new case (a chat with the town's bot, months
    later) leads its next posts to the new case, not back to the old one."""
    late = make_post(conversation_id="conv", created_at=T0 + timedelta(hours=2))
    early = make_post(conversation_id="conv", created_at=T0 + timedelta(hours=1))
    late_case, late_events = open_case(late)
    early_case, early_events = open_case(early)
    with store.unit() as uow:
        uow.add_posts([late, early], [late_case, early_case])
        uow.append_events(late_events + early_events)
        assert uow.cases_for_conversations("x", ["conv"]) == {"conv": late_case}


def test_posts_pointing_at_a_case_without_events_are_refused_whole(
    store: Store, make_post: PostMaker
) -> None:
    post = make_post()
    case_id = uuid7()
    with pytest.raises(PostsWithoutCase) as refused, store.unit() as uow:
        uow.add_posts([post], [case_id])
    assert refused.value.links == [(case_id, post.id)]
    assert store.get_post(post.id) is None


def _case_story(draw: st.DrawFn, post_ids: list[str]) -> list[Event]:
    """A case's events: opened from a post, then whatever desks do, at drawn times."""
    case_id = uuid7()
    minutes = st.integers(min_value=0, max_value=600)

    def at(n: int) -> datetime:
        return T0 + timedelta(minutes=n)

    opened = draw(minutes)
    events = [
        make_event(
            case_id,
            EventKind.INGESTED,
            DESK,
            at(opened),
            post_id=post_ids[0],
            posted_at=at(opened).isoformat(),
        ),
        make_event(case_id, EventKind.ROUTED, DESK, at(opened), role="police", confidence=0.7),
        make_event(case_id, EventKind.PRIORITISED, DESK, at(opened), priority="normal"),
    ]
    steps = st.sampled_from(
        [
            (EventKind.ACKNOWLEDGED, {}),
            (EventKind.STARTED, {}),
            (EventKind.ASSIGNED, {"assignee": "Paco"}),
            (EventKind.NOTED, {"text": "n"}),
            (EventKind.REPLIED, {"text": "r"}),
            (EventKind.RESOLVED, {}),
            (EventKind.CLOSED, {}),
            (EventKind.REOPENED, {}),
            (EventKind.REROUTED, {"role": "lighting"}),
            (EventKind.PRIORITISED, {"priority": "urgent"}),
            (EventKind.POST_ADDED, {"post_id": post_ids[1]}),
            (EventKind.POST_ADDED, {"post_id": post_ids[2]}),
        ]
    )
    for kind, payload in draw(st.lists(steps, max_size=12)):
        events.append(make_event(case_id, kind, DESK, at(draw(minutes)), **payload))
    return events


@st.composite
def _stories(draw: st.DrawFn) -> tuple[list[list[Event]], list[Event]]:
    post_ids = [uuid7() for _ in range(3)]
    events = _case_story(draw, post_ids)
    shuffled = draw(st.permutations(events))
    cuts = sorted(draw(st.lists(st.integers(0, len(events)), max_size=5)))
    batches = [shuffled[i:j] for i, j in zip([0, *cuts], [*cuts, len(events)], strict=True)]
    # Some batches arrive twice (a retried sync).
    repeats = draw(st.lists(st.sampled_from(batches), max_size=2))
    return [b for b in batches + repeats if b], events


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(story=_stories(), one_unit=st.booleans())
def test_any_arrival_order_stores_the_fold_of_all_events(
    store: Store,
    make_post: PostMaker,
    story: tuple[list[list[Event]], list[Event]],
    one_unit: bool,
) -> None:
    batches, events = story
    post_ids = {e.payload["post_id"] for e in events if "post_id" in e.payload}
    posts = [replace(make_post(), id=pid) for pid in sorted(post_ids)]
    with store.unit() as uow:
        uow.add_posts(posts, [None] * len(posts))
    if one_unit:
        with store.unit() as uow:
            for batch in batches:
                uow.append_events(batch)
    else:
        for batch in batches:
            store.append_events(batch)

    expected = fold(events)
    assert store.get_case(expected.id) == expected
    stored_events = store.case_events(expected.id)
    assert stored_events == sorted(events, key=lambda e: (e.at, e.id))
    [summary] = [
        s
        for s in store.list_cases(CaseFilter(statuses=tuple(Status)), limit=10_000)
        if s.case.id == expected.id
    ]
    first = next(p for p in posts if p.id == expected.post_ids[0])
    assert summary.author_handle == first.author_handle
    assert summary.excerpt == first.text


def test_a_listed_case_names_the_channels_its_posts_came_by(
    store: Store, ingest: Callable[..., tuple[str, Post]]
) -> None:
    """A report on X merged with the same person's Telegram message lists both channels,
    the first post's first; a case of one channel lists that one."""
    on_x, post_x = ingest("farola rota en la calle Real", conversation_id="c-x")
    on_telegram, post_t = ingest(
        "la farola de la calle Real", source="telegram", source_id="77:12", conversation_id="77"
    )
    alone, _ = ingest("papelera llena", source="mastodon", source_id="109", conversation_id="109")
    later = T0 + timedelta(days=1)
    store.append_events(
        [
            make_event(on_telegram, EventKind.MERGED, DESK, later, into=on_x),
            make_event(on_x, EventKind.ABSORBED, DESK, later, post_ids=[post_t.id]),
        ]
    )
    listed = {s.case.id: s for s in store.list_cases(CaseFilter(statuses=tuple(Status)))}
    assert listed[on_x].channels == ("x", "telegram")
    assert listed[on_x].excerpt == post_x.text
    assert listed[on_telegram].channels == ("telegram",)
    assert listed[alone].channels == ("mastodon",)


def test_a_private_posts_words_find_its_case_only_for_the_desks_of_its_role(
    store: Store, ingest: Callable[..., tuple[str, Post]]
) -> None:
    """A word search at a desk of other roles can't tell what a private message says; a
    public post with the same word is found everywhere."""
    private, _ = ingest(
        "me han robado la bici en el portal",
        role="police",
        source="telegram",
        source_id="77:1",
        conversation_id="77",
        private=True,
    )
    public, _ = ingest("robado el cartel de la plaza", role="street_cleaning")
    every = CaseFilter(statuses=tuple(Status), search="robado")
    found = {s.case.id for s in store.list_cases(every)}
    assert found == {private, public}  # no desk named: every post's words
    front = replace(every, private_roles=("unrouted",))
    assert {s.case.id for s in store.list_cases(front)} == {public}
    assert store.count_cases(front) == 1
    police = replace(every, private_roles=("police",))
    assert {s.case.id for s in store.list_cases(police)} == {private, public}
    [summary] = [s for s in store.list_cases(police) if s.case.id == private]
    assert summary.private and summary.channels == ("telegram",)


def test_a_conversation_whose_latest_post_is_its_root_leads_to_the_root_case(
    store: Store, make_post: PostMaker, open_case: CaseOpener
) -> None:
    """The root (its conversation is its own id) is found by its id, the replies by their
    conversation; whichever is latest decides."""
    root = make_post(source_id="500", conversation_id="500", created_at=T0 + timedelta(hours=3))
    reply = make_post(source_id="501", conversation_id="500", created_at=T0 + timedelta(hours=1))
    other = make_post(source_id="600", conversation_id="600", created_at=T0)
    cases = [open_case(p) for p in (root, reply, other)]
    with store.unit() as uow:
        uow.add_posts([root, reply, other], [c for c, _ in cases])
        uow.append_events([e for _, events in cases for e in events])
        found = uow.cases_for_conversations("x", ["500", "600", "700"])
        assert found == {"500": cases[0][0], "600": cases[2][0]}
        later = make_post(
            source_id="502", conversation_id="500", created_at=T0 + timedelta(hours=4)
        )
        uow.add_posts([later], [cases[1][0]])
        assert uow.cases_for_conversations("x", ["500"]) == {"500": cases[1][0]}
        assert uow.cases_for_conversations("mastodon", ["500"]) == {}
