"""X's batch compliance jobs, locally: create a job, upload post ids, download the verdicts.

A job (`POST /2/compliance/jobs`, type "tweets") hands out an upload URL and a download
URL. The client PUTs one post id a line to the upload URL; the job is then complete and
the download URL gives one JSON line for each uploaded post that was deleted, or whose
author made their account protected, was suspended or deactivated, as X's result files
do: {"id", "action": "delete", "created_at", "redacted_at", "reason"}.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

# Why a post must go, as X's result files say it.
DELETED = "deleted"
PROTECTED = "protected"
SUSPENDED = "suspended"
DEACTIVATED = "deactivated"
REASONS = frozenset({DELETED, PROTECTED, SUSPENDED, DEACTIVATED})

UPLOAD_PATH = "/compliance/upload/"
DOWNLOAD_PATH = "/compliance/download/"
# X's upload and download URLs expire after 15 minutes and a week.
UPLOAD_EXPIRES = timedelta(minutes=15)
DOWNLOAD_EXPIRES = timedelta(days=7)


def x_time(at: datetime) -> str:
    return at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"


@dataclass(slots=True)
class ComplianceJob:
    id: str
    type: str
    name: str
    created_at: datetime
    status: str = "created"
    result: bytes = b""


class ComplianceJobs:
    """The server's jobs; `reason_of(post id)` says why a post must go (None: it stays)."""

    def __init__(self, reason_of: Callable[[str], str | None]) -> None:
        self._reason_of = reason_of
        self._jobs: dict[str, ComplianceJob] = {}
        self._lock = threading.Lock()
        self._next = 1_460_000_000_000_000_000

    def create(self, job_type: str, name: str, now: datetime) -> ComplianceJob:
        with self._lock:
            self._next += 1
            job = ComplianceJob(str(self._next), job_type, name, now)
            self._jobs[job.id] = job
        return job

    def get(self, job_id: str) -> ComplianceJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def upload(self, job_id: str, body: bytes, now: datetime) -> bool:
        """Take the uploaded ids and work the verdicts out at once; False: no such job, or
        it was uploaded to already."""
        job = self.get(job_id)
        if job is None or job.status != "created":
            return False
        job.status = "in_progress"
        lines: list[str] = []
        stamp = x_time(now)
        for raw in body.decode("utf-8", "replace").splitlines():
            post_id = raw.strip()
            if not post_id:
                continue
            reason = self._reason_of(post_id)
            if reason is None:
                continue
            lines.append(
                json.dumps(
                    {
                        "id": post_id,
                        "action": "delete",
                        "created_at": stamp,
                        "redacted_at": stamp,
                        "reason": reason,
                    },
                    separators=(",", ":"),
                )
            )
        job.result = ("\n".join(lines) + "\n" if lines else "").encode()
        job.status = "complete"
        return True

    def download(self, job_id: str) -> bytes | None:
        job = self.get(job_id)
        if job is None or job.status != "complete":
            return None
        return job.result

    def as_json(self, job: ComplianceJob, base_url: str) -> dict[str, Any]:
        """The job as the API answers it (ComplianceJob in the OpenAPI file)."""
        body: dict[str, Any] = {
            "id": job.id,
            "type": job.type,
            "created_at": x_time(job.created_at),
            "upload_url": base_url + UPLOAD_PATH + job.id,
            "upload_expires_at": x_time(job.created_at + UPLOAD_EXPIRES),
            "download_url": base_url + DOWNLOAD_PATH + job.id,
            "download_expires_at": x_time(job.created_at + DOWNLOAD_EXPIRES),
            "status": job.status,
        }
        if job.name:
            body["name"] = job.name
        return body
