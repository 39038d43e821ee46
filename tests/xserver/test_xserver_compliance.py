"""X's batch compliance jobs on the local server: X's shapes, the upload and the result,
and what the town's collector asks through tweepy."""

from __future__ import annotations

import json

import pytest
import requests

from jundesk.intake.x_compliance import XCompliance
from jundesk.intake.x_credentials import XCredentials
from jundesk.xserver import XServer


def test_a_job_s_answers_have_x_s_shapes_and_its_result_names_the_gone_posts(
    server: XServer, x_openapi
) -> None:
    kept = server.add_post("vecina_jun", "@AytoJun farola fundida")
    deleted = server.add_post("vecina_jun", "@AytoJun lo borraré")
    protected = server.add_post("privada", "@AytoJun cuenta que será protegida")
    suspended = server.add_post("spam", "@AytoJun spam")
    server.delete_post(deleted)
    server.mark_user("privada", "protected")
    server.mark_post(suspended, "suspended")
    bearer = {"Authorization": f"Bearer {server.bearer_token}"}

    created = requests.post(
        server.base_url + "/2/compliance/jobs",
        json={"type": "tweets", "name": "daily"},
        headers=bearer,
        timeout=10,
    )
    assert created.status_code == 200
    x_openapi.check_response(created)
    job = created.json()["data"]
    assert job["status"] == "created" and job["type"] == "tweets" and job["name"] == "daily"

    ids = "\n".join([kept, deleted, protected, suspended, "99"]).encode()
    upload = requests.put(
        job["upload_url"], data=ids, headers={"Content-Type": "text/plain"}, timeout=10
    )
    assert upload.status_code == 200
    polled = requests.get(
        server.base_url + f"/2/compliance/jobs/{job['id']}", headers=bearer, timeout=10
    )
    x_openapi.check_response(polled)
    assert polled.json()["data"]["status"] == "complete"

    result = requests.get(job["download_url"], timeout=10)
    lines = [json.loads(line) for line in result.text.splitlines()]
    assert {(e["id"], e["reason"]) for e in lines} == {
        (deleted, "deleted"),
        (protected, "protected"),
        (suspended, "suspended"),
    }
    assert all(e["action"] == "delete" and e["redacted_at"] for e in lines)


def test_compliance_jobs_take_the_app_s_bearer_token_only(server: XServer, x_openapi) -> None:
    answer = requests.post(
        server.base_url + "/2/compliance/jobs",
        json={"type": "tweets"},
        headers={"Authorization": f"Bearer {server.oauth2_user_token}"},
        timeout=10,
    )
    assert answer.status_code == 403
    bad = requests.post(
        server.base_url + "/2/compliance/jobs",
        json={"type": "likes"},
        headers={"Authorization": f"Bearer {server.bearer_token}"},
        timeout=10,
    )
    assert bad.status_code == 400
    x_openapi.check_response(bad)


@pytest.mark.slow
def test_the_collector_s_client_runs_a_job_through_tweepy(server: XServer) -> None:
    kept = server.add_post("vecina_jun", "@AytoJun farola fundida")
    gone = server.add_post("vecina_jun", "@AytoJun borrado")
    server.delete_post(gone)
    client = XCompliance(XCredentials(bearer_token=server.bearer_token), api_base=server.base_url)
    assert client.check([kept, gone]) == {gone: "deleted"}
    assert server.requests["POST /2/compliance/jobs"] == 1
