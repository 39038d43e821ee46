"""The local X server's endpoints: data, pagination, bounds, auth, the reply rule, rate limits."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jundesk.core.x_text import MAX_WEIGHTED_LENGTH, weighted_length
from jundesk.xserver import (
    CREATE_TWEET,
    MEDIA_UPLOAD,
    MENTIONS,
    SEARCH_RECENT,
    USERS_ME,
    NewPost,
    XServer,
)
from jundesk.xserver.media import MAX_IMAGE_BYTES, placeholder_png
from tests.xserver.conftest import Api

_handles = itertools.count()


def _page_all(api, user_id: str, max_results: int, **params) -> list[str]:
    ids: list[str] = []
    token = None
    for _ in range(1000):
        extra = dict(params, max_results=max_results)
        if token:
            extra["pagination_token"] = token
        body = api.mentions(user_id, **extra).json()
        ids += [post["id"] for post in body.get("data", [])]
        token = body["meta"].get("next_token")
        if token is None:
            return ids
    raise AssertionError("pagination does not end")


# -- mentions ---------------------------------------------------------------------------------


def test_mentions_newest_first_and_only_mentions(server: XServer, api) -> None:
    a = server.add_post("ana", "@AytoJun farola fundida")
    server.add_post("ana", "sin mención, no cuenta")
    b = server.add_post("luis", "Buenas @aytojun, hay cristales rotos")  # handles ignore case
    server.add_post("luis", "escribo a @AytoJunior, que no es el ayuntamiento")
    server.add_post("eva", "email ana@AytoJun.es no es una mención")
    body = api.mentions().json()
    assert [post["id"] for post in body["data"]] == [b, a]
    assert body["meta"] == {"result_count": 2, "newest_id": b, "oldest_id": a}


def test_mentions_of_another_user(server: XServer, api) -> None:
    luis = server.add_user("luis", "Luis")
    server.add_post("ana", "hola @luis")
    assert api.mentions(luis).json()["meta"]["result_count"] == 1


def test_mentions_fields_and_expansions(server: XServer, api) -> None:
    moment = datetime(2026, 11, 25, 8, 1, 2, tzinfo=UTC)
    first = server.add_post(
        "ana", "@AytoJun la farola #Jun https://t.co/x1", created_at=moment, place="Jun", media=1
    )
    reply = server.add_post("ana", "@AytoJun y sigue", reply_to=first, author_name="Ana G.")
    body = api.mentions(
        **{
            "tweet.fields": "author_id,created_at,conversation_id,in_reply_to_user_id,"
            "referenced_tweets,entities,geo,attachments,lang",
            "expansions": "author_id,referenced_tweets.id,geo.place_id,attachments.media_keys",
            "media.fields": "url",
            "place.fields": "country_code",
        }
    ).json()
    newest, oldest = body["data"]
    assert newest["id"] == reply
    assert newest["conversation_id"] == first == oldest["conversation_id"]
    assert newest["referenced_tweets"] == [{"type": "replied_to", "id": first}]
    assert newest["in_reply_to_user_id"] == newest["author_id"]
    assert oldest["created_at"] == "2026-11-25T08:01:02.000Z"
    assert oldest["lang"] == "es"
    mention = oldest["entities"]["mentions"][0]
    assert oldest["text"][mention["start"] : mention["end"]] == "@AytoJun"
    assert mention["id"] == server.town_user_id
    assert oldest["entities"]["hashtags"][0]["tag"] == "Jun"
    assert oldest["entities"]["urls"][0]["url"] == "https://t.co/x1"
    includes = body["includes"]
    assert includes["users"] == [{"id": newest["author_id"], "name": "ana", "username": "ana"}]
    assert [t["id"] for t in includes["tweets"]] == [first]
    assert includes["places"][0]["country_code"] == "ES"
    assert includes["places"][0]["id"] == oldest["geo"]["place_id"]
    media = includes["media"][0]
    assert media["media_key"] == oldest["attachments"]["media_keys"][0]
    assert media["type"] == "photo"
    image = requests.get(media["url"], timeout=5)
    assert image.headers["Content-Type"] == "image/png"
    assert image.content.startswith(b"\x89PNG")


def test_max_results_bounds(server: XServer, api) -> None:
    for value in ("4", "101", "abc"):
        assert api.mentions(max_results=value).status_code == 400
    for value in ("5", "100"):
        assert api.mentions(max_results=value).status_code == 200
    for value in ("9", "101"):
        assert api.search("x", max_results=value).status_code == 400
    assert api.search("x", max_results=10).status_code == 200


def test_unknown_parameters_and_fields_are_rejected(server: XServer, api) -> None:
    assert api.mentions(max_result=10).status_code == 400
    assert api.mentions(**{"tweet.fields": "created_at,colour"}).status_code == 400
    assert api.mentions(expansions="author").status_code == 400
    bad = api.mentions(**{"tweet.fields": "colour"}).json()
    assert bad["errors"][0]["parameters"] == {"tweet.fields": ["colour"]}
    assert api.mentions("not-a-number").status_code == 400
    assert api.mentions(since_id="12a").status_code == 400
    assert api.mentions(start_time="yesterday").status_code == 400


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(count=st.integers(0, 60), page=st.integers(5, 100))
def test_pagination_covers_every_mention_once(server: XServer, api, count: int, page: int) -> None:
    target = f"t{next(_handles)}"
    target_id = server.add_user(target)
    posted = [server.add_post(f"u{i % 7}", f"@{target} aviso {i}") for i in range(count)]
    server.add_post("ruido", "sin mención")
    assert _page_all(api, target_id, page) == posted[::-1]


def test_pagination_is_stable_while_posts_arrive(server: XServer, api) -> None:
    old = [server.add_post("ana", f"@AytoJun aviso {i}") for i in range(12)]
    first = api.mentions(max_results=5).json()
    newer = [server.add_post("luis", f"@AytoJun nuevo {i}") for i in range(3)]
    seen = [p["id"] for p in first["data"]]
    token = first["meta"]["next_token"]
    while token:
        body = api.mentions(max_results=5, pagination_token=token).json()
        seen += [p["id"] for p in body["data"]]
        token = body["meta"].get("next_token")
    assert seen == old[::-1]
    since = api.mentions(since_id=first["meta"]["newest_id"]).json()
    assert [p["id"] for p in since["data"]] == newer[::-1]


def test_since_and_until(server: XServer, api) -> None:
    ids = [server.add_post("ana", f"@AytoJun {i}") for i in range(10)]
    body = api.mentions(since_id=ids[6]).json()
    assert [p["id"] for p in body["data"]] == ids[:6:-1]
    body = api.mentions(until_id=ids[3]).json()
    assert [p["id"] for p in body["data"]] == ids[2::-1]
    body = api.mentions(since_id=ids[2], until_id=ids[6]).json()
    assert [p["id"] for p in body["data"]] == [ids[5], ids[4], ids[3]]
    assert api.mentions(since_id=ids[-1]).json() == {"meta": {"result_count": 0}}


def test_start_and_end_time(server: XServer, api) -> None:
    start = datetime(2026, 11, 25, 8, tzinfo=UTC)
    ids = [
        server.add_post("ana", f"@AytoJun {h}", created_at=start + timedelta(hours=h))
        for h in range(5)
    ]
    body = api.mentions(start_time="2026-11-25T09:00:00Z", end_time="2026-11-25T11:00:00Z").json()
    assert [p["id"] for p in body["data"]] == [ids[3], ids[2], ids[1]]


def test_only_the_newest_800_mentions_are_reachable(server: XServer, api) -> None:
    ids = server.add_posts_bulk(NewPost("ana", f"@AytoJun aviso {i}") for i in range(850))
    seen = _page_all(api, server.town_user_id, 100)
    assert seen == ids[:49:-1]
    assert len(seen) == 800


def test_deleted_posts_vanish_and_leave_errors(server: XServer, api) -> None:
    first = server.add_post("ana", "@AytoJun farola")
    reply = server.add_post("ana", "@AytoJun sigue", reply_to=first)
    server.delete_post(first)
    body = api.mentions(expansions="referenced_tweets.id").json()
    assert [p["id"] for p in body["data"]] == [reply]
    assert "includes" not in body
    assert body["errors"][0]["resource_type"] == "tweet"
    assert body["errors"][0]["resource_id"] == first


# -- recent search -----------------------------------------------------------------------------


@pytest.fixture
def corpus(server: XServer) -> dict[str, str]:
    posts = {
        "farola": server.add_post("ana", "@AytoJun La farola de la Calle Real está fundida #Jun"),
        "basura": server.add_post("luis", "Bolsas de BASURA en la calle Ancha #jun @AytoJun"),
        "fiesta": server.add_post("eva", "¿Cuándo son las fiestas? #FiestasJun", lang="es"),
        "english": server.add_post(
            "tom", "The street lamp on Calle Real is out @AytoJun", lang="en"
        ),
        "canción": server.add_post("ana", "Mi vecino canta todo el dia, cancion tras canción"),
    }
    posts["reply"] = server.add_post("ana", "@AytoJun ya está arreglada", reply_to=posts["farola"])
    return posts


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("farola", ["farola"]),
        ("FAROLA fundida", ["farola"]),
        ("farola OR basura", ["basura", "farola"]),
        ("#jun", ["basura", "farola"]),
        ("#FiestasJun", ["fiesta"]),
        ("@aytojun -from:ana", ["english", "basura"]),
        ("from:ana", ["reply", "canción", "farola"]),
        ("from:ana -is:reply", ["canción", "farola"]),
        ("to:ana", ["reply"]),
        ("is:reply", ["reply"]),
        ("lang:en", ["english"]),
        ('"calle real"', ["english", "farola"]),
        ('"real calle"', []),
        ("cancion", ["canción"]),  # accents do not matter
        ("dia", ["canción"]),
        ("(farola OR lamp) -fundida", ["english"]),
        ("calle (ancha OR real) -lamp", ["basura", "farola"]),
        ("cuando fiestas", ["fiesta"]),
        ("arreglada OR -farola calle", ["reply", "english", "basura"]),
    ],
)
def test_search_query_language(server, api, corpus, query: str, expected: list[str]) -> None:
    body = api.search(query).json()
    assert [p["id"] for p in body.get("data", [])] == [corpus[name] for name in expected]


@pytest.mark.parametrize(
    "query", ["", "-farola", "(farola", "farola)", "farola OR", "nope:thing", '"open', "-(a OR b)"]
)
def test_bad_queries_are_400(server, api, query: str) -> None:
    response = api.search(query)
    assert response.status_code == 400
    assert response.json()["type"].endswith("/invalid-request")


def test_search_needs_a_query(server, api) -> None:
    assert api.get("/2/tweets/search/recent").status_code == 400


def test_search_pagination_and_since(server: XServer, api) -> None:
    ids = [server.add_post(f"u{i}", f"farola {i}") for i in range(35)]
    seen: list[str] = []
    token = None
    while True:
        params = {"max_results": 10}
        if token:
            params["next_token"] = token
        body = api.search("farola", **params).json()
        seen += [p["id"] for p in body["data"]]
        token = body["meta"].get("next_token")
        if not token:
            break
    assert seen == ids[::-1]
    assert [p["id"] for p in api.search("farola", since_id=ids[-3]).json()["data"]] == ids[:-3:-1]


# -- users/me and auth --------------------------------------------------------------------------


def test_users_me_needs_user_context(server: XServer, api) -> None:
    me = api.get("/2/users/me", user=True)
    assert me.status_code == 200
    assert me.json() == {
        "data": {"id": server.town_user_id, "name": "Ayuntamiento de Jun", "username": "AytoJun"}
    }
    bearer = api.get("/2/users/me")
    assert bearer.status_code == 403
    assert bearer.json()["title"] == "Unsupported Authentication"
    oauth2 = api.session.get(
        server.base_url + "/2/users/me",
        headers={"Authorization": f"Bearer {server.oauth2_user_token}"},
    )
    assert oauth2.status_code == 200


def test_reads_need_credentials(server: XServer, api) -> None:
    url = f"{server.base_url}/2/users/{server.town_user_id}/mentions"
    assert requests.get(url, timeout=5).json() == {
        "title": "Unauthorized",
        "type": "about:blank",
        "status": 401,
        "detail": "Unauthorized",
    }
    wrong = requests.get(url, headers={"Authorization": "Bearer nope"}, timeout=5)
    assert wrong.status_code == 401
    assert "x-rate-limit-reset" in wrong.headers
    assert api.get(f"/2/users/{server.town_user_id}/mentions", user=True).status_code == 200


def test_oauth1_keys_are_checked(server: XServer, api) -> None:
    from requests_oauthlib import OAuth1

    for key, token in (
        ("other-key", server.access_token),
        (server.consumer_key, "other-token"),
    ):
        auth = OAuth1(key, server.consumer_secret, token, server.access_token_secret)
        response = requests.get(server.base_url + "/2/users/me", auth=auth, timeout=5)
        assert response.status_code == 401


def test_credentials(server: XServer) -> None:
    creds = server.credentials()
    assert creds["bearer_token"] == server.bearer_token
    assert set(creds) == {
        "bearer_token",
        "consumer_key",
        "consumer_secret",
        "access_token",
        "access_token_secret",
    }


# -- creating posts -----------------------------------------------------------------------------


def test_reply_is_stored_in_the_thread(server: XServer, api) -> None:
    first = server.add_post("ana", "@AytoJun farola fundida en Calle Real")
    response = api.post("Gracias Ana, avisamos al electricista.", reply_to=first)
    assert response.status_code == 201
    data = response.json()["data"]
    assert data == {
        "id": data["id"],
        "text": "Gracias Ana, avisamos al electricista.",
        "edit_history_tweet_ids": [data["id"]],
    }
    (created,) = server.replies_created
    assert created["id"] == data["id"]
    assert created["author_id"] == server.town_user_id
    assert created["conversation_id"] == first
    assert created["in_reply_to_user_id"] == server.user_id("ana")
    assert created["referenced_tweets"] == [{"type": "replied_to", "id": first}]
    found = api.search("from:AytoJun electricista").json()["data"]
    assert [p["id"] for p in found] == [data["id"]]


def test_reply_rule(server: XServer, api) -> None:
    unrelated = server.add_post("ana", "un post que no menciona al ayuntamiento")
    refused = api.post("Hola", reply_to=unrelated)
    assert refused.status_code == 403
    assert "not allowed" in refused.json()["detail"]
    town_post = api.post("Aviso: corte de agua mañana").json()["data"]["id"]
    assert api.post("Vuelve a las 14:00", reply_to=town_post).status_code == 201  # own thread
    quoting = server.add_post("luis", "Ojo con esto", quote_of=town_post)
    assert api.post("Gracias por difundir", reply_to=quoting).status_code == 201
    assert len(server.replies_created) == 3


def test_post_validation(server: XServer, api) -> None:
    mention = server.add_post("ana", "@AytoJun hola")
    assert api.post("").status_code == 400
    assert api.post("a" * 281).status_code == 400
    assert api.post("a" * 280).status_code == 201
    assert api.post("😀" * 141).status_code == 400  # emoji weigh two
    assert api.post("b" * 250 + " https://example.org/" + "c" * 200).status_code == 201
    missing = api.post("hola", reply_to="1999999999999999999")
    assert missing.status_code == 403
    assert "deleted or not visible" in missing.json()["detail"]
    assert api.post("hola", reply_to="abc").status_code == 400
    not_json = requests.post(server.base_url + "/2/tweets", data=b"{", auth=api.user, timeout=5)
    assert not_json.status_code == 400
    assert api.post("Respuesta", reply_to=mention).status_code == 201


def test_duplicate_text_is_refused(server: XServer, api) -> None:
    a = server.add_post("ana", "@AytoJun farola")
    b = server.add_post("luis", "@AytoJun otra farola")
    assert api.post("Gracias, lo revisamos.", reply_to=a).status_code == 201
    again = api.post("Gracias,  lo revisamos. ", reply_to=b)
    assert again.status_code == 403
    assert "duplicate content" in again.json()["detail"]


def test_posting_needs_user_context(server: XServer, api) -> None:
    assert api.post("hola", user=False).status_code == 403
    anonymous = requests.post(server.base_url + "/2/tweets", json={"text": "x"}, timeout=5)
    assert anonymous.status_code == 401
    assert server.replies_created == []


# -- uploading photos ---------------------------------------------------------------------------

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 4  # CR, LF, "--" inside
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32


def test_a_reply_with_an_uploaded_photo_reads_back_with_it(server: XServer, api) -> None:
    mention = server.add_post("ana", "@AytoJun farola fundida en Calle Real")
    uploaded = api.upload(JPEG)
    assert uploaded.status_code == 200
    media = uploaded.json()["data"]
    assert media["media_key"] == f"3_{media['id']}"
    assert (media["size"], media["expires_after_secs"]) == (len(JPEG), 86400)
    assert server.uploaded_media(media["media_key"]) == JPEG  # the bytes arrive intact

    reply = api.post("Farola reparada, gracias.", reply_to=mention, media_ids=[media["id"]])
    assert reply.status_code == 201
    assert server.replies_created[-1]["attachments"] == {"media_keys": [media["media_key"]]}
    body = api.search(
        "from:AytoJun has:media",
        expansions="attachments.media_keys",
        **{"media.fields": "url,type"},
    ).json()
    assert body["data"][0]["id"] == reply.json()["data"]["id"]
    (photo,) = body["includes"]["media"]
    assert (photo["media_key"], photo["type"]) == (media["media_key"], "photo")
    image = requests.get(photo["url"], timeout=5)
    assert (image.headers["Content-Type"], image.content) == ("image/jpeg", JPEG)
    assert server.requests[MEDIA_UPLOAD] == 1


def test_uploading_needs_user_context(server: XServer, api) -> None:
    refused = api.upload(JPEG, user=False)
    assert refused.status_code == 403
    assert refused.json()["title"] == "Unsupported Authentication"
    anonymous = requests.post(
        server.base_url + "/2/media/upload", files={"media": ("a", JPEG)}, timeout=5
    )
    assert anonymous.status_code == 401


def test_only_images_up_to_5_mb_are_taken(server: XServer, api) -> None:
    for image in (JPEG, placeholder_png("x"), b"GIF89a" + b"\x00" * 20, WEBP):
        assert api.upload(image).status_code == 200
    assert api.upload(b"\xff\xd8\xff" + b"\x00" * (MAX_IMAGE_BYTES - 3)).status_code == 200
    too_big = api.upload(b"\xff\xd8\xff" + b"\x00" * (MAX_IMAGE_BYTES - 2))
    assert too_big.status_code == 400
    assert "exceeds" in too_big.json()["errors"][0]["message"]
    for not_an_image in (b"%PDF-1.7 ...", b"<svg/>", b""):
        assert api.upload(not_an_image).status_code == 400
    assert api.upload(JPEG, category="subtitles").status_code == 400
    as_json = requests.post(
        server.base_url + "/2/media/upload", json={"media": "x"}, auth=api.user, timeout=5
    )
    assert as_json.status_code == 400


def test_posts_take_only_live_uploaded_media() -> None:
    clock = FakeClock()
    with XServer(clock=clock) as server:
        client = Api(server)
        media_id = client.upload(JPEG).json()["data"]["id"]
        for bad in (["1870000000000009999"], [], ["x"], [media_id] * 5):
            assert client.post("hola", media_ids=bad).status_code == 400
        clock.now += 86400
        expired = client.post("hola", media_ids=[media_id])
        assert expired.status_code == 400
        assert "expired" in expired.json()["errors"][0]["message"]
        assert server.replies_created == []


# -- rate limits and bookkeeping ---------------------------------------------------------------


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def test_rate_limit_headers_and_429() -> None:
    clock = FakeClock()
    with XServer(rate_limit=3, rate_window=900, clock=clock) as server:
        headers = {"Authorization": f"Bearer {server.bearer_token}"}
        url = f"{server.base_url}/2/users/{server.town_user_id}/mentions"
        remaining = []
        for _ in range(3):
            response = requests.get(url, headers=headers, timeout=5)
            assert response.status_code == 200
            assert response.headers["x-rate-limit-limit"] == "3"
            assert response.headers["x-rate-limit-reset"] == str(int(clock.now + 900))
            remaining.append(response.headers["x-rate-limit-remaining"])
        assert remaining == ["2", "1", "0"]
        limited = requests.get(url, headers=headers, timeout=5)
        assert limited.status_code == 429
        assert limited.headers["x-rate-limit-remaining"] == "0"
        assert limited.json()["title"] == "Too Many Requests"
        # Other endpoints count on their own.
        search = requests.get(
            server.base_url + "/2/tweets/search/recent", params={"query": "x"}, headers=headers
        )
        assert search.status_code == 200
        clock.now += 900
        again = requests.get(url, headers=headers, timeout=5)
        assert again.status_code == 200
        assert again.headers["x-rate-limit-remaining"] == "2"


def test_set_rate_limit_per_endpoint(server: XServer, api) -> None:
    server.set_rate_limit(USERS_ME, 75)
    assert api.get("/2/users/me", user=True).headers["x-rate-limit-limit"] == "75"
    assert api.mentions().headers["x-rate-limit-limit"] == "450"


def test_request_counts(server: XServer, api) -> None:
    api.mentions()
    api.mentions()
    api.search("x")
    api.get("/2/users/me", user=True)
    api.post("hola")
    assert server.requests == {MENTIONS: 2, SEARCH_RECENT: 1, USERS_ME: 1, CREATE_TWEET: 1}


def test_post_reads_count_posts_returned(server: XServer, api) -> None:
    for i in range(7):
        server.add_post("ana", f"@AytoJun {i}")
    api.mentions(max_results=5)
    api.search("ana OR 3")
    assert server.post_reads == 5 + 1


def test_restart_keeps_port_and_data() -> None:
    server = XServer().start()
    try:
        port = server.port
        post = server.add_post("ana", "@AytoJun hola")
        server.stop()
        with pytest.raises(requests.ConnectionError):
            requests.get(server.base_url + "/2/users/me", timeout=2)
        server.start()
        assert server.port == port
        headers = {"Authorization": f"Bearer {server.bearer_token}"}
        body = requests.get(
            f"{server.base_url}/2/users/{server.town_user_id}/mentions", headers=headers, timeout=5
        ).json()
        assert body["data"][0]["id"] == post
    finally:
        server.stop()


def test_bad_usernames_and_replies_are_refused(server: XServer) -> None:
    with pytest.raises(ValueError):
        server.add_post("not valid!", "x")
    with pytest.raises(ValueError):
        server.add_post("a" * 16, "x")
    with pytest.raises(ValueError):
        server.add_post("ana", "x", reply_to="123")


def test_posts_snapshot(server: XServer) -> None:
    first = server.add_post("ana", "@AytoJun hola", lang="es")
    server.add_post("tom", "@AytoJun hello", lang="en", reply_to=first)
    posts = server.posts()
    assert [p["lang"] for p in posts] == ["es", "en"]
    assert posts[1]["conversation_id"] == first
    assert {u["username"] for u in server.users()} == {"AytoJun", "ana", "tom"}


@pytest.mark.parametrize(
    "unit",
    ["👍🏽", "👨\u200d👩\u200d👧\u200d👦", "e\u0301", "🇪🇸", "你", "a"],
)
def test_the_server_takes_exactly_what_the_desks_counter_takes(
    server: XServer, api, unit: str
) -> None:
    longest = ""
    while weighted_length(longest + unit) <= MAX_WEIGHTED_LENGTH:
        longest += unit
    over = longest + unit
    assert weighted_length(longest) <= MAX_WEIGHTED_LENGTH < weighted_length(over)
    assert api.post(longest).status_code == 201
    refused = api.post(over)
    assert refused.status_code == 400
    assert f"{weighted_length(over)} characters weighted" in refused.json()["errors"][0]["message"]
