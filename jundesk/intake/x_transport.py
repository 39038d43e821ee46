"""A requests transport adapter for tweepy's session: timeouts, and an API base URL setting.

tweepy writes X's host into its code; mounting this adapter on the client's session sends
the same requests (OAuth signatures included, computed on X's URL) to another base, such as
the local X API server the tests and the demo use.
"""

from __future__ import annotations

from typing import Any

import requests
from requests.adapters import HTTPAdapter

X_API_BASE = "https://api.twitter.com"
DEFAULT_TIMEOUT = (5.0, 30.0)  # connect, read


class XTransport(HTTPAdapter):
    def __init__(
        self,
        base_url: str = X_API_BASE,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: Any = True,
        cert: Any = None,
        proxies: dict[str, str] | None = None,
    ) -> requests.Response:
        if request.url and self.base_url != X_API_BASE and request.url.startswith(X_API_BASE):
            request.url = self.base_url + request.url[len(X_API_BASE) :]
        return super().send(
            request,
            stream=stream,
            timeout=self.timeout if timeout is None else timeout,
            verify=verify,
            cert=cert,
            proxies=proxies,
        )


def mount(session: requests.Session, base_url: str | None, timeout: tuple[float, float]) -> None:
    """Route X's host on this session through an XTransport for `base_url`."""
    session.mount(X_API_BASE + "/", XTransport(base_url or X_API_BASE, timeout))
