"""X's batch compliance: which stored posts X says must go (deleted, protected, suspended).

X's developer terms want stored posts that were deleted, or whose author made the account
protected or was suspended, removed or changed within 24 hours. One job checks up to
X's limit of ids: create it (app-only auth), PUT the ids one a line to its upload URL,
poll the job until it is complete, then read its result file (one JSON line a post).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import requests
import tweepy

from jundesk.intake.source import Refused, TransientError
from jundesk.intake.x_credentials import XCredentials
from jundesk.intake.x_transport import mount

log = logging.getLogger(__name__)

# X takes up to 500,000 ids a tweets job.
MAX_IDS_PER_JOB = 500_000
FINISHED = ("complete", "failed", "expired")


@dataclass
class XCompliance:
    credentials: XCredentials
    api_base: str | None = None
    timeout: tuple[float, float] = (10.0, 300.0)
    poll_interval: float = 5.0
    max_wait: float = 3600.0  # seconds to wait for a job before giving up until tomorrow
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.time
    files: requests.Session = field(default_factory=requests.Session)

    def __post_init__(self) -> None:
        if not self.credentials.bearer_token:
            raise Refused(
                "X's compliance jobs need the app's bearer token (JUNDESK_X_BEARER_TOKEN "
                "or 'jundesk accounts set')."
            )
        self.client = tweepy.Client(
            bearer_token=self.credentials.bearer_token, return_type=requests.Response
        )
        mount(self.client.session, self.api_base, self.timeout)

    def check(self, post_ids: Sequence[str], name: str = "jundesk") -> dict[str, str]:
        """X post id -> why it must go, for those of `post_ids` X reports."""
        verdicts: dict[str, str] = {}
        for start in range(0, len(post_ids), MAX_IDS_PER_JOB):
            verdicts.update(self._job(post_ids[start : start + MAX_IDS_PER_JOB], name))
        return verdicts

    def _job(self, post_ids: Sequence[str], name: str) -> dict[str, str]:
        job = self._data(
            "create a compliance job",
            lambda: self.client.create_compliance_job(type="tweets", name=name[:64]),
        )
        body = "\n".join(post_ids).encode()
        self._file("PUT", str(job["upload_url"]), body)
        deadline = self.clock() + self.max_wait
        while job.get("status") not in FINISHED:
            if self.clock() > deadline:
                raise TransientError(f"X's compliance job {job.get('id')} is not done yet.")
            self.sleep(self.poll_interval)
            job = self._data("read the compliance job", partial(self._job_state, str(job["id"])))
        if job.get("status") != "complete":
            raise TransientError(f"X's compliance job {job.get('id')} {job.get('status')}.")
        result = self._file("GET", str(job["download_url"]), b"")
        return _verdicts(result)

    def _job_state(self, job_id: str) -> Any:
        return self.client.get_compliance_job(job_id)

    def _data(self, what: str, request: Callable[[], Any]) -> dict[str, Any]:
        try:
            response = request()
        except tweepy.Unauthorized as exc:
            raise Refused(f"X refused to {what}: the bearer token was not accepted.") from exc
        except tweepy.Forbidden as exc:
            raise Refused(f"X refused to {what} (forbidden for this app).") from exc
        except (tweepy.TweepyException, requests.RequestException) as exc:
            raise TransientError(f"X could not {what}: {exc}") from exc
        try:
            body = response.json()
        except ValueError as exc:
            raise TransientError(f"X answered a malformed body when asked to {what}.") from exc
        data = body.get("data") if isinstance(body, dict) else None
        if not isinstance(data, dict) or "id" not in data:
            raise TransientError(f"X did not {what}: {body!r:.200}")
        return data

    def _file(self, method: str, url: str, body: bytes) -> bytes:
        try:
            response = self.files.request(
                method,
                url,
                data=body if method == "PUT" else None,
                headers={"Content-Type": "text/plain"} if method == "PUT" else None,
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            raise TransientError(f"X's compliance file could not be reached: {exc}") from exc
        if response.status_code >= 300:
            raise TransientError(
                f"X's compliance file answered {response.status_code} to {method}."
            )
        return response.content


def _verdicts(result: bytes) -> dict[str, str]:
    verdicts: dict[str, str] = {}
    for line in result.decode("utf-8", "replace").splitlines():
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
        except ValueError:
            log.warning("X's compliance result has a line that is not JSON; skipped")
            continue
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            verdicts[entry["id"]] = str(entry.get("reason") or entry.get("action") or "delete")
    return verdicts
