"""Whatever a citizen writes comes back exactly as it was stored."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from jundesk.core.events import make_event
from jundesk.core.model import Actor, Event, EventKind, Post
from jundesk.store import Store

NASTY = {
    "markup": "<b>bold</b> <a href='javascript:alert(1)'>x</a> <img src=x onerror=alert(1)>",
    "links": "mira https://example.com/a?b=c&d=e#f y http://xn--80ak6aa92e.com",
    "rtl": "farola \u202erota\u202c en la \u2067calle\u2069",
    "zero_width": "fa\u200brola\u200c rota\u200d\ufeff",
    "nul": "antes\x00después\x00",
    "controls": "\x01\x07\x1b[31mrojo\x1b[0m\r\n\t",
    "long": "á" * 25_000,
    "emoji": "👨‍👩‍👧‍👦🏳️‍🌈🇪🇸" * 300,
    "quotes_sql": "'; DROP TABLE posts; -- \" \\ %s ?1 :name",
    "json_like": '{"id": "1", "text": "\\u0000"}',
    "combining": "fa\u0301rola n\u0303",
}


@pytest.mark.parametrize("name", sorted(NASTY))
def test_post_text_comes_back_byte_identical(
    store: Store,
    make_post: Callable[..., Post],
    open_case: Callable[..., tuple[str, list[Event]]],
    name: str,
) -> None:
    text = NASTY[name]
    post = make_post(
        text,
        handle=text[:50],
        media=(text[:30], "https://pbs.twimg.com/media/x.jpg"),
        place=text[:40],
        raw='{"text": ' + repr(text) + "}",
        lang="es",
        in_reply_to_id="123",
        is_own=True,
    )
    post = replace(post, author_name=text[:60])
    case_id, events = open_case(post)
    with store.unit() as uow:
        uow.add_posts([post], [case_id])
        uow.append_events(events, {case_id: post})

    assert store.get_post(post.id) == post
    assert store.post_by_source(post.source, post.source_id) == post
    assert store.case_posts(case_id) == [post]
    for got in (store.get_post(post.id), store.case_posts(case_id)[0]):
        assert got is not None
        assert got.text.encode("utf-8") == text.encode("utf-8")
    [(exported_case, exported_posts)] = list(store.iter_cases_for_export())
    assert exported_posts == [post]
    assert exported_case.id == case_id


def test_times_come_back_aware_utc_to_the_microsecond(
    store: Store, make_post: Callable[..., Post], open_case: Callable[..., tuple[str, list[Event]]]
) -> None:
    madrid = timezone(timedelta(hours=1))
    created = datetime(2026, 2, 28, 23, 59, 59, 999_999, tzinfo=madrid)
    post = make_post(created_at=created)
    case_id, events = open_case(post)
    with store.unit() as uow:
        uow.add_posts([post], [case_id])
        uow.append_events(events)
    got = store.get_post(post.id)
    assert got is not None
    assert got.created_at == created
    assert got.created_at.tzinfo == UTC
    assert got.created_at.microsecond == 999_999


def test_naive_times_are_refused(store: Store, make_post: Callable[..., Post]) -> None:
    post = make_post(created_at=datetime(2026, 1, 1))
    with pytest.raises(ValueError), store.unit() as uow:
        uow.add_posts([post], [None])
    assert store.get_post(post.id) is None


def test_event_payloads_round_trip(store: Store, ingest: Callable[..., tuple[str, Post]]) -> None:
    case_id, _ = ingest()
    note = make_event(
        case_id,
        EventKind.NOTED,
        Actor("police", "Agente Ruiz"),
        text=NASTY["nul"] + NASTY["rtl"] + NASTY["emoji"][:40] + "\ud800 lone",
        nested={"list": [1, 2.5, None, True], "quote": NASTY["quotes_sql"]},
    )
    store.append_events([note])
    stored = store.case_events(case_id)[-1]
    assert stored == note


def test_lone_surrogates_in_a_post_do_not_stop_intake(
    store: Store, make_post: Callable[..., Post]
) -> None:
    post = make_post("farola \ud800 rota")
    with store.unit() as uow:
        uow.add_posts([post], [None])
    got = store.get_post(post.id)
    assert got is not None
    assert got.text == "farola \ufffd rota"


def test_lone_surrogates_anywhere_in_a_post_or_actor_are_replaced_and_the_rest_kept(
    store: Store, make_post: Callable[..., Post], open_case: Callable[..., Any]
) -> None:
    post = replace(
        make_post("La farola está rota"),
        author_name="Vecina \udc80",
        media=("https://img.example/a.jpg", "https://img.example/\ud800.jpg"),
    )
    case_id, events = open_case(post)
    with store.unit() as uow:
        uow.add_posts([post], [case_id])
        uow.append_events(events, {case_id: post})
    store.append_events(
        [make_event(case_id, EventKind.NOTED, Actor("lighting", "Ana \ud801"), text="Visto")]
    )
    got = store.get_post(post.id)
    assert got is not None
    assert (got.text, got.author_name) == ("La farola está rota", "Vecina \ufffd")
    assert got.media == ("https://img.example/a.jpg", "https://img.example/\ufffd.jpg")
    assert store.case_events(case_id)[-1].actor == Actor("lighting", "Ana \ufffd")
