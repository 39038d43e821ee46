"""Accuracy on realistic labelled posts, written before the rules: eval.jsonl (232 posts, es
~60%, en ~30%, fr/ca) and eval_extra.jsonl (noise nuisances, lost and found pets, vandalism,
storm debris, blocked garages, people in danger, praise), each held to the same thresholds.

The held-out set (data/heldout.jsonl) is not used here: only benchmarks/triage_own_sets.py
reads it, so it stays an honest measure of posts the rules were not tuned on.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jundesk.core.model import Priority
from jundesk.triage import Triage, Verdict

DATA = Path(__file__).parent / "data"
EVAL_FILES = ("eval.jsonl", "eval_extra.jsonl")
# The smallest each file may be: a shrunken file would make its thresholds meaningless.
MIN_POSTS = {"eval.jsonl": 200, "eval_extra.jsonl": 40}

Results = list[tuple[dict[str, str], Verdict]]


@pytest.fixture(scope="module")
def triage() -> Triage:
    return Triage.from_resources()


@pytest.fixture(scope="module", params=EVAL_FILES)
def results(request: pytest.FixtureRequest, triage: Triage) -> Results:
    name: str = request.param
    text = (DATA / name).read_text(encoding="utf-8")
    posts = [json.loads(line) for line in text.splitlines() if line.strip()]
    assert len(posts) >= MIN_POSTS[name]
    return [(post, triage.classify(post["text"])) for post in posts]


def test_eval_set_is_big_and_balanced() -> None:
    text = (DATA / "eval.jsonl").read_text(encoding="utf-8")
    posts = [json.loads(line) for line in text.splitlines() if line.strip()]
    assert len(posts) >= 200
    roles = {post["role"] for post in posts}
    assert roles == {"police", "street_cleaning", "lighting", "unrouted"}


def test_role_accuracy(results: Results) -> None:
    right = sum(post["role"] == verdict.role for post, verdict in results)
    assert right / len(results) >= 0.85


def test_urgent_recall_and_precision(results: Results) -> None:
    truth = [post["priority"] == "urgent" for post, _ in results]
    said = [verdict.priority is Priority.URGENT for _, verdict in results]
    hits = sum(t and s for t, s in zip(truth, said, strict=True))
    assert hits / sum(truth) >= 0.95
    assert hits / sum(said) >= 0.8


def test_priority_accuracy(results: Results) -> None:
    right = sum(post["priority"] == verdict.priority for post, verdict in results)
    assert right / len(results) >= 0.85
