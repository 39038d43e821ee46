"""Accuracy on 232 realistic labelled posts (es ~60%, en ~30%, fr/ca), written before the rules.

The held-out set (data/heldout.jsonl) is not used here: only benchmarks/triage_accuracy.py
reads it, so it stays an honest measure of posts the rules were not tuned on.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jundesk.core.model import Priority
from jundesk.triage import Triage, Verdict

EVAL = Path(__file__).parent / "data" / "eval.jsonl"


@pytest.fixture(scope="module")
def results() -> list[tuple[dict[str, str], Verdict]]:
    triage = Triage.from_resources()
    posts = [json.loads(line) for line in EVAL.read_text(encoding="utf-8").splitlines() if line]
    return [(post, triage.classify(post["text"])) for post in posts]


def test_eval_set_is_big_and_balanced(results: list[tuple[dict[str, str], Verdict]]) -> None:
    assert len(results) >= 200
    roles = {post["role"] for post, _ in results}
    assert roles == {"police", "street_cleaning", "lighting", "unrouted"}


def test_role_accuracy(results: list[tuple[dict[str, str], Verdict]]) -> None:
    right = sum(post["role"] == verdict.role for post, verdict in results)
    assert right / len(results) >= 0.85


def test_urgent_recall_and_precision(results: list[tuple[dict[str, str], Verdict]]) -> None:
    truth = [post["priority"] == "urgent" for post, _ in results]
    said = [verdict.priority is Priority.URGENT for _, verdict in results]
    hits = sum(t and s for t, s in zip(truth, said, strict=True))
    assert hits / sum(truth) >= 0.95
    assert hits / sum(said) >= 0.8


def test_priority_accuracy(results: list[tuple[dict[str, str], Verdict]]) -> None:
    right = sum(post["priority"] == verdict.priority for post, verdict in results)
    assert right / len(results) >= 0.85
