"""Intake fixtures: the local X server, a store, and a source pointed at the server."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from jundesk.app.ingest import Ingestor, IngestReport
from jundesk.intake.backoff import Backoff
from jundesk.intake.x_credentials import XCredentials
from jundesk.intake.x_source import XSource
from jundesk.store.repository import Store
from jundesk.triage import Triage
from jundesk.xserver import XServer


@pytest.fixture
def xserver() -> Iterator[XServer]:
    with XServer(seed=1) as server:
        yield server


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "desk.db")
    yield s
    s.close()


@pytest.fixture(scope="session")
def triage() -> Triage:
    return Triage.from_resources()


def make_source(server: XServer, **kwargs: object) -> XSource:
    creds = XCredentials(user_id=server.town_user_id, **server.credentials())
    options: dict[str, object] = {
        "api_base": server.base_url,
        "backoff": Backoff(base=0.01, cap=0.05, max_attempts=6, rng=random.Random(3)),
        "timeout": (2.0, 2.0),
        "page_size": 20,
    }
    options.update(kwargs)
    return XSource(creds, **options)  # type: ignore[arg-type]


@pytest.fixture
def source(xserver: XServer) -> XSource:
    return make_source(xserver)


def poll(source: XSource, store: Store, triage: Triage) -> IngestReport:
    """One full poll of every stream, committed page by page (as the intake loop does)."""
    ingestor = Ingestor(store, triage)
    total = IngestReport()
    for key in source.streams():
        for page in source.pages(store.get_cursor(source.name, key)):
            total.add(ingestor.ingest(source.name, page))
    return total
