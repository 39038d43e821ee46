"""The local Mastodon server answers in Mastodon's shapes, as Mastodon.py's models describe
them, and pages, limits and fails as Mastodon does."""

from __future__ import annotations

import typing
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from mastodon import Mastodon
from mastodon import return_types as rt
from mastodon.errors import MastodonAPIError, MastodonRatelimitError, MastodonUnauthorizedError

from jundesk.core.channel_text import reply_length
from jundesk.localserver.mastodon import MastodonServer

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16


@pytest.fixture
def server() -> Iterator[MastodonServer]:
    with MastodonServer() as s:
        yield s


def client(server: MastodonServer) -> Mastodon:
    return Mastodon(
        access_token=server.secrets()["access_token"],
        api_base_url=server.base_url,
        ratelimit_method="throw",
        mastodon_version="4.0.0",
        version_check_mode="created",
        request_timeout=5,
    )


def required(model: type) -> list[str]:
    """The fields Mastodon.py's model says every answer has (not Optional)."""
    hints = typing.get_type_hints(model)
    return [
        name
        for name, hint in hints.items()
        if not name.startswith("_") and type(None) not in typing.get_args(hint)
    ]


def get(server: MastodonServer, path: str, **params: Any) -> requests.Response:
    token = server.secrets()["access_token"]
    return requests.get(
        server.base_url + path,
        params=params,
        headers={"Authorization": f"Bearer {token}"},
        timeout=5,
    )


def test_answers_carry_every_field_of_the_library_models(server) -> None:
    root = server.add_citizen_post("ana", "Ana", "farola rota", photo=PNG)
    server.add_citizen_post("pepe@mastodon.social", "Pepe", "y la mía", in_reply_to=root)
    [first, second] = get(server, "/api/v1/notifications").json()
    for note in (first, second):
        assert set(required(rt.Notification)) <= note.keys()
        assert set(required(rt.Status)) <= note["status"].keys()
        assert set(required(rt.Account)) <= note["account"].keys()
        for mention in note["status"]["mentions"]:
            assert set(required(rt.StatusMention)) <= mention.keys()
    media = get(server, f"/api/v1/statuses/{root}").json()["media_attachments"]
    assert media and set(required(rt.MediaAttachment)) <= media[0].keys()
    context = get(
        server, f"/api/v1/statuses/{first['status']['id']}/context"
    ).json()  # newest first
    assert set(required(rt.Context)) <= context.keys()
    assert [s["id"] for s in context["ancestors"]] == [root]


def test_mastodon_py_reads_the_answers_as_its_own_types(server) -> None:
    sid = server.add_citizen_post("ana", "Ana", "hola https://example.org/x", private=True)
    api = client(server)
    me = api.account_verify_credentials()
    assert isinstance(me, rt.Account) and me.acct == server.town_handle
    [note] = api.notifications(types=["mention"])
    assert isinstance(note, rt.Notification) and isinstance(note.status, rt.Status)
    assert note.status.id == sid and note.status.visibility == "direct"
    assert note.status.created_at.tzinfo is not None
    assert note.status.mentions[0].acct == server.town_handle
    assert '<span class="invisible">https://</span>' in note.status.content


def test_notifications_page_as_mastodon_pages_them(server) -> None:
    for i in range(7):
        server.add_citizen_post("pepe", "Pepe", f"farola {i}")
    api = client(server)
    page = api.notifications(types=["mention"], limit=3)
    ids = [int(n.id) for n in page]
    assert ids == sorted(ids, reverse=True) and len(ids) == 3
    older = api.fetch_next(page)
    assert [int(n.id) for n in older] == [i - 3 for i in ids]
    since = api.notifications(types=["mention"], since_id=ids[0] - 2, limit=80)
    assert [int(n.id) for n in since] == [ids[0], ids[0] - 1]
    above = api.notifications(types=["mention"], min_id=ids[-1] - 4, limit=2)
    assert [int(n.id) for n in above] == [ids[-1] - 2, ids[-1] - 3]
    assert api.notifications(types=["follow"]) == []
    response = get(server, "/api/v1/notifications", limit=2)
    assert 'rel="next"' in response.headers["Link"] and 'rel="prev"' in response.headers["Link"]


def test_rate_limit_headers_and_429(server) -> None:
    server.set_rate_limit(2)
    first = get(server, "/api/v1/accounts/verify_credentials")
    assert first.headers["X-RateLimit-Limit"] == "2"
    assert first.headers["X-RateLimit-Remaining"] == "1"
    assert first.headers["X-RateLimit-Reset"].endswith("Z")
    get(server, "/api/v1/accounts/verify_credentials")
    third = get(server, "/api/v1/accounts/verify_credentials")
    assert third.status_code == 429 and third.json() == {"error": "Too many requests"}
    with pytest.raises(MastodonRatelimitError):
        client(server).account_verify_credentials()


def test_tokens_expire_and_are_revoked(server) -> None:
    server.revoke_token()
    answer = get(server, "/api/v1/notifications")
    assert answer.status_code == 401
    assert answer.json() == {"error": "The access token was revoked"}
    with pytest.raises(MastodonUnauthorizedError):
        client(server).notifications()
    server.expire_token()
    assert get(server, "/api/v1/notifications").json() == {"error": "The access token expired"}
    server.restore_token()
    assert get(server, "/api/v1/notifications").status_code == 200


def test_a_status_over_500_characters_gets_mastodons_422(server) -> None:
    api = client(server)
    with pytest.raises(MastodonAPIError) as caught:
        api.status_post("x" * 501)
    assert caught.value.args[1] == 422
    assert (
        reply_length("mastodon", "@ana@mastodon.social " + "https://example.org/" + "a" * 100) == 28
    )
    api.status_post("y" * 500)
    assert [r["text"] for r in server.replies_created()] == ["y" * 500]


def test_deleted_statuses_answer_404_and_leave_the_notifications(server) -> None:
    sid = server.add_citizen_post("ana", "Ana", "farola")
    server.delete_post(sid)
    assert get(server, f"/api/v1/statuses/{sid}").status_code == 404
    assert get(server, "/api/v1/notifications").json() == []


def test_faults_are_spent_one_request_each(server) -> None:
    server.fail_next(2, 502, path="/api/v1/notifications")
    assert get(server, "/api/v1/notifications").status_code == 502
    assert get(server, "/api/v1/accounts/verify_credentials").status_code == 200
    assert get(server, "/api/v1/notifications").status_code == 502
    assert get(server, "/api/v1/notifications").status_code == 200
    server.malformed_next("not_json")
    with pytest.raises(ValueError):
        get(server, "/api/v1/notifications").json()
    server.malformed_next("truncated", path="/api/v1/notifications")
    with pytest.raises(requests.RequestException):
        get(server, "/api/v1/notifications")
