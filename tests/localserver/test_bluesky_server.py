"""The local Bluesky server's answers, read by the atproto SDK's own (strict) models: what
the channel is tested against is what the SDK takes from the real service."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from atproto_client import Client, models
from atproto_client.exceptions import (
    BadRequestError,
    RateLimitExceededError,
    RequestException,
    UnauthorizedError,
)

from jundesk.localserver.bluesky import BlueskyServer


@pytest.fixture
def server() -> Iterator[BlueskyServer]:
    with BlueskyServer(seed=2) as s:
        yield s


@pytest.fixture
def client(server: BlueskyServer) -> Client:
    client = Client(base_url=server.base_url)
    client.login(server.town_handle, server.app_password, fetch_bsky_profile=False)
    return client


def test_sessions_have_the_sdks_shape_and_a_token_that_expires(server) -> None:
    client = Client(base_url=server.base_url)
    session = client.com.atproto.server.create_session(
        models.ComAtprotoServerCreateSession.Data(
            identifier=server.town_handle, password=server.app_password
        )
    )
    assert session.did == server.town_did and session.handle == server.town_handle
    client.login(
        session_string=f"{session.handle}:::{session.did}:::{session.access_jwt}"
        f":::{session.refresh_jwt}:::{server.base_url}",
        fetch_bsky_profile=False,
    )
    assert client._session is not None and client._session.access_jwt_payload.exp
    with pytest.raises(UnauthorizedError) as wrong:
        Client(base_url=server.base_url).login(server.town_handle, "wrong-password")
    assert wrong.value.response.content.error == "AuthenticationRequired"


def test_notifications_posts_and_records_read_by_the_sdk(server, client) -> None:
    root = server.add_citizen_post("ana", "Ana", "la farola no enciende", photo=b"\xff\xd8\xff1")
    server.add_citizen_post("ana", "Ana", "sigue igual", in_reply_to=root)
    town = server.add_town_post("Aviso: obras en la calle Real")
    server.add_quote("luis", "¿Cuánto duran?", town)
    page = client.app.bsky.notification.list_notifications(
        models.AppBskyNotificationListNotifications.Params(limit=2)
    )
    assert [n.reason for n in page.notifications] == ["quote", "mention"]
    assert page.cursor
    for note in page.notifications:
        assert isinstance(note.record, models.AppBskyFeedPost.Record)
        assert isinstance(note.author, models.AppBskyActorDefs.ProfileView)
    rest = client.app.bsky.notification.list_notifications(
        models.AppBskyNotificationListNotifications.Params(limit=2, cursor=page.cursor)
    )
    assert [n.reason for n in rest.notifications] == ["mention"]
    assert rest.cursor is None
    posts = client.get_posts([root, "at://did:plc:nobody/app.bsky.feed.post/3aaaaaaaaaaaa"])
    (view,) = posts.posts
    assert isinstance(view, models.AppBskyFeedDefs.PostView) and view.uri == root
    assert isinstance(view.embed, models.AppBskyEmbedImages.View)
    assert client.resolve_handle("ana.bsky.social").did == view.author.did


def test_the_sdks_own_reply_and_photo_calls_are_taken(server, client) -> None:
    mention = server.add_citizen_post("ana", "Ana", "bache en la plaza")
    parent = client.get_posts([mention]).posts[0]
    ref = models.create_strong_ref(parent)
    created = client.send_image(
        "Arreglado.",
        b"\x89PNG\r\n\x1a\n" + b"0" * 64,
        "el bache tapado",
        profile_identify=server.town_did,
        reply_to=models.AppBskyFeedPost.ReplyRef(root=ref, parent=ref),
    )
    (made,) = server.replies_created()
    assert made["uri"] == created.uri and made["cid"] == created.cid
    assert made["record"]["reply"]["parent"]["uri"] == mention


def test_faults_and_limits_reach_the_sdk_as_the_service_sends_them(server, client) -> None:
    server.fail_next(1, 503)
    with pytest.raises(RequestException) as failed:
        client.get_posts([])
    assert failed.value.response.status_code == 503
    server.rate_limit_next(30, "app.bsky.feed.getPosts")
    with pytest.raises(RateLimitExceededError) as limited:
        client.get_posts([])
    assert limited.value.remaining == 0 and limited.value.reset_at is not None
    server.expire_sessions()
    with pytest.raises(BadRequestError) as expired:
        client.app.bsky.notification.list_notifications()
    assert expired.value.response.content.error == "ExpiredToken"


def test_photo_addresses_serve_the_photo(server) -> None:
    photo = b"\xff\xd8\xff" + b"x" * 100
    uri = server.add_citizen_post("ana", "Ana", "mirad", photo=photo)
    cid = server._posts[uri].record["embed"]["images"][0]["image"]["ref"]["$link"]
    did = uri.split("/")[2]
    answer = httpx.get(f"{server.settings()['media_base']}/{did}/{cid}@jpeg")
    assert answer.status_code == 200 and answer.content == photo
