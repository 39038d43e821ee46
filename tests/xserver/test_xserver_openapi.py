"""The local X server answers with the shapes of X's own OpenAPI description (v2.159)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jundesk.xserver import Fault, XServer

# Real answers of X (recorded by tweepy's test suite), next to X's OpenAPI description.
RECORDED_DIR = Path(__file__).parents[2].parent / "shared" / "x-api" / "recorded"

ALL_TWEET_FIELDS = (
    "attachments,author_id,conversation_id,created_at,edit_controls,entities,geo,"
    "in_reply_to_user_id,lang,possibly_sensitive,public_metrics,referenced_tweets,"
    "reply_settings,source,withheld"
)
ALL_EXPANSIONS = (
    "author_id,referenced_tweets.id,referenced_tweets.id.author_id,geo.place_id,"
    "attachments.media_keys,in_reply_to_user_id,entities.mentions.username"
)
FIELD_PARAMS = {
    "tweet.fields": ALL_TWEET_FIELDS,
    "expansions": ALL_EXPANSIONS,
    "user.fields": "created_at,description,location,profile_image_url,protected,public_metrics,"
    "verified,verified_type",
    "place.fields": "contained_within,country,country_code,full_name,geo,id,name,place_type",
    "media.fields": "url,width,height,alt_text,type,media_key",
}


def _recorded() -> list[dict[str, Any]]:
    if not RECORDED_DIR.exists():
        return []
    answers = []
    for path in sorted(RECORDED_DIR.glob("*.json")):
        answers.extend(json.loads(path.read_text(encoding="utf-8")))
    return answers


@pytest.fixture
def town(server: XServer) -> XServer:
    """A small thread with everything expansions can reach: place, photo, reply, mention."""
    first = server.add_post(
        "vecina_jun",
        "@AytoJun la farola de la Calle Real está fundida #Jun https://t.co/AbCdEf1234",
        place="Jun",
        media=2,
        author_name="Lola Vecina",
    )
    server.add_post("vecina_jun", "@AytoJun sigue igual esta noche 😒", reply_to=first)
    server.add_post("otro_vecino", "Confirmo @AytoJun, y la de @vecina_jun también", lang="es")
    return server


@pytest.mark.parametrize(
    "answer", _recorded(), ids=lambda a: f"{a['method']} {a['uri'].split('.com')[1]}"
)
def test_recorded_x_answers_pass_the_validator(x_openapi, answer: dict) -> None:
    # Real answers of X pass: the validator (and its set-up) is not stricter than X.
    x_openapi.check(
        answer["method"],
        answer["uri"],
        answer["status"],
        answer["body"],
        answer["headers"]["content-type"][0],
    )


def test_recorded_answers_exist() -> None:
    if not RECORDED_DIR.exists():
        pytest.skip(f"no recorded X answers at {RECORDED_DIR}")
    assert len(_recorded()) >= 4


def test_the_validator_rejects_what_x_would_not_send(x_openapi) -> None:
    url = "https://api.twitter.com/2/users/1/mentions"
    bad_bodies = [
        {"data": {"id": "1", "text": "not a list"}},
        {"data": [{"id": 1, "text": "numeric id"}]},
        {"data": [{"id": "1", "text": "t", "created_at": "yesterday"}]},
        {"data": [{"id": "1", "text": "t"}], "includes": {"users": [{"id": "2", "name": "x"}]}},
        {"data": [{"id": "1", "text": "t"}], "meta": {"result_count": "1"}},
    ]
    for body in bad_bodies:
        with pytest.raises(Exception):  # noqa: B017 - openapi-core's error classes vary
            x_openapi.check("GET", url, 200, body, "application/json")
    # A problem must match its subtype: resource-not-found needs resource_id and friends.
    with pytest.raises(Exception):  # noqa: B017
        x_openapi.check(
            "GET",
            url,
            404,
            {
                "title": "Not Found Error",
                "type": "https://api.twitter.com/2/problems/resource-not-found",
            },
            "application/problem+json",
        )


@pytest.mark.slow
def test_problem_json_needs_a_registered_deserializer(x_openapi_without_problem_json) -> None:
    bare = x_openapi_without_problem_json
    problem = {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "x"}
    with pytest.raises(Exception):  # noqa: B017
        bare.check("GET", "https://api.x.com/2/users/me", 401, problem, "application/problem+json")


def test_mentions_with_every_expansion(town: XServer, api, x_openapi) -> None:
    response = api.mentions(**FIELD_PARAMS)
    assert response.status_code == 200
    body = response.json()
    assert set(body["includes"]) == {"users", "tweets", "places", "media"}
    x_openapi.check_response(response)


def test_mentions_default_fields_like_x(town: XServer, api, x_openapi) -> None:
    response = api.mentions()
    x_openapi.check_response(response)
    for post in response.json()["data"]:
        assert set(post) == {"id", "text", "edit_history_tweet_ids"}


def test_empty_mentions(server: XServer, api, x_openapi) -> None:
    response = api.mentions()
    assert response.json() == {"meta": {"result_count": 0}}
    x_openapi.check_response(response)


def test_search_recent(town: XServer, api, x_openapi) -> None:
    response = api.search("farola OR confirmo OR noche", **FIELD_PARAMS)
    assert response.json()["meta"]["result_count"] == 3
    x_openapi.check_response(response)


def test_users_me(server: XServer, api, x_openapi) -> None:
    response = api.get("/2/users/me", user=True, **{"user.fields": FIELD_PARAMS["user.fields"]})
    assert response.status_code == 200
    x_openapi.check_response(response)


def test_create_post_201(town: XServer, api, x_openapi) -> None:
    mention = town.posts()[0]["id"]
    response = api.post("Gracias, avisamos al electricista.", reply_to=mention)
    assert response.status_code == 201
    x_openapi.check_response(response)


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda api: api.session.get(api.server.base_url + "/2/users/me"), id="401"),
        pytest.param(lambda api: api.get("/2/users/me"), id="403-bearer"),
        pytest.param(lambda api: api.post("x", user=False), id="403-post-bearer"),
        pytest.param(lambda api: api.mentions(max_results=1), id="400-max-results"),
        pytest.param(lambda api: api.search("(unbalanced"), id="400-query"),
        pytest.param(lambda api: api.mentions(pagination_token="zzz"), id="400-token"),
        pytest.param(lambda api: api.post("y" * 281), id="400-long"),
    ],
)
def test_problems(town: XServer, api, x_openapi, make) -> None:
    response = make(api)
    assert response.status_code >= 400
    assert response.headers["Content-Type"].startswith("application/problem+json")
    x_openapi.check_response(response)


def test_media_upload_and_a_post_with_it(town: XServer, api, x_openapi) -> None:
    uploaded = api.upload(b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    assert uploaded.status_code == 200
    x_openapi.check_response(uploaded)
    mention = town.posts()[0]["id"]
    media_id = uploaded.json()["data"]["id"]
    reply = api.post("Farola reparada.", reply_to=mention, media_ids=[media_id])
    assert reply.status_code == 201
    x_openapi.check_response(reply)
    response = api.search("from:AytoJun has:media", **FIELD_PARAMS)
    assert response.json()["includes"]["media"]
    x_openapi.check_response(response)


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda api: api.upload(b"\xff\xd8\xff", user=False), id="403-bearer"),
        pytest.param(lambda api: api.upload(b"not an image"), id="400-type"),
        pytest.param(lambda api: api.upload(b"\xff\xd8\xff" + b"0" * 5242880), id="400-size"),
        pytest.param(lambda api: api.post("x", media_ids=["1"]), id="400-unknown-media"),
    ],
)
@pytest.mark.slow
def test_media_problems(server: XServer, api, x_openapi, make) -> None:
    response = make(api)
    assert response.status_code in (400, 403)
    assert response.headers["Content-Type"].startswith("application/problem+json")
    x_openapi.check_response(response)


def test_unknown_route_problem(server: XServer, api, x_openapi) -> None:
    response = api.get("/2/nothing/here")
    assert response.status_code == 404
    assert "x-rate-limit-reset" in response.headers
    x_openapi.check_problem(response.json())  # no operation to check it against


def test_reply_rule_and_duplicate_problems(town: XServer, api, x_openapi) -> None:
    unrelated = town.add_post("nadie", "Sin mencionar a nadie")
    refused = api.post("Hola", reply_to=unrelated)
    assert refused.status_code == 403
    x_openapi.check_response(refused)


def test_rate_limit_problems(server: XServer, api, x_openapi) -> None:
    server.faults.push(Fault.rate_limit(reset_in=30), Fault.usage_capped())
    limited = api.mentions()
    assert limited.status_code == 429
    x_openapi.check_response(limited)
    assert limited.json()["title"] == "Too Many Requests"
    capped = api.search("farola")
    assert capped.status_code == 429
    x_openapi.check_response(capped)
    assert capped.json()["type"].endswith("/usage-capped")


def test_server_error_problem(server: XServer, api, x_openapi) -> None:
    server.faults.push(Fault.server_error(503))
    response = api.mentions()
    assert response.status_code == 503
    x_openapi.check_response(response)


def test_partial_errors_200(town: XServer, api, x_openapi) -> None:
    town.withhold_user("otro_vecino")
    response = api.mentions(expansions="author_id")
    assert response.status_code == 200
    body = response.json()
    assert "data" in body and body["errors"][0]["resource_type"] == "user"
    x_openapi.check_response(response)


def test_data_faults_keep_the_shape(town: XServer, api, x_openapi) -> None:
    for fault in (
        Fault.unknown_fields(),
        Fault.no_includes(),
        Fault.partial_errors(),
        Fault.duplicate(),
        Fault.out_of_order(),
    ):
        town.faults.push(fault)
        response = api.mentions(max_results=5, **FIELD_PARAMS)
        assert response.status_code == 200, fault.kind
        x_openapi.check_response(response)


def test_unknown_user_answers_errors_only(server: XServer, api, x_openapi) -> None:
    response = api.mentions("42")
    assert response.status_code == 200
    assert "data" not in response.json()
    x_openapi.check_response(response)
