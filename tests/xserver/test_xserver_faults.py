"""Each fault the local X server can inject, and how faults are queued, targeted and drawn."""

from __future__ import annotations

import json
import time

import pytest
import requests

from jundesk.xserver import MENTIONS, SEARCH_RECENT, Fault, XServer

FIELDS = {
    "tweet.fields": "author_id,created_at,entities",
    "expansions": "author_id,referenced_tweets.id",
    "user.fields": "created_at",
}


@pytest.fixture
def busy(server: XServer) -> list[str]:
    """Twelve mentions by four neighbours, oldest first."""
    return [server.add_post(f"vecino{i % 4}", f"@AytoJun aviso {i}") for i in range(12)]


def _ids(response: requests.Response) -> list[str]:
    return [post["id"] for post in response.json().get("data", [])]


def test_rate_limit_fault_spends_the_window(server: XServer, api) -> None:
    server.faults.push(Fault.rate_limit(reset_in=120))
    before = time.time()
    first = api.mentions()
    assert first.status_code == 429
    reset = int(first.headers["x-rate-limit-reset"])
    assert before + 119 <= reset <= time.time() + 121
    assert first.headers["x-rate-limit-remaining"] == "0"
    # Not a one-off: the window stays spent until the reset.
    assert api.mentions().status_code == 429
    assert api.search("x").status_code == 200  # other endpoints keep their own window


def test_usage_capped(server: XServer, api) -> None:
    server.faults.push(Fault.usage_capped())
    capped = api.mentions()
    assert capped.status_code == 429
    assert capped.json()["period"] == "Monthly"
    assert api.mentions().status_code == 200


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_error(server: XServer, api, status: int) -> None:
    server.faults.push(Fault.server_error(status))
    response = api.mentions()
    assert response.status_code == status
    assert response.json()["status"] == status
    assert "x-rate-limit-reset" in response.headers
    assert api.mentions().status_code == 200


def test_slow_answers_late_but_right(server: XServer, api, busy) -> None:
    server.faults.push(Fault.slow(0.3))
    started = time.monotonic()
    response = api.mentions()
    assert time.monotonic() - started >= 0.29
    assert response.status_code == 200
    assert _ids(response) == busy[:1:-1]


def test_timeout_hangs_then_closes(server: XServer, api) -> None:
    server.faults.push(Fault.timeout(1.0))
    with pytest.raises(requests.ReadTimeout):
        api.session.get(
            f"{server.base_url}/2/users/{server.town_user_id}/mentions",
            headers=api.bearer,
            timeout=0.2,
        )
    server.faults.push(Fault.timeout(0.2))
    with pytest.raises(requests.ConnectionError):  # a patient client sees the line drop
        api.session.get(
            f"{server.base_url}/2/users/{server.town_user_id}/mentions",
            headers=api.bearer,
            timeout=5,
        )
    assert api.mentions().status_code == 200


def test_disconnect(server: XServer, api) -> None:
    server.faults.push(Fault.disconnect())
    with pytest.raises(requests.ConnectionError):
        api.mentions()
    assert api.mentions().status_code == 200


def test_malformed(server: XServer, api, busy) -> None:
    server.faults.push(Fault.malformed())
    response = api.mentions()
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.content.startswith(b'{"data"')
    with pytest.raises(requests.JSONDecodeError):
        response.json()


def test_truncated_as_a_dropped_connection(server: XServer, api, busy) -> None:
    server.faults.push(Fault.truncated())
    with pytest.raises(requests.exceptions.ChunkedEncodingError):
        api.mentions()
    assert api.mentions().status_code == 200


def test_truncated_with_matching_length(server: XServer, api, busy) -> None:
    server.faults.push(Fault.truncated(full_length=False))
    response = api.mentions()
    assert response.status_code == 200
    assert int(response.headers["Content-Length"]) == len(response.content)
    with pytest.raises(requests.JSONDecodeError):
        response.json()


def test_empty_body(server: XServer, api, busy) -> None:
    server.faults.push(Fault.empty_body())
    response = api.mentions()
    assert response.status_code == 200
    assert response.content == b""


def test_unknown_fields_at_every_level(server: XServer, api, busy) -> None:
    server.faults.push(Fault.unknown_fields())
    body = api.mentions(**FIELDS).json()
    marker = "x_unannounced_field"
    assert marker in body
    assert marker in body["meta"]
    assert marker in body["includes"]
    assert all(marker in post for post in body["data"])
    assert all(marker in user for user in body["includes"]["users"])
    assert all(marker in m for post in body["data"] for m in post["entities"]["mentions"])


def test_no_includes(server: XServer, api, busy) -> None:
    server.faults.push(Fault.no_includes())
    body = api.mentions(**FIELDS).json()
    assert "includes" not in body
    assert "includes" in api.mentions(**FIELDS).json()


def test_partial_errors(server: XServer, api, busy) -> None:
    server.faults.push(Fault.partial_errors())
    body = api.mentions(**FIELDS).json()
    (error,) = body["errors"]
    assert error["title"] == "Not Found Error"
    assert error["resource_type"] == "user"
    assert error["type"] == "https://api.twitter.com/2/problems/resource-not-found"
    assert error["resource_id"] not in {user["id"] for user in body["includes"]["users"]}
    assert error["resource_id"] in {post["author_id"] for post in body["data"]}


def test_duplicate_within_and_across_pages(server: XServer, api, busy) -> None:
    server.faults.push(Fault.duplicate())
    first = api.mentions(max_results=5).json()
    ids = [post["id"] for post in first["data"]]
    assert len(ids) > len(set(ids)) and set(ids) == set(busy[-5:])
    assert first["meta"]["result_count"] == len(ids)
    second = api.mentions(max_results=5, pagination_token=first["meta"]["next_token"])
    assert _ids(second)[0] == busy[-5]  # the last post of page one, again


def test_out_of_order(server: XServer, api, busy) -> None:
    server.faults.push(Fault.out_of_order())
    body = api.mentions(max_results=10).json()
    ids = [post["id"] for post in body["data"]]
    assert ids != sorted(ids, reverse=True)
    assert sorted(ids) == sorted(busy[2:])
    assert body["meta"]["newest_id"] == busy[-1]
    assert body["meta"]["oldest_id"] == busy[2]


def test_faults_target_endpoint_method_and_count(server: XServer, api, busy) -> None:
    server.faults.push(Fault.server_error(endpoint="/2/tweets/search", times=2))
    server.faults.push(Fault.server_error(500, method="POST"))
    assert api.mentions().status_code == 200
    assert api.search("aviso").status_code == 503
    assert api.search("aviso").status_code == 503
    assert api.search("aviso").status_code == 200
    assert api.post("hola").status_code == 500
    assert api.post("hola").status_code == 201
    assert server.faults.pending() == []
    assert [kind for kind, _, _ in server.faults.fired] == ["server_error"] * 3


def test_queue_order_and_clear(server: XServer, api) -> None:
    server.faults.push(Fault.server_error(500), Fault.server_error(502))
    assert [fault.status for fault, _ in server.faults.pending()] == [500, 502]
    assert api.mentions().status_code == 500
    server.faults.clear()
    assert api.mentions().status_code == 200


def test_random_mode_is_seeded() -> None:
    def statuses(seed: int) -> list[int]:
        with XServer(seed=seed) as server:
            server.faults.set_random({"server_error": 0.3, Fault.server_error(500): 0.2})
            headers = {"Authorization": f"Bearer {server.bearer_token}"}
            url = f"{server.base_url}/2/users/{server.town_user_id}/mentions"
            return [requests.get(url, headers=headers, timeout=5).status_code for _ in range(30)]

    first = statuses(3)
    assert first == statuses(3)
    assert {200, 500, 503} <= set(first)
    assert first != statuses(4)


def test_random_mode_off(server: XServer, api) -> None:
    server.faults.set_random({"server_error": 1.0})
    assert api.mentions().status_code == 503
    server.faults.set_random({})
    assert api.mentions().status_code == 200


def test_unknown_fault_kind() -> None:
    with pytest.raises(ValueError):
        Fault("gremlins")
    with pytest.raises(ValueError):
        Fault.slow(times=0)


def test_requests_are_counted_even_when_faulted(server: XServer, api) -> None:
    server.faults.push(Fault.disconnect(), Fault.server_error())
    with pytest.raises(requests.ConnectionError):
        api.mentions()
    api.mentions()
    api.search("x")
    assert server.requests[MENTIONS] == 2
    assert server.requests[SEARCH_RECENT] == 1


def test_stop_wakes_a_hanging_request() -> None:
    server = XServer().start()
    server.faults.push(Fault.timeout(30))
    headers = {"Authorization": f"Bearer {server.bearer_token}"}
    url = f"{server.base_url}/2/users/{server.town_user_id}/mentions"
    started = time.monotonic()
    with pytest.raises(requests.RequestException):
        requests.get(url, headers=headers, timeout=0.3)
    server.stop()
    assert time.monotonic() - started < 10


def test_malformed_body_keeps_problem_for_errors(server: XServer, api) -> None:
    # A body fault applies to error answers too: the 401's problem arrives broken.
    server.faults.push(Fault.malformed())
    response = requests.get(f"{server.base_url}/2/users/{server.town_user_id}/mentions", timeout=5)
    assert response.status_code == 401
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)
