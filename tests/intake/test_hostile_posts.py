"""Untrusted post text survives the whole path byte for byte: X -> tweepy -> store -> export."""

from __future__ import annotations

import json

import pytest

from jundesk.cli.main import main
from jundesk.core.case_filter import CaseFilter
from jundesk.store.repository import Store
from jundesk.triage import Triage
from jundesk.xserver import XServer

from .conftest import make_source, poll

HOSTILE = {
    "markup": "<b>farola</b> <a href='javascript:alert(1)'>mira</a> <img src=x onerror=alert(1)>",
    "links": "la farola https://example.org/a?b=c&d=<e> y www.example.com/x",
    "rtl": "farola \u202egnp.exe\u202c rota",
    "zero_width": "fa\u200brola\u200d apa\u200cgada\ufeff",
    "nul": "farola\x00 apagada",
    "long": "farola apagada " + "a" * 25_000,
    "emoji": "farola " + "👨‍👩‍👧‍👦🏳️‍🌈🇪🇸" * 300,
    "sql": "farola'); DROP TABLE posts; -- \" OR 1=1 --",
    "fts": 'farola AND NOT "x" OR NEAR(a b) * ^c col:d',
}
# JSON can carry a lone surrogate (\ud800) that UTF-8 can't store: kept as U+FFFD.
MANGLED = "farola \ud800 apagada"


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_is_stored_and_exported_exactly(
    name: str, xserver: XServer, store: Store, triage: Triage, tmp_path, capsys
) -> None:
    text = f"@{xserver.town_handle} {HOSTILE[name]}"
    post_id = xserver.add_post("vecina", text)
    report = poll(make_source(xserver), store, triage)
    assert report.stored == 1
    stored = store.post_by_source("x", post_id)
    assert stored is not None
    assert stored.text == text
    # The case is routed like any other, and full-text search still answers.
    assert len(report.new_cases) == 1
    store.list_cases(CaseFilter(search=HOSTILE[name][:200]))
    path = store.path
    store.close()
    assert main(["export", "--db", str(path)]) == 0
    exported = json.loads(capsys.readouterr().out.splitlines()[0])
    assert exported["posts"][0]["text"] == text


def test_a_lone_surrogate_does_not_block_intake(store: Store, triage: Triage) -> None:
    from datetime import UTC, datetime

    from jundesk.app.ingest import Ingestor
    from jundesk.core.model import Cursor, Post
    from jundesk.intake.source import Page

    now = datetime.now(UTC)
    post = Post(
        id="p-1",
        source="x",
        source_id="1900000000000000001",
        author_id="7",
        author_handle="vecina",
        author_name="Vecina",
        text=MANGLED,
        created_at=now,
        received_at=now,
    )
    report = Ingestor(store, triage).ingest("x", Page((post,), Cursor("x", "k"), reads=1))
    assert report.stored == 1 and len(report.new_cases) == 1
    stored = store.post_by_source("x", post.source_id)
    assert stored is not None and stored.text == "farola \ufffd apagada"
    assert "\ufffd" in store.list_cases()[0].excerpt
