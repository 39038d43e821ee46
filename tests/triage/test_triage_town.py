"""Triage on the town simulator's day: an independent author's labelled posts.

The simulator (jundesk/xserver/town.py, jundesk/resources/demo/reports.toml) was written apart from
the rules, so its root reports are a fair check of vocabulary the rules were not written
from. "Witness" posts ("Confirmo, sigue así", "Same on Calle X") carry no content of their
own: unrouted is right for them, whatever their thread's label says, so they are left out.
"""

from __future__ import annotations

import pytest

from jundesk.core.model import Priority
from jundesk.triage import Triage, Verdict
from jundesk.xserver.town import ScheduledPost, TownDay

SEEDS = (1, 2, 3)
POSTS_PER_DAY = 300


@pytest.fixture(scope="module")
def results() -> list[tuple[ScheduledPost, Verdict]]:
    triage = Triage.from_resources()
    out: list[tuple[ScheduledPost, Verdict]] = []
    for seed in SEEDS:
        for post in TownDay(seed=seed, posts=POSTS_PER_DAY).schedule:
            if post.reply_to is None and post.kind != "witness":
                out.append((post, triage.classify(post.text, post.lang)))
    return out


def test_the_days_have_enough_reports(results: list[tuple[ScheduledPost, Verdict]]) -> None:
    assert len(results) >= 400
    assert sum(post.expected.priority == "urgent" for post, _ in results) >= 10


def test_role_accuracy(results: list[tuple[ScheduledPost, Verdict]]) -> None:
    right = sum(post.expected.role == verdict.role for post, verdict in results)
    assert right / len(results) >= 0.93


def test_urgent_recall(results: list[tuple[ScheduledPost, Verdict]]) -> None:
    urgent = [verdict for post, verdict in results if post.expected.priority == "urgent"]
    hits = sum(verdict.priority is Priority.URGENT for verdict in urgent)
    assert hits / len(urgent) >= 0.9
