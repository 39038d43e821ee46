"""X API v2 error bodies (RFC 7807 problems), shaped as X sends them, for the local server."""

from __future__ import annotations

from typing import Any

PROBLEMS = "https://api.twitter.com/2/problems/"


class ApiError(Exception):
    """An answer other than success: raised inside the server, turned into a response."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(f"{status} {body.get('title', '')}")
        self.status = status
        self.body = body


def unauthorized() -> ApiError:
    return ApiError(
        401,
        {"title": "Unauthorized", "type": "about:blank", "status": 401, "detail": "Unauthorized"},
    )


def forbidden(detail: str) -> ApiError:
    return ApiError(
        403, {"detail": detail, "type": "about:blank", "title": "Forbidden", "status": 403}
    )


def unsupported_authentication() -> ApiError:
    return ApiError(
        403,
        {
            "title": "Unsupported Authentication",
            "detail": (
                "Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  "
                "Supported authentication types are [OAuth 1.0a User Context, "
                "OAuth 2.0 User Context]."
            ),
            "type": PROBLEMS + "unsupported-authentication",
            "status": 403,
        },
    )


def invalid_request(
    message: str, parameter: str | None = None, values: list[str] | None = None
) -> ApiError:
    error: dict[str, Any] = {"message": message}
    if parameter is not None:
        error = {"parameters": {parameter: values or []}, "message": message}
    return ApiError(
        400,
        {
            "errors": [error],
            "title": "Invalid Request",
            "detail": "One or more parameters to your request was invalid.",
            "type": PROBLEMS + "invalid-request",
        },
    )


def too_many_requests() -> ApiError:
    return ApiError(
        429,
        {
            "title": "Too Many Requests",
            "detail": "Too Many Requests",
            "type": "about:blank",
            "status": 429,
        },
    )


def usage_capped() -> ApiError:
    return ApiError(
        429,
        {
            "title": "UsageCapExceeded",
            "detail": "Usage cap exceeded: Monthly product cap",
            "type": PROBLEMS + "usage-capped",
            "period": "Monthly",
            "scope": "Product",
            "status": 429,
        },
    )


def server_error(status: int) -> ApiError:
    title = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}.get(
        status, "Server Error"
    )
    return ApiError(
        status, {"title": title, "detail": title, "type": "about:blank", "status": status}
    )


def route_not_found() -> ApiError:
    return ApiError(
        404,
        {
            "title": "Not Found Error",
            "detail": "Sorry, that page does not exist.",
            "type": "about:blank",
            "status": 404,
        },
    )


def not_found_entry(resource_type: str, parameter: str, value: str) -> dict[str, Any]:
    """One entry of a 200 answer's partial `errors` list: a user or post that is gone."""
    return {
        "value": value,
        "detail": f"Could not find {resource_type} with {parameter}: [{value}].",
        "title": "Not Found Error",
        "resource_type": resource_type,
        "parameter": parameter,
        "resource_id": value,
        "type": PROBLEMS + "resource-not-found",
    }
