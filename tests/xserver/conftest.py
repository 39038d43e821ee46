"""Fixtures for the local X server's tests: a running server, HTTP helpers, X's OpenAPI check."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.deserializing.media_types.util import json_loads
from openapi_schema_validator import OAS30Validator
from openapi_schema_validator import validate as validate_schema
from requests_oauthlib import OAuth1
from werkzeug.datastructures import Headers, ImmutableMultiDict

from jundesk.xserver import XServer

# The repository's sibling "shared" folder holds X's own OpenAPI description.
SPEC_PATH = Path(__file__).parents[2].parent / "shared" / "x-api" / "openapi-v2.159.json"
X_HOST = "https://api.x.com"  # the spec's server; requests are checked as if sent there


@pytest.fixture
def server() -> Iterator[XServer]:
    with XServer() as running:
        yield running


class Api:
    """requests against the local server, with app-only (bearer) or user-context auth."""

    def __init__(self, server: XServer) -> None:
        self.server = server
        self.session = requests.Session()
        self.bearer = {"Authorization": f"Bearer {server.bearer_token}"}
        self.user = OAuth1(
            server.consumer_key,
            server.consumer_secret,
            server.access_token,
            server.access_token_secret,
        )

    def get(self, path: str, *, user: bool = False, **params: Any) -> requests.Response:
        return self.session.get(
            self.server.base_url + path,
            params=params,
            headers=None if user else self.bearer,
            auth=self.user if user else None,
            timeout=10,
        )

    def mentions(self, user_id: str | None = None, **params: Any) -> requests.Response:
        return self.get(f"/2/users/{user_id or self.server.town_user_id}/mentions", **params)

    def search(self, query: str, **params: Any) -> requests.Response:
        return self.get("/2/tweets/search/recent", query=query, **params)

    def post(
        self,
        text: str,
        reply_to: str | None = None,
        *,
        user: bool = True,
        media_ids: list[str] | None = None,
    ) -> requests.Response:
        body: dict[str, Any] = {"text": text}
        if reply_to is not None:
            body["reply"] = {"in_reply_to_tweet_id": reply_to}
        if media_ids is not None:
            body["media"] = {"media_ids": media_ids}
        return self.session.post(
            self.server.base_url + "/2/tweets",
            json=body,
            headers=None if user else self.bearer,
            auth=self.user if user else None,
            timeout=10,
        )

    def upload(
        self, data: bytes, *, user: bool = True, category: str = "tweet_image"
    ) -> requests.Response:
        """POST /2/media/upload as a one-shot multipart/form-data upload."""
        return self.session.post(
            self.server.base_url + "/2/media/upload",
            files={"media": ("photo", data, "application/octet-stream")},
            data={"media_category": category},
            headers=None if user else self.bearer,
            auth=self.user if user else None,
            timeout=10,
        )


@pytest.fixture
def api(server: XServer) -> Iterator[Api]:
    client = Api(server)
    yield client
    client.session.close()


# -- checking bodies against X's OpenAPI description ------------------------------------


class _Request:
    """The request as openapi-core's Request protocol wants it."""

    def __init__(self, method: str, url: str) -> None:
        split = urlsplit(url)
        self.method = method.lower()
        self.host_url = X_HOST
        self.path = split.path
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(parse_qsl(split.query)),
            header=Headers(),
            cookie=ImmutableMultiDict(),
        )
        self.body: bytes | None = None
        self.content_type = "application/json"


class _Response:
    def __init__(self, status: int, data: bytes, content_type: str) -> None:
        self.status_code = status
        self.data = data
        self.content_type = content_type
        self.headers = Headers({"Content-Type": content_type})


class XApiValidator:
    """Validates answers against openapi-v2.159.json, problems down to their subtype."""

    def __init__(self, spec: dict[str, Any], *, register_problem_json: bool = True) -> None:
        self.spec = spec
        extra = {"application/problem+json": json_loads} if register_problem_json else {}
        # Without this deserializer openapi-core hands the schema raw bytes for
        # application/problem+json, and every problem body fails as "not an object".
        self.app = OpenAPI.from_dict(spec, config=Config(extra_media_type_deserializers=extra))
        self.problem_types: dict[str, str] = {
            problem_type: ref.rsplit("/", 1)[1]
            for problem_type, ref in spec["components"]["schemas"]["Problem"]["discriminator"][
                "mapping"
            ].items()
        }

    def check(
        self, method: str, url: str, status: int, body: bytes | dict[str, Any], content_type: str
    ) -> None:
        data = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.app.validate_response(_Request(method, url), _Response(status, data, content_type))
        # openapi-core checks `Problem` only (type, title): it does not follow the
        # discriminator to the subtype, so that is checked here.
        payload = json.loads(data)
        if content_type.startswith("application/problem+json"):
            self.check_problem(payload)
        for error in payload.get("errors", []) if status < 300 else []:
            self.check_problem(error)

    def check_response(self, response: requests.Response) -> None:
        request = response.request
        assert request.method is not None and request.url is not None
        self.check(
            request.method,
            request.url,
            response.status_code,
            response.content,
            response.headers["Content-Type"],
        )

    def check_problem(self, problem: dict[str, Any]) -> None:
        subtype = self.problem_types.get(problem.get("type", ""))
        assert subtype is not None, f"problem type {problem.get('type')!r} is not one of X's"
        schema = {"components": self.spec["components"], "$ref": f"#/components/schemas/{subtype}"}
        validate_schema(problem, schema, cls=OAS30Validator, check_schema=False)


@pytest.fixture(scope="session")
def x_spec() -> dict[str, Any]:
    if not SPEC_PATH.exists():
        pytest.skip(
            f"X's OpenAPI description is not at {SPEC_PATH}; these checks need the shared "
            "x-api folder next to the repository"
        )
    return json.loads(SPEC_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def x_openapi(x_spec: dict[str, Any]) -> XApiValidator:
    return XApiValidator(x_spec)


@pytest.fixture(scope="session")
def x_openapi_without_problem_json(x_spec: dict[str, Any]) -> XApiValidator:
    return XApiValidator(x_spec, register_problem_json=False)
