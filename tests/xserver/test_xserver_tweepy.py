"""tweepy 4.17's Client reaches the local X server through a URL-rewriting transport adapter."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests
import tweepy
from requests.adapters import HTTPAdapter

from jundesk.xserver import MENTIONS, Fault, XServer

X_HOST = "https://api.twitter.com"


class LocalRedirect(HTTPAdapter):
    """Sends api.twitter.com requests to the local server (test-only; intake has its own)."""

    def __init__(self, base_url: str) -> None:
        super().__init__()
        self.base_url = base_url

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        assert request.url is not None and request.url.startswith(X_HOST)
        # OAuth 1.0a was signed on the original URL, as X would check it.
        request.url = self.base_url + request.url[len(X_HOST) :]
        return super().send(request, **kwargs)


def _client(server: XServer, **kwargs: Any) -> tweepy.Client:
    client = tweepy.Client(**server.credentials(), **kwargs)
    client.session.mount(X_HOST + "/", LocalRedirect(server.base_url))
    return client


@pytest.fixture
def client(server: XServer) -> Iterator[tweepy.Client]:
    client = _client(server)
    yield client
    client.session.close()


@pytest.fixture
def day(server: XServer) -> list[str]:
    first = server.add_post("lola_jun", "@AytoJun la farola de Calle Real está fundida", media=1)
    ids = [first, server.add_post("lola_jun", "@AytoJun sigue igual", reply_to=first)]
    ids += [server.add_post(f"vecino{i}", f"@AytoJun aviso número {i} #Jun") for i in range(23)]
    return ids


def test_get_me(client: tweepy.Client, server: XServer) -> None:
    me = client.get_me(user_auth=True).data
    assert (me.id, me.username, me.name) == (
        int(server.town_user_id),
        "AytoJun",
        "Ayuntamiento de Jun",
    )


def test_mentions_with_expansions(client: tweepy.Client, server: XServer, day) -> None:
    response = client.get_users_mentions(
        server.town_user_id,
        max_results=5,
        tweet_fields=["author_id", "created_at", "conversation_id", "referenced_tweets"],
        expansions=["author_id", "referenced_tweets.id", "attachments.media_keys"],
        media_fields=["url"],
    )
    assert [tweet.id for tweet in response.data] == [int(i) for i in day[:-6:-1]]
    assert response.data[0].created_at is not None
    assert {user.username for user in response.includes["users"]} <= {
        f"vecino{i}" for i in range(23)
    }
    assert "next_token" in response.meta


def test_paginator_reads_every_mention_once(client: tweepy.Client, server: XServer, day) -> None:
    seen = [
        tweet.id
        for tweet in tweepy.Paginator(
            client.get_users_mentions, server.town_user_id, max_results=10
        ).flatten()
    ]
    assert seen == [int(i) for i in reversed(day)]
    assert server.requests[MENTIONS] == 3


def test_search_recent(client: tweepy.Client, day) -> None:
    found = list(
        tweepy.Paginator(client.search_recent_tweets, "#jun -número", max_results=10).flatten()
    )
    assert found == []
    found = list(
        tweepy.Paginator(client.search_recent_tweets, "aviso #Jun", max_results=10).flatten()
    )
    assert len(found) == 23


def test_reply_and_reply_rule(client: tweepy.Client, server: XServer, day) -> None:
    created = client.create_tweet(text="Avisado el electricista 💡", in_reply_to_tweet_id=day[0])
    assert created.data["text"] == "Avisado el electricista 💡"
    assert server.replies_created[0]["conversation_id"] == day[0]
    stranger = server.add_post("nadie", "no menciono a nadie")
    with pytest.raises(tweepy.Forbidden):
        client.create_tweet(text="Hola", in_reply_to_tweet_id=stranger)


def test_bearer_cannot_post(server: XServer) -> None:
    client = tweepy.Client(bearer_token=server.bearer_token)
    client.session.mount(X_HOST + "/", LocalRedirect(server.base_url))
    with pytest.raises(tweepy.Forbidden):
        client.create_tweet(text="hola", user_auth=False)


def test_errors_map_to_tweepy_exceptions(client: tweepy.Client, server: XServer) -> None:
    with pytest.raises(tweepy.BadRequest):
        client.get_users_mentions(server.town_user_id, max_results=1)
    wrong = tweepy.Client(bearer_token="not-the-token")
    wrong.session.mount(X_HOST + "/", LocalRedirect(server.base_url))
    with pytest.raises(tweepy.Unauthorized):
        wrong.get_users_mentions(server.town_user_id)
    server.faults.push(Fault.server_error(503))
    with pytest.raises(tweepy.TwitterServerError):
        client.get_users_mentions(server.town_user_id)
    server.faults.push(Fault.rate_limit(reset_in=600))
    with pytest.raises(tweepy.TooManyRequests) as caught:
        client.get_users_mentions(server.town_user_id)
    assert caught.value.reset_time is not None


class _FakeTime:
    """Stands in for the `time` module tweepy.client uses, and is the server's clock."""

    def __init__(self, start: float) -> None:
        self.now = start
        self.slept: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_wait_on_rate_limit_sleeps_until_reset(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _FakeTime(1_800_000_000.0)
    monkeypatch.setattr(tweepy.client, "time", fake)
    with XServer(clock=fake.time) as server:
        server.add_post("ana", "@AytoJun hola")
        client = _client(server, wait_on_rate_limit=True)
        server.faults.push(Fault.rate_limit(reset_in=60))
        response = client.get_users_mentions(server.town_user_id)
        assert len(response.data) == 1
        assert fake.slept == [61]  # until x-rate-limit-reset, plus tweepy's one second
        assert server.requests[MENTIONS] == 2  # one refused, one retried: no hammering
